/** Types of rule-set files (rules/sets/*.json, schema rules/schema/rule-set.schema.json). */

/**
 * Where a rule set is evaluated: once per school of the region, once per school × grade × subject of
 * ВПР, or once per row of a foreign table (open data) judged against the table's own distribution.
 */
export type RuleScope = 'school' | 'subject' | 'table';

/** The classification areas rule sets produce. */
export type ClassificationArea = 'low_results' | 'risk_factors' | 'objectivity';

/** A number or list from the region's parameter file, by its dotted path: {"param": "low_results.omsk.share"}. */
export interface ParamRef {
  param: string;
}

/** json-rules-engine condition as written in a file: values may be parameter references. */
export type ConditionJson = Record<string, unknown>;

export interface ClassificationEvent {
  type: 'classification';
  params: {
    /** low_results: ШНОР or ШНСУ. */
    status?: 'ШНОР' | 'ШНСУ';
    /** risk_factors: the factor id and its level. */
    factor?: string;
    level?: 'high' | 'medium';
    /** objectivity: the marker id. */
    marker?: string;
    /** Russian name of what the rule found, for reports. */
    label: string;
    /** Recommendation ids of the catalogue this classification triggers. */
    recommendations?: string[];
  };
}

export interface RuleSpec {
  /** Stable id of the rule, unique in its set. */
  name: string;
  title: string;
  /** Published practice or document the rule expresses. */
  basis?: string;
  priority?: number;
  conditions: ConditionJson;
  event: ClassificationEvent;
}

export interface RuleSetFile {
  id: string;
  title: string;
  version: string;
  area: ClassificationArea;
  scope: RuleScope;
  /** For scope `table`: the template of the table. */
  template?: string;
  /** The parameter file (rules/params/<id>.json) the set is written for; any when absent. */
  params?: string;
  basis: string;
  effective: { from: string; to?: string | null };
  /** Named conditions rules refer to as {"condition": "name"}. */
  conditions?: Record<string, ConditionJson>;
  rules: RuleSpec[];
}

/** The region's thresholds (rules/params/*.json): nested objects of numbers, lists and texts. */
export interface ParamsFile {
  region: string;
  version: string;
  basis?: string;
  params: Record<string, unknown>;
}
