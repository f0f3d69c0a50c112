import { prepareRuleSet, type PreparedRuleSet, RuleSetError } from './engine';
import type { FactCatalogue } from './fact-catalogue';
import { OPERATOR_NAMES } from './operators';
import { findParams, lintRuleFolder, type RuleFolderFiles, type RuleLintProblem } from './lint';
import type { ParamsFile, RuleSetFile } from './rule-set';

export interface ReadyRules {
  params?: ParamsFile;
  sets: PreparedRuleSet[];
  /** Problems of the folder; a set with an error is left out, the others run. */
  problems: RuleLintProblem[];
}

/**
 * The rule sets of a folder ready to run with one region's parameters. Broken files never stop the
 * others: their lint errors are returned and they are left out.
 */
export function readyRules(files: RuleFolderFiles, catalogue: FactCatalogue, paramsId?: string): ReadyRules {
  const problems = lintRuleFolder(files, { catalogue, operators: OPERATOR_NAMES, paramsId });
  const chosen = paramsId ? findParams(files.params, paramsId) : files.params.length === 1 ? files.params[0] : undefined;
  if (!chosen || problems.some((p) => p.severity === 'error' && p.file === chosen.file)) return { sets: [], problems };
  const params = chosen.json as ParamsFile;
  const sets: PreparedRuleSet[] = [];
  for (const s of files.sets) {
    const own = (s.json as Partial<RuleSetFile>).params;
    if (own !== undefined && own !== chosen.id) continue;
    if (problems.some((p) => p.severity === 'error' && p.file === s.file)) continue;
    try {
      sets.push(prepareRuleSet(s.json as RuleSetFile, params, catalogue));
    } catch (e) {
      if (!(e instanceof RuleSetError)) throw e;
      problems.push({ code: 'unknown_param', severity: 'error', file: s.file, pointer: e.pointer ?? '/', message: e.message });
    }
  }
  return { params, sets, problems };
}

/** Rule sets about a region's schools (the others are written for a foreign table). */
export const forSchools = (s: Partial<RuleSetFile>): boolean => s.scope === 'school' || s.scope === 'subject';

/** Rule sets written for these foreign tables (by template id). */
export const forTables =
  (ids: readonly string[]) =>
  (s: Partial<RuleSetFile>): boolean =>
    s.scope === 'table' && ids.includes(String(s.template));

/** readyRules with the parameters asked for, or else the one parameter file the applicable sets are written for. */
export function readyRulesFor(files: RuleFolderFiles, catalogue: FactCatalogue, applies: (s: Partial<RuleSetFile>) => boolean, asked?: string): ReadyRules {
  const bound = files.sets.map((s) => s.json as Partial<RuleSetFile>).filter(applies).map((s) => s.params);
  const distinct = bound.filter((p, i) => bound.indexOf(p) === i);
  return readyRules(files, catalogue, asked ?? (distinct.length === 1 && distinct[0] ? distinct[0] : undefined));
}
