import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type RegionClassification, runPipeline } from '../../src/core/pipeline';
import { loadRuleLibrary, type RuleFileInput } from '../../src/core/rules/library';
import { lintLibrary } from '../../src/core/rules/lint/library';
import type { TargetRow } from '../../src/core/targets/plan-fact';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary, RULES } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';

/**
 * Plan against fact for the sample region's target passport (rules/targets/sample-region.json), each
 * fact recomputed here from the forms as exceljs reads them, with the rows the checks reject left out.
 */

const PASSPORT = JSON.parse(readFileSync(path.join(RULES, 'targets', 'sample-region.json'), 'utf8')) as {
  participants: { schools: string[] };
  targets: { id: string; indicator: string; level: string; direction: 'at_most' | 'at_least'; plan: Record<string, number> }[];
};
const planted = JSON.parse(readFileSync(path.join(REGION, 'planted.json'), 'utf8')) as { dataErrors: { file: string; sheet: string; cell: string }[] };

type Row = Record<string, unknown>;

/** A sheet's records by header, without the rows planted with errors (the checks reject them). */
async function records(year: number, file: string, sheet: string, headerRow: number, fields: Record<string, string>): Promise<Row[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(REGION, String(year), file));
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
  const rejected = new Set(planted.dataErrors.filter((e) => e.file === `${year}/${file}` && e.sheet === sheet).map((e) => Number(e.cell.replace(/^[A-Z]+/, ''))));
  const out: Row[] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow || rejected.has(n)) return;
    const r: Row = {};
    for (const [field, header] of Object.entries(fields)) r[field] = row.getCell(headers.indexOf(header)).value ?? 0;
    out.push(r);
  });
  return out;
}

/** Σ part / Σ whole of the records, in per cent, to one decimal; null without any whole. */
function share(rows: readonly Row[], part: (r: Row) => number, whole: (r: Row) => number): number | null {
  const p = rows.reduce((s, r) => s + part(r), 0);
  const w = rows.reduce((s, r) => s + whole(r), 0);
  return w > 0 ? Math.round((1000 * p) / w) / 10 : null;
}

const n = (v: unknown) => Number(v);

/** Each indicator of the passport as the test computes it from the forms: which records, part and whole. */
function oracle(forms: { vpr: Row[]; oge: Row[]; ege: Row[]; conditions: Row[] }): Record<string, (schools: Set<string>, year: number) => number | null> {
  const of = (rows: Row[], schools: Set<string>, year: number, keep: (r: Row) => boolean = () => true) => rows.filter((r) => r.year === year && schools.has(String(r.school)) && keep(r));
  const vpr = (grade: number, subject: string) => (s: Set<string>, y: number) => share(of(forms.vpr, s, y, (r) => r.grade === grade && r.subject === subject), (r) => n(r.n2), (r) => n(r.participants));
  const gia = (rows: Row[], subject: string) => (s: Set<string>, y: number) => share(of(rows, s, y, (r) => r.subject === subject), (r) => n(r.below_min), (r) => n(r.participants));
  return {
    'gia.ege_base_ma_below_min': gia(forms.ege, 'Математика (базовая)'),
    'gia.ege_profile_ma_below_min': gia(forms.ege, 'Математика (профильная)'),
    'gia.ege_ru_below_min': gia(forms.ege, 'Русский язык'),
    'gia.oge_ma_below_min': gia(forms.oge, 'Математика'),
    'gia.oge_ru_below_min': gia(forms.oge, 'Русский язык'),
    'vpr.share_2_ma_5': vpr(5, 'Математика'),
    'vpr.share_2_ma_6': vpr(6, 'Математика'),
    'vpr.share_2_ru_5': vpr(5, 'Русский язык'),
    'vpr.share_2_ru_6': vpr(6, 'Русский язык'),
    'vpr.success_share': (s, y) => share(of(forms.vpr, s, y), (r) => n(r.n3) + n(r.n4) + n(r.n5), (r) => n(r.participants)),
    'vpr.quality_share': (s, y) => share(of(forms.vpr, s, y), (r) => n(r.n4) + n(r.n5), (r) => n(r.participants)),
    'staff.pd_share': (s, y) => share(of(forms.conditions, s, y), (r) => n(r.pd), (r) => n(r.total)),
    'staff.deficits_share': (s, y) => share(of(forms.conditions, s, y), (r) => n(r.total) - n(r.passed), (r) => n(r.total)),
  };
}

async function forms(years: number[]) {
  const all = { vpr: [] as Row[], oge: [] as Row[], ege: [] as Row[], conditions: [] as Row[] };
  const base = { year: 'Год', school: 'Код ОО' };
  for (const y of years) {
    all.vpr.push(...(await records(y, 'vpr.xlsx', 'ВПР', 2, { ...base, grade: 'Класс', subject: 'Предмет', participants: 'Участников', n2: '«2»', n3: '«3»', n4: '«4»', n5: '«5»' })));
    const gia = { ...base, subject: 'Предмет', participants: 'Участников', below_min: 'Не преодолели минимальный порог' };
    all.oge.push(...(await records(y, 'gia.xlsx', 'ОГЭ', 1, gia)));
    all.ege.push(...(await records(y, 'gia.xlsx', 'ЕГЭ', 1, gia)));
    all.conditions.push(...(await records(y, 'conditions.xlsx', 'Условия', 1, { ...base, total: 'Педагогов всего', pd: 'Прошли повышение квалификации за 3 года', passed: 'Успешно прошли диагностику предметных компетенций' })));
  }
  return all;
}

async function classify(paths: string[]): Promise<RegionClassification> {
  const run = await runPipeline(fileSources(paths).inputs, bundledLibrary(), { reportDate: new Date(2025, 8, 1), paramsId: 'sample-region' });
  if (run.classification.kind !== 'region') throw new Error('not a region');
  return run.classification;
}

const expectedStatus = (fact: number | null, plan: number, direction: 'at_most' | 'at_least') =>
  fact === null ? 'no_data' : (direction === 'at_most' ? fact <= plan : fact >= plan) ? 'achieved' : 'not_achieved';

describe('plan against fact of the sample region’s target passport', () => {
  let rows: TargetRow[];
  let facts: ReturnType<typeof oracle>;
  let regionSchools: Set<string>;
  beforeAll(async () => {
    const c = await classify([path.join(REGION, '2023'), path.join(REGION, '2024'), path.join(REGION, '2025')]);
    rows = c.targets.rows;
    regionSchools = new Set(c.classifications.map((u) => u.school.school_id as string));
    facts = oracle(await forms([2023, 2024, 2025]));
  });

  it('gives every participant school, target and plan year the fact of its forms, its status and last year’s fact', () => {
    let checked = 0;
    for (const t of PASSPORT.targets.filter((x) => x.level === 'participants'))
      for (const school of PASSPORT.participants.schools)
        for (const year of [2024, 2025]) {
          const row = rows.find((r) => r.target === t.id && r.schoolId === school && r.year === year);
          const fact = facts[t.indicator](new Set([school]), year);
          const prev = facts[t.indicator](new Set([school]), year - 1);
          expect({ target: t.id, school, year, fact: row?.fact, status: row?.status, prev: row?.prevFact }).toEqual({
            target: t.id, school, year, fact, status: expectedStatus(fact, t.plan[year], t.direction), prev,
          });
          checked++;
        }
    expect(checked).toBe(13 * 10 * 2);
  });

  it('says «нет данных» for a basic school’s ЕГЭ targets and names the form it found nothing in', () => {
    const ege = rows.filter((r) => r.schoolId === 'sch765499' && r.target === '1.3' && r.year === 2025)[0];
    expect(ege).toMatchObject({ fact: null, status: 'no_data', missing: { code: 'no_records', form: '«Результаты ГИА (ОГЭ, ЕГЭ) и медалисты», лист «ЕГЭ»' } });
  });

  it('pools the participants, each municipality and the region as Σ part / Σ whole of their schools', () => {
    const participants = new Set(PASSPORT.participants.schools);
    for (const t of PASSPORT.targets.filter((x) => x.level === 'participants')) {
      const row = rows.find((r) => r.target === t.id && r.level === 'participants' && !r.schoolId && r.year === 2025)!;
      expect({ t: t.id, fact: row.fact }).toEqual({ t: t.id, fact: facts[t.indicator](participants, 2025) });
    }
    const region = rows.find((r) => r.target === 'Р.1' && r.year === 2025)!;
    expect(region.fact).toBe(facts['vpr.share_2_ma_5'](regionSchools, 2025));
    const municipal = rows.filter((r) => r.target === 'М.1');
    expect(municipal).toHaveLength(25);
    expect(municipal.filter((r) => r.status === 'not_achieved').length).toBeGreaterThan(0);
  });

  it('calls the change since last year better or worse by the target’s direction', () => {
    for (const r of rows.filter((x) => x.fact !== null && x.prevFact !== null)) {
      const lower = r.fact! < r.prevFact!;
      const expected = r.fact === r.prevFact ? 'same' : lower === (r.direction === 'at_most') ? 'better' : 'worse';
      expect(r.trend).toBe(expected);
    }
    expect(new Set(rows.map((r) => r.trend))).toEqual(new Set(['better', 'worse', 'same', undefined]));
  });
});

describe('targets when a form or a school is missing', () => {
  it('gives «нет данных» for every staff target when the year’s conditions form is not given, and keeps the others', async () => {
    const y2025 = ['register.xlsx', 'vpr.xlsx', 'gia.xlsx', 'observation.xlsx'].map((f) => path.join(REGION, '2025', f));
    const c = await classify([path.join(REGION, '2024'), ...y2025]);
    const staff = c.targets.rows.filter((r) => r.year === 2025 && r.target.startsWith('2.'));
    expect(staff.length).toBe(2 * 11);
    for (const r of staff) expect(r).toMatchObject({ fact: null, status: 'no_data', missing: { code: 'no_records', form: '«Анкета условий ОО», лист «Условия»' } });
    for (const r of staff) expect(r.prevFact).not.toBeNull();
    expect(c.targets.rows.filter((r) => r.year === 2025 && r.target === '1.6' && r.fact !== null)).toHaveLength(11);
  });
});

describe('a target passport with mistakes', () => {
  const file = (json: unknown): RuleFileInput => ({ file: 'targets/broken.json', json });
  const library = (targets: RuleFileInput[]) => {
    const read = (group: string) =>
      readdirSync(path.join(RULES, group))
        .filter((f) => f.endsWith('.json'))
        .map((f) => ({ file: `${group}/${f}`, text: readFileSync(path.join(RULES, group, f), 'utf8') }));
    return loadRuleLibrary({ templates: read('templates'), units: read('units'), indicators: read('indicators'), systems: read('systems'), sets: read('sets'), params: read('params'), cases: [], recommendations: read('recommendations'), targets });
  };
  const target = (over: Record<string, unknown>) => ({ id: '1', indicator: 'vpr.share_2_ma_5', level: 'region', direction: 'at_most', plan: { '2025': 10 }, ...over });

  it('reports each broken target with its file and pointer and loads the rest', () => {
    const lib = library([
      file({
        id: 'p',
        title: 'Паспорт',
        targets: [
          target({ id: '1', indicator: 'vpr.no_such' }),
          target({ id: '2', indicator: 'nothing.share' }),
          target({ id: '3', indicator: 'school.name' }),
          target({ id: '4', level: 'participants' }),
          target({ id: '5' }),
          target({ id: '5' }),
        ],
      }),
    ]);
    const problems = lintLibrary(lib).filter((p) => p.file === 'targets/broken.json');
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['unknown_indicator', '/targets/0/indicator'],
      ['unknown_indicator', '/targets/1/indicator'],
      ['not_numeric', '/targets/2/indicator'],
      ['schema', '/targets/3/level'],
      ['schema', '/targets/5/id'],
    ]);
    expect(problems[0].message).toBe('в группе «vpr» нет показателя «no_such»');
    expect(problems[2].message).toMatch(/не число/);
    expect(lib.targets[0].targets.map((t) => t.id)).toEqual(['5']);
  });

  it('refuses a file against its schema in Russian, naming the field', () => {
    const lib = library([file({ id: 'p', title: 'Паспорт', targets: [target({ direction: 'down', plan: { 'в 2025': 1 } })] })]);
    const problems = lintLibrary(lib).filter((p) => p.file === 'targets/broken.json');
    expect(problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/targets/0/direction', '/targets/0/plan']));
    expect(problems.every((p) => p.code === 'schema' && /[а-я]/.test(p.message))).toBe(true);
    expect(lib.targets).toEqual([]);
  });

  it('says a participant is not in the year’s register instead of inventing a fact', async () => {
    const lib = library([file({ id: 'p', title: 'Паспорт', participants: { schools: ['sch000000', 'sch729317'] }, targets: [target({ level: 'participants' })] })]);
    const run = await runPipeline(fileSources([path.join(REGION, '2024'), path.join(REGION, '2025')]).inputs, lib, { reportDate: new Date(2025, 8, 1), paramsId: 'sample-region' });
    const c = run.classification as RegionClassification;
    expect(c.targets.rows.find((r) => r.schoolId === 'sch000000')).toMatchObject({ name: '', fact: null, status: 'no_data', missing: { code: 'not_in_register' } });
    expect(c.targets.rows.find((r) => r.schoolId === 'sch729317')?.fact).not.toBeNull();
  });
});
