import { MUNICIPALITIES, type School, type Year } from './region';
import { planOf, type RegionPlan, SCHOOL_FORMS_MUNICIPALITY, VPR_SUBJECTS } from './plan';
import type { PlantedSchool } from './planted';
import { clamp, Random, round1, round2 } from './random';
import type { EgeRow, GiaRow, ObservationRow, VprResultRow, YearRecords } from './records';
import { quality, shareBelowMin } from './measures';

/**
 * The years before the two the sample was made for: 2023 for every form, and 2022 for ГИА alone (as a
 * regional centre keeps ГИА archives longer). They come from the 2024 records through streams of their
 * own, so that 2024 and 2025 stay as they were; on them are planted the schools that only several years
 * show: ЕГЭ failed three years running (НИУ ВШЭ), three failed years with a good one between, and the
 * same pupils' quality falling sharply from one grade to the next.
 */

export const HISTORY_YEARS = [2022, 2023] as const;

/** Municipalities whose forms the sample spoils or sends separately: the history plants nothing there. */
const KEPT_CLEAN = new Set(['berezovsky', 'zarechny', 'olkhovsky', 'lesnogorsky', 'kamensky', 'svetlozyorsky', 'tikhorechensky', 'verkhnepolyansky', 'ozernovsky', 'ryabinovsky', SCHOOL_FORMS_MUNICIPALITY]);

/** What each planted school fails and when. */
interface HistoryPlan {
  /** ЕГЭ in Russian and mathematics with at least a third below the minimum in these years. */
  egeFailed: Record<string, number[]>;
  /** The same pupils, a grade apart: quality high last year, low this year. */
  cohortDrop: { school: string; grade: number; subject: string; before: VprResultRow; now: VprResultRow }[];
}

const MAIN_EGE = ['Русский язык', 'Математика (базовая)', 'Математика (профильная)'];
const MUNICIPAL_SLUGS = new Set(MUNICIPALITIES.map((m) => m.slug));

/** A third or more of a row's participants below the minimum. */
const failCount = (participants: number) => Math.ceil(participants * 0.34);

function choose(seed: number, schools: School[], plan: RegionPlan, years: Record<Year, YearRecords>): HistoryPlan {
  const rng = Random.stream(seed, 'history:plan');
  const open = (s: School) => !KEPT_CLEAN.has(s.municipality.slug) && MUNICIPAL_SLUGS.has(s.municipality.slug);
  const egeRows = (id: string, y: Year) => years[y].gia.ege.filter((r) => r.school_id === id && MAIN_EGE.includes(r.subject));
  // Schools of the low-results group with nothing else planted for ГИА, and enough graduates for a third to mean something.
  const w = rng.shuffle(
    schools.filter((s) => {
      const p = planOf(plan, s.id);
      if (!open(s) || !p.lowResults || p.lowResults.omsk || p.lowResults.giaBelowMinimum || p.social || p.risk || p.objectivity) return false;
      return ([2024, 2025] as Year[]).every((y) => egeRows(s.id, y).length === 3 && egeRows(s.id, y).every((r) => r.participants >= 3));
    }),
  );
  if (w.length < 3) throw new Error(`Не хватило школ для закладки ЕГЭ по годам: нужно 3, нашлось ${w.length}`);
  const egeFailed: HistoryPlan['egeFailed'] = { [w[0].id]: [2023, 2024, 2025], [w[1].id]: [2023, 2024, 2025], [w[2].id]: [2022, 2023, 2025] };
  // Schools planted for risk factors alone: a sharp fall of one cohort is their only sign of non-objectivity.
  const risky = rng.shuffle(schools.filter((s) => open(s) && planOf(plan, s.id).risk && !planOf(plan, s.id).objectivity && !planOf(plan, s.id).lowResults && !planOf(plan, s.id).social));
  const cohortDrop: HistoryPlan['cohortDrop'] = [];
  for (const s of risky) {
    if (cohortDrop.length === 3) break;
    const grade = rng.pick([6, 7, 8]);
    const subject = rng.pick(VPR_SUBJECTS);
    const now = years[2025].vpr.results.find((r) => r.school_id === s.id && r.grade === grade && r.subject === subject);
    const before = years[2024].vpr.results.find((r) => r.school_id === s.id && r.grade === grade - 1 && r.subject === subject);
    if (now && before && now.participants >= 15 && before.participants >= 15) cohortDrop.push({ school: s.id, grade, subject, before, now });
  }
  if (cohortDrop.length < 3) throw new Error(`Не хватило школ для закладки когорты: нужно 3, нашлось ${cohortDrop.length}`);
  return { egeFailed, cohortDrop };
}

/** Sets a ВПР row's quality (share of «4» and «5») near `target` %, keeping its «2» and its total. */
function setQuality(r: VprResultRow, target: number): void {
  const good = clamp(Math.round((r.participants * target) / 100), 0, r.participants - r.n2);
  const fives = Math.round((good * r.n5) / Math.max(1, r.n4 + r.n5));
  r.n5 = fives;
  r.n4 = good - fives;
  r.n3 = r.participants - r.n2 - good;
}

function failEge(rows: EgeRow[], id: string, failed: boolean): void {
  for (const r of rows) if (r.school_id === id && MAIN_EGE.includes(r.subject)) r.below_min = failed ? failCount(r.participants) : 0;
}

/** A year's ГИА rows from another year's, with the year changed and the marks a little different. */
function giaOf<R extends GiaRow>(rows: readonly R[], year: number, mark: (r: R) => Partial<R>): R[] {
  return rows.map((r) => ({ ...r, year, ...mark(r) }));
}

function historyYear(seed: number, base: YearRecords, year: number): YearRecords {
  const rng = Random.stream(seed, `history:${year}`);
  const shift = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() - (2024 - year), d.getUTCMonth(), d.getUTCDate()));
  return {
    register: { schools: base.register.schools.map((r) => ({ ...r })) },
    vpr: {
      results: base.vpr.results.map((r) => {
        const row = { ...r, year };
        const move = rng.int(-1, 1);
        if (move > 0 && row.n3 > 0) [row.n3, row.n4] = [row.n3 - 1, row.n4 + 1];
        if (move < 0 && row.n4 > 0) [row.n3, row.n4] = [row.n3 + 1, row.n4 - 1];
        return row;
      }),
      tasks: base.vpr.tasks.map((t) => ({ ...t, year, school_rate: round1(clamp(t.school_rate + rng.between(-2, 2), 0, 100)) })),
    },
    gia: {
      oge: giaOf(base.gia.oge, year, (r) => ({ mean_mark: round2(clamp(r.mean_mark + rng.between(-0.1, 0.1), 2, 5)) })),
      ege: giaOf(base.gia.ege, year, (r) => ({ mean_score: r.mean_score > 5 ? round1(clamp(r.mean_score + rng.between(-2, 2), 0, 100)) : round2(clamp(r.mean_score + rng.between(-0.1, 0.1), 2, 5)) })),
      medallists: base.gia.medallists.map((m) => ({ ...m, year })),
    },
    conditions: { conditions: base.conditions.conditions.map((c) => ({ ...c, year })) },
    observation: { procedures: base.observation.procedures.map((o: ObservationRow) => ({ ...o, year, date: shift(o.date) })) },
  };
}

export interface History {
  /** 2023: every form. */
  2023: YearRecords;
  /** 2022: ГИА only. */
  2022: YearRecords['gia'];
  planted: PlantedSchool[];
}

/**
 * The earlier years, and the plants that need them: changes the 2024 and 2025 records of the planted
 * schools in place (their ЕГЭ, and the two ВПР rows of a cohort) and says what was planted.
 */
export function buildHistory(seed: number, schools: School[], plan: RegionPlan, years: Record<Year, YearRecords>): History {
  const chosen = choose(seed, schools, plan, years);
  const y2023 = historyYear(seed, years[2024], 2023);
  const gia2022 = historyYear(seed, y2023, 2022).gia;
  const egeOf: Record<number, EgeRow[]> = { 2022: gia2022.ege, 2023: y2023.gia.ege, 2024: years[2024].gia.ege, 2025: years[2025].gia.ege };
  for (const [id, failedYears] of Object.entries(chosen.egeFailed)) for (const y of [2022, 2023, 2024, 2025]) failEge(egeOf[y], id, failedYears.includes(y));
  for (const c of chosen.cohortDrop) {
    setQuality(c.before, 78);
    setQuality(c.now, 30);
  }

  const planted: PlantedSchool[] = [];
  // Pooled as the indicator pools it: Σ below the minimum over Σ participants of the subject's rows.
  const share = (rows: EgeRow[], id: string, math: boolean) => {
    const own = rows.filter((r) => r.school_id === id && MAIN_EGE.includes(r.subject) && (math ? r.subject !== 'Русский язык' : r.subject === 'Русский язык'));
    return shareBelowMin({ ...own[0], below_min: own.reduce((n, r) => n + r.below_min, 0), participants: own.reduce((n, r) => n + r.participants, 0) });
  };
  for (const [id, failedYears] of Object.entries(chosen.egeFailed)) {
    const byYear = Object.fromEntries([2022, 2023, 2024, 2025].map((y) => [`share_below_min_${y}`, round1(Math.min(share(egeOf[y], id, false), share(egeOf[y], id, true)))]));
    const strict = failedYears.join() === '2023,2024,2025';
    const values = { exam: 'ЕГЭ', failed_years: failedYears.map(String), ...byYear };
    planted.push(
      strict
        ? { school_id: id, area: 'low_results', kind: 'hse_three_years', note: 'ЕГЭ: больше трети ниже минимального порога и по русскому языку, и по математике в 2023, 2024 и 2025 годах', values }
        : { school_id: id, area: 'low_results', kind: 'hse_gap_year', note: 'ЕГЭ: три неудачных года (2022, 2023, 2025) с хорошим 2024-м между ними — не «три года подряд»', values },
      { school_id: id, area: 'low_results', kind: 'omsk_two_procedures', note: 'В 2025 году ≥ 30 % не преодолели минимум в ЕГЭ по русскому языку и по математике', values: { year: 2025, exam: 'ЕГЭ' } },
      { school_id: id, area: 'low_results', kind: 'gia_below_minimum', note: 'В 2025 году есть выпускники ниже минимального порога ЕГЭ по обязательным предметам', values: { year: 2025, exam: 'ЕГЭ' } },
    );
    if (strict) planted.push({ school_id: id, area: 'low_results', kind: 'omsk_same_procedure', note: 'ЕГЭ ниже минимума и в 2024, и в 2025 году', values: { exam: 'ЕГЭ' } });
  }
  for (const { before, now, ...c } of chosen.cohortDrop) {
    planted.push({
      school_id: c.school,
      area: 'objectivity',
      kind: 'cohort_drop',
      note: `Те же обучающиеся: качество знаний в ${c.grade - 1} классе в 2024 году и в ${c.grade} классе в 2025 году`,
      values: { year: 2025, grade: c.grade, subject: c.subject, quality_2024: round1(quality(before)), quality_2025: round1(quality(now)), change: round1(quality(now) - quality(before)) },
    });
  }
  return { 2023: y2023, 2022: gia2022, planted };
}
