import type { IndicatorValue } from '../../src/core/validate/value';
import type { GiaFact, IndicatorRow, MedallistsFact, SchoolFact, SchoolUnitFacts, VprSummaryFact, VprUnitFacts } from './hand-fact-model';
import type { RegionRecords } from './hand-records';
import { groupBy, mean, percentileOf } from '../../src/core/indicators/statistics';

/**
 * The facts as TypeScript computed them before indicators were data (rules/indicators): kept as the
 * baseline `npm run bench` measures the data-defined facts against, and as the oracle a test checks
 * them with on the sample region.
 */

/** Facts of the whole region, built once, then evaluated school by school. */
export interface RegionFacts {
  year: number;
  prevYear: number;
  schools: SchoolUnitFacts[];
  subjects: VprUnitFacts[];
}

/** ВПР subjects the school-level summaries pool, as the published practices do. */
const CORE_SUBJECTS = new Set(['Русский язык', 'Математика']);
const COMPULSORY = new Set(['Русский язык', 'Математика', 'Математика (профильная)', 'Математика (базовая)']);
const MATH_VARIANTS = new Set(['Математика', 'Математика (профильная)', 'Математика (базовая)']);

const num = (v: IndicatorValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const share = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);
const lower = (s: unknown) => String(s).toLowerCase();
const unitLabel = (r: IndicatorRow) => `${r.grade} класс, ${lower(r.subject)}`;

function schoolFact(r: IndicatorRow): SchoolFact {
  const rural = r.settlement === 'село';
  return {
    school_id: String(r.school_id),
    name: String(r.name ?? ''),
    municipality: String(r.municipality ?? ''),
    rural,
    small_school: r.small_school === true,
    rural_small: rural && r.small_school === true,
    lyceum_gymnasium: r.lyceum_gymnasium === true,
    pupils: num(r.pupils),
    share_ovz: num(r.share_ovz),
    share_non_native: num(r.share_non_native),
    share_difficult: num(r.share_difficult),
  };
}

function pooledShare2(rows: readonly IndicatorRow[]): number | null {
  let n2 = 0;
  let participants = 0;
  for (const r of rows) {
    n2 += num(r.n2) ?? 0;
    participants += num(r.participants) ?? 0;
  }
  return share(n2, participants);
}

function vprSummary(rows: readonly IndicatorRow[], year: number, prevYear: number): VprSummaryFact {
  const core = rows.filter((r) => CORE_SUBJECTS.has(String(r.subject)));
  const current = core.filter((r) => r.year === year);
  const prev = core.filter((r) => r.year === prevYear);
  let worst: IndicatorRow | undefined;
  for (const r of current) if (num(r.share_2) !== null && (!worst || num(r.share_2)! > num(worst.share_2)!)) worst = r;
  return {
    share_2_max: worst ? num(worst.share_2) : null,
    share_2_max_labels: worst ? unitLabel(worst) : null,
    share_2_mean: pooledShare2(current),
    share_2_mean_prev: pooledShare2(prev),
    share_2_mean_two_years: pooledShare2([...current, ...prev]),
    share_2_rank: null,
  };
}

function giaFact(oge: readonly IndicatorRow[], ege: readonly IndicatorRow[], year: number, prevYear: number): GiaFact {
  const procedures = [...oge.map((r) => ({ exam: 'ОГЭ', r })), ...ege.map((r) => ({ exam: 'ЕГЭ', r }))].filter((p) => (num(p.r.participants) ?? 0) > 0);
  const label = (p: { exam: string; r: IndicatorRow }) => `${p.exam}, ${lower(p.r.subject)}`;
  const current = procedures.filter((p) => p.r.year === year);
  const prevByLabel = new Map(procedures.filter((p) => p.r.year === prevYear).map((p) => [label(p), num(p.r.share_below_min)]));
  const both = current.filter((p) => prevByLabel.get(label(p)) != null);
  const compulsory = [...oge.map((r) => ({ exam: 'ОГЭ', r })), ...ege.map((r) => ({ exam: 'ЕГЭ', r }))].filter((p) => p.r.year === year && COMPULSORY.has(String(p.r.subject)) && (num(p.r.below_min) ?? 0) > 0);
  const years = [...new Set(ege.map((r) => Number(r.year)))].sort();
  const worstByYear: number[] = [];
  const worstLabels: string[] = [];
  for (const y of years) {
    const rows = ege.filter((r) => r.year === y);
    const ru = rows.filter((r) => r.subject === 'Русский язык');
    const ma = rows.filter((r) => MATH_VARIANTS.has(String(r.subject)));
    const shareOf = (rs: IndicatorRow[]) => share(rs.reduce((s, r) => s + (num(r.below_min) ?? 0), 0), rs.reduce((s, r) => s + (num(r.participants) ?? 0), 0));
    const ruShare = shareOf(ru);
    const maShare = shareOf(ma);
    if (ruShare === null || maShare === null) continue;
    worstByYear.push(Math.min(ruShare, maShare));
    worstLabels.push(`${y} г.`);
  }
  return {
    share_below_min: current.map((p) => num(p.r.share_below_min) ?? 0),
    share_below_min_labels: current.map(label),
    share_below_min_both_years: both.map((p) => Math.min(num(p.r.share_below_min) ?? 0, prevByLabel.get(label(p)) ?? 0)),
    share_below_min_both_years_labels: both.map((p) => `${label(p)} (${prevYear} и ${year} гг.)`),
    compulsory_below_min: compulsory.reduce((s, p) => s + (num(p.r.below_min) ?? 0), 0),
    ege_ru_ma_below_min: ege.filter((r) => r.year === year && COMPULSORY.has(String(r.subject))).reduce((s, r) => s + (num(r.below_min) ?? 0), 0),
    ege_failures_above: null,
    compulsory_below_min_labels: compulsory.length ? compulsory.map((p) => `${label(p)} — ${p.r.below_min} чел.`).join(', ') : null,
    ege_ru_ma_worst_by_year: worstByYear,
    ege_ru_ma_worst_by_year_labels: worstLabels,
  };
}

function medallistsFact(rows: readonly IndicatorRow[], year: number): MedallistsFact {
  const current = rows.filter((r) => r.year === year);
  let lowest: { score: number; label: string } | undefined;
  for (const r of current)
    for (const [code, subject] of [['russian_score', 'русский язык'], ['math_score', 'профильная математика']] as const) {
      const s = num(r[code]);
      if (s !== null && (!lowest || s < lowest.score)) lowest = { score: s, label: `медалист № ${r.medallist}, ${subject}` };
    }
  return { count: current.length, lowest_score: lowest?.score ?? null, lowest_score_labels: lowest?.label ?? null };
}

/** НИУ ВШЭ's wider group: per school, the share of the region's ЕГЭ failures that schools with more of them hold. */
function shareOfEgeFailuresAbove(schools: SchoolUnitFacts[]): void {
  const byCount = [...schools].sort((a, b) => b.gia.ege_ru_ma_below_min - a.gia.ege_ru_ma_below_min);
  const total = byCount.reduce((s, x) => s + x.gia.ege_ru_ma_below_min, 0);
  let above = 0;
  for (let i = 0; i < byCount.length; ) {
    const n = byCount[i].gia.ege_ru_ma_below_min;
    let j = i;
    for (; j < byCount.length && byCount[j].gia.ege_ru_ma_below_min === n; j++) byCount[j].gia.ege_failures_above = total > 0 ? (100 * above) / total : null;
    above += n * (j - i);
    i = j;
  }
}

/** Ranks schools by their two-year share of «2» (1 = worst) among those not excluded; the quota counts every school with ВПР. */
export function rankVprShare2(schools: SchoolUnitFacts[], excluded: ReadonlySet<string> = new Set()): void {
  const withData = schools.filter((s) => s.vpr.share_2_mean_two_years !== null);
  const ranked = withData.filter((s) => !excluded.has(s.school.school_id)).sort((a, b) => b.vpr.share_2_mean_two_years! - a.vpr.share_2_mean_two_years!);
  for (const s of schools) s.vpr.share_2_rank = null;
  ranked.forEach((s, i) => (s.vpr.share_2_rank = { rank: i + 1, of: withData.length }));
}

function numericEntries(row: IndicatorRow | Record<string, unknown> | null): [string, number][] {
  if (!row) return [];
  return Object.entries(row).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
}

/** Region and municipality means and region percentiles of every numeric indicator of `conditions` and `vpr`. */
function addContext(schools: SchoolUnitFacts[]): void {
  const groups = { conditions: (s: SchoolUnitFacts) => s.conditions, vpr: (s: SchoolUnitFacts) => s.vpr as unknown as Record<string, unknown> } as const;
  const byMunicipality = groupBy(schools, (s) => s.school.municipality);
  for (const [group, get] of Object.entries(groups)) {
    const columns = new Map<string, number[]>();
    for (const s of schools) for (const [k, v] of numericEntries(get(s))) (columns.get(k) ?? columns.set(k, []).get(k)!).push(v);
    const sorted = new Map([...columns].map(([k, vs]) => [k, [...vs].sort((a, b) => a - b)]));
    const regionMeans = Object.fromEntries([...columns].map(([k, vs]) => [k, mean(vs)]));
    const municipalMeans = new Map(
      [...byMunicipality].map(([m, members]) => [m, Object.fromEntries([...columns.keys()].map((k) => [k, mean(members.map((s) => (get(s) as Record<string, unknown> | null)?.[k] as number))]))]),
    );
    for (const s of schools) {
      s.region[group] = regionMeans;
      s.municipality[group] = municipalMeans.get(s.school.municipality)!;
      s.percentile[group] = Object.fromEntries(numericEntries(get(s)).map(([k, v]) => [k, percentileOf(sorted.get(k)!, v)]));
    }
  }
}

/** A value over the region's pupils: each record weighted by its participants (records without participants or value left out). */
function weighted(rows: readonly IndicatorRow[], value: (r: IndicatorRow) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const r of rows) {
    const w = num(r.participants);
    const v = w !== null && w > 0 ? value(r) : null;
    if (v === null || w === null) continue;
    sum += v * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}

/** The region's quality of knowledge over its pupils: 100 · Σ («4» + «5») / Σ participants. */
function pooledQuality(rows: readonly IndicatorRow[]): number | null {
  let part = 0;
  let whole = 0;
  for (const r of rows) {
    part += (num(r.n4) ?? 0) + (num(r.n5) ?? 0);
    whole += num(r.participants) ?? 0;
  }
  return whole > 0 ? (100 * part) / whole : null;
}

function vprUnits(records: RegionRecords, schools: Map<string, SchoolFact>, year: number, prevYear: number): VprUnitFacts[] {
  const key = (r: IndicatorRow) => `${r.school_id}|${r.grade}|${r.subject}`;
  const prev = new Map(records.vpr.filter((r) => r.year === prevYear).map((r) => [key(r), r]));
  const current = records.vpr.filter((r) => r.year === year && schools.has(String(r.school_id)));
  const regionByWork = groupBy(current, (r) => `${r.grade}|${r.subject}`);
  const regionMeans = new Map(
    [...regionByWork].map(([k, rows]) => [k, {
      quality_mean: mean(rows.map((r) => num(r.quality))),
      quality_pooled: pooledQuality(rows),
      share_2_mean: mean(rows.map((r) => num(r.share_2))),
      share_lowered_mean: mean(rows.map((r) => num(r.share_lowered))),
      share_raised_mean: mean(rows.map((r) => num(r.share_raised))),
    }]),
  );
  const tasks = groupBy(records.vprTasks.filter((r) => r.year === year), key);
  const ogeCurrent = records.oge.filter((r) => r.year === year);
  const ogeRegion = new Map([...groupBy(ogeCurrent, (r) => String(r.subject))].map(([s, rows]) => [s, weighted(rows, (r) => num(r.mean_mark))]));
  const oge = new Map(ogeCurrent.map((r) => [`${r.school_id}|${r.subject}`, num(r.mean_mark)]));
  const observed = new Map(records.observation.filter((r) => r.year === year && r.procedure === 'ВПР').map((r) => [key(r), r.observer_present as boolean]));

  return current.map((r) => {
    const before = prev.get(key(r)) ?? null;
    const region = regionMeans.get(`${r.grade}|${r.subject}`)!;
    const gaps = (levels: string[]) => mean((tasks.get(key(r)) ?? []).filter((t) => levels.includes(String(t.level))).map((t) => num(t.rate_gap)));
    const ogeMark = oge.get(`${r.school_id}|${r.subject}`) ?? null;
    const ogeRegionMark = ogeRegion.get(String(r.subject)) ?? null;
    const quality = num(r.quality);
    return {
      unit: { school_id: String(r.school_id), year, grade: Number(r.grade), subject: String(r.subject) },
      school: schools.get(String(r.school_id))!,
      vpr: r,
      vpr_prev: before,
      vpr_region: region,
      vpr_change: { quality: quality !== null && before && num(before.quality) !== null ? quality - num(before.quality)! : null },
      vpr_gap: { region_quality: region.quality_pooled, quality_vs_region: quality !== null && region.quality_pooled !== null ? quality - region.quality_pooled : null },
      tasks: { basic_gap: gaps(['базовый']), advanced_gap: gaps(['повышенный']), high_gap: gaps(['высокий']), hard_gap: gaps(['повышенный', 'высокий']) },
      oge: { mean_mark: ogeMark, region_mean_mark: ogeRegionMark, gap: ogeMark !== null && ogeRegionMark !== null ? ogeMark - ogeRegionMark : null },
      observation: { observer_present: observed.has(key(r)) ? observed.get(key(r))! : null },
    };
  });
}

/** The latest year any results are given for. */
export function latestYear(records: RegionRecords): number | undefined {
  let latest: number | undefined;
  for (const rows of [records.vpr, records.conditions, records.oge, records.ege])
    for (const r of rows) if (typeof r.year === 'number' && (latest === undefined || r.year > latest)) latest = r.year;
  return latest;
}

/**
 * Builds every school's facts and every ВПР work's facts for `year` (the latest by default), with
 * last year beside them and the region and municipality as context. Schools come from the register.
 */
export function buildRegionFacts(records: RegionRecords, year = latestYear(records) ?? new Date().getFullYear()): RegionFacts {
  const prevYear = year - 1;
  const schoolFacts = new Map(records.register.map((r) => [String(r.school_id), schoolFact(r)]));
  const bySchool = <K extends keyof RegionRecords>(k: K) => groupBy(records[k], (r) => String(r.school_id));
  const vpr = bySchool('vpr');
  const oge = bySchool('oge');
  const ege = bySchool('ege');
  const medallists = bySchool('medallists');
  const conditions = bySchool('conditions');
  const conditionsIn = (id: string, y: number) => (conditions.get(id) ?? []).find((r) => r.year === y) ?? null;

  const schools: SchoolUnitFacts[] = [...schoolFacts.values()].map((school) => {
    const id = school.school_id;
    return {
      school,
      conditions: conditionsIn(id, year),
      conditions_prev: conditionsIn(id, prevYear),
      vpr: vprSummary(vpr.get(id) ?? [], year, prevYear),
      gia: giaFact(oge.get(id) ?? [], ege.get(id) ?? [], year, prevYear),
      medallists: medallistsFact(medallists.get(id) ?? [], year),
      objectivity: { markers: 0, level: null },
      municipality: {},
      region: {},
      percentile: {},
    };
  });
  rankVprShare2(schools);
  shareOfEgeFailuresAbove(schools);
  addContext(schools);
  return { year, prevYear, schools, subjects: vprUnits(records, schoolFacts, year, prevYear) };
}
