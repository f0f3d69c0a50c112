/** Rows of the five templates as the generator makes them; keys are the templates' indicator codes. */

export type RegisterRow = {
  school_id: string;
  name: string;
  municipality: string;
  settlement: string;
  small_school: boolean;
  lyceum_gymnasium: boolean;
  pupils: number;
  pupils_ovz: number;
  non_native: number;
  difficult_families: number;
};

export type VprResultRow = {
  year: number;
  school_id: string;
  grade: number;
  subject: string;
  enrolled: number;
  participants: number;
  n2: number;
  n3: number;
  n4: number;
  n5: number;
  lowered: number;
  confirmed: number;
  raised: number;
};

export type TaskLevel = 'базовый' | 'повышенный' | 'высокий';

export type VprTaskRow = {
  year: number;
  school_id: string;
  grade: number;
  subject: string;
  task: number;
  level: TaskLevel;
  school_rate: number;
  region_rate: number;
};

export type GiaRow = {
  year: number;
  school_id: string;
  subject: string;
  participants: number;
  below_min: number;
};

export type OgeRow = GiaRow & { mean_mark: number };
export type EgeRow = GiaRow & { mean_score: number };

export type MedallistRow = {
  year: number;
  school_id: string;
  medallist: number;
  russian_score: number;
  math_score: number | null;
};

export type ConditionsRow = {
  year: number;
  school_id: string;
  teachers_total: number;
  vacancies: number;
  teachers_part_time: number;
  teachers_under_35: number;
  teachers_over_60: number;
  teachers_no_subject_education: number;
  teachers_top_category: number;
  teachers_first_category: number;
  teaching_load: number;
  teachers_pd_3y: number;
  teachers_pd_subject: number;
  teachers_diagnostics_passed: number;
  methodical_association: boolean;
  mentoring: boolean;
  individual_pd_plans: boolean;
  computers_per_100: number;
  equipped_classrooms: number;
  internet_speed: number;
  library_per_pupil: number;
  science_labs: boolean;
  low_motivation: number;
  learning_risk: number;
  repeaters: number;
  discipline_problems: number;
  climate_index: number;
  bullying_cases: number;
  differentiated_lessons: number;
  individual_routes: number;
  language_support: boolean;
  russian_extra_pupils: number;
  parent_meetings_attendance: number;
  parents_in_council: number;
  parents_satisfied: number;
  support_specialists: number;
  extracurricular_coverage: number;
};

export type ObservationRow = {
  year: number;
  school_id: string;
  procedure: 'ВПР' | 'ОГЭ' | 'ЕГЭ';
  grade: number;
  subject: string;
  date: Date;
  observer_present: boolean;
  observers: number;
  video: boolean;
};

/** One year of the region: template id → sheet id → rows. */
export interface YearRecords {
  register: { schools: RegisterRow[] };
  vpr: { results: VprResultRow[]; tasks: VprTaskRow[] };
  gia: { oge: OgeRow[]; ege: EgeRow[]; medallists: MedallistRow[] };
  conditions: { conditions: ConditionsRow[] };
  observation: { procedures: ObservationRow[] };
}

export type TemplateId = keyof YearRecords;
export const TEMPLATE_IDS: readonly TemplateId[] = ['register', 'vpr', 'gia', 'conditions', 'observation'];
