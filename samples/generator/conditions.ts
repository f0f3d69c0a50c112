import { planOf, type RegionPlan, type RiskFactor, type SchoolPlan } from './plan';
import { Random, round1, round2 } from './random';
import type { ConditionsRow, RegisterRow } from './records';
import { type School, type Year, YEARS } from './region';

function teachersTotal(rng: Random, school: School, pupils: number): number {
  if (school.small) return Math.max(6, Math.round(pupils / rng.between(5, 8)) + 3);
  if (school.settlement === 'село') return Math.round(pupils / rng.between(8, 11)) + 4;
  return Math.round(pupils / rng.between(13, 16)) + 4;
}

/** Largest count whose share of `total` stays strictly below `percent`. */
const under = (total: number, percent: number) => Math.max(0, Math.ceil((total * percent) / 100) - 1);

/** A school well inside every safe band (each indicator ≥ 20 % of its threshold away). */
function cleanRow(rng: Random, school: School, register: RegisterRow, year: Year): ConditionsRow {
  const pupils = register.pupils;
  const total = teachersTotal(rng, school, pupils);
  const vacancies = Math.min(Math.floor(total * rng.between(0, 0.08)), under(total, 8.6957)); // vacancy rate < 8 %
  const under35 = Math.round(total * rng.between(0.1, 0.3));
  const over60 = Math.min(total - under35, Math.round(total * rng.between(0.05, 0.2)));
  const pd3y = Math.min(total, Math.ceil(total * rng.between(0.7, 1)));
  const nonNativeShare = (100 * register.non_native) / pupils;
  const languageSupport = nonNativeShare >= 5 || rng.chance(0.2);
  const rural = school.settlement === 'село';
  return {
    year,
    school_id: school.id,
    teachers_total: total,
    vacancies,
    teachers_part_time: Math.min(Math.floor(total * rng.between(0, 0.15)), under(total, 20)),
    teachers_under_35: under35,
    teachers_over_60: over60,
    teachers_no_subject_education: Math.floor(total * rng.between(0, 0.12)),
    teachers_top_category: Math.round(total * rng.between(0.2, 0.4)),
    teachers_first_category: Math.round(total * rng.between(0.2, 0.35)),
    teaching_load: round2(rng.between(1.05, 1.55)),
    teachers_pd_3y: pd3y,
    teachers_pd_subject: Math.round(pd3y * rng.between(0.5, 0.9)),
    teachers_diagnostics_passed: Math.min(total, Math.ceil(total * rng.between(0.55, 0.9))),
    methodical_association: total >= 10 || rng.chance(0.5),
    mentoring: rng.chance(0.7),
    individual_pd_plans: rng.chance(0.6),
    computers_per_100: round1(rng.between(8, 24)),
    equipped_classrooms: Math.round(rng.between(40, 92)),
    internet_speed: Math.round(rural ? rng.between(15, 100) : rng.between(50, 300)),
    library_per_pupil: round1(rng.between(0.8, 1.6)),
    science_labs: rng.chance(rural ? 0.4 : 0.8),
    low_motivation: round1(rng.between(10, 28)),
    learning_risk: round1(rng.between(4, 16)),
    repeaters: rng.int(0, Math.round(pupils / 300)),
    discipline_problems: round1(rng.between(4, 18)),
    climate_index: round1(rng.between(6.2, 8.8)),
    bullying_cases: rng.int(0, 3),
    differentiated_lessons: Math.round(rng.between(28, 70)),
    individual_routes: Math.round(pupils * rng.between(0.01, 0.05)),
    language_support: languageSupport,
    russian_extra_pupils: languageSupport ? Math.round(register.non_native * rng.between(0.3, 0.9)) : 0,
    parent_meetings_attendance: Math.round(rng.between(50, 85)),
    parents_in_council: rng.int(2, 9),
    parents_satisfied: Math.round(rng.between(62, 92)),
    support_specialists: rng.int(1, 2 + Math.round(pupils / 300)),
    extracurricular_coverage: Math.round(rng.between(60, 95)),
  };
}

/** At least `percent` of `total`, as a count. */
const atLeast = (total: number, percent: number) => Math.ceil((total * percent) / 100);

/** Sets the indicators that make one risk factor high; the variant (which indicator) is drawn once per school. */
function makeHigh(rng: Random, row: ConditionsRow, factor: RiskFactor, variant: number): void {
  const total = row.teachers_total;
  switch (factor) {
    case 'equipment':
      if (variant === 0) row.computers_per_100 = round1(rng.between(2, 4.2));
      else if (variant === 1) row.equipped_classrooms = Math.round(rng.between(12, 24));
      else row.internet_speed = Math.round(rng.between(3, 8));
      return;
    case 'staffing':
      if (variant === 0) row.vacancies = Math.max(1, atLeast(total, rng.between(14, 25)));
      else row.teachers_part_time = atLeast(total, rng.between(28, 40));
      return;
    case 'subject_competence':
      if (variant === 0) row.teachers_diagnostics_passed = Math.floor((total * rng.between(15, 34)) / 100);
      else row.teachers_no_subject_education = atLeast(total, rng.between(22, 35));
      return;
    case 'adaptivity':
      row.differentiated_lessons = Math.round(rng.between(5, 15));
      return;
    case 'pd_system':
      row.teachers_pd_3y = Math.floor((total * rng.between(25, 44)) / 100);
      row.teachers_pd_subject = Math.min(row.teachers_pd_subject, row.teachers_pd_3y);
      row.individual_pd_plans = false;
      return;
    case 'language_barriers':
      row.language_support = false;
      row.russian_extra_pupils = 0;
      return;
    case 'environment':
      if (variant === 0) row.climate_index = round1(rng.between(3, 4.4));
      else row.bullying_cases = rng.int(6, 12);
      return;
    case 'learning_risk':
      row.learning_risk = round1(rng.between(28, 42));
      return;
    case 'parents':
      if (variant === 0) row.parent_meetings_attendance = Math.round(rng.between(18, 34));
      else row.parents_satisfied = Math.round(rng.between(28, 44));
      return;
    case 'motivation':
      row.low_motivation = round1(rng.between(42, 58));
      return;
    case 'discipline':
      // The first planted school sits on the threshold itself.
      row.discipline_problems = variant === 0 ? 30 : round1(rng.between(31, 45));
      return;
    case 'ovz':
      // High through the register's contingent (ОВЗ ≥ 15 %): nothing to set in the questionnaire.
      return;
  }
}

/** A ШНСУ school with many non-native speakers has a language programme unless the language barrier is planted. */
function withContextDefaults(row: ConditionsRow, p: SchoolPlan): void {
  if (p.social?.includes('non_native') && !p.risk?.includes('language_barriers')) row.language_support = true;
}

export function buildConditions(seed: number, schools: School[], plan: RegionPlan, registers: Record<Year, RegisterRow[]>): Record<Year, ConditionsRow[]> {
  const out = {} as Record<Year, ConditionsRow[]>;
  for (const year of YEARS) {
    const register = new Map(registers[year].map((r) => [r.school_id, r]));
    out[year] = schools.map((school) => {
      const rng = Random.stream(seed, `conditions:${year}:${school.id}`);
      const p = planOf(plan, school.id);
      const row = cleanRow(rng, school, register.get(school.id)!, year);
      withContextDefaults(row, p);
      // The planted factors are high in both years, drawn from one stream so both years show the same indicator.
      const variants = Random.stream(seed, `risk-variant:${school.id}`);
      for (const factor of p.risk ?? []) makeHigh(rng, row, factor, variants.int(0, 2) % (factor === 'equipment' ? 3 : 2));
      return row;
    });
  }
  return out;
}
