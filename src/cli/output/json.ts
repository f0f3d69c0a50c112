import type { Finding } from '../../core/rules/engine';
import { lowResultsStatus, type SchoolClassification } from '../../core/rules/classify';
import type { RuleLintProblem } from '../../core/rules/lint';
import type { Classification } from '../../core/pipeline/classify';
import type { SourceOutcome } from '../../core/pipeline/outcome';
import type { Recommendations } from '../../core/pipeline/recommend';
import type { RunStatus } from '../../core/pipeline/status';
import type { SkippedFile } from '../../files/file-sources';

/**
 * What the commands print with --json: one shape per command, each with `command`, `version`, `valid`,
 * `status` and `totals` on top. The shapes are a contract, written down as JSON Schemas in docs/json/
 * and checked by test/cli/json-contract.test.ts; a change that breaks a consumer raises `version`.
 */
export const JSON_VERSION = 1;

export function fileJson(o: SourceOutcome, report?: string): unknown {
  const r = o.report;
  return {
    file: o.source.name,
    status: o.status,
    ...(o.source.sha256 && { sha256: o.source.sha256 }),
    ...(r.template && { template: r.template }),
    records: r.records,
    counts: r.counts,
    issues: r.issues,
    ...(report && { report }),
  };
}

export const skippedJson = (s: SkippedFile) => ({ file: s.file, what: s.what });

export function filesTotals(outcomes: readonly SourceOutcome[], skipped: readonly SkippedFile[]) {
  return {
    files: outcomes.length + skipped.length,
    checked: outcomes.filter((o) => o.status === 'checked').length,
    unreadable: outcomes.filter((o) => o.status === 'unreadable').length,
    skipped: skipped.length + outcomes.filter((o) => o.status === 'own').length,
    errors: outcomes.reduce((n, o) => n + o.report.counts.errors, 0),
    warnings: outcomes.reduce((n, o) => n + o.report.counts.warnings, 0),
  };
}

export const header = (command: string, status: RunStatus) => ({ command, version: JSON_VERSION, valid: status === 'clean', status });

const findingJson = (f: Finding) => ({ ruleSet: f.ruleSet, rule: f.rule, label: f.event.label, event: f.event, ...(f.work && { work: f.work }), explanation: f.explanation, conditions: f.held });

function schoolJson(c: SchoolClassification): unknown {
  return {
    school: c.school,
    lowResults: { status: lowResultsStatus(c.lowResults), shnor: c.lowResults.shnor, shnsu: c.lowResults.shnsu, findings: c.lowResults.findings.map(findingJson) },
    objectivity: { markers: c.objectivity.markers, level: c.objectivity.level, findings: c.objectivity.findings.map(findingJson) },
    riskFactors: { profile: c.riskFactors.profile, levels: c.riskFactors.levels, findings: c.riskFactors.findings.map(findingJson) },
  };
}

/** Region and open-data results as the two kinds of one union. */
export function classificationJson(c: Classification): unknown {
  if (c.kind === 'table') {
    return {
      kind: 'table',
      template: { id: c.template.id, title: c.template.title },
      totals: { rows: c.rows.length, flagged: c.rows.filter((r) => r.findings.length).length },
      rows: c.rows.map((r) => ({ row: r.row, findings: r.findings.map(findingJson) })),
    };
  }
  const count = (f: (s: SchoolClassification) => boolean) => c.classifications.filter(f).length;
  return {
    kind: 'region',
    year: c.year,
    prevYear: c.prevYear,
    coverage: c.coverage,
    totals: {
      schools: c.classifications.length,
      shnor: count((s) => s.lowResults.shnor),
      shnsu: count((s) => s.lowResults.shnsu),
      objectivitySigns: count((s) => s.objectivity.level === 'signs'),
      objectivityAttention: count((s) => s.objectivity.level === 'attention'),
      highRiskFactors: count((s) => s.riskFactors.profile.length > 0),
    },
    schools: c.classifications.map(schoolJson),
  };
}

export function recommendationsJson(r: Recommendations): unknown {
  return {
    catalogue: { id: r.catalogue.id, version: r.catalogue.version },
    totals: { rows: r.rows.length, schools: new Set(r.rows.filter((x) => x.schoolId).map((x) => x.schoolId)).size, municipal: r.rows.filter((x) => !x.schoolId).length },
    rows: r.rows,
    problems: r.problems,
  };
}

export const ruleProblemsJson = (problems: readonly RuleLintProblem[]) => problems.map((p) => ({ ...p }));

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
