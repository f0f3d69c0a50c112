import type { AppendixReading, PlanReading } from '../cycle/plan-readback';
import type { Issue } from '../validate/issue';
import type { Template } from '../template/template';
import type { ValidationResult } from '../validate/validate';
import type { ValidationReport } from '../validate/validation-report';
import type { SourceFailure, SourceRef } from './source';

/**
 * What became of one source: checked against its template, unreadable, or an output of Okoshko's own
 * that is not a form. Every source given has exactly one outcome, and every outcome has a report whose
 * issues say what happened — nothing is dropped without a word.
 */
export interface SourceOutcome {
  source: SourceRef;
  status: 'checked' | 'unreadable' | 'own';
  /** The template it was checked against; undefined when none fits. */
  template?: Template;
  /** The typed records and issues (status `checked`); dropped when the caller does not need the records. */
  result?: ValidationResult;
  report: ValidationReport;
  failure?: SourceFailure;
  /** Plans («Адресные рекомендации») found in the workbook, with their execution marks. */
  plans?: PlanReading[];
  /** Approved lists («Приложение к приказу») found in the workbook, with the МОУО's agreement marks. */
  appendices?: AppendixReading[];
}

export const isChecked = (o: SourceOutcome): o is SourceOutcome & { status: 'checked'; result: ValidationResult } => o.status === 'checked' && o.result !== undefined;

/** Does the outcome's template list the region's schools? */
export const isRegisterTemplate = (t: Template | undefined): boolean => Boolean(t && t.sheets.some((s) => s.register));

export function outcomeIssues(outcomes: readonly SourceOutcome[]): Issue[] {
  return outcomes.flatMap((o) => o.report.issues);
}
