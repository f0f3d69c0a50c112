import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

/** The one reader runs in the IE11 webview too: nothing of Node, no TextDecoder, no code built from strings. */

const READ = path.resolve(__dirname, '../../src/read');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const FILES = sources(READ).map((file) => [path.relative(READ, file), readFileSync(file, 'utf8')] as const);
const ALLOWED_PACKAGES = ['fflate', 'saxes', 'papaparse'];

describe('the one reader’s sources', () => {
  it('are there', () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  it.each(FILES)('%s uses nothing the browser lacks', (_file, source) => {
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bBuffer\b|\bTextDecoder\b|\bTextEncoder\b|\brequire\(|\bprocess\.|\bglobal\b|__dirname|\bsetImmediate\b/);
    expect(code).not.toMatch(/\beval\(|new Function\b/);
  });

  it.each(FILES)('%s imports only the reader, the core’s grid and browser-safe packages', (file, source) => {
    for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(path.join(READ, file)), spec);
        expect(target.startsWith(READ) || target.startsWith(path.resolve(READ, '../core'))).toBe(true);
      } else {
        expect(ALLOWED_PACKAGES).toContain(spec);
      }
    }
  });
});
