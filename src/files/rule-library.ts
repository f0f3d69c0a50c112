import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadRuleLibrary, type RuleFileInput, type RuleLibrary, type RuleLibraryFiles } from '../core/rules/library';
import type { RuleLintProblem } from '../core/rules/lint';
import { PACKAGE_ROOT } from './package-root';

/** The rules folder shipped with Okoshko. */
export const BUNDLED_RULES = path.join(PACKAGE_ROOT, 'rules');

const GROUPS = ['templates', 'units', 'indicators', 'systems', 'sets', 'params', 'cases', 'recommendations', 'targets'] as const;
/** What a folder of rule sets alone is read with: the built-in forms and what rules read of them. */
const DEFAULTED = new Set<string>(['templates', 'units', 'indicators', 'systems']);

function jsonFiles(dir: string): string[] | undefined {
  try {
    return readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.json'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return undefined;
  }
}

/**
 * A rules folder read from disk and loaded by the core's one loader. A folder without `templates`,
 * `units`, `indicators` or `systems` takes the built-in ones (a folder of rule sets alone is checked
 * against the built-in forms and their indicators).
 */
export function readRuleLibrary(dir: string = BUNDLED_RULES): RuleLibrary {
  const files: Required<RuleLibraryFiles> = { dir, templates: [], units: [], indicators: [], systems: [], sets: [], params: [], cases: [], recommendations: [], targets: [] };
  const unreadable: RuleLintProblem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const library = loadRuleLibrary(files);
    library.folder.problems.push({ code: 'unreadable_file', severity: 'error', file: dir, pointer: '/', message: 'папка правил не найдена' });
    return library;
  }
  for (const group of GROUPS) {
    const from = DEFAULTED.has(group) && !existsSync(path.join(dir, group)) ? BUNDLED_RULES : dir;
    for (const file of jsonFiles(path.join(from, group)) ?? []) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        unreadable.push({ code: 'unreadable_file', severity: 'error', file, pointer: '/', message: 'файл не удалось прочитать', group });
        continue;
      }
      const input: RuleFileInput = { file, text };
      files[group].push(input);
    }
  }
  const library = loadRuleLibrary(files);
  library.folder.problems.push(...unreadable);
  return library;
}
