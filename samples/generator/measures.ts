import type { ConditionsRow, GiaRow, OgeRow, RegisterRow, VprResultRow, VprTaskRow } from './records';
import type { RiskFactor, SocialFactor } from './plan';
import { THRESHOLDS } from './thresholds';

/** Indicators the planted classifications are stated in, computed from records as a rule would. */

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export const share2 = (r: VprResultRow) => pct(r.n2, r.participants);
export const quality = (r: VprResultRow) => pct(r.n4 + r.n5, r.participants);
export const shareLowered = (r: VprResultRow) => pct(r.lowered, r.participants);
export const shareRaised = (r: VprResultRow) => pct(r.raised, r.participants);
export const shareBelowMin = (r: GiaRow) => pct(r.below_min, r.participants);

/** Region quality of one ВПР work: the mean over schools and the pooled share over pupils. */
export function regionQuality(results: readonly VprResultRow[], grade: number, subject: string): { mean: number; pooled: number } {
  const rows = results.filter((r) => r.grade === grade && r.subject === subject && r.participants > 0);
  const mean = rows.reduce((s, r) => s + quality(r), 0) / rows.length;
  const pooled = pct(rows.reduce((s, r) => s + r.n4 + r.n5, 0), rows.reduce((s, r) => s + r.participants, 0));
  return { mean, pooled };
}

/** Region ОГЭ mean mark in a subject: over schools and weighted by participants. */
export function regionOgeMark(oge: readonly OgeRow[], subject: string): { mean: number; weighted: number } {
  const rows = oge.filter((r) => r.subject === subject && r.participants > 0);
  const mean = rows.reduce((s, r) => s + r.mean_mark, 0) / rows.length;
  const weighted = rows.reduce((s, r) => s + r.mean_mark * r.participants, 0) / rows.reduce((s, r) => s + r.participants, 0);
  return { mean, weighted };
}

/** Mean gap (school − region, p. p.) of a work's tasks by level: basic, high (высокий) and advanced (повышенный and высокий). */
export function taskGaps(tasks: readonly VprTaskRow[]): { basic: number; high: number; advanced: number } {
  const gap = (rows: readonly VprTaskRow[]) => rows.reduce((s, t) => s + t.school_rate - t.region_rate, 0) / rows.length;
  return {
    basic: gap(tasks.filter((t) => t.level === 'базовый')),
    high: gap(tasks.filter((t) => t.level === 'высокий')),
    advanced: gap(tasks.filter((t) => t.level !== 'базовый')),
  };
}

export function contextShares(r: RegisterRow): { ovz: number; nonNative: number; difficult: number } {
  return { ovz: pct(r.pupils_ovz, r.pupils), nonNative: pct(r.non_native, r.pupils), difficult: pct(r.difficult_families, r.pupils) };
}

/** ШНСУ factors that hold for a school by its register row. */
export function socialFactors(r: RegisterRow): SocialFactor[] {
  const t = THRESHOLDS.social;
  const s = contextShares(r);
  const out: SocialFactor[] = [];
  if (s.difficult >= t.difficultShare) out.push('difficult');
  if (s.nonNative >= t.nonNativeShare) out.push('non_native');
  if (s.ovz >= t.ovzShare) out.push('ovz');
  if (r.settlement === 'село' && r.small_school) out.push('rural_small');
  return out;
}

/** Indicators behind each risk factor, with the values that make it high. */
export function riskIndicators(c: ConditionsRow, r: RegisterRow) {
  const total = c.teachers_total;
  return {
    computers_per_100: c.computers_per_100,
    equipped_classrooms: c.equipped_classrooms,
    internet_speed: c.internet_speed,
    vacancy_rate: pct(c.vacancies, total + c.vacancies),
    share_part_time: pct(c.teachers_part_time, total),
    share_diagnostics_passed: pct(c.teachers_diagnostics_passed, total),
    share_no_subject_education: pct(c.teachers_no_subject_education, total),
    differentiated_lessons: c.differentiated_lessons,
    share_pd_3y: pct(c.teachers_pd_3y, total),
    individual_pd_plans: c.individual_pd_plans,
    share_non_native: pct(r.non_native, r.pupils),
    language_support: c.language_support,
    climate_index: c.climate_index,
    bullying_cases: c.bullying_cases,
    learning_risk: c.learning_risk,
    parent_meetings_attendance: c.parent_meetings_attendance,
    parents_satisfied: c.parents_satisfied,
    low_motivation: c.low_motivation,
    discipline_problems: c.discipline_problems,
    share_ovz: pct(r.pupils_ovz, r.pupils),
  };
}

export type RiskIndicators = ReturnType<typeof riskIndicators>;

/**
 * How far each factor is from its threshold, as a fraction of the threshold on the risky side:
 * ≥ 0 is high, and a clean school must stay at or below −CLEAN_MARGIN (e.g. −0.2) on every factor.
 */
export function riskDistances(i: RiskIndicators): Record<RiskFactor, number> {
  const t = THRESHOLDS.risk;
  const below = (v: number, th: number) => (th - v) / th; // high when v < th
  const atLeast = (v: number, th: number) => (v - th) / th; // high when v ≥ th
  const either = (...d: number[]) => Math.max(...d);
  return {
    equipment: either(below(i.computers_per_100, t.computersPer100), below(i.equipped_classrooms, t.equippedClassrooms), below(i.internet_speed, t.internetSpeed)),
    staffing: either(atLeast(i.vacancy_rate, t.vacancyRate), atLeast(i.share_part_time, t.partTimeShare)),
    subject_competence: either(below(i.share_diagnostics_passed, t.diagnosticsPassedShare), atLeast(i.share_no_subject_education, t.noSubjectEducationShare)),
    adaptivity: below(i.differentiated_lessons, t.differentiatedLessons),
    pd_system: i.individual_pd_plans ? -1 : below(i.share_pd_3y, t.pdShare),
    language_barriers: i.language_support ? -1 : atLeast(i.share_non_native, t.nonNativeShare),
    environment: either(below(i.climate_index, t.climateIndex), atLeast(i.bullying_cases, t.bullyingCases)),
    learning_risk: atLeast(i.learning_risk, t.learningRisk),
    parents: either(below(i.parent_meetings_attendance, t.parentMeetingsAttendance), below(i.parents_satisfied, t.parentsSatisfied)),
    motivation: atLeast(i.low_motivation, t.lowMotivation),
    ovz: atLeast(i.share_ovz, t.ovzShare),
    discipline: atLeast(i.discipline_problems, t.disciplineProblems),
  };
}
