import path from 'node:path';
import { HIGHLIGHT_FILLS, type HighlightTarget, highlightCells, unhighlightCells } from '../../src/addin/excel-marks';
import { readWorkbookGrid } from '../../src/addin/excel-read';
import { MAX_REQUEST_BYTES, selectCell, TABLE_PREFIX, WRITE_CHUNK_BYTES, writeReportSheets } from '../../src/addin/excel-write';
import { loadRuleBundle } from '../../src/pane/rule-bundle';
import { checkOnlySheets, paneCheck } from '../../src/pane/workflow';
import type { CellValue, Grid } from '../../src/core/grid/grid';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { readSubmissionFile } from '../../src/files/read-file';
import { newReportWorkbook } from '../../src/render/workbook-patch';
import { REPO } from '../helpers/templates';
import { addinRun, type AddinRun as Run, ruleBundleFromDisk, scaled, toInit } from '../support/addin-workload';
import { FakeExcel, type FakeSheetInit, sheetValues } from '../support/fake-excel';

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

/** Read the open register workbook, check it with a conditions file, classify, write the report: all through the fake. */
const fullRun = (n: number, api: string, mutate?: (rows: CellValue[][]) => void): Promise<Run> => addinRun({ register, conditions }, rules, n, api, mutate);

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

  it('ExcelApi 1.13 (Excel on the web): validate, classify and write take the same syncs for 50 and 5,000 schools, every request under 5 MB', async () => {
    const small = await fullRun(50, '1.13');
    const large = await fullRun(5000, '1.13');
    // Rows with planted errors are left out of the classification, as everywhere.
    expect(small.schools).toBeGreaterThan(45);
    expect(large.schools).toBeGreaterThan(4800);
    expect(large.recommendations).toBeGreaterThan(small.recommendations);
    expect(large.written).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    expect(large.readSyncs).toBe(small.readSyncs);
    expect(large.syncs).toBe(small.syncs);
    expect(large.fake.calls.filter((c) => c.what === 'insertWorksheetsFromBase64')).toHaveLength(1);
    expect(large.largest).toBeLessThan(MAX_REQUEST_BYTES);
    // Everything the report holds arrived: a row per recommendation and per classified school.
    expect(sheetValues(large.fake.sheet('Адресные рекомендации')).length).toBe(2 + large.recommendations);
    expect(sheetValues(large.fake.sheet('Классификация')).length).toBe(2 + large.schools);
    process.stdout.write(
      `ExcelApi 1.13: ${small.syncs} syncs at 50 schools and ${large.syncs} at 5000 (read ${large.readSyncs}); largest request ${(small.largest / 1e6).toFixed(2)} MB at 50, ${(large.largest / 1e6).toFixed(2)} MB at 5000; largest read response ${(large.fake.largestResponse() / 1e6).toFixed(2)} MB\n`,
    );
  });

  it('ExcelApi 1.1 (Office 2016): reads in the same syncs for 50 and 5,000 schools and writes in requests under 5 MB, one more only per 4 MB of report', async () => {
    const small = await fullRun(50, '1.1');
    const large = await fullRun(5000, '1.1');
    expect(large.written).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    expect(large.readSyncs).toBe(small.readSyncs);
    const writes = (r: Run) => r.fake.requests.slice(r.readSyncs);
    const content = writes(large).reduce((a, b) => a + b, 0);
    // Rows go in whole range writes, so a request may stop short of the limit by at most one of them.
    const extra = large.syncs - small.syncs;
    expect(extra).toBeGreaterThanOrEqual(Math.ceil(content / MAX_REQUEST_BYTES) - 1);
    expect(extra).toBeLessThanOrEqual(Math.ceil(content / (MAX_REQUEST_BYTES - WRITE_CHUNK_BYTES)) - 1);
    // After the sync that lists the sheets, every request but the last is well filled.
    for (const bytes of writes(large).slice(1, -1)) expect(bytes).toBeGreaterThan(MAX_REQUEST_BYTES / 2);
    expect(large.largest).toBeLessThan(MAX_REQUEST_BYTES + 100_000);
    expect(large.largest).toBeLessThan(5 * 1024 * 1024);
    process.stdout.write(
      `ExcelApi 1.1: ${small.syncs} syncs at 50 schools, ${large.syncs} at 5000 (read ${large.readSyncs}; report ${(content / 1e6).toFixed(2)} MB); largest request ${(small.largest / 1e6).toFixed(2)} MB at 50, ${(large.largest / 1e6).toFixed(2)} MB at 5000\n`,
    );
  });

  it('ExcelApi 1.13: the inserted sheets hold what bulk writes would, as tables, with links into the open workbook', async () => {
    const run = await fullRun(50, '1.13', (rows) => {
      rows[3][0] = 'не код';
    });
    const bulk = await fullRun(50, '1.1', (rows) => {
      rows[3][0] = 'не код';
    });
    for (const name of run.written) {
      const sheet = run.fake.sheet(name);
      expect(sheetValues(sheet)).toEqual(sheetValues(bulk.fake.sheet(name)));
      expect(sheet.tables.list[0].name).toMatch(new RegExp(`^${TABLE_PREFIX}`));
    }
    expect(run.fake.sheet('Адресные рекомендации').active).toBe(true);
    const issues = run.fake.sheet('Проверка');
    const linked = [...issues.cells.values()].flatMap((row) => [...row.values()]).filter((c) => c.link);
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) expect(c.link).toMatch(/^#'?Реестр ОО'?!\$?[A-Z]+\$?\d+$/);
    expect(run.fake.writesToUserSheets()).toEqual([]);
  });

  it('ExcelApi 1.13: a report whose file would pass one request is written in bulk requests instead', async () => {
    const fake = new FakeExcel('1.13', [{ name: 'Данные', rows: [['x']] }]);
    fake.installOffice();
    const sheet: ReportSheet = { name: 'Классификация', columns: [{ key: 'n', header: '№', width: 6 }], rows: [{ cells: { n: 1 } }], table: 'Big' };
    const huge = async () => new Uint8Array(MAX_REQUEST_BYTES);
    const result = await writeReportSheets(fake.context, [sheet], huge);
    expect(fake.calls.some((c) => c.what === 'insertWorksheetsFromBase64')).toBe(false);
    expect(result.names).toEqual(['Классификация']);
    expect(sheetValues(fake.sheet('Классификация'))).toEqual([['№'], [1]]);
    expect(fake.largestRequest()).toBeLessThan(MAX_REQUEST_BYTES);
  });

  it('on an ExcelApi 1.1 host validates, classifies and writes the three report sheets as tables', async () => {
    const run = await fullRun(50, '1.1', (rows) => {
      rows[3][0] = 'не код';
    });
    expect(run.issues).toBeGreaterThan(0);
    expect(run.written).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    const recs = sheetValues(run.fake.sheet('Адресные рекомендации'));
    expect(String(recs[0][0])).toMatch(/каталог рекомендаций «/);
    expect(recs[1]).toEqual(expect.arrayContaining(['Рекомендация', 'Срок', 'Ответственный']));
    expect(recs.length).toBeGreaterThan(2);
    expect(run.recommendations).toBe(recs.length - 2);
    expect(run.fake.sheet('Адресные рекомендации').tables.list[0].name).toMatch(new RegExp(`^${TABLE_PREFIX}Recommendations`));
    expect(run.fake.sheet('Адресные рекомендации').active).toBe(true);
    const issues = sheetValues(run.fake.sheet('Проверка'));
    expect(issues[0]).toContain('Замечание');
    expect(issues.some((r) => r.includes('не код'))).toBe(true);
    const classes = sheetValues(run.fake.sheet('Классификация'));
    expect(classes[0][0]).toMatch(/^Окошко: год 2025/);
    expect(classes.length).toBe(2 + 49);
    expect(run.fake.sheet('Классификация').tables.list[0].name).toMatch(new RegExp(`^${TABLE_PREFIX}`));
    expect(run.fake.calls.some((c) => /tabColor|freeze|hyperlink|Merged|OrNullObject/.test(c.what))).toBe(false);
  });

  it.each([
    ['bulk writes', undefined],
    ['an inserted file', (sheets: readonly ReportSheet[]) => newReportWorkbook(sheets)],
  ])('never writes to a user sheet: a user «Проверка» stays, ours is «Проверка (Окошко)», as the file host names it; a second run replaces ours (%s)', async (_how, build) => {
    const fake = new FakeExcel('1.13', [...toInit(register), { name: 'Проверка', rows: [['мои заметки']] }]);
    fake.installOffice();
    const grid = await readWorkbookGrid(fake.context);
    const checked = await paneCheck([{ key: 'open', name: 'Книга1.xlsx', grid, open: true }], rules);
    const first = await writeReportSheets(fake.context, checkOnlySheets(checked), build);
    expect(first.names).toEqual(['Проверка (Окошко)']);
    const second = await writeReportSheets(fake.context, checkOnlySheets(checked), build);
    expect(second.names).toEqual(['Проверка (Окошко)']);
    expect(fake.sheets.map((s) => s.rawName).filter((n) => n.startsWith('Проверка'))).toEqual(['Проверка', 'Проверка (Окошко)']);
    expect(sheetValues(fake.sheet('Проверка'))).toEqual([['мои заметки']]);
    expect(fake.writesToUserSheets()).toEqual([]);
    expect(fake.sheet('Проверка (Окошко)').frozen).toBeDefined();
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

  describe('«Проверить» marks the issues’ cells, «Снять отметки» restores them', () => {
    /** Every non-empty cell of every sheet: value, number format, fill, bold. */
    const snapshot = (fake: FakeExcel) =>
      Object.fromEntries(
        fake.sheets.flatMap((s) =>
          [...s.cells].flatMap(([r, row]) =>
            [...row]
              .filter(([, c]) => !((c.value === '' || c.value === null) && !c.fill && !c.bold))
              .map(([c, cell]) => [`${s.rawName}!${r},${c}`, { value: cell.value, numberFormat: cell.numberFormat ?? 'General', fill: cell.fill ?? null, bold: cell.bold ?? false }]),
          ),
        ),
      );

    /** The open register with every tenth school's settlement type broken; the user's own fills on D2 (an issue) and D3 (not). */
    async function checkedWorkbook(n: number, api: string) {
      const open = scaled(register, 'Реестр ОО', 0, n);
      const rows = open.sheets.find((s) => s.name === 'Реестр ОО')!.rows;
      for (let i = 1; i < rows.length; i += 10) rows[i][3] = 'хутор';
      const fake = new FakeExcel(api, toInit(open));
      fake.installOffice();
      fake.sheet('Реестр ОО').setCell(1, 3, { fill: '#00B050' });
      fake.sheet('Реестр ОО').setCell(2, 3, { fill: '#FFFF00' });
      const grid = await readWorkbookGrid(fake.context);
      const checked = await paneCheck([{ key: 'open', name: 'Книга1.xlsx', grid, open: true }], rules);
      const targets: HighlightTarget[] = checked[0].report.issues.filter((i) => i.sheet && i.cell).map((i) => ({ sheet: i.sheet!, cell: i.cell!, severity: i.severity }));
      return { fake, targets };
    }

    it.each(['1.1', '1.13'])('ExcelApi %s: restores every recorded fill, touches no other cell, never a value; syncs do not grow with rows', async (api) => {
      const syncs: number[] = [];
      for (const n of [50, 5000]) {
        const { fake, targets } = await checkedWorkbook(n, api);
        expect(targets.length).toBeGreaterThanOrEqual(n / 10);
        const before = snapshot(fake);
        const start = fake.calls.length;
        const s0 = fake.syncs;
        const marked = await highlightCells(fake.context, targets);
        expect(marked.syncs).toBe(fake.syncs - s0);
        expect(marked.skipped).toBe(0);
        const data = fake.sheet('Реестр ОО');
        expect(marked.cells.find((c) => c.cell === 'D2')).toMatchObject({ original: '#00B050', color: HIGHLIGHT_FILLS.error });
        expect(marked.cells.find((c) => c.cell === 'D12')).toMatchObject({ original: null });
        expect(data.cell(1, 3)!.fill).toBe(HIGHLIGHT_FILLS.error);
        expect(data.cell(11, 3)!.fill).toBe(HIGHLIGHT_FILLS.error);
        expect(data.cell(2, 3)!.fill).toBe('#FFFF00');
        expect(marked.cells.map((c) => c.original).filter((o) => o !== null)).toEqual(['#00B050']);
        const s1 = fake.syncs;
        const undone = await unhighlightCells(fake.context, marked);
        expect(undone).toEqual({ restored: marked.cells.length, kept: 0, syncs: fake.syncs - s1 });
        expect(snapshot(fake)).toEqual(before);
        // Only the marked cells' fills were written: no value, no other cell.
        const markedCells = new Set(marked.cells.map((c) => `${c.cell}:${c.cell}`));
        const writes = fake.calls.slice(start).filter((c) => /^set/.test(c.what));
        expect(writes.length).toBe(2 * marked.cells.length);
        for (const w of writes) {
          expect(w.what).toMatch(/^set format\.fill\.(color|clear) /);
          expect(markedCells.has(w.what.split(' ').pop()!)).toBe(true);
        }
        expect(writes.filter((w) => w.what.startsWith('set format.fill.clear')).length).toBe(marked.cells.length - 1);
        expect(fake.largestRequest()).toBeLessThan(5 * 1024 * 1024);
        syncs.push(fake.syncs - s0);
      }
      expect(syncs[1]).toBe(syncs[0]);
      expect(syncs[0]).toBe(6);
    });

    it('keeps a fill the user changed since, skips sheets that are gone, and caps the number of marked cells', async () => {
      const { fake, targets } = await checkedWorkbook(50, '1.1');
      const capped = await highlightCells(fake.context, [...targets, { sheet: 'Нет такого', cell: 'A1', severity: 'error' }], 3);
      expect(capped.cells.length).toBe(3);
      expect(capped.skipped).toBe(targets.length + 1 - 3);
      fake.sheet('Реестр ОО').setCell(11, 3, { fill: '#0070C0' });
      const undone = await unhighlightCells(fake.context, capped);
      expect(undone.restored).toBe(2);
      expect(undone.kept).toBe(1);
      expect(fake.sheet('Реестр ОО').cell(11, 3)!.fill).toBe('#0070C0');
      expect(fake.sheet('Реестр ОО').cell(1, 3)!.fill).toBe('#00B050');
    });
  });
});
