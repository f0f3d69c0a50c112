import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/templates';
import { ADDIN_DIST, buildAddin } from './build-addin';

/** The evaluation worker's bundle runs where the pane runs: ES5 for the IE11 webview, its dependencies from shared.js beside it. */
describe('evaluation worker bundle', () => {
  const worker = path.join(ADDIN_DIST, 'evaluation-worker.js');

  beforeAll(async () => {
    await buildAddin();
  }, 180_000);

  it('passes es-check es5', () => {
    const cli = path.join(REPO, 'node_modules', 'es-check', 'lib', 'cli', 'index.js');
    const out = execFileSync(process.execPath, [cli, 'es5', worker], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
    expect(out).not.toMatch(/error/i);
  });

  it('loads shared.js with importScripts from its own folder and fetches nothing else', () => {
    const code = readFileSync(worker, 'utf8');
    expect(code).toMatch(/importScripts\(/);
    // The chunk it loads, by name or (compressed) by file name.
    expect(code).toMatch(/"shared(?:\.js)?"/);
    expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|https?:\/\//);
  });
});
