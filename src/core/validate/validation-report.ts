import type { Issue, IssueCode } from './issue';
import type { ValidationResult } from './validate';

/** What an official keeps of one checked file: where it came from, against what, and every issue. */
export interface ValidationReport {
  file: string;
  sha256: string;
  checkedAt: string;
  template?: { id: string; version: string; title: string };
  records: number;
  counts: IssueCounts;
  issues: Issue[];
}

export interface IssueCounts {
  errors: number;
  warnings: number;
  byCode: Partial<Record<IssueCode, number>>;
}

export function countIssues(issues: readonly Issue[]): IssueCounts {
  const counts: IssueCounts = { errors: 0, warnings: 0, byCode: {} };
  for (const i of issues) {
    if (i.severity === 'error') counts.errors++;
    else counts.warnings++;
    counts.byCode[i.code] = (counts.byCode[i.code] ?? 0) + 1;
  }
  return counts;
}

export function makeValidationReport(file: string, sha256: string, result: ValidationResult, checkedAt: Date): ValidationReport {
  const t = result.template;
  return {
    file,
    sha256,
    checkedAt: checkedAt.toISOString(),
    template: t && { id: t.id, version: t.version, title: t.title },
    records: result.sheets.reduce((n, s) => n + s.records.length, 0),
    counts: countIssues(result.issues),
    issues: result.issues,
  };
}

export const SEVERITY_TITLES = { error: 'ошибка', warning: 'предупреждение' } as const;
