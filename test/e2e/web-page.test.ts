import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readGrid } from '../../src/read';
import { buildAddin } from '../addin/build-addin';
import { collectErrors, launchChromium, loopbackOnly } from '../support/browser';
import { CHROMIUM_PROGRAM, describeWith } from '../helpers/programs';
import { serveDist } from '../support/serve-dist';
import { REPO, SHARED } from '../helpers/templates';

/**
 * The web page end to end in Debian's Chromium: choose a register and a conditions form, see the
 * issues, click one, classify, download the report and read it back with the core's reader.
 * Only loopback traffic: the page is served from dist/addin on 127.0.0.1 and every other request is refused.
 */
const REGISTER = path.join(REPO, 'samples', 'sample-region', '2025', 'register.xlsx');
const CONDITIONS = path.join(REPO, 'samples', 'sample-region', 'incoming', 'ozernovsky-conditions.csv');
const SHOTS = path.join(REPO, 'dist', 'e2e');
const REGION_DIR = path.join(REPO, 'samples', 'sample-region');
const MOSCOW = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');


describeWith(CHROMIUM_PROGRAM, 'web page in Chromium')('web page in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const foreign: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, base } = await serveDist(await buildAddin()));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'ru-RU' });
    await loopbackOnly(context, base, foreign);
    page = await context.newPage();
    collectErrors(page, errors);
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('checks chosen files, selects an issue, classifies and downloads the report', async () => {
    await page.goto(`${base}/web/index.html`);
    await page.waitForSelector('#ok-check');
    expect(await page.textContent('h1')).toBe('Окошко');

    await page.setInputFiles('#ok-files', [REGISTER, CONDITIONS]);
    await page.waitForSelector('.ok-issue', { timeout: 60_000 });
    expect(await page.textContent('.ok-sources')).toContain('ozernovsky-conditions.csv');
    expect(await page.textContent('.ok-sources')).toContain('Анкета условий');
    expect(await page.textContent('.ok-counts')).toMatch(/\d+ (ошибк|предупрежд)/);
    await page.screenshot({ path: path.join(SHOTS, 'web-page-320-issues.png'), fullPage: false });

    const first = page.locator('.ok-issue-btn').first();
    const cell = (await first.locator('.ok-cell').textContent())!.trim();
    await first.click();
    await page.waitForSelector('.ok-detail-where');
    expect(await page.textContent('.ok-detail-where')).toContain(cell === '—' ? 'ozernovsky' : `ячейка ${cell}`);
    expect(await page.getAttribute('.ok-issue >> nth=0', 'class')).toContain('ok-current');

    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 60_000 });
    const summary = await page.textContent('.ok-classes');
    expect(summary).toMatch(/Классификация, 2025 год/);
    expect(summary).toMatch(/Школ\s*\d+/);
    await page.screenshot({ path: path.join(SHOTS, 'web-page-320-classified.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ok-write')]);
    expect(download.suggestedFilename()).toMatch(/^окошко-отчёт-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const sheets = readGrid(readFileSync(file!), 'report.xlsx').sheets.filter((s) => !s.hidden);
    expect(sheets.map((s) => s.name)).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    expect(String(sheets[0].rows[0][0])).toMatch(/каталог рекомендаций «/);
    expect(sheets[0].rows.length).toBeGreaterThan(2);
    const issues = sheets.find((x) => x.name === 'Проверка')!;
    expect(issues.rows[0]).toContain('Замечание');
    expect(issues.rows.length).toBeGreaterThan(1);
    const classes = sheets[1];
    expect(String(classes.rows[0][0])).toMatch(/^Окошко: год 2025/);
    expect(sheets.find((x) => x.name === 'Целевые показатели')!.rows[1]).toContain('Статус');
    expect(sheets.find((x) => x.name === 'Приложение к приказу')!.rows[1]).toContain('Согласовано МОУО');
    expect(classes.rows.length).toBeGreaterThan(100);
    await page.waitForFunction(() => /Отчёт «окошко-отчёт/.test(document.querySelector('.ok-status')?.textContent ?? ''));

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('loads a methodologist’s rule files, lists the broken ones and keeps working', async () => {
    const broken = path.join(SHOTS, 'broken.json');
    writeFileSync(broken, '{"id": "low-results", "rules": [');
    const set = JSON.parse(readFileSync(path.join(REPO, 'rules', 'sets', 'low-results.json'), 'utf8')) as { rules: { conditions: unknown }[] };
    set.rules[0].conditions = { all: [{ fact: 'no_such_fact', operator: 'greaterThan', value: 1 }] };
    const changed = path.join(SHOTS, 'low-results.json');
    writeFileSync(changed, JSON.stringify(set));

    await page.click('#ok-settings-toggle');
    await page.setInputFiles('#ok-rule-files', [broken, changed]);
    await page.waitForSelector('.ok-problems');
    const problems = await page.textContent('.ok-rule-problems');
    expect(problems).toContain('broken.json /: ошибка синтаксиса JSON');
    expect(problems).toContain('sets/low-results.json');
    expect(problems).toContain('no_such_fact');
    await page.screenshot({ path: path.join(SHOTS, 'web-page-320-rules.png'), fullPage: true });

    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 60_000 });
    // The broken set was the only one of its system: the classification goes on without ШНОР and ШНСУ.
    const without = await page.textContent('.ok-classes');
    expect(without).not.toMatch(/ШНОР|ШНСУ/);
    expect(without).toMatch(/С высокими рисковыми факторами\s*\d/);
    await page.click('#ok-rules-reset');
    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 60_000 });
    expect(await page.textContent('.ok-classes')).toMatch(/ШНОР\s*\d+ШНСУ\s*[1-9]/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('read, checked and classified in the Web Worker beside the bundles, not on the page’s thread', async () => {
    const workers = page.workers();
    expect(workers.map((w) => w.url())).toEqual([`${base}/evaluation-worker.js`]);
    // The worker marks each evaluation on its own timeline; the page's timeline has none.
    const measures = (on: { evaluate: Page['evaluate'] }) => on.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => /^okoshko /.test(n)));
    const inWorker = await measures(workers[0]);
    expect(inWorker.filter((n) => n === 'okoshko read').length).toBeGreaterThanOrEqual(2);
    expect(inWorker).toContain('okoshko check');
    expect(inWorker.filter((n) => n === 'okoshko classify').length).toBeGreaterThanOrEqual(3);
    expect(await measures(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the pipeline’s refusal from the worker as its Russian message alone', async () => {
    const alone = await page.context().newPage();
    try {
      await alone.goto(`${base}/web/index.html`);
      await alone.setInputFiles('#ok-files', [CONDITIONS]);
      await alone.waitForFunction(() => /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      await alone.click('#ok-classify');
      await alone.waitForFunction(() => /реестр/i.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      expect(await alone.textContent('.ok-status')).toBe('Среди форм нет ни реестра ОО без ошибок, ни таблицы открытых данных: классифицировать некого. Добавьте реестр ОО (register.xlsx) к формам с результатами');
      expect(alone.workers().map((w) => w.url())).toEqual([`${base}/evaluation-worker.js`]);
    } finally {
      await alone.close();
    }
  }, 60_000);

  it('classifies open data without a register: Moscow’s ЕГЭ results by the city’s own distribution', async () => {
    const alone = await page.context().newPage();
    try {
      await alone.goto(`${base}/web/index.html`);
      await alone.setInputFiles('#ok-files', [MOSCOW]);
      await alone.waitForFunction(() => /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      await alone.click('#ok-classify');
      await alone.waitForSelector('.ok-table', { timeout: 60_000 });
      expect(await alone.textContent('.ok-status')).toMatch(/^Классифицировано строк таблицы «Результаты ЕГЭ по школам Москвы.*»: 626\.$/);
      const summary = await alone.textContent('.ok-classes');
      expect(summary).toMatch(/Строк\s*626/);
      expect(summary).toMatch(/Нижний дециль[^\d]*\d+/);
      await alone.screenshot({ path: path.join(SHOTS, 'web-page-320-moscow.png'), fullPage: true });
      const [download] = await Promise.all([alone.waitForEvent('download'), alone.click('#ok-write')]);
      const sheets = readGrid(readFileSync((await download.path())!), 'report.xlsx').sheets.filter((s) => !s.hidden);
      expect(sheets.map((s) => s.name)).toEqual(['Классификация', 'Проверка']);
      expect(sheets[0].rows[1]).toEqual(['ID', 'YEAR', 'EDU_NAME', 'Низкие результаты / условия', 'Вывод', 'Пояснение']);
      expect(sheets[0].rows.length).toBe(2 + 626);
    } finally {
      await alone.close();
    }
  }, 90_000);

  it('checks and classifies on the page’s thread when the worker script does not load', async () => {
    const alone = await page.context().newPage();
    try {
      let refused = 0;
      await alone.route('**/evaluation-worker.js', (route) => {
        refused++;
        return route.fulfill({ status: 404, body: '' });
      });
      await alone.goto(`${base}/web/index.html`);
      await alone.setInputFiles('#ok-files', [REGISTER, CONDITIONS]);
      await alone.waitForSelector('.ok-issue', { timeout: 60_000 });
      await alone.click('#ok-classify');
      await alone.waitForSelector('.ok-table', { timeout: 60_000 });
      expect(await alone.textContent('.ok-classes')).toMatch(/Школ\s*\d+/);
      expect(await alone.textContent('.ok-status')).toMatch(/^Классифицировано школ: \d+/);
      expect(refused).toBe(1);
    } finally {
      await alone.close();
    }
  }, 60_000);

  it('keeps both years’ files of the same names and classifies exactly as the command line does: 400 schools, 1044 recommendations', async () => {
    const alone = await page.context().newPage();
    try {
      await alone.goto(`${base}/web/index.html`);
      const year = (y: string) => readdirSync(path.join(REGION_DIR, y)).filter((f) => /\.xlsx$/.test(f)).sort().map((f) => path.join(REGION_DIR, y, f));
      await alone.setInputFiles('#ok-files', year('2024'));
      await alone.waitForFunction(() => /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 90_000 });
      await alone.setInputFiles('#ok-files', year('2025'));
      await alone.waitForFunction(() => document.querySelectorAll('.ok-source').length === 10 && /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 90_000 });
      const listed = await alone.$$eval('.ok-source', (items) => items.map((li) => li.textContent ?? ''));
      expect(listed.filter((t) => t.includes('vpr.xlsx'))).toHaveLength(2);
      expect(listed.some((t) => /vpr\.xlsx \(2\)/.test(t))).toBe(true);
      expect(listed.some((t) => /Результаты ВПР, 2024/.test(t)) && listed.some((t) => /Результаты ВПР, 2025/.test(t))).toBe(true);
      // The same file chosen again is kept once.
      await alone.setInputFiles('#ok-files', [path.join(REGION_DIR, '2025', 'vpr.xlsx')]);
      await alone.waitForFunction(() => /Уже в списке/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      expect(await alone.$$eval('.ok-source', (items) => items.length)).toBe(10);
      await alone.click('#ok-classify');
      await alone.waitForSelector('.ok-table', { timeout: 90_000 });
      const summary = await alone.textContent('.ok-classes');
      expect(summary).toMatch(/Школ\s*400/);
      expect(summary).toMatch(/Адресных рекомендаций\s*1044/);
    } finally {
      await alone.close();
    }
  }, 240_000);

  it('lists a file that cannot be read with its reason and checks the others', async () => {
    const alone = await page.context().newPage();
    try {
      const broken = path.join(SHOTS, 'не-книга.xlsx');
      writeFileSync(broken, 'это текст, а не книга');
      await alone.goto(`${base}/web/index.html`);
      await alone.setInputFiles('#ok-files', [broken, REGISTER]);
      await alone.waitForFunction(() => /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      const failed = await alone.textContent('.ok-source-failed');
      expect(failed).toMatch(/не-книга\.xlsx.*не прочитан: Файл повреждён или не является книгой Excel/);
      expect(await alone.textContent('.ok-sources')).toContain('Реестр образовательных организаций');
      expect(await alone.textContent('.ok-status')).toMatch(/Не прочитан 1 файл/);
      expect(await alone.textContent('.ok-issues')).toMatch(/Файл повреждён/);
      await alone.screenshot({ path: path.join(SHOTS, 'web-page-320-unreadable.png'), fullPage: true });
    } finally {
      await alone.close();
    }
  }, 60_000);

  it('is readable at 320 px: nothing wider than the window', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
