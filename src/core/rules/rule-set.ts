/** Types of rule-set files (rules/sets/*.json, schema rules/schema/rule-set.schema.json). */

/**
 * Where a rule set is evaluated: once per unit of rules/units (school; subject — a school × grade ×
 * subject of ВПР; …), or `table`: once per row of a foreign table, against the table's own distribution.
 */
export type RuleScope = string;

/** A number or list from the region's parameter file, by its dotted path: {"param": "low_results.omsk.share"}. */
export interface ParamRef {
  param: string;
}

/** json-rules-engine condition as written in a file: values may be parameter references. */
export type ConditionJson = Record<string, unknown>;

/** What a fired rule yields: the fields its system's outcomes read (status, factor and level, marker…), a label and recommendations. */
export interface EventParams {
  /** Russian name of what the rule found, for reports. */
  label: string;
  /** Recommendation ids of the catalogue this classification triggers. */
  recommendations?: string[];
  [field: string]: unknown;
}

export interface ClassificationEvent {
  type: 'classification';
  params: EventParams;
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
  /** The system (rules/systems) whose outcomes the findings make. */
  system: string;
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
