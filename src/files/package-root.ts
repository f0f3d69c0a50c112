import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder Okoshko is installed in: the nearest one above this file with a package.json (from src/ or dist/src/). */
export const PACKAGE_ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
