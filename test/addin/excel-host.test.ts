import path from 'node:path';
import { MAX_REQUEST_BYTES, readWorkbookGrid, selectCell, TABLE_PREFIX, writeReportSheets } from '../../src/addin/excel-host';
import { loadRuleBundle } from '../../src/addin/taskpane/rule-bundle';
import { checkSources, classifySources, reportSheets, type Source } from '../../src/addin/taskpane/workflow';
import type { CellValue, Grid } from '../../src/core/grid';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { readSubmissionFile } from '../../src/files/read-file';
import { REPO } from '../helpers/templates';
import { FakeExcel, type FakeSheetInit, sheetValues } from './fake-excel';
import { ruleBundleFromDisk } from './rule-bundle-fs';

const rules = loadRuleBundle(ruleBundleFromDisk());
const SAMPLE = path.join(REPO, 'samples', 'sample-region', '2025');
let register: Grid;
let conditions: Grid;

beforeAll(async () => {
  register = await readSubmissionFile(path.join(SAMPLE, 'register.xlsx'));
  conditions = await readSubmissionFile(path.join(SAMPLE, 'conditions.xlsx'));
});

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

/** The sample's data sheet grown or cut to `n` schools, with new school ids; other sheets as they are. */
function scaled(grid: Grid, sheetName: string, idCol: number, n: number): Grid {
  return {
    sheets: grid.sheets.map((s) => {
      if (s.name !== sheetName) return s;
      const [header, ...data] = s.rows;
      const rows = Array.from({ length: n }, (_, i) => {
        const row = [...data[i % data.length]];
        row[idCol] = `sch${String(100000 + i)}`;
        return row;
      });
      return { ...s, rows: [header, ...rows] };
    }),
  };
}

const toInit = (grid: Grid): FakeSheetInit[] =>
  grid.sheets.map((s) => ({ name: s.name, visibility: s.hidden ? 'Hidden' : 'Visible', rows: s.rows.map((r) => (r ?? []).map((v) => (v instanceof Date ? 45000 : v))) }));

interface Run {
  fake: FakeExcel;
  readSyncs: number;
  syncs: number;
  largest: number;
  schools: number;
  issues: number;
  written: string[];
}

/** Read the open register workbook, check it with a conditions file, classify, write the report: all through the fake. */
async function fullRun(n: number, api: string, mutate?: (rows: CellValue[][]) => void): Promise<Run> {
  const open = scaled(register, 'Реестр ОО', 0, n);
  mutate?.(open.sheets.find((s) => s.name === 'Реестр ОО')!.rows);
  const fake = new FakeExcel(api, toInit(open));
  fake.installOffice();
  const grid = await readWorkbookGrid(fake.context);
  const readSyncs = fake.syncs;
  const sources: Source[] = [
    { name: 'Книга1.xlsx', grid, open: true },
    { name: 'conditions.xlsx', grid: scaled(conditions, 'Условия', 1, n) },
  ];
  const checked = checkSources(sources, rules.templates);
  const classification = await classifySources(checked, rules);
  const result = await writeReportSheets(fake.context, reportSheets(checked, classification));
  return {
    fake,
    readSyncs,
    syncs: fake.syncs,
    largest: fake.largestRequest(),
    schools: classification.classifications.length,
    issues: checked.reduce((k, c) => k + c.result.issues.length, 0),
    written: result.names,
  };
}

describe('Office.js host adapter (recording fake of Excel)', () => {
  it('reads the open workbook into the same grid the file reader gives', async () => {
    const fake = new FakeExcel('1.13', toInit(register));
    fake.installOffice();
    const grid = await readWorkbookGrid(fake.context);
    expect(fake.syncs).toBe(3);
    const data = grid.sheets.find((s) => s.name === 'Реестр ОО')!;
    expect(data.rows).toEqual(register.sheets.find((s) => s.name === 'Реестр ОО')!.rows);
    expect(grid.sheets.find((s) => s.name === '_okoshko')!.hidden).toBe(true);
  });

  it.each(['1.1', '1.13'])('ExcelApi %s: the same number of syncs for 50 and 5,000 schools, every request under 5 MB', async (api) => {
    const small = await fullRun(50, api);
    const large = await fullRun(5000, api);
    // Rows with planted errors are left out of the classification, as everywhere.
    expect(small.schools).toBeGreaterThan(45);
    expect(large.schools).toBeGreaterThan(4800);
    expect(large.readSyncs).toBe(small.readSyncs);
    expect(large.syncs).toBe(small.syncs);
    expect(large.largest).toBeLessThan(MAX_REQUEST_BYTES + 100_000);
    expect(large.largest).toBeLessThan(5 * 1024 * 1024);
    process.stdout.write(
      `ExcelApi ${api}: ${large.syncs} syncs (read ${large.readSyncs}) for 50 and 5000 schools; largest request ${(small.largest / 1e6).toFixed(2)} MB at 50, ${(large.largest / 1e6).toFixed(2)} MB at 5000; largest read response ${(large.fake.largestResponse() / 1e6).toFixed(2)} MB at 5000\n`,
    );
  });

  it('on an ExcelApi 1.1 host validates, classifies and writes both report sheets as tables', async () => {
    const run = await fullRun(50, '1.1', (rows) => {
      rows[3][0] = 'не код';
    });
    expect(run.issues).toBeGreaterThan(0);
    expect(run.written).toEqual(['Проверка', 'Классификация']);
    const issues = sheetValues(run.fake.sheet('Проверка'));
    expect(issues[0]).toContain('Замечание');
    expect(issues.some((r) => r.includes('не код'))).toBe(true);
    const classes = sheetValues(run.fake.sheet('Классификация'));
    expect(classes[0][0]).toMatch(/^Окошко: год 2025/);
    expect(classes.length).toBe(2 + 49);
    expect(run.fake.sheet('Классификация').tables.list[0].name).toMatch(new RegExp(`^${TABLE_PREFIX}`));
    expect(run.fake.calls.some((c) => /tabColor|freeze|hyperlink|Merged|OrNullObject/.test(c.what))).toBe(false);
  });

  it('never writes to a user sheet: a user «Проверка» stays, ours is «Проверка (2)»; a second run replaces ours', async () => {
    const fake = new FakeExcel('1.13', [...toInit(register), { name: 'Проверка', rows: [['мои заметки']] }]);
    fake.installOffice();
    const grid = await readWorkbookGrid(fake.context);
    const checked = checkSources([{ name: 'Книга1.xlsx', grid, open: true }], rules.templates);
    const first = await writeReportSheets(fake.context, reportSheets(checked));
    expect(first.names).toEqual(['Проверка (2)']);
    const second = await writeReportSheets(fake.context, reportSheets(checked));
    expect(second.names).toEqual(['Проверка (2)']);
    expect(fake.sheets.map((s) => s.rawName).filter((n) => n.startsWith('Проверка'))).toEqual(['Проверка', 'Проверка (2)']);
    expect(sheetValues(fake.sheet('Проверка'))).toEqual([['мои заметки']]);
    expect(fake.writesToUserSheets()).toEqual([]);
    const withNewer = fake.calls.filter((c) => /hyperlink|freeze|tabColor/.test(c.what));
    expect(withNewer.length).toBeGreaterThan(0);
  });

  it('splits a report larger than one request into requests under 5 MB', async () => {
    const fake = new FakeExcel('1.1', [{ name: 'Данные', rows: [['x']] }]);
    fake.installOffice();
    const text = 'Пояснение к классификации школы: доля «2» выше порога региона. '.repeat(5);
    const sheet: ReportSheet = { name: 'Классификация', columns: [{ key: 'n', header: '№', width: 6 }, { key: 't', header: 'Пояснение', width: 110, wrap: true }], rows: Array.from({ length: 30_000 }, (_, i) => ({ cells: { n: i + 1, t: text } })), table: 'Big' };
    const result = await writeReportSheets(fake.context, [sheet]);
    const total = fake.requests.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(3 * MAX_REQUEST_BYTES);
    expect(fake.largestRequest()).toBeLessThan(5 * 1024 * 1024);
    expect(result.syncs).toBe(fake.syncs);
    expect(sheetValues(fake.sheet('Классификация')).length).toBe(30_001);
  });

  it('writes text that looks like a formula or a number as text', async () => {
    const fake = new FakeExcel('1.1', [{ name: 'Данные', rows: [['x']] }]);
    fake.installOffice();
    const tricky = ['=СУММ(A1:A9)', '+7 900 000-00-00', '-5', '@user', '00123', '1,5'];
    const sheet: ReportSheet = { name: 'Проверка', columns: [{ key: 'v', header: '=Заголовок', width: 20 }, { key: 'n', header: 'Число', width: 10 }], rows: tricky.map((v, i) => ({ cells: { v, n: i } })), table: 'T' };
    await writeReportSheets(fake.context, [sheet]);
    const values = sheetValues(fake.sheet('Проверка'));
    expect(values.map((r) => r[0])).toEqual(['=Заголовок', ...tricky]);
    expect(values.slice(1).map((r) => r[1])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fake.sheets.some((s) => [...s.cells.values()].some((row) => [...row.values()].some((c) => c.numberFormat === 'FORMULA')))).toBe(false);
  });

  it('selects an issue’s cell', async () => {
    const fake = new FakeExcel('1.1', toInit(register));
    await selectCell(fake.context, 'Реестр ОО', 'C7');
    expect(fake.selected).toEqual({ sheet: 'Реестр ОО', cell: 'C7' });
    expect(fake.sheet('Реестр ОО').active).toBe(true);
    expect(fake.syncs).toBe(1);
  });

  it('reads merged areas only where ExcelApi 1.13 has them', async () => {
    const init: FakeSheetInit[] = [{ name: 'Лист1', rows: [['Отметки', null], [2, 3]], merges: ['A1:B1'] }];
    const newer = new FakeExcel('1.13', init);
    newer.installOffice();
    expect((await readWorkbookGrid(newer.context)).sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    const old = new FakeExcel('1.1', init);
    old.installOffice();
    expect((await readWorkbookGrid(old.context)).sheets[0].merges).toEqual([]);
  });
});
