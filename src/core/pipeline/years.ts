import type { SourceOutcome } from './outcome';
import { isRegisterTemplate } from './outcome';
import { yearOfPath } from './source';

/** Years the rows of a checked source give (its `year` column), in ascending order. */
export function rowYears(o: SourceOutcome): number[] {
  const years = new Set<number>();
  for (const sheet of o.result?.sheets ?? []) for (const r of sheet.records) if (typeof r.values.year === 'number') years.add(r.values.year);
  return [...years].sort((a, b) => a - b);
}

/**
 * The year each source is about: the years of its rows, else the year its path states («2025/…»),
 * else — for a register, which has no year column — the one year the other forms of its folder give.
 * A source with no year at all applies to any year.
 */
export function sourceYears(outcomes: readonly SourceOutcome[]): Map<SourceOutcome, number[]> {
  const years = new Map<SourceOutcome, number[]>();
  const byFolder = new Map<string, Set<number>>();
  for (const o of outcomes) {
    const own = rowYears(o);
    const path = yearOfPath(o.source.name);
    const ys = own.length ? own : path !== undefined ? [path] : [];
    years.set(o, ys);
    if (!isRegisterTemplate(o.template)) {
      const folder = o.source.folder ?? '';
      const set = byFolder.get(folder) ?? new Set<number>();
      for (const y of ys) set.add(y);
      byFolder.set(folder, set);
    }
  }
  for (const o of outcomes) {
    if (years.get(o)!.length || !isRegisterTemplate(o.template) || o.source.folder === undefined) continue;
    const siblings = byFolder.get(o.source.folder);
    if (siblings && siblings.size === 1) years.set(o, [...siblings]);
  }
  return years;
}

/** The year to classify: the latest year any readable form gives rows for. */
export function latestDataYear(outcomes: readonly SourceOutcome[]): number | undefined {
  let latest: number | undefined;
  for (const o of outcomes) for (const y of rowYears(o)) if (latest === undefined || y > latest) latest = y;
  return latest;
}
