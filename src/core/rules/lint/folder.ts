import type { FactCatalogue } from '../../indicators/catalogue';
import type { ParamsFile } from '../rule-set';
import type { LoadedSystem } from '../system';
import { lintRuleCases } from './cases';
import { lintParams } from './params';
import type { RuleLintProblem } from './problem';
import { lintRuleSet } from './rule-set';
import { isObject, listed, suggestion } from './words';

/** A rule folder's files as read: parsed JSON (maybe of any shape), and the problems of reading. */
export interface RuleFolderFiles {
  /** The rules folder, for messages about the folder as a whole. */
  dir?: string;
  sets: { file: string; json: unknown }[];
  /** `id` is the file name without .json. */
  params: { file: string; id: string; json: unknown }[];
  cases: { file: string; json: unknown }[];
  /** undefined when the folder has no recommendation catalogue. */
  recommendationIds: ReadonlySet<string> | undefined;
  problems: RuleLintProblem[];
}

export interface RuleFolderLintOptions {
  catalogue: FactCatalogue;
  operators: readonly string[];
  /** Lint the sets against this params file only (file name without .json, or its region); otherwise against each params file. */
  paramsId?: string;
  /** The systems (rules/systems) sets may name. */
  systems?: readonly LoadedSystem[];
}

/** The params file with this id (file name without .json) or region. */
export function findParams<T extends { id: string; json: unknown }>(params: readonly T[], id: string): T | undefined {
  return params.find((p) => p.id === id) ?? params.find((p) => isObject(p.json) && p.json.region === id);
}

const problemKey = (p: RuleLintProblem): string => [p.file, p.pointer, p.code, p.message].join('\u0000');

/** Lints every set, params and cases file of a folder; problems by file, in the order found. */
export function lintRuleFolder(files: RuleFolderFiles, options: RuleFolderLintOptions): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [...files.problems];
  for (const p of files.params) problems.push(...lintParams(p.json, p.file));
  const chosen = options.paramsId !== undefined ? findParams(files.params, options.paramsId) : undefined;
  if (options.paramsId !== undefined && !chosen) {
    const known = files.params.map((p) => p.id);
    problems.push({
      code: 'unknown_params_file',
      severity: 'error',
      file: files.dir !== undefined ? `${files.dir}/params` : 'params',
      pointer: '/',
      message: `файла параметров «${options.paramsId}» нет${suggestion(options.paramsId, known) || (known.length ? `; есть: ${listed(known)}` : '')}`,
    });
  }
  // Without a choice (or with a wrong one) the sets are checked against every params file.
  const against = chosen ? [chosen] : files.params;
  // A params file with schema problems still has its values: sets are checked against what it holds.
  const valuesOf = (p: { json: unknown }): ParamsFile['params'] => (isObject(p.json) && isObject(p.json.params) ? p.json.params : {});
  const ruleNames = new Map<string, string[]>();
  const setIds = new Map<string, string>();
  for (const set of files.sets) {
    // A set written for one region's parameters is checked against that file only.
    const own = isObject(set.json) && typeof set.json.params === 'string' ? set.json.params : undefined;
    const ownFile = own !== undefined ? files.params.find((p) => p.id === own) : undefined;
    if (own !== undefined && !ownFile)
      problems.push({ code: 'unknown_params_file', severity: 'error', file: set.file, pointer: '/params', message: `файла параметров «${own}» нет в rules/params` });
    const otherRegion = own !== undefined && chosen !== undefined && own !== chosen.id;
    const runs = otherRegion ? [] : ownFile ? [ownFile] : against.length ? against : [undefined];
    const seen = new Set<string>();
    for (const p of runs) {
      const found = lintRuleSet(set.json, {
        file: set.file,
        params: p && valuesOf(p),
        paramsFile: p?.id,
        catalogue: options.catalogue,
        recommendationIds: files.recommendationIds,
        operators: options.operators,
        systems: options.systems,
      });
      for (const f of found) {
        if (seen.has(problemKey(f))) continue;
        seen.add(problemKey(f));
        problems.push(f);
      }
    }
    const json = set.json;
    if (isObject(json) && typeof json.id === 'string') {
      const first = setIds.get(json.id);
      if (first !== undefined) problems.push({ code: 'duplicate_rule_set', severity: 'error', file: set.file, pointer: '/id', message: `набор правил «${json.id}» уже описан в файле ${first}` });
      else setIds.set(json.id, set.file);
      if (!ruleNames.has(json.id) && Array.isArray(json.rules)) ruleNames.set(json.id, json.rules.flatMap((r) => (isObject(r) && typeof r.name === 'string' ? [r.name] : [])));
    }
  }
  const paramsIds = files.params.map((p) => p.id);
  for (const c of files.cases) problems.push(...lintRuleCases(c.json, c.file, ruleNames, paramsIds));
  const exercised = new Set(files.cases.map((c) => (isObject(c.json) ? c.json.ruleSet : undefined)));
  for (const [id, file] of setIds)
    if (!exercised.has(id)) problems.push({ code: 'no_cases', severity: 'warning', file, pointer: '/id', message: `у набора «${id}» нет примеров в rules/cases: rules test не проверит, что он находит то, что задумано` });
  const order = [...new Set(problems.map((p) => p.file))].sort();
  return order.flatMap((file) => problems.filter((p) => p.file === file));
}
