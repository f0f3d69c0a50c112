import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/templates';

export const ADDIN_DIST = path.join(REPO, 'dist', 'addin');
const STAMP = path.join(ADDIN_DIST, '.built');
const LOCK = path.join(REPO, 'dist', '.addin-build-lock');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function upToDate(): boolean {
  if (!existsSync(STAMP)) return false;
  const sources = Math.max(newest(path.join(REPO, 'src')), newest(path.join(REPO, 'rules')), newest(path.join(REPO, 'assets')), statSync(path.join(REPO, 'webpack.config.js')).mtimeMs, statSync(path.join(REPO, 'manifest.xml')).mtimeMs);
  return statSync(STAMP).mtimeMs >= sources;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The production build of the task pane and the web page (npm run build:addin), made once for all the
 * test files that need it: the first to take the lock builds, the others wait for it.
 */
export async function buildAddin(): Promise<string> {
  mkdirSync(path.join(REPO, 'dist'), { recursive: true });
  for (let waited = 0; waited < 180_000; waited += 500) {
    if (upToDate()) return ADDIN_DIST;
    try {
      mkdirSync(LOCK);
    } catch {
      // A stale lock (a killed run) is older than three minutes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!upToDate()) {
        execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--env', 'only=addin'], { cwd: REPO, stdio: 'pipe' });
        writeFileSync(STAMP, new Date().toISOString());
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return ADDIN_DIST;
  }
  throw new Error('the add-in build did not finish in three minutes');
}
