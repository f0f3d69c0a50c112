import { planOf, type RegionPlan, type SchoolPlan } from './plan';
import { clamp, countInBand, Random, round1, round2 } from './random';
import type { EgeRow, MedallistRow, OgeRow } from './records';
import { type School, type Year, YEARS } from './region';

const OGE_ELECTIVES: readonly (readonly [string, number])[] = [
  ['Обществознание', 0.55], ['Информатика', 0.35], ['География', 0.3], ['Биология', 0.3], ['Английский язык', 0.12],
  ['Химия', 0.1], ['Физика', 0.1], ['История', 0.06], ['Литература', 0.05],
];
const EGE_ELECTIVES: readonly (readonly [string, number])[] = [
  ['Обществознание', 0.5], ['Физика', 0.2], ['Информатика', 0.2], ['Биология', 0.18], ['Химия', 0.15],
  ['История', 0.15], ['Английский язык', 0.12], ['Литература', 0.06], ['География', 0.04],
];
export const EGE_MATH = ['Математика (базовая)', 'Математика (профильная)'] as const;

/** Omsk-style failure: well over 30 % of participants below the minimum. */
function failing(rng: Random, participants: number): number {
  const c = countInBand(participants, 33, 45, rng.between(35, 42));
  if (c === undefined) throw new Error(`Нельзя заложить 33–45 % не преодолевших порог из ${participants}`);
  return c;
}

/** Electives: a single pupil below the minimum now and then, never near any threshold. */
function electiveBelowMin(rng: Random, participants: number): number {
  return participants >= 8 && rng.chance(0.2) ? 1 : 0;
}

function ogeMainFailures(p: SchoolPlan, year: Year, subject: string): boolean {
  const omsk = p.lowResults?.omsk;
  if (omsk === 'two_procedures') return year === 2025;
  return omsk === 'same_procedure' && subject === 'Математика';
}

function ogeRows(rng: Random, school: School, p: SchoolPlan, year: Year): OgeRow[] {
  const n9 = school.enrolled[year][8];
  const main = n9 - (n9 > 15 && rng.chance(0.3) ? 1 : 0);
  const rows: OgeRow[] = [];
  for (const subject of ['Русский язык', 'Математика']) {
    const fails = ogeMainFailures(p, year, subject);
    const unconfirmed = p.objectivity?.some((m) => m.marker === 'vpr_above_region_unconfirmed' && m.subject === subject);
    const [lo, hi] = fails
      ? [2.7, 3.0]
      : unconfirmed
        ? [3.1, 3.3]
        : p.objectivity
          ? [4.0, 4.3]
          : school.lyceum
            ? [4.1, 4.6]
            : p.lowResults
              ? [3.0, 3.4]
              : subject === 'Математика' ? [3.4, 4.0] : [3.6, 4.2];
    rows.push({ year, school_id: school.id, subject, participants: main, below_min: fails ? failing(rng, main) : 0, mean_mark: round2(rng.between(lo, hi)) });
  }
  for (const [subject, share] of OGE_ELECTIVES) {
    const participants = Math.round(n9 * share * rng.between(0.6, 1.4));
    if (participants === 0) continue;
    const [lo, hi] = school.lyceum ? [3.9, 4.6] : [3.2, 4.3];
    rows.push({ year, school_id: school.id, subject, participants, below_min: electiveBelowMin(rng, participants), mean_mark: round2(rng.between(lo, hi)) });
  }
  return rows;
}

interface EgeScale {
  russian: [number, number];
  profile: [number, number];
  /** Base mathematics is marked 2–5: its «средний балл» is the mean mark. */
  baseMark: [number, number];
}

function egeScale(school: School, p: SchoolPlan): EgeScale {
  if (school.lyceum) return { russian: [74, 86], profile: [60, 76], baseMark: [4.4, 4.8] };
  if (p.lowResults) return { russian: [55, 63], profile: [38, 48], baseMark: [3.4, 3.8] };
  return { russian: [62, 78], profile: [45, 66], baseMark: [3.8, 4.5] };
}

function egeRows(rng: Random, school: School, p: SchoolPlan, year: Year): EgeRow[] {
  const n11 = school.enrolled[year][10];
  const base = Math.round(n11 * (school.lyceum ? rng.between(0.1, 0.3) : rng.between(0.4, 0.65)));
  const scale = egeScale(school, p);
  const main: EgeRow[] = [
    { year, school_id: school.id, subject: 'Русский язык', participants: n11, below_min: 0, mean_score: round1(rng.between(...scale.russian)) },
    { year, school_id: school.id, subject: 'Математика (базовая)', participants: base, below_min: 0, mean_score: round2(rng.between(...scale.baseMark)) },
    { year, school_id: school.id, subject: 'Математика (профильная)', participants: n11 - base, below_min: 0, mean_score: round1(rng.between(...scale.profile)) },
  ].filter((r) => r.participants > 0);
  if (p.lowResults?.giaBelowMinimum && year === 2025) {
    const row = rng.pick(main.filter((r) => r.participants >= 5));
    row.below_min = row.participants >= 12 ? 2 : 1;
  }
  const rows = [...main];
  for (const [subject, share] of EGE_ELECTIVES) {
    const participants = Math.round(n11 * share * rng.between(0.6, 1.4));
    if (participants === 0) continue;
    const [lo, hi] = school.lyceum ? [56, 76] : [48, 68];
    rows.push({ year, school_id: school.id, subject, participants, below_min: electiveBelowMin(rng, participants), mean_score: round1(rng.between(lo, hi)) });
  }
  return rows;
}

function medallistCount(rng: Random, school: School, p: SchoolPlan): number {
  if (school.lyceum) return rng.int(4, 10);
  if (p.lowResults) return rng.int(0, 1);
  return school.settlement === 'город' ? rng.int(0, 5) : rng.int(0, 2);
}

function medallistRows(rng: Random, school: School, p: SchoolPlan, year: Year, profileTakers: number): MedallistRow[] {
  const n11 = school.enrolled[year][10];
  const below = year === 2025 ? p.objectivity?.find((m) => m.marker === 'medallists_below') : undefined;
  const count = clamp(medallistCount(rng, school, p), below ? 2 : 0, n11);
  const rows: MedallistRow[] = [];
  for (let i = 1; i <= count; i++) {
    const profile = i <= profileTakers && rng.chance(0.7);
    rows.push({ year, school_id: school.id, medallist: i, russian_score: rng.int(78, 100), math_score: profile ? rng.int(72, 98) : null });
  }
  if (below) {
    const first = rows[0];
    if (below.subject === 'Русский язык') first.russian_score = rng.int(60, 68);
    else first.math_score = rng.int(52, 66);
  }
  return rows;
}

export interface GiaYear {
  oge: OgeRow[];
  ege: EgeRow[];
  medallists: MedallistRow[];
}

export function buildGia(seed: number, schools: School[], plan: RegionPlan): Record<Year, GiaYear> {
  const out = {} as Record<Year, GiaYear>;
  for (const year of YEARS) {
    const y: GiaYear = { oge: [], ege: [], medallists: [] };
    for (const school of schools) {
      if (school.level === 'primary') continue;
      const rng = Random.stream(seed, `gia:${year}:${school.id}`);
      const p = planOf(plan, school.id);
      y.oge.push(...ogeRows(rng, school, p, year));
      if (school.level !== 'secondary') continue;
      const ege = egeRows(rng, school, p, year);
      y.ege.push(...ege);
      const profile = ege.find((r) => r.subject === 'Математика (профильная)')?.participants ?? 0;
      y.medallists.push(...medallistRows(rng, school, p, year, profile));
    }
    out[year] = y;
  }
  return out;
}
