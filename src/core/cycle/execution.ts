import type { MarkStatus } from './execution-mark';
import type { PlanMark, PlanReading } from './plan-readback';

/**
 * Last year's plan as it came back, merged over every workbook it came back in (the region's book and
 * the municipal books): one entry per measure with its status. Marks that say different things of the
 * same measure are a conflict, reported with every cell, and the measure counts as unmarked.
 */

export type ExecutionStatus = MarkStatus | 'unrecognised' | 'conflict';

export interface MeasureExecution extends Omit<PlanMark, 'status' | 'at' | 'raw' | 'date'> {
  status: ExecutionStatus;
  date?: string;
  /** Every row found for the measure, in the order the workbooks were given. */
  marks: PlanMark[];
}

export interface ExecutionReadback {
  /** The year of the plan. */
  year: number;
  /** The workbooks and sheets read. */
  plans: { source: string; sheet: string; rows: number }[];
  measures: MeasureExecution[];
  /** Measures whose marks disagree, each with all of them. */
  conflicts: MeasureExecution[];
  counts: Record<ExecutionStatus, number>;
}

const KNOWN: ReadonlySet<ExecutionStatus> = new Set(['done', 'partly', 'not_done']);

function merged(marks: PlanMark[]): Pick<MeasureExecution, 'status' | 'date'> {
  const said = marks.filter((m) => KNOWN.has(m.status));
  const statuses = new Set(said.map((m) => m.status));
  if (statuses.size > 1) return { status: 'conflict' };
  if (statuses.size === 1) {
    const date = said.map((m) => m.date).find(Boolean);
    return { status: said[0].status, ...(date && { date }) };
  }
  return { status: marks.some((m) => m.status === 'unrecognised') ? 'unrecognised' : 'blank' };
}

/**
 * The plans of the latest year before `year` merged by measure code. A plan without our stamp (its
 * first line deleted) is taken for that year too. Undefined when no plan of an earlier year came back.
 */
export function mergeExecution(readings: readonly PlanReading[], year: number): ExecutionReadback | undefined {
  const years = readings.map((r) => r.year).filter((y): y is number => y !== undefined && y < year);
  const planYear = years.length ? Math.max(...years) : readings.some((r) => r.year === undefined) ? year - 1 : undefined;
  if (planYear === undefined) return undefined;
  const used = readings.filter((r) => (r.year ?? planYear) === planYear);
  const byKey = new Map<string, PlanMark[]>();
  for (const r of used) for (const m of r.marks) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  const measures: MeasureExecution[] = [];
  for (const marks of byKey.values()) {
    const f = marks.find((m) => KNOWN.has(m.status)) ?? marks[0];
    const first: Omit<PlanMark, 'status' | 'at' | 'raw' | 'date'> = {
      key: f.key, municipality: f.municipality, school: f.school, measure: f.measure,
      ...(f.recommendationId && { recommendationId: f.recommendationId }), ...(f.schoolId && { schoolId: f.schoolId }), ...(f.deadline && { deadline: f.deadline }),
      ...(f.addressee && { addressee: f.addressee }), ...(f.responsible && { responsible: f.responsible }), ...(f.expected && { expected: f.expected }),
    };
    measures.push({ ...first, ...merged(marks), marks });
  }
  const counts: Record<ExecutionStatus, number> = { done: 0, partly: 0, not_done: 0, blank: 0, unrecognised: 0, conflict: 0 };
  for (const m of measures) counts[m.status]++;
  return {
    year: planYear,
    plans: used.map((r) => ({ source: r.source, sheet: r.sheet, rows: r.marks.length })),
    measures,
    conflicts: measures.filter((m) => m.status === 'conflict'),
    counts,
  };
}
