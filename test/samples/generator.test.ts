import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Template } from '../../src/core/template/template';
import { METADATA_SHEET } from '../../src/core/template/template';
import { registerSchools, validateAgainst, validateSubmission } from '../../src/core/validate/validate';
import { buildFormWorkbook, formHeaderRows, INSTRUCTION_SHEET, LISTS_SHEET } from '../../src/files/form-writer';
import { readSubmissionBuffer } from '../../src/files/read-file';
import type { TemplateSet } from '../../samples/generator/data-errors';
import {
  contextShares, quality, regionOgeMark, regionQuality, riskDistances, riskIndicators, share2, shareBelowMin, shareLowered, shareRaised,
  socialFactors, taskGaps,
} from '../../samples/generator/measures';
import { type ObjectivityMarker, RISK_FACTORS } from '../../samples/generator/plan';
import type { VprResultRow } from '../../samples/generator/records';
import { TEMPLATE_IDS } from '../../samples/generator/records';
import { type Year, YEARS } from '../../samples/generator/region';
import { buildSampleRegion, type SampleRegion } from '../../samples/generator/sample-region';
import { renderSampleFile } from '../../samples/generator/write-region';
import { THRESHOLDS } from '../../samples/generator/thresholds';
import { bundledTemplate, bundledTemplates } from '../helpers/templates';

const templates = (): TemplateSet => Object.fromEntries(TEMPLATE_IDS.map((id) => [id, bundledTemplate(id)])) as TemplateSet;

let region: SampleRegion;
beforeAll(() => {
  region = buildSampleRegion(templates());
});

const ids = (area: string, kind?: string) => new Set(region.planted.schools.filter((e) => e.area === area && (!kind || e.kind === kind)).map((e) => e.school_id));
const workKey = (r: { school_id: string; grade: number; subject: string }) => `${r.school_id}|${r.grade}|${r.subject}`;
const MAIN_GIA = ['Русский язык', 'Математика', 'Математика (базовая)', 'Математика (профильная)'];

describe('sample region: generation', () => {
  it('is deterministic: two runs give the same records, errors and planted list', () => {
    const again = buildSampleRegion(templates());
    expect(JSON.stringify(again.years)).toBe(JSON.stringify(region.years));
    expect(JSON.stringify(again.written2025)).toBe(JSON.stringify(region.written2025));
    expect(again.planted).toEqual(region.planted);
    expect(again.files.map((f) => f.path)).toEqual(region.files.map((f) => f.path));
  });

  it('changes with the seed', () => {
    const other = buildSampleRegion(templates(), 7);
    expect(other.schools.map((s) => s.id)).not.toEqual(region.schools.map((s) => s.id));
  });

  it('has 25 municipalities, 400 schools with unique ids and the promised kinds of schools', () => {
    const { schools } = region;
    expect(schools).toHaveLength(400);
    expect(new Set(schools.map((s) => s.municipality.name)).size).toBe(25);
    expect(new Set(schools.map((s) => s.id)).size).toBe(400);
    for (const s of schools) expect(s.id).toMatch(/^sch\d{6}$/);
    const lyceums = schools.filter((s) => s.lyceum);
    expect(lyceums.length / schools.length).toBeCloseTo(0.08, 2);
    expect(lyceums.every((s) => s.settlement === 'город')).toBe(true);
    for (const y of YEARS) {
      for (const s of schools) {
        const p = s.pupils[y];
        if (s.small) expect(p).toBeLessThan(100);
        else if (s.settlement === 'город') expect(p).toBeGreaterThanOrEqual(388);
        else expect(p).toBeGreaterThanOrEqual(100);
      }
    }
  });

  it('draws realistic results', () => {
    const y = region.years[2025];
    const w = ids('low_results');
    const clean = y.vpr.results.filter((r) => !w.has(r.school_id));
    for (const r of y.vpr.results) {
      expect(r.participants).toBeLessThanOrEqual(r.enrolled);
      expect(r.participants / r.enrolled).toBeGreaterThanOrEqual(0.8);
      expect(r.n2 + r.n3 + r.n4 + r.n5).toBe(r.participants);
      expect(r.lowered + r.confirmed + r.raised).toBe(r.participants);
    }
    expect(clean.filter((r) => share2(r) >= 2 && share2(r) <= 15).length / clean.length).toBeGreaterThan(0.6);
    expect(clean.filter((r) => quality(r) >= 30 && quality(r) <= 70).length / clean.length).toBeGreaterThan(0.8);
    const region4 = y.vpr.tasks.filter((t) => t.school_id === y.vpr.tasks[0].school_id && t.grade === 4);
    const base = region4.filter((t) => t.level === 'базовый').map((t) => t.region_rate);
    const high = region4.filter((t) => t.level === 'высокий').map((t) => t.region_rate);
    expect(Math.min(...base)).toBeGreaterThan(Math.max(...high));
    const primary = new Set(region.schools.filter((s) => s.level === 'primary').map((s) => s.id));
    expect(y.gia.oge.some((r) => primary.has(r.school_id))).toBe(false);
    const counts = new Map<string, number>();
    for (const m of y.gia.medallists) counts.set(m.school_id, (counts.get(m.school_id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(10);
    const scores = y.gia.medallists.map((m) => m.russian_score);
    expect(scores.filter((s) => s >= 75).length / scores.length).toBeGreaterThan(0.95);
    const observed = y.observation.procedures.filter((r) => r.observer_present).length;
    expect(observed / y.observation.procedures.length).toBeGreaterThan(0.98);
  });

  it('names only schools of the register in planted classifications, in both years', () => {
    for (const y of YEARS) {
      const register = new Set(region.years[y].register.schools.map((r) => r.school_id));
      for (const e of region.planted.schools) expect(register.has(e.school_id)).toBe(true);
    }
  });
});

describe('sample region: low results (ШНОР)', () => {
  const works = (y: Year) => region.years[y].vpr.results;

  it('puts exactly a tenth of the region in group W, which is the bottom decile by share of «2»', () => {
    const w = ids('low_results');
    expect(w.size).toBe(region.schools.length / 10);
    const pooled = new Map<string, { n2: number; n: number }>();
    for (const y of YEARS)
      for (const r of works(y)) {
        const acc = pooled.get(r.school_id) ?? { n2: 0, n: 0 };
        acc.n2 += r.n2;
        acc.n += r.participants;
        pooled.set(r.school_id, acc);
      }
    const ranked = [...pooled].sort((a, b) => b[1].n2 / b[1].n - a[1].n2 / a[1].n).map(([id]) => id);
    expect(new Set(ranked.slice(0, w.size))).toEqual(w);
    for (const id of w) {
      expect(ids('low_results', 'vpr_bottom_decile').has(id)).toBe(true);
      expect(ids('low_results', 'diagnostic_over_25').has(id)).toBe(true);
    }
  });

  it('keeps W at 27–45 % «2» in every grade and both subjects, and everyone else well below', () => {
    const w = ids('low_results');
    const [lo, hi] = THRESHOLDS.lowResults.plantedShare2;
    for (const y of YEARS) {
      for (const r of works(y)) {
        if (w.has(r.school_id)) {
          expect(share2(r)).toBeGreaterThanOrEqual(lo);
          expect(share2(r)).toBeLessThanOrEqual(hi);
        } else expect(share2(r)).toBeLessThanOrEqual(THRESHOLDS.lowResults.cleanShare2Max);
      }
    }
    for (const id of w) expect(works(2025).filter((r) => r.school_id === id)).toHaveLength(10);
  });

  it('plants the ГИА subsets and leaves every other school with nobody below the minimum in Russian and mathematics', () => {
    // The schools planted with ЕГЭ failed over several years carry these kinds too; they are checked below.
    const history = new Set([...ids('low_results', 'hse_three_years'), ...ids('low_results', 'hse_gap_year')]);
    const without = (set: Set<string>) => new Set([...set].filter((id) => !history.has(id)));
    const two = without(ids('low_results', 'omsk_two_procedures'));
    const same = without(ids('low_results', 'omsk_same_procedure'));
    // Planted for ЕГЭ; the Omsk schools' ОГЭ has graduates below the minimum in compulsory subjects too, and is listed as such.
    const giaEntries = region.planted.schools.filter((s) => s.kind === 'gia_below_minimum' && !history.has(s.school_id));
    const gia = new Set(giaEntries.filter((s) => s.values.exam === 'ЕГЭ').map((s) => s.school_id));
    expect([two.size, same.size, gia.size]).toEqual([8, 5, 6]);
    for (const e of giaEntries.filter((s) => s.values.exam === 'ОГЭ')) expect(two.has(e.school_id) || same.has(e.school_id)).toBe(true);
    expect(giaEntries.filter((s) => s.values.exam === 'ОГЭ').length).toBe(13);
    expect(history.size).toBe(3);
    const omsk = THRESHOLDS.lowResults.omskBelowMinShare;
    for (const y of YEARS) {
      const { oge, ege } = region.years[y].gia;
      for (const r of oge) {
        const planted = (two.has(r.school_id) && y === 2025 && MAIN_GIA.includes(r.subject)) || (same.has(r.school_id) && r.subject === 'Математика');
        if (planted) expect(shareBelowMin(r)).toBeGreaterThanOrEqual(omsk);
        else if (MAIN_GIA.includes(r.subject)) expect(r.below_min).toBe(0);
        else expect(shareBelowMin(r)).toBeLessThanOrEqual(omsk * 0.8);
      }
      for (const r of ege) {
        if (history.has(r.school_id) && MAIN_GIA.includes(r.subject)) continue;
        if (!MAIN_GIA.includes(r.subject)) expect(shareBelowMin(r)).toBeLessThanOrEqual(omsk * 0.8);
        else if (!(gia.has(r.school_id) && y === 2025)) expect(r.below_min).toBe(0);
        else expect(shareBelowMin(r)).toBeLessThanOrEqual(omsk * 0.8);
      }
    }
    for (const id of gia) expect(region.years[2025].gia.ege.some((r) => r.school_id === id && MAIN_GIA.includes(r.subject) && r.below_min > 0)).toBe(true);
  });

  it('plants ЕГЭ failed three years running, and three failed years with a good one between, in the years before as well', () => {
    const ege: Record<number, typeof region.years[2025]['gia']['ege']> = { 2022: region.history[2022].ege, 2023: region.history[2023].gia.ege, 2024: region.years[2024].gia.ege, 2025: region.years[2025].gia.ege };
    const failed = (id: string, y: number) => ege[y].filter((r) => r.school_id === id && MAIN_GIA.includes(r.subject)).every((r) => shareBelowMin(r) >= 33);
    for (const id of ids('low_results', 'hse_three_years')) expect([2022, 2023, 2024, 2025].map((y) => failed(id, y))).toEqual([false, true, true, true]);
    for (const id of ids('low_results', 'hse_gap_year')) expect([2022, 2023, 2024, 2025].map((y) => failed(id, y))).toEqual([true, true, false, true]);
  });
});

describe('sample region: difficult social conditions (ШНСУ)', () => {
  it('gives planted schools two or more factors and the others at most one, far from the thresholds', () => {
    const planted = ids('social_conditions');
    expect(planted.size).toBe(12);
    const t = THRESHOLDS.social;
    for (const y of YEARS)
      for (const r of region.years[y].register.schools) {
        const factors = socialFactors(r);
        if (planted.has(r.school_id)) {
          expect(factors.length).toBeGreaterThanOrEqual(2);
          continue;
        }
        expect(factors.length).toBeLessThanOrEqual(1);
        const s = contextShares(r);
        expect(s.difficult).toBeLessThan(t.cleanDifficultMax);
        expect(s.nonNative).toBeLessThan(t.cleanNonNativeMax);
        expect(s.ovz).toBeLessThan(t.cleanOvzMax);
      }
  });
});

describe('sample region: risk factors', () => {
  it('makes exactly the planted factors high and keeps every other factor 20 % away from its threshold', () => {
    const planted = new Map<string, Set<string>>();
    for (const e of region.planted.schools.filter((x) => x.area === 'risk_factors')) planted.set(e.school_id, (planted.get(e.school_id) ?? new Set()).add(e.kind));
    expect(planted.size).toBe(30);
    for (const kinds of planted.values()) expect(kinds.size).toBeGreaterThanOrEqual(1);
    expect(Math.max(...[...planted.values()].map((k) => k.size))).toBe(4);
    for (const y of YEARS) {
      const register = new Map(region.years[y].register.schools.map((r) => [r.school_id, r]));
      for (const c of region.years[y].conditions.conditions) {
        const distance = riskDistances(riskIndicators(c, register.get(c.school_id)!));
        for (const f of RISK_FACTORS) {
          if (planted.get(c.school_id)?.has(f)) expect(distance[f]).toBeGreaterThanOrEqual(0);
          else expect(distance[f]).toBeLessThanOrEqual(-0.2);
        }
      }
    }
  });

  it('lists the language and ОВЗ factors of ШНСУ schools as planted', () => {
    const social = ids('social_conditions');
    const language = ids('risk_factors', 'language_barriers');
    const ovz = ids('risk_factors', 'ovz');
    expect(language.size).toBeGreaterThanOrEqual(1);
    expect(ovz.size).toBeGreaterThanOrEqual(1);
    for (const id of [...language, ...ovz]) expect(social.has(id)).toBe(true);
  });
});

describe('sample region: signs of non-objective results', () => {
  const y25 = () => region.years[2025];
  const marked = (marker: ObjectivityMarker) =>
    new Set(region.planted.schools.filter((e) => e.area === 'objectivity' && e.kind === marker).map((e) => `${e.school_id}|${e.values.grade}|${e.values.subject}`));
  const rowsOf = (y: Year) => new Map(region.years[y].vpr.results.map((r) => [workKey(r), r]));

  it('plants 25 schools outside W and ШНСУ, a third of them with three or more markers, and three cohorts falling among the risk schools', () => {
    const cohorts = ids('objectivity', 'cohort_drop');
    expect(cohorts.size).toBe(3);
    for (const id of cohorts) expect(ids('risk_factors').has(id)).toBe(true);
    const planted = ids('objectivity');
    expect(planted.size).toBe(28);
    for (const id of planted) {
      expect(ids('low_results').has(id)).toBe(false);
      expect(ids('social_conditions').has(id)).toBe(false);
    }
    const levels = region.planted.objectivityLevels;
    expect(levels.filter((l) => l.markers >= 3)).toHaveLength(8);
    for (const l of levels) expect(l.level).toBe(l.markers >= 3 ? 'признаки необъективности' : 'зона внимания');
    for (const m of ['vpr_above_region_unconfirmed', 'task_inversion', 'high_lowered', 'high_raised', 'sharp_jump', 'medallists_below', 'no_observer'] as const)
      expect(marked(m).size).toBeGreaterThanOrEqual(3);
  });

  it('ВПР above the region and not confirmed by ОГЭ: planted in grade 8 of non-lyceums only', () => {
    const planted = marked('vpr_above_region_unconfirmed');
    const t = THRESHOLDS.objectivity.vprAboveRegion;
    const lyceums = new Set(region.schools.filter((s) => s.lyceum).map((s) => s.id));
    for (const subject of ['Русский язык', 'Математика']) {
      const rq = regionQuality(y25().vpr.results, 8, subject);
      const top = Math.max(rq.mean, rq.pooled);
      const ogeRegion = regionOgeMark(y25().gia.oge, subject);
      for (const r of y25().vpr.results.filter((x) => x.grade === 8 && x.subject === subject)) {
        if (planted.has(workKey(r))) {
          expect(lyceums.has(r.school_id)).toBe(false);
          expect(quality(r)).toBeGreaterThanOrEqual(top + t * 1.1);
          const oge = y25().gia.oge.find((o) => o.school_id === r.school_id && o.subject === subject)!;
          expect(oge.mean_mark).toBeLessThan(Math.min(ogeRegion.mean, ogeRegion.weighted) - 0.3);
        } else if (!lyceums.has(r.school_id)) expect(quality(r)).toBeLessThanOrEqual(top + t * 0.8);
      }
    }
  });

  it('task inversion: planted works solve hard tasks far better and basic tasks worse; no other work comes close', () => {
    const planted = marked('task_inversion');
    const t = THRESHOLDS.objectivity;
    const byWork = new Map<string, typeof region.years[2025]['vpr']['tasks']>();
    for (const task of y25().vpr.tasks) byWork.set(workKey(task), [...(byWork.get(workKey(task)) ?? []), task]);
    for (const [key, tasks] of byWork) {
      const g = taskGaps(tasks);
      if (planted.has(key)) {
        expect(g.high).toBeGreaterThanOrEqual(t.taskHighAbove * 1.2);
        expect(g.advanced).toBeGreaterThanOrEqual(t.taskHighAbove * 1.2);
        expect(g.basic).toBeLessThanOrEqual(-t.taskBasicBelow * 1.2);
      } else {
        const inverted = (high: number) => high >= t.taskHighAbove * 0.8 && g.basic <= -t.taskBasicBelow * 0.8;
        expect(inverted(g.high) || inverted(g.advanced)).toBe(false);
      }
    }
  });

  it('journal comparison: «понизили» and «повысили» stay low except where planted', () => {
    const lowered = marked('high_lowered');
    const raised = marked('high_raised');
    const t = THRESHOLDS.objectivity;
    for (const y of YEARS)
      for (const r of region.years[y].vpr.results) {
        if (y === 2025 && lowered.has(workKey(r))) expect(shareLowered(r)).toBeGreaterThanOrEqual(t.loweredShare);
        else expect(shareLowered(r)).toBeLessThanOrEqual(t.cleanLoweredMax);
        if (y === 2025 && raised.has(workKey(r))) expect(shareRaised(r)).toBeGreaterThanOrEqual(t.raisedShare);
        else expect(shareRaised(r)).toBeLessThanOrEqual(t.cleanRaisedMax);
      }
  });

  it('sharp jump: planted works gain 30+ p. p. of quality over 2024, others change by 15 at most', () => {
    const planted = marked('sharp_jump');
    const before = rowsOf(2024);
    // A falling cohort: its 2024 work a grade below is high and its 2025 work low, so both grades change more.
    const cohorts = new Set(region.planted.schools.filter((p) => p.kind === 'cohort_drop').flatMap((p) => [0, 1].map((d) => `${p.school_id}|${Number(p.values.grade) - d}|${p.values.subject}`)));
    for (const r of y25().vpr.results) {
      if (cohorts.has(workKey(r))) continue;
      const prev: VprResultRow = before.get(workKey(r))!;
      const change = quality(r) - quality(prev);
      if (planted.has(workKey(r))) expect(change).toBeGreaterThanOrEqual(THRESHOLDS.objectivity.qualityJump);
      else expect(Math.abs(change)).toBeLessThanOrEqual(THRESHOLDS.objectivity.cleanQualityChangeMax);
    }
  });

  it('medallists below 70 only where planted; every other medallist scores 72 or more', () => {
    const planted = ids('objectivity', 'medallists_below');
    for (const y of YEARS)
      for (const m of region.years[y].gia.medallists) {
        const scores = [m.russian_score, ...(m.math_score === null ? [] : [m.math_score])];
        if (y === 2025 && planted.has(m.school_id) && m.medallist === 1) expect(Math.min(...scores)).toBeLessThan(THRESHOLDS.objectivity.medallistScore);
        else expect(Math.min(...scores)).toBeGreaterThanOrEqual(THRESHOLDS.objectivity.cleanMedallistMin);
      }
  });

  it('observers: every procedure is observed except the planted ВПР ones', () => {
    const planted = marked('no_observer');
    for (const y of YEARS)
      for (const r of region.years[y].observation.procedures) {
        const expected = !(y === 2025 && r.procedure === 'ВПР' && planted.has(workKey(r)));
        expect(r.observer_present).toBe(expected);
        expect(r.observers > 0).toBe(expected);
      }
  });
});

describe('sample region: planted data errors', () => {
  it('puts at least two of each code in different sheets, each on its own unplanted school and row', () => {
    const errors = region.planted.dataErrors.filter((e) => e.file.startsWith('2025/'));
    const codes = ['type_invalid', 'cell_error', 'out_of_range', 'not_in_list', 'required_blank', 'key_duplicate', 'check_failed', 'school_unknown'];
    for (const code of codes) {
      const of = errors.filter((e) => e.code === code);
      expect(of.length).toBeGreaterThanOrEqual(2);
      expect(new Set(of.map((e) => `${e.file}|${e.sheet}`)).size).toBeGreaterThanOrEqual(2);
    }
    const rows = errors.map((e) => `${e.file}|${e.sheet}|${e.cell.replace(/^[A-Z]+/, '')}`);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('leaves the planted schools untouched: their 2025 rows are written as generated', () => {
    const planted = new Set(region.planted.schools.map((e) => e.school_id));
    const clean = region.years[2025];
    const written = region.written2025;
    for (const id of TEMPLATE_IDS) {
      const sheets = clean[id] as unknown as Record<string, { school_id: string }[]>;
      const writtenSheets = written[id] as unknown as Record<string, { school_id: string }[]>;
      for (const sheet of Object.keys(sheets)) {
        const pick = (rows: { school_id: string }[]) => JSON.stringify(rows.filter((r) => planted.has(r.school_id)));
        expect(pick(writtenSheets[sheet])).toBe(pick(sheets[sheet]));
      }
    }
  });
});

/** Validates every generated file in memory, folder by folder, the register of a folder first. */
async function validateRegion(sample: SampleRegion): Promise<Map<string, string[]>> {
  const all = bundledTemplates();
  const issues = new Map<string, string[]>();
  const folders = new Map<string, typeof sample.files>();
  for (const f of sample.files.filter((x) => x.kind !== 'text')) folders.set(path.dirname(f.path), [...(folders.get(path.dirname(f.path)) ?? []), f]);
  for (const files of folders.values()) {
    let known: Set<string> | undefined;
    const ordered = [...files].sort((a, b) => Number(b.path.endsWith('register.xlsx')) - Number(a.path.endsWith('register.xlsx')));
    for (const f of ordered) {
      const grid = await readSubmissionBuffer(await renderSampleFile(f), f.path);
      const result = validateSubmission(grid, all, { knownSchools: known });
      if (f.path.endsWith('register.xlsx')) known = registerSchools(validateAgainst(grid, bundledTemplate('register')));
      issues.set(f.path, result.issues.map((i) => `${i.code} ${i.sheet ?? ''}!${i.cell ?? ''}`).sort());
    }
  }
  return issues;
}

describe('sample region: what the validator finds', () => {
  it('reports exactly the planted issues, none in 2024 and none in tolerated files', async () => {
    const found = await validateRegion(region);
    const expected = new Map<string, string[]>();
    const add = (file: string, text: string) => expected.set(file, [...(expected.get(file) ?? []), text]);
    for (const e of region.planted.dataErrors) add(e.file, `${e.code} ${e.sheet}!${e.cell}`);
    for (const e of region.planted.fileIssues) add(e.file, `${e.code} ${e.sheet ?? ''}!${e.cell ?? ''}`);
    for (const [file, got] of found) expect({ file, issues: got }).toEqual({ file, issues: (expected.get(file) ?? []).sort() });
    for (const t of region.planted.tolerated) expect(found.get(t.file)).toEqual([]);
  });
});

describe('form writer', () => {
  const LONG_LIST = Array.from({ length: 40 }, (_, i) => `Значение номер ${i + 1}`);
  const TEMPLATE: Template = {
    id: 'sample-form',
    version: '2.1',
    title: 'Проверочная форма',
    sheets: [
      {
        id: 'data',
        name: 'Данные',
        key: ['school_id'],
        columns: [
          { code: 'school_id', header: 'Код ОО', type: 'school_id', required: true, pattern: '^sch\\d{6}$', description: 'Логин ОО' },
          { code: 'n2', header: '«2»', group: 'Получили отметку', type: 'integer', min: 0, max: 500 },
          { code: 'n3', header: '«3»', group: 'Получили отметку', type: 'integer', min: 0 },
          { code: 'share', header: 'Доля', type: 'percent', min: 0, max: 100, unit: '%' },
          { code: 'flag', header: 'Признак', type: 'boolean' },
          { code: 'kind', header: 'Вид', type: 'list', values: LONG_LIST },
          { code: 'day', header: 'Дата', type: 'date' },
          { code: 'note', header: 'Примечание', type: 'text' },
        ],
      },
    ],
  };
  const fixed = new Date(Date.UTC(2025, 0, 15));

  async function roundTrip(rows: Record<string, unknown>[], validationRows?: number): Promise<ExcelJS.Workbook> {
    const wb = buildFormWorkbook(TEMPLATE, { rows: { data: rows }, validationRows, date: fixed });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    return back;
  }

  it('writes the instruction first and the metadata sheet very hidden with the template id and version', async () => {
    const wb = await roundTrip([]);
    expect(wb.worksheets[0].name).toBe(INSTRUCTION_SHEET);
    const meta = wb.getWorksheet(METADATA_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    expect([meta.getCell('A1').value, meta.getCell('B1').value, meta.getCell('A2').value, meta.getCell('B2').value]).toEqual(['template', 'sample-form', 'version', '2.1']);
    expect(wb.created).toEqual(fixed);
    expect(wb.modified).toEqual(fixed);
    const text = wb.worksheets[0].getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('Проверочная форма');
    expect(text).toContain('целое число');
    expect(text).toContain('из списка');
  });

  it('merges a two-row header: groups across, ungrouped columns down, and freezes the panes under it', async () => {
    const ws = (await roundTrip([])).getWorksheet('Данные')!;
    expect(formHeaderRows(TEMPLATE.sheets[0])).toBe(2);
    expect(ws.getCell('B1').value).toBe('Получили отметку');
    expect(ws.getCell('C1').master.address).toBe('B1');
    expect(ws.getCell('B2').value).toBe('«2»');
    expect(ws.getCell('C2').value).toBe('«3»');
    expect(ws.getCell('A1').value).toBe('Код ОО');
    expect(ws.getCell('A2').master.address).toBe('A1');
    expect(ws.getCell('D2').master.address).toBe('D1');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('adds data validation with Russian prompts over the data rows, long lists from a hidden sheet', async () => {
    const wb = await roundTrip([{ school_id: 'sch000001' }], 5);
    const ws = wb.getWorksheet('Данные')!;
    const dv = (a: string) => ws.getCell(a).dataValidation;
    expect(dv('B3')).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 500], showErrorMessage: true });
    expect(dv('B3').prompt).toContain('от 0 до 500');
    expect(dv('B3').error).toMatch(/целое число/);
    expect(dv('C7')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(dv('D3')).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(dv('E3')).toMatchObject({ type: 'list', formulae: ['"да,нет"'] });
    expect(dv('F3')).toMatchObject({ type: 'list', formulae: [`'${LISTS_SHEET}'!$A$1:$A$40`] });
    expect(dv('G3')).toMatchObject({ type: 'date' });
    expect(dv('B8')).toBeUndefined();
    const lists = wb.getWorksheet(LISTS_SHEET)!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('A40').value).toBe('Значение номер 40');
    const many = (await roundTrip(Array.from({ length: 12 }, (_, i) => ({ n2: i })), 5)).getWorksheet('Данные')!;
    expect(many.getCell('B14').dataValidation).toBeDefined();
  });

  it('writes values as given: text stays text even when it looks like a formula', async () => {
    const day = new Date(Date.UTC(2025, 3, 15));
    const ws = (await roundTrip([
      { school_id: '=HYPERLINK("http://x")', n2: 3, share: 12.5, flag: true, kind: 'Значение номер 2', day, note: '+7 (900)' },
      { school_id: '@sch', n2: { error: '#N/A' }, n3: { formula: '1/0', result: { error: '#DIV/0!' } }, flag: false, note: '-5', day: structuredClone(day) },
    ])).getWorksheet('Данные')!;
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('A3').formula).toBeUndefined();
    expect(ws.getCell('H3').value).toBe('+7 (900)');
    expect(ws.getCell('A4').value).toBe('@sch');
    expect(ws.getCell('H4').value).toBe('-5');
    expect(ws.getCell('B3').value).toBe(3);
    expect(ws.getCell('D3').value).toBe(12.5);
    expect(ws.getCell('E3').value).toBe('да');
    expect(ws.getCell('E4').value).toBe('нет');
    expect(ws.getCell('G3').value).toEqual(day);
    expect(ws.getCell('G3').numFmt).toBe('dd.mm.yyyy');
    // structuredClone makes a Date of Node's own realm, which `instanceof Date` misses under Jest.
    expect(ws.getCell('G4').value).toEqual(day);
    expect(ws.getCell('B4').value).toEqual({ error: '#N/A' });
    expect(ws.getCell('C4').value).toMatchObject({ formula: '1/0', result: { error: '#DIV/0!' } });
    expect(ws.getCell('C3').value).toBeNull();
  });

  it('round-trips a filled form through the validator without issues', async () => {
    const template = bundledTemplate('vpr');
    const rows = region.years[2024].vpr.results.slice(0, 20);
    const tasks = region.years[2024].vpr.tasks.slice(0, 200);
    const wb = buildFormWorkbook(template, { rows: { results: rows, tasks } });
    const grid = await readSubmissionBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'vpr.xlsx');
    const result = validateSubmission(grid, bundledTemplates());
    expect(result.issues).toEqual([]);
    expect(result.sheets[0].records.map((r) => r.values.n2)).toEqual(rows.map((r) => r.n2));
  });
});

