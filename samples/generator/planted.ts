import type { DataError } from './data-errors';
import type { FileIssue, ToleratedFile } from './incoming';
import { contextShares, quality, regionOgeMark, regionQuality, riskDistances, riskIndicators, type RiskIndicators, share2, shareBelowMin, shareLowered, shareRaised, socialFactors, taskGaps } from './measures';
import { type Area, type MarkerPlan, planOf, type RegionPlan, type RiskFactor } from './plan';
import { round1 } from './random';
import { THRESHOLDS } from './thresholds';
import type { YearRecords } from './records';
import { type School, type Year, YEARS } from './region';

/** One planted classification: a school, an area and one kind (a school has one entry per kind it carries). */
export interface PlantedSchool {
  school_id: string;
  area: Area;
  kind: string;
  note: string;
  values: Record<string, string | number | boolean | null | string[]>;
}

/** Contents of planted.json. */
export interface PlantedList {
  region: string;
  seed: number;
  years: number[];
  schools_total: number;
  dataErrors: DataError[];
  fileIssues: FileIssue[];
  tolerated: ToleratedFile[];
  schools: PlantedSchool[];
  /** Schools planted for objectivity, with their marker count and the level it gives. */
  objectivityLevels: { school_id: string; markers: number; level: string }[];
}

export const OBJECTIVITY_LEVELS = { signs: 'признаки необъективности', attention: 'зона внимания' } as const;

export const objectivityLevel = (markers: number) => (markers >= 3 ? OBJECTIVITY_LEVELS.signs : OBJECTIVITY_LEVELS.attention);

const RISK_INDICATORS: Record<RiskFactor, (keyof RiskIndicators)[]> = {
  equipment: ['computers_per_100', 'equipped_classrooms', 'internet_speed'],
  staffing: ['vacancy_rate', 'share_part_time'],
  subject_competence: ['share_diagnostics_passed', 'share_no_subject_education'],
  adaptivity: ['differentiated_lessons'],
  pd_system: ['share_pd_3y', 'individual_pd_plans'],
  language_barriers: ['share_non_native', 'language_support'],
  environment: ['climate_index', 'bullying_cases'],
  learning_risk: ['learning_risk'],
  parents: ['parent_meetings_attendance', 'parents_satisfied'],
  motivation: ['low_motivation'],
  discipline: ['discipline_problems'],
  ovz: ['share_ovz'],
};

const RISK_NOTES: Record<RiskFactor, string> = {
  equipment: 'Низкий уровень оснащения',
  staffing: 'Дефицит педагогических кадров',
  subject_competence: 'Недостаточная предметная компетентность педагогов',
  adaptivity: 'Низкая адаптивность учебного процесса',
  pd_system: 'Нет внутришкольной системы повышения квалификации',
  language_barriers: 'Языковые барьеры без программы адаптации',
  environment: 'Неблагополучная образовательная среда',
  learning_risk: 'Высокая доля обучающихся с рисками учебной неуспешности',
  parents: 'Низкая вовлечённость родителей',
  motivation: 'Низкая учебная мотивация',
  discipline: 'Низкий уровень дисциплины на уроке',
  ovz: 'Высокая доля обучающихся с ОВЗ',
};

const MARKER_NOTES: Record<MarkerPlan['marker'], string> = {
  vpr_above_region_unconfirmed: 'Качество ВПР намного выше региона, ОГЭ не подтверждает',
  task_inversion: 'Трудные задания решены лучше региона, базовые — хуже',
  high_lowered: 'Большая доля понизивших отметку',
  high_raised: 'Большая доля повысивших отметку',
  sharp_jump: 'Резкий рост качества за год',
  medallists_below: 'Медалист ниже 70 баллов ЕГЭ',
  no_observer: 'ВПР без общественного наблюдателя',
};

const r1 = (x: number) => round1(x);

function lowResultsEntries(school: School, plan: RegionPlan, years: Record<Year, YearRecords>): PlantedSchool[] {
  const p = planOf(plan, school.id).lowResults;
  if (!p) return [];
  const works = (y: Year) => years[y].vpr.results.filter((r) => r.school_id === school.id);
  const pooled = (y: Year) => (100 * works(y).reduce((s, r) => s + r.n2, 0)) / works(y).reduce((s, r) => s + r.participants, 0);
  const shares = YEARS.flatMap((y) => works(y).map(share2));
  const id = school.id;
  const out: PlantedSchool[] = [
    {
      school_id: id, area: 'low_results', kind: 'vpr_bottom_decile', note: 'Доля «2» по ВПР (русский язык, математика) 27–45 % в каждом классе оба года',
      values: { share_2_2024: r1(pooled(2024)), share_2_2025: r1(pooled(2025)), share_2_min: r1(Math.min(...shares)), share_2_max: r1(Math.max(...shares)) },
    },
    {
      school_id: id, area: 'low_results', kind: 'diagnostic_over_25', note: 'Больше 25 % «2» в работах ВПР 2025 года',
      values: { year: 2025, works: works(2025).length, works_over_25: works(2025).filter((r) => share2(r) > 25).length, share_2_max: r1(Math.max(...works(2025).map(share2))) },
    },
  ];
  const oge = (y: Year, subject: string) => years[y].gia.oge.find((r) => r.school_id === id && r.subject === subject)!;
  if (p.omsk === 'two_procedures')
    out.push({
      school_id: id, area: 'low_results', kind: 'omsk_two_procedures', note: 'В 2025 году ≥ 30 % не преодолели минимум в ОГЭ по русскому языку и по математике',
      values: { year: 2025, oge_russian_share_below_min: r1(shareBelowMin(oge(2025, 'Русский язык'))), oge_math_share_below_min: r1(shareBelowMin(oge(2025, 'Математика'))) },
    });
  if (p.omsk === 'same_procedure')
    out.push({
      school_id: id, area: 'low_results', kind: 'omsk_same_procedure', note: '≥ 30 % не преодолели минимум в ОГЭ по математике два года подряд',
      values: { subject: 'Математика', share_below_min_2024: r1(shareBelowMin(oge(2024, 'Математика'))), share_below_min_2025: r1(shareBelowMin(oge(2025, 'Математика'))) },
    });
  // Рособрнадзор's compulsory subjects of ГИА: Russian and mathematics, in ОГЭ as in ЕГЭ. Planted for ЕГЭ;
  // the ОГЭ of the Omsk schools has them too.
  const compulsory = (subject: string) => subject === 'Русский язык' || subject.startsWith('Математика');
  const below = [
    ...years[2025].gia.oge.filter((r) => r.school_id === id && compulsory(r.subject) && r.below_min > 0).map((r) => ({ exam: 'ОГЭ', r })),
    ...years[2025].gia.ege.filter((r) => r.school_id === id && compulsory(r.subject) && r.below_min > 0).map((r) => ({ exam: 'ЕГЭ', r })),
  ];
  if (below.length) {
    const first = below.find((b) => b.exam === 'ЕГЭ' && p.giaBelowMinimum) ?? below[0];
    out.push({
      school_id: id, area: 'low_results', kind: 'gia_below_minimum', note: 'В 2025 году есть выпускники ниже минимального порога ОГЭ или ЕГЭ по обязательному предмету',
      values: { year: 2025, exam: first.exam, subject: first.r.subject, below_min: first.r.below_min, participants: first.r.participants, graduates_below_min: below.reduce((n, b) => n + b.r.below_min, 0) },
    });
  }
  return out;
}

function socialEntry(school: School, plan: RegionPlan, years: Record<Year, YearRecords>): PlantedSchool[] {
  if (!planOf(plan, school.id).social) return [];
  const reg = years[2025].register.schools.find((r) => r.school_id === school.id)!;
  const s = contextShares(reg);
  return [{
    school_id: school.id, area: 'social_conditions', kind: 'shnsu', note: 'Не меньше двух факторов неблагоприятных социальных условий',
    values: { factors: socialFactors(reg), share_difficult: r1(s.difficult), share_non_native: r1(s.nonNative), share_ovz: r1(s.ovz), settlement: reg.settlement, small_school: reg.small_school },
  }];
}

function riskEntries(school: School, plan: RegionPlan, years: Record<Year, YearRecords>): PlantedSchool[] {
  const factors = planOf(plan, school.id).risk ?? [];
  if (!factors.length) return [];
  const c = years[2025].conditions.conditions.find((r) => r.school_id === school.id)!;
  const reg = years[2025].register.schools.find((r) => r.school_id === school.id)!;
  const indicators = riskIndicators(c, reg);
  const distance = riskDistances(indicators);
  return factors.map((f) => ({
    school_id: school.id, area: 'risk_factors' as const, kind: f, note: RISK_NOTES[f],
    values: {
      year: 2025,
      ...Object.fromEntries(RISK_INDICATORS[f].map((k) => [k, typeof indicators[k] === 'number' ? r1(indicators[k] as number) : indicators[k]])),
      high: distance[f] >= 0,
    },
  }));
}

function objectivityEntries(school: School, plan: RegionPlan, years: Record<Year, YearRecords>): PlantedSchool[] {
  const markers = planOf(plan, school.id).objectivity ?? [];
  const id = school.id;
  const y25 = years[2025];
  const work = (y: Year, m: MarkerPlan) => years[y].vpr.results.find((r) => r.school_id === id && r.grade === m.grade && r.subject === m.subject)!;
  const level = objectivityLevel(markers.length);
  return markers.map((m) => {
    const base = { year: 2025, grade: m.grade, subject: m.subject, markers_total: markers.length, level };
    let values: PlantedSchool['values'];
    switch (m.marker) {
      case 'vpr_above_region_unconfirmed': {
        const region = regionQuality(y25.vpr.results, m.grade, m.subject);
        const ogeRegion = regionOgeMark(y25.gia.oge, m.subject);
        const oge = y25.gia.oge.find((r) => r.school_id === id && r.subject === m.subject)!;
        values = { ...base, quality: r1(quality(work(2025, m))), region_quality_mean: r1(region.mean), region_quality_pooled: r1(region.pooled), oge_mean_mark: oge.mean_mark, region_oge_mean_mark: Math.round(ogeRegion.mean * 100) / 100 };
        break;
      }
      case 'task_inversion': {
        const gaps = taskGaps(y25.vpr.tasks.filter((t) => t.school_id === id && t.grade === m.grade && t.subject === m.subject));
        values = { ...base, basic_gap: r1(gaps.basic), advanced_gap: r1(gaps.advanced), high_gap: r1(gaps.high) };
        break;
      }
      case 'high_lowered':
        values = { ...base, share_lowered: r1(shareLowered(work(2025, m))) };
        break;
      case 'high_raised':
        values = { ...base, share_raised: r1(shareRaised(work(2025, m))) };
        break;
      case 'sharp_jump': {
        const [q24, q25] = [quality(work(2024, m)), quality(work(2025, m))];
        values = { ...base, quality_2024: r1(q24), quality_2025: r1(q25), change: r1(q25 - q24) };
        break;
      }
      case 'medallists_below': {
        const first = y25.gia.medallists.find((r) => r.school_id === id && r.medallist === 1)!;
        values = { ...base, medallist: 1, russian_score: first.russian_score, math_score: first.math_score };
        break;
      }
      case 'no_observer':
        values = { ...base, procedure: 'ВПР', observer_present: false };
        break;
    }
    return { school_id: id, area: 'objectivity' as const, kind: m.marker, note: MARKER_NOTES[m.marker], values };
  });
}

/**
 * НИУ ВШЭ's wider group, as the data make it: schools by 2025 ЕГЭ graduates below the minimum in Russian
 * and mathematics, most first; a school is in it while the schools above it hold no more than 60 % of
 * the region's. Ties stand together.
 */
export function hseWiderGroup(years: Record<Year, YearRecords>): PlantedSchool[] {
  const failures = new Map<string, number>();
  for (const r of years[2025].gia.ege)
    if ((r.subject === 'Русский язык' || r.subject.startsWith('Математика')) && r.below_min > 0) failures.set(r.school_id, (failures.get(r.school_id) ?? 0) + r.below_min);
  const total = [...failures.values()].reduce((a, b) => a + b, 0);
  return [...failures]
    .map(([id, n]) => ({ id, n, above: [...failures.values()].filter((m) => m > n).reduce((a, b) => a + b, 0) }))
    .filter((s) => (100 * s.above) / total <= THRESHOLDS.lowResults.hseWiderShare)
    .map((s) => ({
      school_id: s.id, area: 'low_results' as const, kind: 'hse_wider_group', note: 'На школы с бо́льшим числом выпускников ниже минимального порога ЕГЭ приходится не больше 60 % таких результатов региона',
      values: { year: 2025, graduates_below_min: s.n, region_total: total, share_above: r1((100 * s.above) / total) },
    }));
}

export function plantedSchools(schools: School[], plan: RegionPlan, years: Record<Year, YearRecords>): PlantedSchool[] {
  const areas = [lowResultsEntries, socialEntry, riskEntries, objectivityEntries];
  return areas.flatMap((entries) => schools.flatMap((s) => entries(s, plan, years)));
}

export function objectivityLevels(schools: School[], plan: RegionPlan): PlantedList['objectivityLevels'] {
  return schools
    .filter((s) => planOf(plan, s.id).objectivity)
    .map((s) => {
      const markers = planOf(plan, s.id).objectivity!.length;
      return { school_id: s.id, markers, level: objectivityLevel(markers) };
    });
}

