/** Types of the template format v1 (rules/templates/*.json, schema rules/schema/template.schema.json). */

export type IndicatorType = 'integer' | 'number' | 'percent' | 'boolean' | 'list' | 'text' | 'date' | 'school_id';

export type Severity = 'error' | 'warning';

export interface ColumnSpec {
  /** Indicator code: what rules and expressions call this value. */
  code: string;
  /** Russian header as the form shows it. */
  header: string;
  /** Upper header row when the form has merged multi-row headers («Количество отметок» over «2», «3», …). */
  group?: string;
  /** Other headers accepted for this column (older forms, portals' exports). */
  synonyms?: string[];
  type: IndicatorType;
  unit?: string;
  required?: boolean;
  /** What an empty cell means: `zero` counts as 0, `missing` as not given (the default). */
  blank?: 'zero' | 'missing';
  min?: number;
  max?: number;
  /** Allowed values of a `list` column. */
  values?: string[];
  /** For `percent`: plain numbers are percent points (25 = 25 %, the default) or fractions (0.25 = 25 %). */
  percentInput?: 'points' | 'fraction';
  /** Regular expression a `school_id` or `text` value must match. */
  pattern?: string;
  /** Prompt shown in the blank form. */
  description?: string;
}

export interface CheckSpec {
  id: string;
  /** Condition over the row's indicators that must hold; skipped when a value in it is missing. */
  expr: string;
  message: string;
  severity?: Severity;
  /** Indicator whose cell the issue points at; the first indicator of the expression by default. */
  anchor?: string;
}

export interface DerivedSpec {
  code: string;
  title: string;
  expr: string;
  unit?: string;
}

export interface SheetSpec {
  id: string;
  /** Sheet name in the form. */
  name: string;
  synonyms?: string[];
  title?: string;
  /** Rows the header takes (merged multi-row headers); detected when absent. */
  headerRows?: number;
  /** Indicators that identify a row; their combination must be unique. */
  key: string[];
  /** This sheet is the school register: its `schoolColumn` values are the region's schools. */
  register?: boolean;
  /** Column holding the school id, checked against the school register. */
  schoolColumn?: string;
  columns: ColumnSpec[];
  checks?: CheckSpec[];
  derived?: DerivedSpec[];
}

export interface Template {
  id: string;
  version: string;
  title: string;
  description?: string;
  /** `foreign` describes a table someone else designed (an open-data export): no metadata sheet expected. */
  kind?: 'form' | 'foreign';
  sheets: SheetSpec[];
}

/** Name of the hidden sheet that marks a workbook made from a template. */
export const METADATA_SHEET = '_okoshko';

/** A column's title as an official reads it: «Количество отметок — 2» for a column under a group header. */
export function columnTitle(c: ColumnSpec): string {
  return c.group ? `${c.group} — ${c.header}` : c.header;
}
