import { ruleProblemText } from '../rules/lint';
import { type SummaryCount, summaryCounts } from '../rules/rollup';
import { allFindings } from '../rules/classify';
import type { Classification } from './classify';
import type { Coverage } from './coverage';
import type { Recommendations } from './recommend';
import type { TargetStatus } from '../targets/plan-fact';
import type { ListTotals } from '../cycle/list-changes';
import type { ExecutionStatus } from '../cycle/execution';
import type { Appendices } from '../cycle/appendices';

/** One system's counts: units per status or step, or units with its outcome set. */
export interface SystemSummary {
  id: string;
  title: string;
  counts: SummaryCount[];
}

interface RecommendationTotals {
  rows: number;
  schools: number;
  municipal: number;
}

/** What a classification found, counted, for a screen, a pane or a program: the same numbers everywhere. */
export type ClassificationSummary =
  | {
      kind: 'region';
      year: number;
      schools: number;
      systems: SystemSummary[];
      coverage: Coverage;
      /** Addressed recommendations, when there was a catalogue. */
      recommendations?: RecommendationTotals;
      /** Plan against fact of the classification year, when the rules have a target passport. */
      targets?: TargetTotals;
      /** Last year's lists against this year's, when last year's register was given. */
      lists?: { prevYear: number; totals: ListTotals[] };
      /** The lists approved by an order, as «Приложение к приказу» shows them. */
      appendices?: Appendices;
      /** Last year's plan as it came back, when it did. */
      execution?: ExecutionTotals;
      /** Rule files left out and what the catalogue could not do, in Russian. */
      problems: string[];
    }
  | {
      kind: 'table';
      /** The table's template title. */
      title: string;
      rows: number;
      /** Rows with at least one conclusion. */
      flagged: number;
      /** Rows per conclusion, by its label. */
      labels: { label: string; rows: number }[];
      systems: SystemSummary[];
      recommendations?: RecommendationTotals;
      problems: string[];
    };

export type TargetTotals = Record<TargetStatus, number> & { year: number };

export interface ExecutionTotals {
  /** The plan's year. */
  year: number;
  measures: number;
  books: number;
  counts: Record<ExecutionStatus, number>;
  conflicts: number;
  /** Measures not carried out that are in this year's plan again. */
  repeated: number;
}

/** The same problem for many schools is listed once; at most this many are listed. */
const MAX_LISTED_PROBLEMS = 20;

/** «ШНОР: 40; ШНСУ: 12; признаки необъективности: 8…» — every count of every system, in their order. */
export function countsLine(systems: readonly SystemSummary[]): string {
  return systems.flatMap((s) => s.counts.map((c) => `${c.title}: ${c.units}`)).join('; ');
}

export function classificationSummary(c: Classification, recommendations?: Recommendations): ClassificationSummary {
  const problems = c.ruleProblems.map(ruleProblemText);
  if (recommendations) {
    const lines = recommendations.problems.map((p) => `рекомендация «${p.id}»${p.schoolId ? `, ОО ${p.schoolId}` : p.municipality ? `, ${p.municipality}` : ''}: ${p.message}`);
    problems.push(...lines.filter((x, i) => lines.indexOf(x) === i).slice(0, MAX_LISTED_PROBLEMS));
  }
  const systems = c.systems.systems.map((s) => ({ id: s.spec.id, title: s.spec.title, counts: summaryCounts(s, c.classifications.map((u) => u.systems[s.spec.id])) }));
  const rows = recommendations?.rows;
  const totals = rows && { recommendations: { rows: rows.length, schools: new Set(rows.filter((r) => r.schoolId).map((r) => r.schoolId)).size, municipal: rows.filter((r) => !r.schoolId).length } };
  if (c.kind === 'table') {
    const labels: { label: string; rows: number }[] = [];
    for (const u of c.classifications)
      for (const f of allFindings(u)) {
        const known = labels.find((l) => l.label === f.event.label);
        if (known) known.rows++;
        else labels.push({ label: f.event.label, rows: 1 });
      }
    const flagged = c.classifications.filter((u) => allFindings(u).length > 0).length;
    return { kind: 'table', title: c.template.title, rows: c.classifications.length, flagged, labels, systems, ...totals, problems };
  }
  const ofYear = c.targets.rows.filter((r) => r.year === c.year);
  const targets: TargetTotals = { year: c.year, achieved: 0, not_achieved: 0, no_data: 0 };
  for (const r of ofYear) targets[r.status]++;
  const readback = recommendations?.execution?.readback;
  const execution: ExecutionTotals | undefined = readback && {
    year: readback.year,
    measures: readback.measures.length,
    books: new Set(readback.plans.map((p) => p.source)).size,
    counts: readback.counts,
    conflicts: readback.conflicts.length,
    repeated: recommendations!.rows.filter((r) => r.repeat).length,
  };
  return {
    kind: 'region', year: c.year, schools: c.classifications.length, systems, coverage: c.coverage, ...totals, ...(ofYear.length && { targets }),
    ...(c.changes && { lists: { prevYear: c.changes.prevYear, totals: c.changes.totals } }), ...(c.appendices.lists.length && { appendices: c.appendices }), ...(execution && { execution }), problems,
  };
}
