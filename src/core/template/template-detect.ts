import { type Grid, type GridSheet, isCellError, isDate } from '../grid/grid';
import type { Issue } from '../validate/issue';
import { makeIssue } from '../messages/issues';
import { normalizeLabel } from './label';
import { bindSheet } from './sheet-binding';
import { METADATA_SHEET, type SheetSpec, type Template } from './template';

/** What the hidden metadata sheet of a form says about its template. */
export interface FormMetadata {
  template?: string;
  version?: string;
  /** A workbook Okoshko wrote as a report (validation, classification, a municipality's book): not a form. */
  report?: string;
}

/** Sheets of our own that are not data: the metadata sheet and the form's hidden list sheet. */
export function isServiceSheet(sheet: GridSheet): boolean {
  return sheet.name === METADATA_SHEET || sheet.name === '_lists';
}

export function readMetadata(grid: Grid): FormMetadata | undefined {
  const sheet = grid.sheets.find((s) => s.name === METADATA_SHEET);
  if (!sheet) return undefined;
  const meta: FormMetadata = {};
  for (const row of sheet.rows) {
    if (!row || typeof row[0] !== 'string') continue;
    const value = row[1];
    if (value === null || value === undefined || isCellError(value)) continue;
    const text = isDate(value) ? value.toISOString() : String(value).trim();
    if (row[0] === 'template') meta.template = text;
    if (row[0] === 'version') meta.version = text;
    if (row[0] === 'report') meta.report = text;
  }
  return meta;
}

/** The grid sheet a template sheet is in: by name or synonym; a one-sheet template takes a one-sheet file (CSV) whatever its name. */
export function findSpecSheet(grid: Grid, spec: SheetSpec, template: Template): GridSheet | undefined {
  const names = new Set([spec.name, ...(spec.synonyms ?? [])].map(normalizeLabel));
  const data = grid.sheets.filter((s) => !isServiceSheet(s));
  const byName = data.find((s) => names.has(normalizeLabel(s.name)));
  if (byName) return byName;
  if (template.sheets.length === 1 && data.filter((s) => !s.hidden).length === 1) return data.find((s) => !s.hidden);
  return undefined;
}

function headerScore(grid: Grid, template: Template): number {
  let matched = 0;
  let total = 0;
  for (const spec of template.sheets) {
    total += spec.columns.length;
    const sheet = findSpecSheet(grid, spec, template);
    if (sheet) matched += bindSheet(spec, sheet).columns.size;
  }
  return total ? matched / total : 0;
}

export type TemplateDetection =
  | { template: Template; issues: Issue[] }
  | { template?: undefined; issues: Issue[] };

const MIN_HEADER_SCORE = 0.5;

/**
 * The template of a submission: named by its metadata sheet, or else the template whose headers
 * it matches best (at least half of the indicators).
 */
export function detectTemplate(grid: Grid, templates: readonly Template[]): TemplateDetection {
  const meta = readMetadata(grid);
  if (meta?.template) {
    const template = templates.find((t) => t.id === meta.template);
    if (!template) return { issues: [makeIssue('error', { code: 'template_unknown', template: meta.template, sheet: METADATA_SHEET, value: meta.template })] };
    const issues: Issue[] = [];
    if (meta.version !== template.version)
      issues.push(
        makeIssue('error', { code: 'template_version', template: template.id, templateTitle: template.title, found: meta.version ?? null, current: template.version, sheet: METADATA_SHEET, value: meta.version ?? null, expected: template.version }),
      );
    return { template, issues };
  }
  let best: { template: Template; score: number } | undefined;
  for (const template of templates) {
    const score = headerScore(grid, template);
    if (!best || score > best.score) best = { template, score };
  }
  if (best && best.score >= MIN_HEADER_SCORE) return { template: best.template, issues: [] };
  return { issues: [makeIssue('error', { code: 'template_unknown' })] };
}
