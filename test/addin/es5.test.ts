import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/templates';
import { ADDIN_DIST, buildAddin } from './build-addin';

/** The production bundles must parse as ES5: the task pane of Office 2016/2019 runs in the IE11 webview. */
describe('ES5 bundles for the IE11 webview', () => {
  const bundles = ['shared.js', 'taskpane.js', path.join('web', 'web.js')];

  beforeAll(async () => {
    await buildAddin();
  }, 180_000);

  it('builds the task pane and the web page with Office.js, icons and the manifest beside them', () => {
    for (const f of [...bundles, 'taskpane.html', path.join('web', 'index.html'), 'manifest.xml', path.join('assets', 'icon-32.png'), path.join('office-js', 'office.js')])
      expect(existsSync(path.join(ADDIN_DIST, f))).toBe(true);
    const html = readFileSync(path.join(ADDIN_DIST, 'taskpane.html'), 'utf8');
    expect(html).toContain('office-js/office.js');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('passes es-check es5', () => {
    const cli = path.join(REPO, 'node_modules', 'es-check', 'lib', 'cli', 'index.js');
    const files = bundles.map((b) => path.join(ADDIN_DIST, b));
    const out = execFileSync(process.execPath, [cli, 'es5', ...files], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
    expect(out + '').not.toMatch(/error/i);
  });

  it('carries the core-js polyfills IE11 needs and no u-flag regular expressions', () => {
    const shared = readFileSync(path.join(ADDIN_DIST, 'shared.js'), 'utf8');
    expect(shared).toMatch(/core-js/);
    expect(shared).not.toMatch(/\/[gimsy]*u[gimsy]*\.test\(/);
  });

  it('makes no network request of its own: no URLs but Office.js beside it', () => {
    const code = bundles.map((b) => readFileSync(path.join(ADDIN_DIST, b), 'utf8')).join('\n');
    expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest\(\)\.open\(["']POST/);
  });
});
