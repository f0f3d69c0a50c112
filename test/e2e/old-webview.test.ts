import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readGrid } from '../../src/read';
import { buildAddin } from '../addin/build-addin';
import { collectErrors, launchChromium, loopbackOnly } from '../support/browser';
import { CHROMIUM_PROGRAM, describeWith } from '../helpers/programs';
import { serveDist } from '../support/serve-dist';
import { REPO } from '../helpers/templates';

/**
 * The web page's production bundle in Chromium stripped of what the IE11 webview of Office 2016/2019
 * lacks: ES2015+ built-ins, Blob.arrayBuffer, TextDecoder, fetch, the newer DOM methods. The bundle
 * must bring its own polyfills or not need them; es-check covers the syntax, this covers the library.
 */
const SAMPLE = path.join(REPO, 'samples', 'sample-region', '2025');

/**
 * Runs before any script of the page: deletes what IE11 does not have. Map, Set and WeakMap stay, as
 * IE11 has them (core-js mends their gaps rather than replacing them); so does Symbol: Chromium's own
 * objects keep their native symbols, which a polyfilled Symbol cannot stand in for.
 */
const STRIP_TO_IE11 = `(() => {
  const drop = (o, names) => names.forEach((n) => { try { delete o[n]; } catch (e) {} if (n in o) try { Object.defineProperty(o, n, { value: undefined, configurable: true, writable: true }); } catch (e) {} });
  drop(window, ['Promise', 'WeakSet', 'Reflect', 'Proxy', 'TextDecoder', 'TextEncoder', 'fetch', 'structuredClone', 'queueMicrotask', 'globalThis']);
  drop(Array, ['from', 'of']);
  drop(Array.prototype, ['find', 'findIndex', 'includes', 'fill', 'flat', 'flatMap', 'entries', 'keys', 'values', 'copyWithin', 'at', 'findLast']);
  drop(Object, ['assign', 'entries', 'values', 'fromEntries', 'getOwnPropertyDescriptors', 'is']);
  drop(String, ['fromCodePoint', 'raw']);
  drop(String.prototype, ['startsWith', 'endsWith', 'includes', 'repeat', 'padStart', 'padEnd', 'trimStart', 'trimEnd', 'codePointAt', 'normalize', 'at', 'replaceAll', 'matchAll']);
  drop(Number, ['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'parseFloat', 'parseInt', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER']);
  drop(Math, ['trunc', 'sign', 'log10', 'log2', 'cbrt', 'hypot', 'fround', 'imul', 'clz32', 'expm1', 'log1p']);
  drop(Blob.prototype, ['arrayBuffer', 'text', 'stream']);
  drop(Element.prototype, ['closest', 'remove', 'append', 'prepend', 'before', 'after', 'replaceWith', 'toggleAttribute', 'replaceChildren']);
  drop(NodeList.prototype, ['forEach']);
  window.__stripped = true;
})();`;


describeWith(CHROMIUM_PROGRAM, 'web page bundle without the built-ins the IE11 webview lacks')('web page bundle without the built-ins the IE11 webview lacks', () => {
  let server: http.Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    ({ server, base } = await serveDist(await buildAddin()));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'ru-RU' });
    await loopbackOnly(context, base, foreign);
    await context.addInitScript(STRIP_TO_IE11);
    page = await context.newPage();
    collectErrors(page, errors);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('checks, classifies and downloads the report', async () => {
    await page.goto(`${base}/web/index.html`);
    await page.waitForSelector('#ok-check');
    // The page started without them, and what the libraries need came back from the bundle's polyfills.
    const restored = await page.evaluate(() => [
      (window as unknown as { __stripped?: boolean }).__stripped,
      typeof Promise,
      typeof Object.assign,
      typeof Array.from,
      typeof ([] as unknown as { includes?: unknown }).includes,
      typeof ''.padStart,
    ]);
    expect(restored).toEqual([true, 'function', 'function', 'function', 'function', 'function']);
    await page.setInputFiles('#ok-files', [path.join(SAMPLE, 'register.xlsx'), path.join(SAMPLE, 'conditions.xlsx')]);
    await page.waitForSelector('.ok-source', { timeout: 60_000 });
    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 90_000 });
    expect(await page.textContent('.ok-classes')).toMatch(/Школ\s*\d+/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ok-write')]);
    const sheets = readGrid(readFileSync((await download.path())!), 'report.xlsx').sheets.filter((s) => !s.hidden);
    expect(sheets.map((s) => s.name)).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);
    expect(sheets[1].rows.length).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 180_000);
});
