import type { CompiledGroup, CompiledIndicator, CompiledUnit, IndicatorDefinitions } from '../indicators/compile';
import type { IndicatorModel } from '../indicators/model';
import type { SchoolClassification, SystemsUsed } from '../rules/classify';
import type { RuleLintProblem } from '../rules/lint';
import { summaryLists } from '../rules/rollup';
import type { LoadedSystem } from '../rules/system';
import { pooled } from '../targets/plan-fact';
import type { ExecutionReadback } from './execution';
import type { ListChanges } from './list-changes';

/**
 * The region's indicators of the federal assessment of management mechanisms (МУКО), this year and
 * last: for every system present, the share of schools on each list of its summary and the share that
 * left it, its own region indicators (the system file's `muko`, pooled from the schools), and the
 * share of last year's measures carried out.
 */

export interface MukoValue {
  /** Per cent, unrounded. */
  share: number | null;
  part?: number;
  whole?: number;
}

export interface MukoRow {
  system?: string;
  kind: 'list' | 'left' | 'indicator' | 'measures';
  title: string;
  /** This year's value and last year's, when it can be had. */
  now: MukoValue;
  prev?: MukoValue;
  basis?: string;
}

export interface MukoReport {
  year: number;
  prevYear: number;
  rows: MukoRow[];
}

/** A system's МУКО indicator found among the school indicators. */
export interface MukoIndicator {
  system: string;
  group: CompiledGroup;
  indicator: CompiledIndicator;
  title: string;
  basis?: string;
}

/** The systems' МУКО indicators by their ids, and an error for each id that names no numeric school indicator. */
export function mukoIndicators(systems: readonly LoadedSystem[], defs: IndicatorDefinitions): { indicators: MukoIndicator[]; problems: RuleLintProblem[] } {
  const indicators: MukoIndicator[] = [];
  const problems: RuleLintProblem[] = [];
  const schoolGroups = defs.groups.filter((g) => !g.unit.parent && g.unit.key.length > 0);
  for (const s of systems)
    (s.spec.muko ?? []).forEach((m, i) => {
      const [groupId, indicatorId] = m.indicator.split('.');
      const group = schoolGroups.find((g) => g.id === groupId);
      const indicator = group?.byId.get(indicatorId);
      const pointer = `/muko/${i}/indicator`;
      if (!group || !indicator)
        problems.push({ code: 'unknown_indicator', severity: 'error', file: s.file, pointer, group: 'systems', message: group ? `в группе «${groupId}» нет показателя «${indicatorId}»` : `нет группы показателей школы «${groupId}»` });
      else if (indicator.kind !== 'number') problems.push({ code: 'not_numeric', severity: 'error', file: s.file, pointer, group: 'systems', message: `показатель «${m.indicator}» — не число` });
      else indicators.push({ system: s.spec.id, group, indicator, title: m.title ?? indicator.title, ...(m.basis !== undefined && { basis: m.basis }) });
    });
  return { indicators, problems };
}

/** The МУКО indicators of the systems used over all the region's schools, this year and last (read while the model holds its records). */
export function mukoIndicatorRows(indicators: readonly MukoIndicator[], used: SystemsUsed, model: IndicatorModel, root: CompiledUnit, year: number): MukoRow[] {
  const present = new Set(used.systems.map((s) => s.spec.id));
  const valueIn = (m: MukoIndicator, y: number): MukoValue => {
    const results = model.units(root, y).map((u) => model.result(m.group, m.indicator, u, y));
    const part = results.reduce((s, r) => s + (r.part ?? 0), 0);
    const whole = results.reduce((s, r) => s + (r.whole ?? 0), 0);
    return { share: pooled(m.indicator, results), ...(m.indicator.aggregate === 'share' && { part, whole }) };
  };
  return indicators
    .filter((m) => m.group.unit === root && present.has(m.system))
    .map((m) => {
      const prev = valueIn(m, year - 1);
      return { system: m.system, kind: 'indicator', title: m.title, now: valueIn(m, year), ...(prev.share !== null && { prev }), ...(m.basis !== undefined && { basis: m.basis }) };
    });
}

const share = (part: number, whole: number): MukoValue => ({ share: whole > 0 ? (100 * part) / whole : null, part, whole });

/** Every row of the sheet: the lists' shares, the share that left them, the systems' indicators and last year's measures. */
export function mukoReport(
  used: SystemsUsed,
  current: { year: number; classifications: readonly SchoolClassification[] },
  previous: { year: number; classifications?: readonly SchoolClassification[]; changes?: ListChanges },
  indicatorRows: readonly MukoRow[],
  readback?: ExecutionReadback,
): MukoReport {
  const rows: MukoRow[] = [];
  for (const system of used.systems) {
    const id = system.spec.id;
    for (const list of summaryLists(system)) {
      const count = (cs: readonly SchoolClassification[]) => cs.filter((c) => list.has(c.systems[id])).length;
      const prev = previous.classifications;
      rows.push({
        system: id,
        kind: 'list',
        title: `Доля ОО: ${list.label}`,
        now: share(count(current.classifications), current.classifications.length),
        ...(prev && { prev: share(count(prev), prev.length) }),
      });
      const t = previous.changes?.totals.find((x) => x.system === id && x.list === list.label);
      if (t) rows.push({ system: id, kind: 'left', title: `Доля ОО, вышедших из списка: ${list.label}`, now: share(t.left, t.before) });
    }
    rows.push(...indicatorRows.filter((r) => r.system === id));
  }
  if (readback) {
    const coded = readback.measures.filter((m) => m.recommendationId);
    const done = coded.filter((m) => m.status === 'done').length;
    rows.push({ kind: 'measures', title: `Доля выполненных адресных рекомендаций плана ${readback.year} года`, now: share(done, coded.length) });
    rows.push({ kind: 'measures', title: `Доля выполненных полностью или частично адресных рекомендаций плана ${readback.year} года`, now: share(done + coded.filter((m) => m.status === 'partly').length, coded.length) });
  }
  return { year: current.year, prevYear: previous.year, rows };
}
