import { coverageNotes } from '../messages/coverage';
import { classificationSheet, systemFills, tableClassificationSheet } from '../report/classification-sheets';
import { recommendationsSheet } from '../report/recommendations-sheet';
import type { ReportSheet } from '../report/report-sheet';
import { splitByMunicipality } from '../report/split';
import { classificationStamp } from '../report/stamp';
import { targetsSheet } from '../report/targets-sheet';
import { effectivenessSheet } from '../report/effectiveness-sheet';
import { municipalityChanges } from '../cycle/list-changes';
import type { ExecutionAnalysis } from '../cycle/measure-effect';
import { conflictText } from '../messages/cycle';
import { executionSheet } from '../report/execution-sheet';
import { appendixSheet } from '../report/appendix-sheet';
import { municipalityAppendices } from '../cycle/appendices';
import { mukoReport, type MukoReport } from '../cycle/muko';
import { mukoSheet } from '../report/muko-sheet';
import { issuesSheet, type IssuesNote } from '../report/validation-sheets';
import type { Classification, RegionClassification } from './classify';
import type { SourceOutcome } from './outcome';
import type { Recommendations } from './recommend';

/** How the report names a checked source: a path relative to the report, or nothing for the open workbook. */
export interface SourceLink {
  file: string;
  /** The source is a workbook whose cells a link can point at. */
  linkable: boolean;
}

export interface ReportContext {
  reportDate: Date;
  linkOf: (o: SourceOutcome) => SourceLink;
}

/** The first line of the classification's sheets: what was classified, with which versions, when. */
export function runStamp(classification: Classification, reportDate: Date, recommendations?: Recommendations): string {
  const what = classification.kind === 'region' ? `год ${classification.year}` : classification.template.title;
  return classificationStamp(what, classification.rules, reportDate, recommendations?.catalogue);
}

/** «Проверка»: the classification's input problems, then every source's issues (unreadable files included). */
export function checkSheet(outcomes: readonly SourceOutcome[], classification: Classification | undefined, ctx: ReportContext): ReportSheet {
  const links = new Map(outcomes.map((o) => [o.source.name, ctx.linkOf(o).file]));
  const notes: IssuesNote[] = (classification?.kind === 'region' ? coverageNotes(classification.coverage) : []).map(({ files, ...note }) => ({ ...note, ...(files && { file: files.map((f) => links.get(f) ?? f).join(', ') }) }));
  const conflicts = classification?.kind === 'region' ? (classification.execution?.conflicts ?? []) : [];
  for (const m of conflicts)
    notes.push({ code: 'mark_conflict', severity: 'warning', file: [...new Set(m.marks.map((x) => links.get(x.at.source) ?? x.at.source))].join(', '), message: conflictText(m) });
  return issuesSheet(outcomes.map((o) => ({ report: o.report, ...ctx.linkOf(o) })), notes);
}

/**
 * The report sheets in their one order, for every host: «Адресные рекомендации», «Классификация»,
 * «Приложение к приказу» (when systems have lists approved by an order), «Целевые показатели» (when the rules have a target passport), «Анализ эффективности» (when last
 * year's register was given), «Выполнение мероприятий» (when last year's plan came back) and for a
 * region «Показатели МУКО» once classified, then «Проверка».
 */
export function reportSheets(outcomes: readonly SourceOutcome[], classification: Classification | undefined, recommendations: Recommendations | undefined, ctx: ReportContext): ReportSheet[] {
  const sheets: ReportSheet[] = [];
  if (classification) {
    const stamp = runStamp(classification, ctx.reportDate, recommendations);
    // A table's rules may address no one; a region's list is shown even when empty.
    if (recommendations && (classification.kind === 'region' || recommendations.rows.length)) sheets.push(recommendationsSheet(recommendations.rows, stamp, systemFills(classification.systems)));
    const draw = classification.kind === 'region' ? classificationSheet : tableClassificationSheet;
    sheets.push(draw(classification.classifications, classification.systems, stamp));
    if (classification.kind === 'region' && classification.appendices.lists.length) sheets.push(appendixSheet(classification.appendices, stamp));
    if (classification.kind === 'region' && classification.targets.rows.length) sheets.push(targetsSheet(classification.targets, stamp));
    if (classification.kind === 'region' && classification.changes) sheets.push(effectivenessSheet(classification.changes, stamp, systemTitles(classification)));
    if (recommendations?.execution) {
      const byName = new Map(outcomes.map((o) => [o.source.name, o]));
      const linkOf = (name: string) => {
        const o = byName.get(name);
        const link = o && ctx.linkOf(o);
        return link?.linkable ? link.file : undefined;
      };
      // Per measure type the region's book shows the region; each municipality's own rows are in its book.
      const { execution } = recommendations;
      sheets.push(executionSheet({ ...execution, totals: execution.totals.filter((t) => t.municipality === undefined || t.recommendationId === undefined) }, stamp, linkOf));
    }
    if (classification.kind === 'region') sheets.push(mukoSheet(regionMuko(classification, recommendations), stamp, systemTitles(classification)));
  }
  sheets.push(checkSheet(outcomes, classification, ctx));
  return sheets;
}

/** The region's МУКО indicators: the lists against last year's classification, the systems' indicators, last year's plan. */
export function regionMuko(c: RegionClassification, recommendations: Recommendations | undefined): MukoReport {
  return mukoReport(c.systems, c, { year: c.prevYear, ...(c.previous && { classifications: c.previous }), ...(c.changes && { changes: c.changes }) }, c.muko, recommendations?.execution?.readback);
}

/** A municipality's part of last year's plan: its measures and its own rows of the totals. */
function municipalityExecution(a: ExecutionAnalysis, municipality: string): ExecutionAnalysis {
  return { ...a, rows: a.rows.filter((r) => r.execution.municipality === municipality), totals: a.totals.filter((t) => t.municipality === municipality) };
}

const systemTitles = (c: Classification) => Object.fromEntries(c.systems.systems.map((s) => [s.spec.id, s.spec.title]));

/** One workbook's sheets per municipality: its recommendations, its schools' classification, their targets and lists. */
export function municipalReports(classification: Classification, recommendations: Recommendations | undefined, reportDate: Date): { municipality: string; sheets: ReportSheet[] }[] {
  if (classification.kind !== 'region') return [];
  const stamp = runStamp(classification, reportDate, recommendations);
  const used = classification.systems;
  return splitByMunicipality(classification.classifications, recommendations?.rows ?? []).map((part) => {
    const targets = classification.targets.rows.filter((r) => r.municipality === part.municipality);
    return {
      municipality: part.municipality,
      sheets: [
        ...(recommendations ? [recommendationsSheet(part.recommendations, `${stamp}; ${part.municipality}`, systemFills(used))] : []),
        classificationSheet(part.classifications, used, `${stamp}; ${part.municipality}`),
        ...(classification.appendices.lists.length ? [appendixSheet(municipalityAppendices(classification.appendices, part.municipality), `${stamp}; ${part.municipality}`)] : []),
        ...(targets.length ? [targetsSheet({ ...classification.targets, rows: targets }, `${stamp}; ${part.municipality}`)] : []),
        ...(classification.changes ? [effectivenessSheet(municipalityChanges(classification.changes, part.municipality), `${stamp}; ${part.municipality}`, systemTitles(classification))] : []),
        ...(recommendations?.execution ? [executionSheet(municipalityExecution(recommendations.execution, part.municipality), `${stamp}; ${part.municipality}`, () => undefined)] : []),
      ],
    };
  });
}
