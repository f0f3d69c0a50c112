import { columnTitle, type IndicatorType, type SheetSpec, type Template } from '../template/template';
import type { IndicatorKind, SheetRef } from './definition';

/** A field of a form sheet as indicators see it: a column or a derived indicator. */
export interface SheetField {
  code: string;
  title: string;
  unit?: string;
  kind: IndicatorKind;
  /** Allowed values of a list column. */
  values?: readonly string[];
}

/** A form sheet an indicator or a unit reads. */
export interface SheetInfo {
  ref: SheetRef;
  template: Template;
  spec: SheetSpec;
  fields: Map<string, SheetField>;
  /** The sheet has an integer `year` column: its records belong to a year. */
  hasYear: boolean;
}

const KINDS: Record<IndicatorType, IndicatorKind> = {
  integer: 'number',
  number: 'number',
  percent: 'number',
  boolean: 'boolean',
  list: 'text',
  text: 'text',
  date: 'text',
  school_id: 'text',
};

export function sheetInfo(template: Template, spec: SheetSpec): SheetInfo {
  const foreign = template.kind === 'foreign';
  const fields = new Map<string, SheetField>();
  for (const c of spec.columns)
    fields.set(c.code, { code: c.code, title: (foreign && c.description) || columnTitle(c), unit: c.unit, kind: KINDS[c.type], ...(c.values && { values: c.values }) });
  for (const d of spec.derived ?? []) fields.set(d.code, { code: d.code, title: d.title, unit: d.unit, kind: 'number' });
  const year = spec.columns.find((c) => c.code === 'year');
  return { ref: `${template.id}.${spec.id}`, template, spec, fields, hasYear: year?.type === 'integer' };
}

/** Every sheet of the templates by «template.sheet». */
export function sheetsOf(templates: readonly Template[]): Map<SheetRef, SheetInfo> {
  const sheets = new Map<SheetRef, SheetInfo>();
  for (const t of templates) for (const s of t.sheets) sheets.set(`${t.id}.${s.id}`, sheetInfo(t, s));
  return sheets;
}
