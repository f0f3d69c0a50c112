import { type CheckOptions, sourceChecking, type SourceChecking } from '../core/pipeline/check';
import type { SourceOutcome } from '../core/pipeline/outcome';
import { type ReportContext, reportSheets } from '../core/pipeline/report';
import { classifyChecked } from '../core/pipeline/run';
import { classificationSummary } from '../core/pipeline/summary';
import type { RuleLibrary } from '../core/rules/library';
import type { Template } from '../core/template/template';
import type { PaneClassification } from './evaluation-protocol';
import { type PaneSource, sourceInputs } from './pane-sources';

/**
 * The pane's two actions over the pipeline, the same in the worker and on the pane's thread: check the
 * sources (a choice of template applies to the open workbook, or to a single file), then classify
 * with the recommendations of the catalogue when there is one.
 */

export function paneChecking(sources: readonly PaneSource[], library: RuleLibrary, picked?: Template, now = new Date()): Promise<SourceChecking> {
  const options: CheckOptions = { templates: library.templates, picked, pickedFor: 'open', now };
  return sourceChecking(sourceInputs(sources), options);
}

/** The whole check at once (the pane's thread steps through paneChecking to yield between sources). */
export async function paneCheck(sources: readonly PaneSource[], library: RuleLibrary, picked?: Template, now = new Date()): Promise<SourceOutcome[]> {
  const checking = await paneChecking(sources, library, picked, now);
  while (await checking.step());
  return checking.outcomes();
}

/** Links of «Проверка»: into the open workbook; a chosen file's path is unknown to Excel, so its cells are named, not linked. */
export const paneLinks: ReportContext['linkOf'] = (o: SourceOutcome) => (o.source.open ? { file: '', linkable: true } : { file: o.source.name, linkable: false });

export async function paneClassification(outcomes: readonly SourceOutcome[], library: RuleLibrary, options: { paramsId?: string; reportDate?: Date } = {}): Promise<PaneClassification> {
  const reportDate = options.reportDate ?? new Date();
  const { classification, recommendations } = await classifyChecked(outcomes, library, { paramsId: options.paramsId, reportDate, recommend: 'available' });
  const summary = classificationSummary(classification, recommendations);
  if (classification.kind === 'region' && !recommendations) summary.problems.push('каталог рекомендаций не загружен: лист «Адресные рекомендации» не записывается');
  return { summary, sheets: reportSheets(outcomes, classification, recommendations, { reportDate, linkOf: paneLinks }) };
}

/** The report sheets of a check alone (nothing classified yet, or nothing to classify): «Проверка». */
export function checkOnlySheets(outcomes: readonly SourceOutcome[]): PaneClassification['sheets'] {
  return reportSheets(outcomes, undefined, undefined, { reportDate: new Date(), linkOf: paneLinks });
}
