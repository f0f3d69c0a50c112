import { cellAddress } from '../grid/address';
import { compileExpression, type CompiledExpression } from '../expression/expression';
import { type Grid, isCellError } from '../grid/grid';
import type { Issue, IssueDetails, IssueLocation } from './issue';
import type { Severity } from '../template/template';
import { columnTitle } from '../template/template';
import { makeIssue, rangeText } from '../messages/issues';
import { valueText } from '../messages/numbers';
import { bindSheet, headerCell, type SheetBinding } from '../template/sheet-binding';
import { detectTemplate, findSpecSheet } from '../template/template-detect';
import type { ColumnSpec, SheetSpec, Template } from '../template/template';
import { columnTyping, displayValue, type IndicatorValue, TYPE_NAMES, typeCell } from './value';

/** One data row of a submission, typed: indicators and derived indicators by code. */
export interface SubmissionRecord {
  /** 1-based row number in the sheet. */
  row: number;
  values: Record<string, IndicatorValue>;
  /** The row has at least one error: rules may leave it out. */
  hasErrors: boolean;
}

export interface SheetRecords {
  spec: SheetSpec;
  /** Name of the sheet it was read from; undefined when the sheet is missing. */
  sheetName?: string;
  records: SubmissionRecord[];
}

export interface ValidationResult {
  template?: Template;
  sheets: SheetRecords[];
  issues: Issue[];
}

export interface ValidationOptions {
  /** The template to use instead of detecting it. */
  template?: Template;
  /** School ids of the register; results naming another school get `school_unknown`. */
  knownSchools?: ReadonlySet<string>;
}

interface CompiledSheet {
  spec: SheetSpec;
  byCode: Map<string, ColumnSpec>;
  derived: { code: string; expr: CompiledExpression }[];
  checks: { spec: NonNullable<SheetSpec['checks']>[number]; expr: CompiledExpression; anchor: string }[];
  /** Every column and derived indicator, null: each record starts as a copy of it. */
  shape: Record<string, IndicatorValue>;
}

/**
 * An object of the sheet's fields in V8's fast mode: a parsed object is, and a spread copy keeps its
 * hidden class. Records made by adding dozens of fields one by one (or with no prototype) become hash
 * tables: at 40,000 schools they were most of the memory and the slowest part of reading facts.
 */
function recordShape(codes: readonly string[]): Record<string, IndicatorValue> {
  const fields: Record<string, null> = {};
  for (const c of codes) fields[c] = null;
  return JSON.parse(JSON.stringify(fields)) as Record<string, IndicatorValue>;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

const compiledSheets = new WeakMap<SheetSpec, CompiledSheet>();

function compileSheet(spec: SheetSpec): CompiledSheet {
  let compiled = compiledSheets.get(spec);
  if (compiled) return compiled;
  const byCode = new Map(spec.columns.map((c) => [c.code, c]));
  compiled = {
    shape: recordShape([...spec.columns.map((c) => c.code), ...(spec.derived ?? []).map((d) => d.code)]),
    spec,
    byCode,
    derived: (spec.derived ?? []).map((d) => ({ code: d.code, expr: compileExpression(d.expr) })),
    checks: (spec.checks ?? []).map((c) => {
      const expr = compileExpression(c.expr);
      return { spec: c, expr, anchor: c.anchor ?? expr.identifiers.find((id) => byCode.has(id)) ?? spec.key[0] };
    }),
  };
  compiledSheets.set(spec, compiled);
  return compiled;
}

function validateSheet(binding: SheetBinding, options: ValidationOptions, issues: Issue[]): SubmissionRecord[] {
  const { spec, sheet } = binding;
  const compiled = compileSheet(spec);
  const push = (severity: Severity, issue: IssueDetails & Omit<IssueLocation, 'sheet' | 'indicatorTitle'>) => {
    const column = issue.indicator === undefined ? undefined : compiled.byCode.get(issue.indicator);
    issues.push(makeIssue(severity, { sheet: sheet.name, ...issue, ...(column && { indicatorTitle: columnTitle(column) }) }));
  };

  for (const c of binding.missing) push(c.required ? 'error' : 'warning', { code: 'column_missing', required: Boolean(c.required), indicator: c.code });
  for (const [code, cols] of binding.duplicates)
    for (const col of cols) push('error', { code: 'column_duplicate', firstCell: headerCell(binding, binding.columns.get(code)!), cell: headerCell(binding, col), indicator: code });
  for (const u of binding.unknown) push('warning', { code: 'column_unknown', header: u.header, cell: headerCell(binding, u.col), value: u.header });

  const bound = spec.columns.filter((c) => binding.columns.has(c.code)).map((c) => ({ column: c, col: binding.columns.get(c.code)!, typing: columnTyping(c) }));
  const unbound = spec.columns.filter((c) => !binding.columns.has(c.code));
  const percentCells = sheet.percentCells;
  const keyCols = spec.key.filter((k) => binding.columns.has(k));
  const keyTitles = spec.key.map((k) => columnTitle(compiled.byCode.get(k)!));
  const seenKeys = new Map<string, number>();
  const schoolColumn = spec.schoolColumn && !spec.register && options.knownSchools ? spec.schoolColumn : undefined;
  const records: SubmissionRecord[] = [];

  for (let r = binding.headerBottom + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
    const values: Record<string, IndicatorValue> = { ...compiled.shape };
    const invalid = new Set<string>();
    let hasErrors = false;
    const at = (code: string) => cellAddress(r, binding.columns.get(code)!);

    for (const { column, col, typing } of bound) {
      const raw = row[col] ?? null;
      const addr = cellAddress(r, col);
      const typed = typeCell(raw, typing, percentCells?.has(addr));
      if (!typed.ok) {
        invalid.add(column.code);
        values[column.code] = null;
        hasErrors = true;
        if (typed.problem === 'excel_error') push('error', { code: 'cell_error', error: isCellError(raw) ? raw.error : '', cell: addr, indicator: column.code, value: displayValue(raw) });
        else if (column.type === 'list') push('error', { code: 'not_in_list', allowed: column.values!, cell: addr, indicator: column.code, value: displayValue(raw), expected: column.values!.join('; ') });
        else {
          const patterned = column.pattern && (column.type === 'school_id' || column.type === 'text');
          const expected = patterned ? `${TYPE_NAMES[column.type]} вида ${column.pattern}` : TYPE_NAMES[column.type];
          push('error', { code: 'type_invalid', type: column.type, ...(patterned && { pattern: column.pattern }), cell: addr, indicator: column.code, value: displayValue(raw), expected });
        }
        continue;
      }
      let value = typed.value;
      if (value === null) {
        if (column.required) {
          hasErrors = true;
          invalid.add(column.code);
          push('error', { code: 'required_blank', cell: addr, indicator: column.code, value: null });
        } else if (column.blank === 'zero') value = 0;
      } else if (typeof value === 'number' && ((column.min !== undefined && value < column.min) || (column.max !== undefined && value > column.max))) {
        push('error', { code: 'out_of_range', min: column.min, max: column.max, cell: addr, indicator: column.code, value, expected: rangeText(column.min, column.max) });
        invalid.add(column.code);
        hasErrors = true;
        value = null;
      }
      values[column.code] = value;
    }
    for (const c of unbound) values[c.code] = c.blank === 'zero' ? 0 : null;

    if (keyCols.length === spec.key.length && spec.key.every((k) => values[k] !== null)) {
      const key = spec.key.map((k) => String(values[k]).toLowerCase()).join('\u0001');
      const first = seenKeys.get(key);
      if (first !== undefined) {
        hasErrors = true;
        push('error', { code: 'key_duplicate', firstRow: first, key: spec.key, keyTitles, cell: at(spec.key[0]), indicator: spec.key[0], value: valueText(values[spec.key[0]]), expected: `строка ${first}` });
      } else seenKeys.set(key, r + 1);
    }

    if (schoolColumn && binding.columns.has(schoolColumn)) {
      const id = values[schoolColumn];
      if (typeof id === 'string' && !options.knownSchools!.has(id)) {
        hasErrors = true;
        push('error', { code: 'school_unknown', schoolId: id, cell: at(schoolColumn), indicator: schoolColumn, value: id });
      }
    }

    const scope = (name: string) => values[name];
    for (const d of compiled.derived) values[d.code] = d.expr.evaluate(scope);
    for (const check of compiled.checks) {
      if (check.expr.identifiers.some((id) => invalid.has(id) || !own(values, id))) continue;
      if (check.expr.evaluate(scope) !== false) continue;
      const severity = check.spec.severity ?? 'error';
      if (severity === 'error') hasErrors = true;
      const shown = check.expr.identifiers.map((id) => ({ indicator: id, title: compiled.byCode.has(id) ? columnTitle(compiled.byCode.get(id)!) : id, value: values[id] }));
      push(severity, {
        code: 'check_failed', check: check.spec.id, checkMessage: check.spec.message, values: shown,
        cell: binding.columns.has(check.anchor) ? at(check.anchor) : undefined,
        indicator: check.anchor, value: valueText(values[check.anchor] ?? null), expected: check.spec.message,
      });
    }
    records.push({ row: r + 1, values, hasErrors });
  }
  return records;
}

/** Validates a grid against one template: structure, types, limits, lists, keys, checks and school references. */
export function validateAgainst(grid: Grid, template: Template, options: ValidationOptions = {}): ValidationResult {
  const issues: Issue[] = [];
  const sheets: SheetRecords[] = [];
  for (const spec of template.sheets) {
    const sheet = findSpecSheet(grid, spec, template);
    if (!sheet) {
      issues.push(makeIssue('error', { code: 'sheet_missing', sheet: spec.name }));
      sheets.push({ spec, records: [] });
      continue;
    }
    const records = validateSheet(bindSheet(spec, sheet), options, issues);
    sheets.push({ spec, sheetName: sheet.name, records });
  }
  if (sheets.every((s) => s.records.length === 0) && !issues.some((i) => i.code === 'sheet_missing' || i.code === 'column_missing'))
    issues.push(makeIssue('error', { code: 'submission_empty' }));
  return { template, sheets, issues };
}

/** Detects the template (unless given) and validates the submission against it. */
export function validateSubmission(grid: Grid, templates: readonly Template[], options: ValidationOptions = {}): ValidationResult {
  if (options.template) return validateAgainst(grid, options.template, options);
  const detection = detectTemplate(grid, templates);
  if (!detection.template) return { sheets: [], issues: detection.issues };
  const result = validateAgainst(grid, detection.template, options);
  return { ...result, issues: [...detection.issues, ...result.issues] };
}

/** School ids listed by the register sheets of a validated submission. */
export function registerSchools(result: ValidationResult): Set<string> {
  const ids = new Set<string>();
  for (const s of result.sheets) {
    if (!s.spec.register || !s.spec.schoolColumn) continue;
    for (const r of s.records) {
      const id = r.values[s.spec.schoolColumn];
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}
