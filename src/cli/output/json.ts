import type { Finding } from '../../core/rules/engine';
import { allFindings, type SchoolClassification } from '../../core/rules/classify';
import { classificationSummary } from '../../core/pipeline/summary';
import type { RuleLintProblem } from '../../core/rules/lint';
import type { Classification } from '../../core/pipeline/classify';
import { regionMuko } from '../../core/pipeline/report';
import type { SourceOutcome } from '../../core/pipeline/outcome';
import type { ExecutionAnalysis } from '../../core/cycle/measure-effect';
import type { Recommendations } from '../../core/pipeline/recommend';
import type { RunStatus } from '../../core/pipeline/status';
import type { SkippedFile } from '../../files/file-sources';

/**
 * What the commands print with --json: one shape per command, each with `command`, `version`, `valid`,
 * `status` and `totals` on top. The shapes are a contract, written down as JSON Schemas in docs/json/
 * and checked by test/cli/json-contract.test.ts; a change that breaks a consumer raises `version`.
 */
export const JSON_VERSION = 2;

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

const findingJson = (f: Finding) => ({ ruleSet: f.ruleSet, system: f.system, rule: f.rule, label: f.event.label, event: f.event, ...(f.work && { work: f.work }), explanation: f.explanation, conditions: f.held });

const systemsJson = (c: SchoolClassification) =>
  Object.fromEntries(Object.entries(c.systems).map(([id, r]) => [id, { outcomes: r.outcomes, findings: r.findings.map(findingJson) }]));

/** Region and open-data results as the two kinds of one union; one group per system present, described by its file. */
export function classificationJson(c: Classification): unknown {
  const summary = classificationSummary(c);
  const systems = c.systems.systems.map((s) => ({ id: s.spec.id, title: s.spec.title, outcomes: s.spec.outcomes.map((o) => ({ id: o.id, kind: o.kind, title: o.title })) }));
  if (c.kind === 'table') {
    return {
      kind: 'table',
      template: { id: c.template.id, title: c.template.title },
      systems,
      totals: { rows: c.classifications.length, flagged: c.classifications.filter((u) => allFindings(u).length).length, systems: summary.systems },
      rows: c.classifications.map((u) => ({ row: u.unit.record, school: u.school, systems: systemsJson(u) })),
    };
  }
  return {
    kind: 'region',
    year: c.year,
    prevYear: c.prevYear,
    coverage: c.coverage,
    systems,
    totals: { schools: c.classifications.length, systems: summary.systems, ...(summary.kind === 'region' && summary.targets && { targets: summary.targets }) },
    schools: c.classifications.map((u) => ({ school: u.school, systems: systemsJson(u) })),
    ...(c.targets.rows.length && { targets: c.targets }),
    muko: regionMuko(c, undefined),
    ...(c.appendices.lists.length && { appendices: c.appendices }),
    ...(c.changes && { changes: c.changes }),
  };
}

export function recommendationsJson(r: Recommendations): unknown {
  return {
    catalogue: { id: r.catalogue.id, version: r.catalogue.version },
    totals: { rows: r.rows.length, schools: new Set(r.rows.filter((x) => x.schoolId).map((x) => x.schoolId)).size, municipal: r.rows.filter((x) => !x.schoolId).length },
    rows: r.rows,
    problems: r.problems,
    ...(r.execution && { execution: executionJson(r.execution) }),
  };
}

function executionJson(a: ExecutionAnalysis): unknown {
  const { readback } = a;
  return {
    year: readback.year,
    plans: readback.plans,
    counts: readback.counts,
    measures: a.rows.map(({ execution: { marks, ...m }, title, ...effect }) => ({ ...m, title, ...effect, marks: marks.map(({ at, ...x }) => ({ ...x, ...at })) })),
    conflicts: readback.conflicts.map((m) => m.key),
    totals: a.totals,
  };
}

export const ruleProblemsJson = (problems: readonly RuleLintProblem[]) => problems.map((p) => ({ ...p }));

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
