import { planOf, type RegionPlan, VPR_SUBJECTS } from './plan';
import { Random } from './random';
import type { EgeRow, ObservationRow } from './records';
import { type School, vprGrades, type Year, YEARS } from './region';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** ГИА days of the sample years. */
const GIA_DATES: Record<Year, Record<string, Date>> = {
  2024: { 'ОГЭ|Русский язык': utc(2024, 6, 3), 'ОГЭ|Математика': utc(2024, 6, 6), 'ЕГЭ|Русский язык': utc(2024, 5, 30), 'ЕГЭ|Математика': utc(2024, 6, 4) },
  2025: { 'ОГЭ|Русский язык': utc(2025, 6, 3), 'ОГЭ|Математика': utc(2025, 6, 6), 'ЕГЭ|Русский язык': utc(2025, 6, 4), 'ЕГЭ|Математика': utc(2025, 5, 27) },
};

/** A school picks its ВПР day within the April window; weekends move to Monday. */
function vprDate(year: Year, grade: number, subject: string, schoolShift: number): Date {
  const d = utc(year, 4, 1 + (grade - 4) * 4 + (subject === 'Математика' ? 2 : 0) + schoolShift);
  const day = d.getUTCDay();
  if (day === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (day === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function buildObservation(seed: number, schools: School[], plan: RegionPlan, ege: Record<Year, EgeRow[]>): Record<Year, ObservationRow[]> {
  const out = {} as Record<Year, ObservationRow[]>;
  for (const year of YEARS) {
    const egeSubjects = new Set(ege[year].filter((r) => r.participants > 0).map((r) => `${r.school_id}|${r.subject}`));
    const rows: ObservationRow[] = [];
    for (const school of schools) {
      const rng = Random.stream(seed, `observation:${year}:${school.id}`);
      const unobserved = year === 2025 ? (planOf(plan, school.id).objectivity ?? []).filter((m) => m.marker === 'no_observer') : [];
      const shift = rng.int(0, 9);
      for (const grade of vprGrades(school))
        for (const subject of VPR_SUBJECTS) {
          const missing = unobserved.some((m) => m.grade === grade && m.subject === subject);
          rows.push({
            year, school_id: school.id, procedure: 'ВПР', grade, subject, date: vprDate(year, grade, subject, shift),
            observer_present: !missing, observers: missing ? 0 : rng.int(1, 2), video: !missing && rng.chance(0.6),
          });
        }
      if (school.level === 'primary') continue;
      for (const subject of VPR_SUBJECTS)
        rows.push({ year, school_id: school.id, procedure: 'ОГЭ', grade: 9, subject, date: GIA_DATES[year][`ОГЭ|${subject}`], observer_present: true, observers: rng.int(1, 3), video: true });
      if (school.level !== 'secondary') continue;
      for (const subject of ['Русский язык', 'Математика (базовая)', 'Математика (профильная)']) {
        if (!egeSubjects.has(`${school.id}|${subject}`)) continue;
        const day = GIA_DATES[year][`ЕГЭ|${subject.startsWith('Математика') ? 'Математика' : subject}`];
        rows.push({ year, school_id: school.id, procedure: 'ЕГЭ', grade: 11, subject, date: day, observer_present: true, observers: rng.int(1, 3), video: true });
      }
    }
    out[year] = rows;
  }
  return out;
}
