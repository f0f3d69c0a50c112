import type { Grid } from '../../core/grid';
import { addressRecommendations, type AddressedRecommendation } from '../../core/recommend/address';
import { classificationSheet, tableClassificationSheet } from '../../core/report/classification-sheets';
import { recommendationsSheet } from '../../core/report/recommendations-sheet';
import { classificationStamp } from '../../core/report/stamp';
import type { ReportSheet } from '../../core/report/report-sheet';
import { issuesSheet, type IssuesOfFile } from '../../core/report/validation-sheets';
import { classifyRegion, riskFactorTitles, type SchoolClassification } from '../../core/rules/classify';
import type { IndicatorRow } from '../../core/rules/fact-model';
import { buildRegionFacts } from '../../core/rules/facts';
import { collectRegionRecords } from '../../core/rules/region-records';
import { forTables } from '../../core/rules/rule-folder';
import { ruleProblemText } from '../../core/rules/rule-lint';
import { classifyTable, foreignTables } from '../../core/rules/table-classify';
import type { Template } from '../../core/template';
import { detectTemplate } from '../../core/template-detect';
import { registerSchools, validateAgainst, type ValidationResult } from '../../core/validate';
import { makeValidationReport, type ValidationReport } from '../../core/validation-report';
import { type LoadedRules, regionRules } from './rule-bundle';

/**
 * What the pane does between a host's grid and a host's report sheets, the same in Excel and in the
 * browser: every step is the core's.
 */

/** One workbook the pane works on: the open workbook in Excel, or a file the user chose. */
export interface Source {
  name: string;
  grid: Grid;
  /** The open Excel workbook: its issues' cells can be selected, the report links into it. */
  open?: boolean;
}

export interface CheckedSource {
  source: Source;
  result: ValidationResult;
  report: ValidationReport;
}

/** The template a source is checked against: the one the user picked, or the core's detection. */
export function templateOf(source: Source, templates: readonly Template[], picked?: Template): Template | undefined {
  return picked ?? detectTemplate(source.grid, templates).template;
}

const isRegister = (t: Template | undefined) => Boolean(t && t.sheets.some((s) => s.register));

/** checkSources one source at a time, so that a caller can yield or report progress between sources. */
export interface SourceChecking {
  readonly total: number;
  /** The source the next `step()` checks; undefined once all are checked. */
  readonly upcoming: Source | undefined;
  /** Checks the upcoming source; false when there was none left. */
  step(): boolean;
  /** The checked sources in the order given. */
  checked(): CheckedSource[];
}

/**
 * Validates every source; registers first, so results forms are checked against the schools they
 * list. `picked` applies to the open workbook (or to a single file).
 */
export function sourceChecking(sources: readonly Source[], templates: readonly Template[], picked?: Template, now = new Date()): SourceChecking {
  const pickedFor = (s: Source) => (picked && (s.open || sources.length === 1) ? picked : undefined);
  const ordered = sources.map((source, index) => ({ source, index, template: templateOf(source, templates, pickedFor(source)) }));
  ordered.sort((a, b) => Number(isRegister(b.template)) - Number(isRegister(a.template)) || a.index - b.index);
  let knownSchools: Set<string> | undefined;
  const checked: { index: number; c: CheckedSource }[] = [];
  let at = 0;
  return {
    total: ordered.length,
    get upcoming() {
      return at < ordered.length ? ordered[at].source : undefined;
    },
    step() {
      if (at >= ordered.length) return false;
      const { source, index } = ordered[at++];
      const forced = pickedFor(source);
      const detection = forced ? { template: forced, issues: [] } : detectTemplate(source.grid, templates);
      const result: ValidationResult = detection.template ? validateAgainst(source.grid, detection.template, { knownSchools }) : { sheets: [], issues: [] };
      result.issues.unshift(...detection.issues);
      if (isRegister(detection.template)) {
        const ids = registerSchools(result);
        knownSchools = new Set([...(knownSchools ?? []), ...ids]);
      }
      checked.push({ index, c: { source, result, report: makeValidationReport(source.name, '—', result, now) } });
      return true;
    },
    checked: () => checked.slice().sort((a, b) => a.index - b.index).map((x) => x.c),
  };
}

/** Validates every source at once (see sourceChecking). */
export function checkSources(sources: readonly Source[], templates: readonly Template[], picked?: Template, now = new Date()): CheckedSource[] {
  const checking = sourceChecking(sources, templates, picked, now);
  while (checking.step());
  return checking.checked();
}

/** The issues of checked sources as IssuesOfFile for the «Проверка» sheet; the open workbook's links stay inside it. */
export function issuesOfSources(checked: readonly CheckedSource[]): IssuesOfFile[] {
  return checked.map((c) => ({ report: c.report, file: c.source.open ? '' : c.source.name, linkable: Boolean(c.source.open) }));
}

export class ClassificationUnavailable extends Error {
  override name = 'ClassificationUnavailable';

  constructor(message: string) {
    super(message);
    // Compiled to ES5, a subclass of Error loses its prototype: the pane's instanceof would miss it.
    Object.setPrototypeOf(this, ClassificationUnavailable.prototype);
  }
}

/** What a foreign table's classification found (open data such as Moscow's ЕГЭ results, by row rather than by school). */
export interface TableClassificationSummary {
  /** The table's template title. */
  title: string;
  rows: number;
  /** Rows with at least one conclusion. */
  flagged: number;
  /** Rows per conclusion, by its label. */
  labels: { label: string; rows: number }[];
}

export interface RegionClassification {
  /** The year of the region's forms; undefined for a foreign table. */
  year?: number;
  classifications: SchoolClassification[];
  sheet: ReportSheet;
  /** A foreign table classified instead of a region's forms. */
  table?: TableClassificationSummary;
  /** The addressed recommendations of the bundled (or a methodologist's) catalogue; undefined without a valid catalogue. */
  recommendations?: AddressedRecommendation[];
  /** «Адресные рекомендации», when there is a catalogue. */
  recommendationsSheet?: ReportSheet;
  /** Rule files left out because they are broken, in Russian. */
  ruleProblems: string[];
}

/**
 * Classifies the region the checked sources describe: a register without errors and results forms;
 * without a register, a foreign table (open data) its table rule sets are written for.
 */
export async function classifySources(checked: readonly Pick<CheckedSource, 'result'>[], rules: LoadedRules, paramsId?: string, reportDate = new Date()): Promise<RegionClassification> {
  const results = checked.map((c) => c.result);
  const records = collectRegionRecords(results);
  if (records.register.length === 0) {
    const tables = foreignTables(results);
    if (tables.size > 0) return classifyForeignTable(tables, rules, paramsId, reportDate);
    throw new ClassificationUnavailable('Нет реестра ОО без ошибок: добавьте файл реестра (register.xlsx) к формам с результатами.');
  }
  const ready = regionRules(rules, paramsId);
  const ruleProblems = ready.errors.map(ruleProblemText);
  if (!ready.params) throw new ClassificationUnavailable('Не выбран исправный файл параметров региона.');
  if (ready.sets.length === 0) throw new ClassificationUnavailable('Ни один набор правил не загружен: исправьте ошибки в правилах.');
  const facts = buildRegionFacts(records);
  const classifications = await classifyRegion(facts, ready.sets, ready.params);
  const catalogue = rules.catalogue;
  const stamp = classificationStamp(`год ${facts.year}`, ready, reportDate, catalogue);
  const out: RegionClassification = { year: facts.year, classifications, sheet: classificationSheet(classifications, riskFactorTitles(ready.sets), stamp), ruleProblems };
  if (!catalogue) {
    ruleProblems.push('каталог рекомендаций не загружен: лист «Адресные рекомендации» не записывается');
    return out;
  }
  const problems: string[] = [];
  out.recommendations = addressRecommendations(classifications, catalogue, ready.params, reportDate, (p) =>
    problems.push(`рекомендация «${p.id}»${p.schoolId ? `, ОО ${p.schoolId}` : p.municipality ? `, ${p.municipality}` : ''}: ${p.message}`),
  );
  out.recommendationsSheet = recommendationsSheet(out.recommendations, stamp);
  // The same problem for many schools is listed once.
  for (const p of problems.filter((x, i) => problems.indexOf(x) === i).slice(0, 20)) ruleProblems.push(p);
  return out;
}

/** The first foreign table some table rule set is written for, classified row by row (as `okoshko classify` does). */
async function classifyForeignTable(tables: Map<string, IndicatorRow[]>, rules: LoadedRules, paramsId: string | undefined, reportDate: Date): Promise<RegionClassification> {
  const ids = [...tables.keys()];
  const applies = forTables(ids);
  const ready = regionRules(rules, paramsId, applies);
  const sets = ready.sets.filter((s) => applies(s.file));
  const id = ids.find((x) => sets.some((s) => s.file.template === x));
  const template = rules.templates.find((t) => t.id === id);
  if (!ready.params || !template)
    throw new ClassificationUnavailable(`Для таблицы «${rules.templates.find((t) => t.id === ids[0])?.title ?? ids[0]}» нет исправного набора правил с параметрами; для классификации школ региона добавьте реестр ОО (register.xlsx).`);
  const rows = await classifyTable(template.id, tables.get(template.id) ?? [], sets);
  const labels: TableClassificationSummary['labels'] = [];
  for (const r of rows)
    for (const f of r.findings) {
      const known = labels.find((l) => l.label === f.event.label);
      if (known) known.rows++;
      else labels.push({ label: f.event.label, rows: 1 });
    }
  return {
    classifications: [],
    sheet: tableClassificationSheet(template, rows, classificationStamp(template.title, { params: ready.params, sets }, reportDate)),
    table: { title: template.title, rows: rows.length, flagged: rows.filter((r) => r.findings.length > 0).length, labels },
    ruleProblems: ready.errors.map(ruleProblemText),
  };
}

/**
 * The report sheets the pane writes, in the CLI's order: «Адресные рекомендации» and «Классификация»
 * once the region is classified, then «Проверка».
 */
export function reportSheets(checked: readonly CheckedSource[], classification?: RegionClassification): ReportSheet[] {
  const sheets: ReportSheet[] = [];
  if (classification?.recommendationsSheet) sheets.push(classification.recommendationsSheet);
  if (classification) sheets.push(classification.sheet);
  sheets.push(issuesSheet(issuesOfSources(checked)));
  return sheets;
}
