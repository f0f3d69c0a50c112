import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleBundle } from '../../src/addin/taskpane/rule-bundle';
import { REPO } from '../helpers/templates';

/** The bundled rules folder as the pane's webpack build carries it, read from disk for tests. */
export function ruleBundleFromDisk(dir = path.join(REPO, 'rules')): RuleBundle {
  const read = (sub: string) => {
    const folder = path.join(dir, sub);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => ({ file: `${sub}/${n}`, json: JSON.parse(readFileSync(path.join(folder, n), 'utf8')) as unknown }));
  };
  return { templates: read('templates'), sets: read('sets'), params: read('params'), recommendations: read('recommendations') };
}
