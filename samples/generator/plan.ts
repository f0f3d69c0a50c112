import { Random } from './random';
import { type School, vprGrades } from './region';

export type Area = 'low_results' | 'social_conditions' | 'risk_factors' | 'objectivity';

export type SocialFactor = 'difficult' | 'non_native' | 'ovz' | 'rural_small';

export const RISK_FACTORS = [
  'equipment', 'staffing', 'subject_competence', 'adaptivity', 'pd_system', 'language_barriers',
  'environment', 'learning_risk', 'parents', 'motivation', 'ovz', 'discipline',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
/** Factors read from the conditions questionnaire; language barriers and ОВЗ come with a school's contingent. */
const QUESTIONNAIRE_FACTORS: RiskFactor[] = ['equipment', 'staffing', 'subject_competence', 'adaptivity', 'pd_system', 'environment', 'learning_risk', 'parents', 'motivation'];

export const OBJECTIVITY_MARKERS = [
  'vpr_above_region_unconfirmed', 'task_inversion', 'high_lowered', 'high_raised', 'sharp_jump', 'medallists_below', 'no_observer',
] as const;
export type ObjectivityMarker = (typeof OBJECTIVITY_MARKERS)[number];

export const VPR_SUBJECTS = ['Русский язык', 'Математика'] as const;

/** One marker of non-objective results, located by grade and subject (ЕГЭ subject for medallists). */
export interface MarkerPlan {
  marker: ObjectivityMarker;
  grade: number;
  subject: string;
}

export interface SchoolPlan {
  /** Group W of low results; `omsk` and `giaBelowMinimum` are its ГИА subsets. */
  lowResults?: { omsk?: 'two_procedures' | 'same_procedure'; giaBelowMinimum?: boolean };
  /** ШНСУ: the factors that hold (two or more). */
  social?: SocialFactor[];
  risk?: RiskFactor[];
  objectivity?: MarkerPlan[];
}

export type RegionPlan = ReadonlyMap<string, SchoolPlan>;

/** The municipality whose schools send separate forms to be merged; its schools are left unplanted. */
export const SCHOOL_FORMS_MUNICIPALITY = 'klyukvensky';

const EMPTY: SchoolPlan = Object.freeze({});

export function planOf(plan: RegionPlan, id: string): SchoolPlan {
  return plan.get(id) ?? EMPTY;
}

/** Not planted in any area: such a school must stay clear of every threshold, and may host a data error. */
export function isUnplanted(plan: RegionPlan, id: string): boolean {
  const p = planOf(plan, id);
  return !p.lowResults && !p.social && !p.risk && !p.objectivity;
}

const minEnrolled = (s: School, grades: number[]) => Math.min(...[2024, 2025].flatMap((y) => grades.map((g) => s.enrolled[y as 2024 | 2025][g - 1])));

function take<T>(pool: T[], n: number, fits: (x: T) => boolean = () => true): T[] {
  const out: T[] = [];
  for (let i = 0; i < pool.length && out.length < n; ) {
    if (fits(pool[i])) out.push(...pool.splice(i, 1));
    else i++;
  }
  if (out.length < n) throw new Error(`Не хватило школ для закладки: нужно ${n}, нашлось ${out.length}`);
  return out;
}

/** Group W (~10 % of schools) and its ГИА subsets. */
function planLowResults(rng: Random, candidates: School[], regionSize: number, plans: Map<string, SchoolPlan>): School[] {
  const pool = rng.shuffle(candidates.filter((s) => !s.lyceum && !s.small && s.level !== 'primary' && minEnrolled(s, vprGrades(s)) >= 11));
  // Exactly a tenth of the region, so that the bottom decile is W whichever way it is cut.
  const w = take(pool, Math.round(regionSize * 0.1));
  const rest = [...w];
  const gia = take(rest, 6, (s) => s.level === 'secondary' && s.enrolled[2025][10] >= 5);
  const two = take(rest, 8, (s) => minEnrolled(s, [9]) >= 6);
  const same = take(rest, 5, (s) => minEnrolled(s, [9]) >= 6);
  for (const s of w) plans.set(s.id, { lowResults: {} });
  for (const s of gia) plans.get(s.id)!.lowResults!.giaBelowMinimum = true;
  for (const s of two) plans.get(s.id)!.lowResults!.omsk = 'two_procedures';
  for (const s of same) plans.get(s.id)!.lowResults!.omsk = 'same_procedure';
  return w;
}

/** ШНСУ: two or more of the four context factors; some of them also carry the language or ОВЗ risk factor. */
function planSocial(rng: Random, candidates: School[], w: School[], plans: Map<string, SchoolPlan>): School[] {
  const set = (s: School, social: SocialFactor[]) => plans.set(s.id, { ...plans.get(s.id), social });
  const fromW = take(rng.shuffle(w.filter((s) => !plans.get(s.id)!.lowResults!.omsk && !plans.get(s.id)!.lowResults!.giaBelowMinimum)), 3);
  const combos: SocialFactor[][] = [['difficult', 'non_native'], ['difficult', 'ovz'], ['non_native', 'ovz']];
  fromW.forEach((s, i) => set(s, combos[i]));
  const small = take(rng.shuffle(candidates.filter((s) => s.small && s.settlement === 'село')), 5, (s) => Math.min(s.pupils[2024], s.pupils[2025]) >= 50);
  const smallSecond: SocialFactor[] = ['difficult', 'non_native', 'ovz', 'difficult', 'non_native'];
  small.forEach((s, i) => set(s, ['rural_small', smallSecond[i]]));
  const others = take(rng.shuffle(candidates.filter((s) => !s.small && !s.lyceum)), 4);
  const otherCombos: SocialFactor[][] = [['difficult', 'non_native'], ['difficult', 'ovz'], ['non_native', 'ovz'], ['difficult', 'non_native', 'ovz']];
  others.forEach((s, i) => set(s, otherCombos[i]));
  const social = [...fromW, ...small, ...others];
  const addRisk = (s: School, f: RiskFactor) => {
    const p = plans.get(s.id)!;
    p.risk = [...(p.risk ?? []), f];
  };
  social.filter((s) => plans.get(s.id)!.social!.includes('non_native')).slice(0, 3).forEach((s) => addRisk(s, 'language_barriers'));
  social.filter((s) => plans.get(s.id)!.social!.includes('ovz')).slice(0, 2).forEach((s) => addRisk(s, 'ovz'));
  return social;
}

/** Risk profile: ~30 schools with one to four high factors. */
function planRisk(seed: number, rng: Random, candidates: School[], w: School[], social: School[], plans: Map<string, SchoolPlan>): void {
  const counts = [1, 2, 3, 4, 2, 1, 3, 2, 1, 4, 2, 1, 3, 2, 1, 2, 4, 1, 2, 3, 1, 2, 3, 1, 2];
  const fromSocial = social.filter((s) => plans.get(s.id)!.risk);
  const fromW = take(rng.shuffle(w.filter((s) => !plans.get(s.id)!.social)), 10);
  const others = take(rng.shuffle(candidates), 30 - fromSocial.length - fromW.length);
  const extra = [...fromSocial.slice(0, 2), ...fromW, ...others];
  extra.forEach((s, i) => {
    const p = plans.get(s.id) ?? {};
    const have = p.risk ?? [];
    const n = Math.max(1, counts[i % counts.length] - have.length);
    p.risk = [...have, ...rng.shuffle(QUESTIONNAIRE_FACTORS).slice(0, n)];
    plans.set(s.id, p);
  });
  // «Низкий уровень дисциплины на уроке», added later to the profile: a stream of its own, so the schools
  // and factors planted before it stay as they were.
  const own = Random.stream(seed, 'plan:discipline');
  for (const s of take(own.shuffle(extra.filter((x) => plans.get(x.id)!.risk!.length < 4)), 3)) plans.get(s.id)!.risk!.push('discipline');
}

function markerCells(rng: Random, s: School, markers: ObjectivityMarker[]): MarkerPlan[] {
  const used = new Set<string>();
  const cell = (grades: number[], subjects: readonly string[]) => {
    for (const { g, subj } of rng.shuffle(grades.flatMap((g) => subjects.map((subj) => ({ g, subj }))))) {
      if (used.has(`${g}|${subj}`)) continue;
      used.add(`${g}|${subj}`);
      return { grade: g, subject: subj };
    }
    throw new Error(`Нет свободного класса и предмета для маркера в ${s.id}`);
  };
  return markers.map((marker) => {
    switch (marker) {
      case 'vpr_above_region_unconfirmed':
        return { marker, ...cell([8], VPR_SUBJECTS) };
      case 'sharp_jump':
        return { marker, ...cell([4, 5, 6, 7], VPR_SUBJECTS) };
      case 'medallists_below':
        return { marker, ...cell([11], ['Русский язык', 'Математика (профильная)']) };
      default:
        return { marker, ...cell([4, 5, 6, 7, 8], VPR_SUBJECTS) };
    }
  });
}

function markerFits(s: School, marker: ObjectivityMarker): boolean {
  if (marker === 'vpr_above_region_unconfirmed') return !s.lyceum;
  if (marker === 'sharp_jump') return !s.lyceum;
  if (marker === 'medallists_below') return s.level === 'secondary' && Math.min(s.enrolled[2024][10], s.enrolled[2025][10]) >= 3;
  return true;
}

/** Signs of non-objective results: 25 schools, a third of them with three or more markers. */
function planObjectivity(rng: Random, candidates: School[], plans: Map<string, SchoolPlan>): void {
  const pool = rng.shuffle(candidates.filter((s) => s.level !== 'primary' && minEnrolled(s, vprGrades(s)) >= 12));
  const chosen = take(pool, 25);
  const counts = chosen.map((_, i) => (i < 8 ? 3 + (i % 2) : 1 + (i % 2)));
  let next = 0;
  chosen.forEach((s, i) => {
    const markers: ObjectivityMarker[] = [];
    for (let tries = 0; markers.length < counts[i] && tries < OBJECTIVITY_MARKERS.length * 2; tries++) {
      const m = OBJECTIVITY_MARKERS[next++ % OBJECTIVITY_MARKERS.length];
      if (!markers.includes(m) && markerFits(s, m)) markers.push(m);
    }
    plans.set(s.id, { objectivity: markerCells(rng, s, markers) });
  });
}

/** Which schools carry which planted classification. */
export function planRegion(seed: number, schools: School[]): RegionPlan {
  const rng = Random.stream(seed, 'plan');
  const plans = new Map<string, SchoolPlan>();
  const eligible = schools.filter((s) => s.municipality.slug !== SCHOOL_FORMS_MUNICIPALITY);
  const w = planLowResults(rng, eligible, schools.length, plans);
  const free = () => eligible.filter((s) => !plans.has(s.id));
  const social = planSocial(rng, free(), w, plans);
  planRisk(seed, rng, free(), w, social, plans);
  planObjectivity(rng, free(), plans);
  return plans;
}
