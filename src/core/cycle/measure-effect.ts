import type { SchoolClassification } from '../rules/classify';
import type { RecommendationCatalogue } from '../recommend/catalogue';
import type { ExecutionReadback, ExecutionStatus, MeasureExecution } from './execution';

/**
 * Whether the measures worked: for each school measure of last year's plan, the findings of its system
 * (the catalogue's area) last year and this year, and per measure type — over the region and in each
 * municipality — the share of schools that improved where the measure was carried out against where
 * it was not. «Improved» means fewer findings of the measure's system than last year.
 */

export interface MeasureEffect {
  execution: MeasureExecution;
  /** The catalogue's title of the measure, or its text for a row the user added. */
  title: string;
  system?: string;
  /** Findings of the system for the school, last year and this year (undefined where a year has no classification of it). */
  before?: number;
  after?: number;
  improved?: boolean;
}

export interface EffectGroup {
  schools: number;
  improved: number;
}

export interface EffectTotals {
  /** Undefined: all measures. */
  recommendationId?: string;
  title: string;
  /** Undefined: the region. */
  municipality?: string;
  carried: EffectGroup;
  notCarried: EffectGroup;
}

export interface ExecutionAnalysis {
  readback: ExecutionReadback;
  year: number;
  rows: MeasureEffect[];
  totals: EffectTotals[];
}

/** Carried out: «выполнено» or «выполнено частично»; a measure with no mark counts as not carried out, a conflict not at all. */
export const CARRIED: ReadonlySet<ExecutionStatus> = new Set(['done', 'partly']);
const COUNTED_NOT: ReadonlySet<ExecutionStatus> = new Set(['not_done', 'blank', 'unrecognised']);

export function analyseExecution(
  readback: ExecutionReadback,
  catalogue: RecommendationCatalogue,
  previous: readonly SchoolClassification[] | undefined,
  current: { year: number; classifications: readonly SchoolClassification[] },
): ExecutionAnalysis {
  const specs = new Map(catalogue.recommendations.map((r) => [r.id, r]));
  const municipal = new Map((catalogue.municipal ?? []).map((r) => [r.id, r]));
  const then = previous && new Map(previous.map((c) => [c.school.school_id, c]));
  const now = new Map(current.classifications.map((c) => [c.school.school_id, c]));
  const count = (c: SchoolClassification | undefined, system: string) => (c ? (c.systems[system]?.findings.length ?? 0) : undefined);
  const rows: MeasureEffect[] = readback.measures.map((execution) => {
    const spec = execution.recommendationId ? (specs.get(execution.recommendationId) ?? municipal.get(execution.recommendationId)) : undefined;
    const title = spec?.title ?? execution.measure;
    const system = spec && specs.has(spec.id) ? spec.area : undefined;
    if (!system || !execution.schoolId) return { execution, title };
    const before = then && then.has(execution.schoolId) ? count(then.get(execution.schoolId), system) : undefined;
    const after = count(now.get(execution.schoolId), system);
    return { execution, title, system, ...(before !== undefined && { before }), ...(after !== undefined && { after }), ...(before !== undefined && after !== undefined && { improved: after < before }) };
  });
  const judged = rows.filter((r) => r.improved !== undefined && r.execution.recommendationId);
  const group = (of: MeasureEffect[], statuses: ReadonlySet<ExecutionStatus>): EffectGroup => {
    const g = of.filter((r) => statuses.has(r.execution.status));
    return { schools: g.length, improved: g.filter((r) => r.improved).length };
  };
  const totalsOf = (of: MeasureEffect[], recommendationId: string | undefined, title: string, municipality?: string): EffectTotals => ({
    ...(recommendationId && { recommendationId }),
    title,
    ...(municipality !== undefined && { municipality }),
    carried: group(of, CARRIED),
    notCarried: group(of, COUNTED_NOT),
  });
  const municipalities = [...new Set(judged.map((r) => r.execution.municipality))].sort((a, b) => a.localeCompare(b, 'ru'));
  const ids = [...new Set(judged.map((r) => r.execution.recommendationId!))].sort((a, b) => catalogue.recommendations.findIndex((r) => r.id === a) - catalogue.recommendations.findIndex((r) => r.id === b));
  const totals: EffectTotals[] = [];
  const add = (of: MeasureEffect[], id: string | undefined, title: string) => {
    if (!of.length) return;
    totals.push(totalsOf(of, id, title));
    for (const m of municipalities) {
      const inM = of.filter((r) => r.execution.municipality === m);
      if (inM.length) totals.push(totalsOf(inM, id, title, m));
    }
  };
  add(judged, undefined, 'Все мероприятия школам');
  for (const id of ids) {
    const of = judged.filter((r) => r.execution.recommendationId === id);
    add(of, id, of[0].title);
  }
  return { readback, year: current.year, rows, totals };
}
