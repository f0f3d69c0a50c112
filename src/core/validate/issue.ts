import type { Severity } from '../template/template';
import type { IndicatorValue } from './value';

/** Stable machine codes of issues. The Russian sentence is made from the issue's own fields (messages/issues.ts). */
export const ISSUE_CODES = [
  'template_unknown',
  'template_version',
  'sheet_missing',
  'column_missing',
  'column_duplicate',
  'column_unknown',
  'type_invalid',
  'cell_error',
  'out_of_range',
  'not_in_list',
  'required_blank',
  'key_duplicate',
  'check_failed',
  'school_unknown',
  'submission_empty',
  'file_unreadable',
  'own_output',
  'mark_unrecognised',
  'mark_without_measure',
  'agreement_unrecognised',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** Where an issue is and what it is about, as precisely as the problem allows. */
export interface IssueLocation {
  sheet?: string;
  /** A1 address in `sheet`. */
  cell?: string;
  /** The same cell as 1-based row and column numbers, for programs. */
  row?: number;
  column?: number;
  /** Indicator code. */
  indicator?: string;
  /** The indicator's header as the form shows it. */
  indicatorTitle?: string;
  /** The value as found in the cell. */
  value?: string | number | boolean | null;
  /** What was expected, in Russian (a type, a range, a list, another row). */
  expected?: string;
}

/** Each code with the fields of its own, so that programs get them as data. */
export type IssueDetails =
  | { code: 'template_unknown'; template?: string }
  | { code: 'template_version'; template: string; templateTitle: string; found: string | null; current: string }
  | { code: 'sheet_missing' }
  | { code: 'column_missing'; required: boolean }
  | { code: 'column_duplicate'; firstCell: string }
  | { code: 'column_unknown'; header: string }
  | { code: 'type_invalid'; type: string; pattern?: string }
  | { code: 'cell_error'; error: string }
  | { code: 'out_of_range'; min?: number; max?: number }
  | { code: 'not_in_list'; allowed: string[] }
  | { code: 'required_blank' }
  | { code: 'key_duplicate'; firstRow: number; key: string[]; keyTitles: string[] }
  | { code: 'check_failed'; check: string; checkMessage: string; values: { indicator: string; title: string; value: IndicatorValue }[] }
  | { code: 'school_unknown'; schoolId: string }
  | { code: 'submission_empty' }
  /** `reason`: the reader's code (file_corrupt, file_empty, …). */
  | { code: 'file_unreadable'; reason: string; reasonText: string; technical?: string }
  /** A workbook Okoshko wrote itself (a report, a municipal book), not a form. */
  | { code: 'own_output'; what: 'report' | 'copy' | 'backup'; /** Marks read back from its plan sheets. */ marks?: number }
  /** «Отметка о выполнении» of a plan read back that is none of the statuses (messages/issues.ts lists what is understood). */
  | { code: 'mark_unrecognised'; measure: string }
  /** A mark on a plan row that names no measure: it is not counted. */
  | { code: 'mark_without_measure' }
  /** «Согласовано МОУО» of an approved list read back that is neither agreed nor not. */
  | { code: 'agreement_unrecognised'; list: string; schoolId: string };

export type Issue = IssueDetails & IssueLocation & { severity: Severity; message: string };

export type IssueOf<C extends IssueCode> = Extract<Issue, { code: C }>;
