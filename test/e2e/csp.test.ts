import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkAgainstSchema } from '../../src/core/schema/schema-check';
import { schemaValidators } from '../../src/core/schema/schema-validators';
import { buildAddin } from '../addin/build-addin';
import { collectErrors, launchChromium, loopbackOnly } from '../support/browser';
import { CHROMIUM_PROGRAM, describeWith } from '../helpers/programs';
import { REPO } from '../helpers/templates';

/**
 * The web page under its own Content-Security-Policy, which has no 'unsafe-eval', in Debian's Chromium:
 * check a register and a conditions form, classify, load broken rule files (the schema validators run on
 * them), and not one violation. The server sends the page's policy as a header too, with report-uri,
 * so that a worker started by the page is held to it and its violations reach the test as well.
 */
const SAMPLE = path.join(REPO, 'samples', 'sample-region', '2025');
const SHOTS = path.join(REPO, 'dist', 'e2e');
const BROKEN_TEMPLATE = path.join(REPO, 'test', 'fixtures', 'rules-broken', 'templates', 'shape.json');
const BROKEN_SET = path.join(REPO, 'test', 'fixtures', 'rule-lint', 'sets', 'schema.json');
/*
 * Probes the test adds to the page, to show that the policy refuses eval in the page and in a worker and
 * that each refusal is seen: scripts of the page's own origin, as the bundles are (the inspector's
 * page.evaluate is exempt from the policy).
 */
const CANARY = 'okoshko_csp_canary';
const PROBES: Record<string, string> = {
  '/csp-canary.js': `(function () {
  var result = {};
  try { result.page = String(eval('"${CANARY}"')); } catch (e) { result.page = e.name; }
  var worker = new Worker('/csp-canary-worker.js');
  worker.onmessage = function (m) { result.worker = m.data; window.__canary = result; };
})();`,
  '/csp-canary-worker.js': `try { self.postMessage(String(eval('"${CANARY}"'))); } catch (e) { self.postMessage(e.name); }`,
};

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml' };

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

function serve(root: string, policy: string, reports: string[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (url === '/csp-report') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        reports.push(body);
        res.writeHead(204);
        res.end();
      });
      return;
    }
    if (PROBES[url]) {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Content-Security-Policy': policy });
      res.end(PROBES[url]);
      return;
    }
    const file = path.join(root, url.endsWith('/') ? `${url}index.html` : url);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': policy });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}


describeWith(CHROMIUM_PROGRAM, 'web page under a strict Content-Security-Policy')('web page under a strict Content-Security-Policy', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let metaPolicy: string;
  const reports: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];

  const violations = (): Promise<Violation[]> => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
  const reported = (): { blocked: string; sample: string; document: string }[] =>
    reports.map((r) => JSON.parse(r)['csp-report']).map((r) => ({ blocked: r['blocked-uri'], sample: r['script-sample'] ?? '', document: r['document-uri'] }));

  beforeAll(async () => {
    const dist = await buildAddin();
    const html = readFileSync(path.join(dist, 'web', 'index.html'), 'utf8');
    // The minified page leaves the attribute names unquoted.
    metaPolicy = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1] ?? '';
    if (!metaPolicy) throw new Error('web/index.html has no Content-Security-Policy');
    // The same policy; 'report-sample' only adds the first characters of a refused script to the report.
    const header = `${metaPolicy.replace("script-src 'self'", "script-src 'self' 'report-sample'")}; report-uri /csp-report`;
    server = await serve(dist, header, reports);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'ru-RU' });
    await loopbackOnly(context, base, foreign);
    await context.addInitScript(() => {
      const seen: Violation[] = [];
      (window as unknown as { __violations: Violation[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
        console.error(`securitypolicyviolation ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page = await context.newPage();
    collectErrors(page, errors);
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('ships a policy without unsafe-eval that still forbids all connections', () => {
    expect(metaPolicy).toMatch(/script-src 'self'(;|$)/);
    expect(metaPolicy).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(metaPolicy).toContain("connect-src 'none'");
    expect(metaPolicy).toContain("default-src 'self'");
  });

  it('checks, classifies and lints rule files with no violation', async () => {
    await page.goto(`${base}/web/index.html`);
    // A page that does not start says why: its errors and refusals.
    await page.waitForSelector('#ok-check', { timeout: 15_000 }).catch((e: Error) => Promise.reject(new Error(`${e.message}\n${errors.join('\n')}`)));

    await page.setInputFiles('#ok-files', [path.join(SAMPLE, 'register.xlsx'), path.join(SAMPLE, 'conditions.xlsx')]);
    await page.waitForSelector('.ok-counts', { timeout: 60_000 });
    const sources = await page.textContent('.ok-sources');
    expect(sources).toContain('register.xlsx');
    expect(sources).toContain('conditions.xlsx');
    expect(sources).toContain('Анкета условий');

    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 60_000 });
    expect(await page.textContent('.ok-classes')).toMatch(/Классификация, 2025 год[\s\S]*Школ\s*\d+/);

    // Broken rule files go through the schema validators generated at build time: the same Russian problems as in Node.
    await page.click('#ok-settings-toggle');
    await page.setInputFiles('#ok-rule-files', [BROKEN_TEMPLATE, BROKEN_SET]);
    await page.waitForSelector('.ok-problems');
    const problems = (await page.textContent('.ok-rule-problems')) ?? '';
    const inNode = [
      ...checkAgainstSchema(schemaValidators.template, JSON.parse(readFileSync(BROKEN_TEMPLATE, 'utf8'))),
      ...checkAgainstSchema(schemaValidators.ruleSet, JSON.parse(readFileSync(BROKEN_SET, 'utf8'))),
    ];
    expect(inNode.length).toBeGreaterThan(2);
    for (const p of inNode) expect(problems).toContain(`${p.pointer}: ${p.message}`);
    await page.screenshot({ path: path.join(SHOTS, 'csp-rule-problems.png'), fullPage: true });

    await page.click('#ok-rules-reset');
    await page.click('#ok-classify');
    await page.waitForSelector('.ok-table', { timeout: 60_000 });

    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  }, 180_000);

  it('refuses eval in the page and in its workers, and the test sees each refusal', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/csp-canary.js';
      document.head.appendChild(script);
    });
    await page.waitForFunction(() => (window as unknown as { __canary?: object }).__canary);
    expect(await page.evaluate(() => (window as unknown as { __canary: object }).__canary)).toEqual({ page: 'EvalError', worker: 'EvalError' });
    const documents = [`${base}/web/index.html`, `${base}/csp-canary-worker.js`];
    for (let waited = 0; waited < 10_000 && reported().length < documents.length; waited += 100) await new Promise((r) => setTimeout(r, 100));

    // Only the canaries, so nothing the page did itself was refused, in the page or in a worker.
    // One event per policy refusing it: the page's <meta> and the header.
    const seen = await violations();
    expect(seen).toEqual([expect.anything(), expect.anything()]);
    for (const v of seen) expect(v).toEqual({ directive: 'script-src', blocked: 'eval', sample: expect.any(String), source: `${base}/csp-canary.js:3` });
    expect(reported()).toEqual(documents.map((document) => ({ blocked: 'eval', sample: expect.stringContaining(CANARY), document })));
    expect(errors.filter((e) => !e.includes('securitypolicyviolation') && !/unsafe-eval/.test(e))).toEqual([]);
  });
});
