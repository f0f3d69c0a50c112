import type { Severity } from './template';

/** Stable machine codes of validation issues. The Russian sentence is made from the issue (see issue-message.ts). */
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
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** One validation finding, located as precisely as the problem allows. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: string;
  sheet?: string;
  /** A1 address in `sheet`. */
  cell?: string;
  /** Indicator code. */
  indicator?: string;
  /** The indicator's header as the form shows it. */
  indicatorTitle?: string;
  /** The value as found in the cell. */
  value?: string | number | boolean | null;
  /** What was expected, in Russian (a type, a range, a list, another row). */
  expected?: string;
  /** Id of the cross-field check that failed. */
  check?: string;
}
