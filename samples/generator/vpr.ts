import { quality, regionQuality } from './measures';
import { type MarkerPlan, type ObjectivityMarker, planOf, type RegionPlan, VPR_SUBJECTS } from './plan';
import { clamp, countInBand, Random, round1 } from './random';
import type { TaskLevel, VprResultRow, VprTaskRow } from './records';
import { type School, vprGrades, type Year, YEARS } from './region';
import { THRESHOLDS } from './thresholds';

export const TASK_LEVELS: readonly TaskLevel[] = ['базовый', 'базовый', 'базовый', 'базовый', 'базовый', 'базовый', 'повышенный', 'повышенный', 'высокий', 'высокий'];

type Range = readonly [number, number];

const W_SHARE2 = THRESHOLDS.lowResults.plantedShare2;

/** How a school's works are drawn: bands of the share of «2» and of quality (%), and their centres. */
interface WorkProfile {
  share2: Range;
  quality: Range;
  share2Centre: number;
  qualityCentre: number;
}

function schoolProfile(rng: Random, school: School, plan: RegionPlan): WorkProfile {
  // W keeps a point inside its planted band of «2»; the others stay under 15 %.
  if (planOf(plan, school.id).lowResults) return { share2: [W_SHARE2[0] + 1, W_SHARE2[1] - 1], quality: [5, 30], share2Centre: rng.between(31, 40), qualityCentre: rng.between(12, 24) };
  if (school.lyceum) return { share2: [0, 5], quality: [55, 88], share2Centre: rng.between(0, 4), qualityCentre: rng.between(62, 80) };
  return { share2: [0, 15], quality: [30, 62], share2Centre: rng.between(3, 11), qualityCentre: rng.between(36, 54) };
}

function count(total: number, band: Range, target: number, max = total): number {
  const c = countInBand(total, band[0], band[1], target, max);
  if (c === undefined) throw new Error(`Нельзя выбрать долю ${band[0]}–${band[1]} % из ${total} (не больше ${max})`);
  return c;
}

interface Marks {
  n2: number;
  n3: number;
  n4: number;
  n5: number;
}

function marks(rng: Random, participants: number, n2: number, good: number, lyceum: boolean): Marks {
  const n5 = Math.round(good * (lyceum ? rng.between(0.35, 0.55) : rng.between(0.2, 0.42)));
  return { n2, n3: participants - n2 - good, n4: good - n5, n5 };
}

function journal(rng: Random, participants: number, marker: ObjectivityMarker | undefined): { lowered: number; confirmed: number; raised: number } {
  let lowered = Math.floor(participants * rng.between(0.04, 0.22));
  let raised = Math.floor(participants * rng.between(0, 0.1));
  if (marker === 'high_lowered') {
    lowered = count(participants, [42, 56], rng.between(44, 52));
    raised = Math.floor(participants * rng.between(0, 0.06));
  } else if (marker === 'high_raised') {
    raised = count(participants, [22, 32], rng.between(23, 28));
    lowered = Math.floor(participants * rng.between(0.02, 0.1));
  }
  return { lowered, confirmed: participants - lowered - raised, raised };
}

function participantsOf(rng: Random, enrolled: number): number {
  return clamp(Math.round(enrolled * rng.between(0.86, 1)), Math.min(5, enrolled), enrolled);
}

/** One ВПР work of a school (grade × subject) in both years; the 2025 result stays within 15 p. p. of 2024 unless a jump is planted. */
function workPair(rng: Random, school: School, grade: number, subject: string, profile: WorkProfile, markers: MarkerPlan[]): Record<Year, VprResultRow> {
  const marker = (m: ObjectivityMarker) => markers.some((p) => p.marker === m && p.grade === grade && p.subject === subject);
  const share2Target = profile.share2Centre + rng.between(-3, 3);
  const qualityTarget = profile.qualityCentre + rng.between(-7, 7);
  const jump = marker('sharp_jump');
  const out = {} as Record<Year, VprResultRow>;
  let previousQuality: number | undefined;
  for (const year of YEARS) {
    const enrolled = school.enrolled[year][grade - 1];
    const participants = participantsOf(rng, enrolled);
    const n2 = count(participants, profile.share2, share2Target + (year === 2025 ? rng.between(-2, 2) : 0));
    let band: Range = profile.quality;
    let target = qualityTarget;
    if (jump && previousQuality === undefined) [band, target] = [[25, 33], 29];
    else if (jump && previousQuality !== undefined) [band, target] = [[previousQuality + 32, Math.min(100, previousQuality + 40)], previousQuality + 35];
    else if (previousQuality !== undefined) {
      band = [Math.max(band[0], previousQuality - 14), Math.min(band[1], previousQuality + 14)];
      target = previousQuality + rng.between(-5, 5);
    }
    const good = count(participants, band, target, participants - n2);
    previousQuality = (100 * good) / participants;
    const m = marks(rng, participants, n2, good, school.lyceum);
    const j = journal(rng, participants, year === 2025 ? (marker('high_lowered') ? 'high_lowered' : marker('high_raised') ? 'high_raised' : undefined) : undefined);
    out[year] = { year, school_id: school.id, grade, subject, enrolled, participants, ...m, ...j };
  }
  return out;
}

/** Raises a work to well above the region mean in both years (the unconfirmed-result marker), keeping «2» rare. */
function raiseAboveRegion(rng: Random, rows: Record<Year, VprResultRow>, regionTop: number, lyceum: boolean): void {
  const target = regionTop + rng.between(32, 35);
  let q2025 = 0;
  for (const year of [2025, 2024] as const) {
    const r = rows[year];
    const n2 = count(r.participants, [0, 5], 0);
    const band: Range = year === 2025 ? [regionTop + 30, 96] : [q2025 - 12, Math.min(96, q2025 + 12)];
    const good = count(r.participants, band, year === 2025 ? target : q2025, r.participants - n2);
    if (year === 2025) q2025 = (100 * good) / r.participants;
    Object.assign(r, marks(rng, r.participants, n2, good, lyceum));
  }
}

/** Base solve rate of each task of a work by level, the same every year up to a small shift. */
function taskBase(seed: number, grade: number, subject: string, task: number, year: Year): number {
  const rng = Random.stream(seed, `task-base:${grade}:${subject}:${task}`);
  const level = TASK_LEVELS[task - 1];
  const base = level === 'базовый' ? rng.between(62, 82) : level === 'повышенный' ? rng.between(40, 56) : rng.between(18, 34);
  return base + Random.stream(seed, `task-shift:${year}:${grade}:${subject}:${task}`).between(-2, 2);
}

function schoolTasks(seed: number, rng: Random, r: VprResultRow): VprTaskRow[] {
  const offset = (quality(r) - 48) * 0.5;
  return TASK_LEVELS.map((level, i) => ({
    year: r.year,
    school_id: r.school_id,
    grade: r.grade,
    subject: r.subject,
    task: i + 1,
    level,
    school_rate: round1(clamp(taskBase(seed, r.grade, r.subject, i + 1, r.year as Year) + offset + rng.between(-3, 3), 0, 100)),
    region_rate: 0,
  }));
}

const workKey = (t: { year: number; grade: number; subject: string; task?: number }) => `${t.year}|${t.grade}|${t.subject}|${t.task ?? ''}`;

/** Region solve rate of every task: the participant-weighted mean of the schools' rates. */
function setRegionRates(results: VprResultRow[], tasks: VprTaskRow[]): void {
  const weight = new Map(results.map((r) => [`${r.school_id}|${workKey(r)}`, r.participants]));
  const sums = new Map<string, { s: number; w: number }>();
  for (const t of tasks) {
    const w = weight.get(`${t.school_id}|${workKey({ ...t, task: undefined })}`) ?? 0;
    const acc = sums.get(workKey(t)) ?? { s: 0, w: 0 };
    acc.s += t.school_rate * w;
    acc.w += w;
    sums.set(workKey(t), acc);
  }
  for (const t of tasks) {
    const acc = sums.get(workKey(t))!;
    t.region_rate = round1(acc.s / acc.w);
  }
}

/** Hard tasks solved better and easy tasks worse than the region. */
function invertTasks(rng: Random, tasks: VprTaskRow[]): void {
  for (const t of tasks) {
    t.school_rate = round1(clamp(t.level === 'базовый' ? t.region_rate - rng.between(8.5, 12) : t.region_rate + rng.between(15, 20), 0, 100));
  }
}

export interface VprYear {
  results: VprResultRow[];
  tasks: VprTaskRow[];
}

export function buildVpr(seed: number, schools: School[], plan: RegionPlan): Record<Year, VprYear> {
  const works: { school: School; markers: MarkerPlan[]; rows: Record<Year, VprResultRow> }[] = [];
  for (const school of schools) {
    const rng = Random.stream(seed, `vpr:${school.id}`);
    const profile = schoolProfile(rng, school, plan);
    const markers = planOf(plan, school.id).objectivity ?? [];
    for (const grade of vprGrades(school)) for (const subject of VPR_SUBJECTS) works.push({ school, markers, rows: workPair(rng, school, grade, subject, profile, markers) });
  }
  const results = (year: Year) => works.map((w) => w.rows[year]);

  for (const subject of VPR_SUBJECTS) {
    const region = regionQuality(results(2025), 8, subject);
    const top = Math.max(region.mean, region.pooled);
    for (const w of works) {
      if (w.rows[2025].grade === 8 && w.rows[2025].subject === subject && w.markers.some((m) => m.marker === 'vpr_above_region_unconfirmed' && m.grade === 8 && m.subject === subject))
        raiseAboveRegion(Random.stream(seed, `vpr-above:${w.school.id}:${subject}`), w.rows, top, w.school.lyceum);
    }
  }

  const out = {} as Record<Year, VprYear>;
  for (const year of YEARS) {
    const rows = results(year);
    const rng = Random.stream(seed, `vpr-tasks:${year}`);
    const tasksByWork = works.map((w) => schoolTasks(seed, rng, w.rows[year]));
    const tasks = tasksByWork.flat();
    setRegionRates(rows, tasks);
    if (year === 2025) {
      works.forEach((w, i) => {
        const r = w.rows[year];
        if (w.markers.some((m) => m.marker === 'task_inversion' && m.grade === r.grade && m.subject === r.subject)) invertTasks(rng, tasksByWork[i]);
      });
      setRegionRates(rows, tasks);
    }
    out[year] = { results: rows, tasks };
  }
  return out;
}
