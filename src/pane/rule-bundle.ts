import { parseJsonText } from '../core/rules/json-file';
import { loadRuleLibrary, type RuleFileInput, type RuleLibrary } from '../core/rules/library';
import type { RuleLintProblem } from '../core/rules/lint';

/**
 * A rules folder as the pane carries it: the bundled files (parsed at build time), with a methodologist's
 * chosen files (their text) put in their place. The core's one loader makes the library of it.
 */
export interface RuleBundle {
  templates: RuleFileInput[];
  units: RuleFileInput[];
  indicators: RuleFileInput[];
  systems: RuleFileInput[];
  sets: RuleFileInput[];
  params: RuleFileInput[];
  recommendations: RuleFileInput[];
  targets: RuleFileInput[];
}

const GROUPS: readonly BundleGroup[] = ['templates', 'units', 'indicators', 'systems', 'sets', 'params', 'recommendations', 'targets'];

export type BundleGroup = keyof RuleBundle;

export function loadRuleBundle(bundle: RuleBundle): RuleLibrary {
  return loadRuleLibrary({ ...bundle, cases: [] });
}

/** Which folder of the rules a JSON file belongs to, by its shape. */
function groupOf(json: unknown): BundleGroup | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.sheets)) return 'templates';
  if (Array.isArray(o.targets)) return 'targets';
  if (Array.isArray(o.rules)) return 'sets';
  if (Array.isArray(o.outcomes)) return 'systems';
  if (typeof o.unit === 'string' && ('indicators' in o || 'columns' in o)) return 'indicators';
  if (typeof o.from === 'string' && Array.isArray(o.key)) return 'units';
  if (Array.isArray(o.recommendations)) return 'recommendations';
  if ('params' in o && 'region' in o) return 'params';
  return undefined;
}

export interface ChosenRuleFiles {
  bundle: RuleBundle;
  /** The files taken, as `group/name`. */
  taken: string[];
  /** Files that could not be used: not JSON (located), or of no known kind. */
  problems: RuleLintProblem[];
}

/**
 * A methodologist's files put into the bundle: a file of the same name replaces the bundled one, and a
 * catalogue replaces the bundled catalogues, since only one catalogue is in use (README, «Настройки методиста»).
 */
export function withChosenFiles(bundle: RuleBundle, files: readonly { name: string; text: string }[]): ChosenRuleFiles {
  const next = {} as RuleBundle;
  for (const g of GROUPS) next[g] = bundle[g].slice();
  const problems: RuleLintProblem[] = [];
  const taken: string[] = [];
  for (const f of files) {
    const read = parseJsonText(f.text);
    if (!read.ok) {
      const p = read.problem;
      problems.push({ code: p.code, severity: 'error', file: f.name, pointer: p.code === 'too_deep' ? p.pointer : '/', message: p.message, ...(p.code === 'json_syntax' && p.line !== undefined && { line: p.line, column: p.column }) });
      continue;
    }
    const group = groupOf(read.json);
    if (!group) {
      problems.push({ code: 'schema', severity: 'error', file: f.name, pointer: '/', message: 'не шаблон, не единица оценки, не группа показателей, не направление, не набор правил, не параметры, не каталог рекомендаций и не паспорт целевых показателей' });
      continue;
    }
    const file = `${group}/${f.name}`;
    const keep = group === 'recommendations' ? next.recommendations.filter((x) => taken.indexOf(x.file) >= 0 && x.file !== file) : next[group].filter((x) => x.file !== file);
    next[group] = keep.concat([{ file, text: f.text }]);
    if (taken.indexOf(file) < 0) taken.push(file);
  }
  return { bundle: next, taken, problems };
}
