import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { CHROMIUM, launchChromium, loopbackOnly } from '../test/support/browser';
import { serveDist } from '../test/support/serve-dist';

/** One run of the web page in Chromium: files chosen, checked, and (when asked) classified. */
export interface WebPageFigures {
  name: string;
  checkSeconds: number;
  classifySeconds?: number;
  /** Peak resident memory of the page's renderer process (the page and its worker), from /proc; undefined off Linux. */
  rendererPeakMb?: number;
  status: string;
}

/** The highest VmHWM among Chromium's renderer processes: the page and its Web Worker live in one. */
function rendererPeakMb(): number | undefined {
  if (!existsSync('/proc/self/status')) return undefined;
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // The process ended while it was read.
    }
  }
  return peak;
}

/**
 * The web page built in dist/addin opened in Debian's Chromium, a fresh browser for each set of
 * files so that each peak is its own. Undefined when Chromium is not installed.
 */
export async function benchWebPage(dist: string, runs: readonly { name: string; files: string[]; classify: boolean }[]): Promise<WebPageFigures[] | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { server, base } = await serveDist(dist);
  const out: WebPageFigures[] = [];
  try {
    for (const run of runs) {
      const browser = await launchChromium();
      try {
        const context = await browser.newContext();
        await loopbackOnly(context, base, []);
        const page = await context.newPage();
        await page.goto(`${base}/web/index.html`);
        await page.waitForSelector('#ok-check');
        const start = Date.now();
        await page.setInputFiles('#ok-files', run.files);
        await page.waitForFunction(() => /Проверка окончена/.test(document.querySelector('.ok-status')?.textContent ?? ''), undefined, { timeout: 1_800_000, polling: 250 });
        const checked = Date.now();
        const figures: WebPageFigures = { name: run.name, checkSeconds: (checked - start) / 1000, status: '' };
        if (run.classify) {
          await page.click('#ok-classify');
          await page.waitForSelector('.ok-table', { timeout: 1_800_000 });
          figures.classifySeconds = (Date.now() - checked) / 1000;
        }
        figures.rendererPeakMb = rendererPeakMb();
        figures.status = ((await page.textContent('.ok-status')) ?? '').trim();
        out.push(figures);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
  return out;
}
