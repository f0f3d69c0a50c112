/**
 * Types of the files that say what rules see: units (rules/units/*.json) and indicator groups
 * (rules/indicators/*.json), schemas rules/schema/unit.schema.json and indicators.schema.json.
 * An indicator is the «методика расчёта» of a regional indicator passport: an aggregation over a
 * form's records, for a unit and a year, written once and read by rules, explanations and reports.
 */

/** A form sheet as «template.sheet», e.g. «vpr.results». */
export type SheetRef = string;

/** What rules are evaluated for: a school, a school × grade × subject of ВПР, a row of a foreign table… */
export interface UnitSpec {
  id: string;
  title: string;
  description?: string;
  /** The sheet whose records make the units: one unit per distinct key, per year when the sheet has a year. */
  from: SheetRef;
  /** Fields that identify a unit; records of any sheet belong to the unit whose key fields they share. */
  key: string[];
  /** The unit this one belongs to (a work belongs to its school): its key fields are part of `key`. */
  parent?: string;
  /** Key fields that comparable units share (grade and subject): region context is taken among them. */
  peers?: string[];
  /** The key field that grows by one a year, so that a unit can be followed (grade: 5th → 6th). */
  cohort?: string;
  /** Fields of the unit's record with its name and municipality, for reports and municipal context. */
  name?: string;
  municipality?: string;
  /** How explanations name a unit: an expression over its key fields and year. */
  label?: string;
  /** How explanations name the context of the whole population. */
  context_titles?: Partial<ContextTitles>;
}

export interface ContextTitles {
  mean: string;
  weighted: string;
  percentile: string;
  rank: string;
}

export type Scalar = string | number | boolean;

/** A sheet, or a sheet whose records get extra fields (an expression each): {"sheet": "gia.oge", "fields": {"exam": "'ОГЭ'"}}. */
export type SheetSource = SheetRef | { sheet: SheetRef; fields?: Record<string, string> };

export type Aggregate =
  | 'first'
  | 'last'
  | 'sum'
  | 'count'
  | 'distinct'
  | 'share'
  | 'mean'
  | 'weighted_mean'
  | 'min'
  | 'max'
  | 'any'
  | 'all'
  | 'list'
  | 'expression'
  | 'rank'
  | 'cumulative_share';

export type IndicatorKind = 'number' | 'boolean' | 'text' | 'list' | 'rank';

export interface IndicatorSpec {
  id: string;
  title: string;
  /** Unit of measure: «%», «чел.», «п. п.». */
  unit?: string;
  /** The methodology in words, for editors and reports. */
  description?: string;
  type?: IndicatorKind;
  from?: SheetSource | SheetSource[];
  /** Record fields and the values they must have (a value or a list of values). */
  filter?: Record<string, Scalar | Scalar[]>;
  /** A condition over the record's fields. */
  where?: string;
  /** Records of the year (current, the default), of every year read up to it (all), or of the last N years. */
  years?: 'current' | 'all' | number;
  /** Records of the unit (the default), or of every comparable unit of the region (same peers). */
  over?: 'unit' | 'region';
  aggregate: Aggregate;
  /** An expression over a record: what is summed, averaged, listed, taken… */
  value?: string;
  /** For min and max: several values per record, each with its label. */
  values?: { value: string; label?: string }[];
  /** An expression over a record naming it in explanations. */
  label?: string;
  /** For share: 100 · Σ part / Σ whole. */
  part?: string;
  whole?: string;
  /** For weighted_mean. */
  weight?: string;
  /** For list: fields that find the same record a year earlier, read as prev.<field>. */
  match?: string[];
  /** For expression: over the unit's facts (a sibling indicator by its id, other facts as group.indicator). */
  expression?: string;
  /**
   * For rank and cumulative_share: the indicator ranked, the order (descending: 1 is the largest) and
   * which units take part. cumulative_share is the share of the population's total its units ranked
   * strictly above hold (НИУ ВШЭ: the schools that together make up 60 % of the region's failures).
   */
  of?: string;
  order?: 'descending' | 'ascending';
  among?: string;
}

/** A group of indicators of one unit: rules read it as a fact by its id ({"fact": "gia", "path": "$.share_below_min"}). */
export interface IndicatorGroupSpec {
  id: string;
  title: string;
  description?: string;
  unit: string;
  /** Default source of the group's indicators. */
  from?: SheetSource | SheetSource[];
  /** Every column and derived indicator of the `from` sheet, as the unit's record gives them. */
  columns?: '*';
  /** Explanations quote last year's value beside this year's. */
  quote_previous_year?: boolean;
  indicators?: IndicatorSpec[];
}

export const DEFAULT_CONTEXT_TITLES: ContextTitles = {
  mean: 'среднее по региону',
  weighted: 'по региону в целом',
  percentile: 'процентиль в регионе',
  rank: 'место в регионе',
};

export const TABLE_CONTEXT_TITLES: ContextTitles = {
  mean: 'среднее по таблице',
  weighted: 'по таблице в целом',
  percentile: 'процентиль в таблице',
  rank: 'место в таблице',
};
