import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readSubmissionFile } from '../../src/files/read-file';
import { readGrid } from '../../src/read';
import { buildAddin } from '../addin/build-addin';
import { launchChromium, loopbackOnly } from '../support/browser';
import { CHROMIUM_PROGRAM, describeWith } from '../helpers/programs';
import { REPO } from '../helpers/templates';

/**
 * The task pane's production bundle in Chromium over a small stand-in for Office.js (served instead of
 * office-js/office.js): the Excel pane boots, checks the «open workbook», selects an issue's cell and
 * writes its report sheets through the Office.js host adapter. Loopback only.
 */
const SHOTS = path.join(REPO, 'dist', 'e2e');

/** An Excel object model just big enough for the pane, in the page: loads resolve at sync, calls are logged. */
function officeStub(sheets: { name: string; visibility: string; rows: unknown[][] }[], api: '1.1' | '1.13'): string {
  return `
(function () {
  var log = window.__excelLog = { syncs: 0, selected: null, added: [], written: {} };
  var book = window.__excelBook = ${JSON.stringify(sheets)};
  function col(s) { var n = 0; for (var i = 0; i < s.length; i++) n = n * 26 + s.charCodeAt(i) - 64; return n - 1; }
  function bounds(a) { var p = a.replace(/\\$/g, '').split(':'); var m1 = /^([A-Z]+)(\\d+)$/.exec(p[0]); var m2 = /^([A-Z]+)(\\d+)$/.exec(p[1] || p[0]);
    if (!m1) return { top: 0, left: 0, bottom: 0, right: 0 }; return { top: +m1[2] - 1, left: col(m1[1]), bottom: +m2[2] - 1, right: col(m2[1]) }; }
  function range(sheet, b) {
    var fill = { clear: function () { if (sheet.fills) delete sheet.fills[addr(b)]; } };
    Object.defineProperty(fill, 'color', { get: function () { return (sheet.fills && sheet.fills[addr(b)]) || '#FFFFFF'; }, set: function (v) { sheet.fills = sheet.fills || {}; sheet.fills[addr(b)] = v; } });
    var r = { format: { font: {}, fill: fill }, load: function () { return r; }, select: function () { log.selected = sheet.name + '!' + addr(b); },
      getMergedAreasOrNullObject: function () { return { isNullObject: true, load: function () {} }; } };
    Object.defineProperty(r, 'values', { get: function () { var out = []; for (var i = b.top; i <= b.bottom; i++) { var row = []; for (var j = b.left; j <= b.right; j++) { var v = (sheet.rows[i] || [])[j]; row.push(v === null || v === undefined ? '' : v); } out.push(row); } return out; },
      set: function (vals) { for (var i = 0; i < vals.length; i++) { sheet.rows[b.top + i] = sheet.rows[b.top + i] || []; for (var j = 0; j < vals[i].length; j++) sheet.rows[b.top + i][b.left + j] = vals[i][j]; } log.written[sheet.name] = sheet.rows.length; } });
    Object.defineProperty(r, 'numberFormat', { get: function () { return r.values.map(function (row) { return row.map(function () { return 'General'; }); }); } });
    r.rowIndex = b.top; r.columnIndex = b.left; r.rowCount = b.bottom - b.top + 1; r.columnCount = b.right - b.left + 1; r.isNullObject = false;
    return r;
  }
  function addr(b) { function L(c) { var s = ''; c++; while (c > 0) { var m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s; c = Math.floor((c - 1) / 26); } return s; }
    var a = L(b.left) + (b.top + 1), z = L(b.right) + (b.bottom + 1); return a === z ? a : a + ':' + z; }
  function ws(sheet) {
    return { name: sheet.name, visibility: sheet.visibility,
      tables: { items: [], load: function () {}, add: function () { return { name: '', style: '' }; } },
      getUsedRange: function () { var w = 0; sheet.rows.forEach(function (r) { if (r && r.length > w) w = r.length; }); return range(sheet, { top: 0, left: 0, bottom: Math.max(0, sheet.rows.length - 1), right: Math.max(0, w - 1) }); },
      getRange: function (a) { return range(sheet, bounds(a || 'A1')); },
      load: function () {}, activate: function () {}, delete: function () { book.splice(book.indexOf(sheet), 1); } };
  }
  var worksheets = { load: function () {}, add: function (name) { var s = { name: name, visibility: 'Visible', rows: [] }; book.push(s); log.added.push(name); return ws(s); },
    getItem: function (name) { for (var i = 0; i < book.length; i++) if (book[i].name === name) return ws(book[i]); throw new Error('ItemNotFound'); } };
  Object.defineProperty(worksheets, 'items', { get: function () { return book.map(ws); } });
  // The inserted file is kept for the test to read; its sheets appear under their ids.
  var inserted = { value: ['{r1}', '{r2}', '{r3}'] };
  function insertWorksheetsFromBase64(base64) { log.inserted = base64; inserted.value.forEach(function (id) { book.push({ name: id, visibility: 'Visible', rows: [] }); }); return inserted; }
  var context = { workbook: { worksheets: worksheets, insertWorksheetsFromBase64: insertWorksheetsFromBase64 }, sync: function () { log.syncs++; return Promise.resolve(); } };
  window.Excel = { run: function (cb) { return Promise.resolve(cb(context)); } };
  window.Office = { HostType: { Excel: 'Excel' }, context: { requirements: { isSetSupported: function (n, v) { return n === 'ExcelApi' && (v || '1.1') === '1.1' || (n === 'ExcelApi' && v === '${api}'); } } },
    onReady: function (cb) { setTimeout(function () { cb({ host: 'Excel', platform: 'PC' }); }, 0); return Promise.resolve(); } };
})();`;
}


describeWith(CHROMIUM_PROGRAM, 'Excel task pane bundle in Chromium over a stand-in Office.js')('Excel task pane bundle in Chromium over a stand-in Office.js', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let newer: Page;
  let base: string;
  const errors: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    const dist = await buildAddin();
    const grid = await readSubmissionFile(path.join(REPO, 'samples', 'sample-region', '2025', 'register.xlsx'));
    const data = grid.sheets.find((s) => s.name === 'Реестр ОО')!;
    const rows = data.rows.slice(0, 21).map((r) => [...r]);
    rows[5][3] = 'хутор';
    const meta = grid.sheets.find((s) => s.name === '_okoshko')!;
    const book = () => [
      { name: 'Реестр ОО', visibility: 'Visible', rows },
      { name: '_okoshko', visibility: 'Hidden', rows: meta.rows },
    ];
    // /excel-1.13/taskpane.html is the same pane on a host that says it has ExcelApi 1.13.
    server = http.createServer((req, res) => {
      const full = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const api = full.startsWith('/excel-1.13/') ? '1.13' : '1.1';
      const url = full.replace(/^\/excel-1\.13\//, '/');
      if (url === '/office-js/office.js') {
        res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8' });
        res.end(officeStub(book(), api));
        return;
      }
      const file = path.join(dist, url);
      if (!file.startsWith(dist) || !existsSync(file)) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.png') ? 'image/png' : 'application/javascript; charset=utf-8' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'ru-RU' });
    await loopbackOnly(context, base, foreign);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/taskpane.html`);
    mkdirSync(SHOTS, { recursive: true });
    newer = await context.newPage();
    newer.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('checks the open workbook, selects an issue’s cell and writes the report sheets', async () => {
    await page.waitForSelector('#ok-check');
    expect(await page.textContent('#ok-write')).toBe('Записать рекомендации');
    await page.click('#ok-check');
    await page.waitForSelector('.ok-issue');
    expect(await page.textContent('.ok-sources')).toContain('Открытая книга');
    expect(await page.textContent('.ok-issues')).toContain('«хутор»');
    // The issue's cell is filled red; its original (no fill) is remembered.
    expect(await page.textContent('.ok-status')).toMatch(/Отмечено 1 ячейка/);
    const fills = () => page.evaluate(() => (window as unknown as { __excelBook: { name: string; fills?: Record<string, string> }[] }).__excelBook[0].fills ?? {});
    expect(await fills()).toEqual({ D6: '#FFC7CE' });
    await page.click('.ok-issue-btn >> nth=0');
    await page.waitForFunction(() => (window as unknown as { __excelLog: { selected: string | null } }).__excelLog.selected !== null);
    const selected = await page.evaluate(() => (window as unknown as { __excelLog: { selected: string } }).__excelLog.selected);
    expect(selected).toBe('Реестр ОО!D6');
    await page.screenshot({ path: path.join(SHOTS, 'taskpane-320.png'), fullPage: true });

    await page.click('#ok-write');
    await page.waitForFunction(() => /Записаны листы/.test(document.querySelector('.ok-status')?.textContent ?? ''));
    const log = await page.evaluate(() => (window as unknown as { __excelLog: { added: string[]; written: Record<string, number> } }).__excelLog);
    // «Записать рекомендации» classifies first when needed: the recommendations, the classification, the lists for the order, the targets, МУКО, the issues.
    expect(log.added).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    expect(Object.keys(log.written).sort()).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка'].sort());
    expect(log.written['Классификация']).toBeGreaterThan(2);
    expect(await page.textContent('.ok-status')).toMatch(/Адресных рекомендаций: \d+/);
    expect(await page.textContent('.ok-classes')).toMatch(/Адресных рекомендаций\s*\d+/);
    expect(await page.textContent('.ok-classes')).toMatch(/Целевые показатели \d{4} года: достигнуто \d+, не достигнуто \d+, нет данных \d+\./);

    // «Снять отметки» gives the cell back its original (no) fill.
    await page.click('#ok-unmark');
    await page.waitForFunction(() => /Отметки сняты/.test(document.querySelector('.ok-status')?.textContent ?? ''));
    expect(await fills()).toEqual({});
    expect(await page.textContent('.ok-status')).toMatch(/восстановлена заливка 1 ячейки/);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 60_000);

  it('on ExcelApi 1.13 inserts the report sheets as one .xlsx file the core reads back', async () => {
    await newer.goto(`${base}/excel-1.13/taskpane.html`);
    await newer.waitForSelector('#ok-write');
    await newer.click('#ok-write');
    await newer.waitForFunction(() => /Записаны листы|Ошибка|ошибк/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await newer.textContent('.ok-status')).toMatch(/Записаны листы/);
    const log = await newer.evaluate(() => (window as unknown as { __excelLog: { added: string[]; inserted?: string } }).__excelLog);
    expect(log.added).toEqual([]);
    const bytes = Buffer.from(log.inserted ?? '', 'base64');
    writeFileSync(path.join(SHOTS, 'inserted-report.xlsx'), bytes);
    const report = readGrid(bytes, 'inserted.xlsx');
    expect(report.sheets.map((s) => s.name)).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    const issues = report.sheets.find((s) => s.name === 'Проверка')!.rows.map((r) => r.join(' '));
    expect(issues.some((r) => r.includes('хутор'))).toBe(true);
    expect(report.sheets[1].rows.length).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 90_000);
});
