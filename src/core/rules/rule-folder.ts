import { type FactCatalogue, unitOfSet } from '../indicators/catalogue';
import type { CompiledUnit, IndicatorDefinitions } from '../indicators/compile';
import { prepareRuleSet, type PreparedRuleSet, RuleSetError } from './engine';
import { OPERATOR_NAMES } from './operators';
import { findParams, lintRuleFolder, type RuleFolderFiles, type RuleLintProblem } from './lint';
import type { ParamsFile, RuleSetFile } from './rule-set';
import type { LoadedSystem } from './system';

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
export function readyRules(files: RuleFolderFiles, catalogue: FactCatalogue, paramsId?: string, systems: readonly LoadedSystem[] = []): ReadyRules {
  const problems = lintRuleFolder(files, { catalogue, operators: OPERATOR_NAMES, paramsId, systems });
  const chosen = paramsId ? findParams(files.params, paramsId) : files.params.length === 1 ? files.params[0] : undefined;
  if (!chosen || problems.some((p) => p.severity === 'error' && p.file === chosen.file)) return { sets: [], problems };
  const params = chosen.json as ParamsFile;
  const sets: PreparedRuleSet[] = [];
  for (const s of files.sets) {
    const own = (s.json as Partial<RuleSetFile>).params;
    if (own !== undefined && own !== chosen.id) continue;
    if (problems.some((p) => p.severity === 'error' && p.file === s.file)) continue;
    try {
      const json = s.json as RuleSetFile & { area?: string };
      sets.push(prepareRuleSet({ ...json, system: json.system ?? json.area! }, params, catalogue));
    } catch (e) {
      if (!(e instanceof RuleSetError)) throw e;
      problems.push({ code: 'unknown_param', severity: 'error', file: s.file, pointer: e.pointer ?? '/', message: e.message });
    }
  }
  return { params, sets, problems };
}

/** Rule sets evaluated for `root` or for units within it (a school's works). */
export const forUnit =
  (defs: IndicatorDefinitions, root: CompiledUnit) =>
  (s: Partial<RuleSetFile>): boolean => {
    for (let u = defs.units.get(unitOfSet(s) ?? ''); u; u = u.parent) if (u === root) return true;
    return false;
  };

/** readyRules with the parameters asked for, or else the one parameter file the applicable sets are written for. */
export function readyRulesFor(files: RuleFolderFiles, catalogue: FactCatalogue, applies: (s: Partial<RuleSetFile>) => boolean, asked?: string, systems: readonly LoadedSystem[] = []): ReadyRules {
  const bound = files.sets.map((s) => s.json as Partial<RuleSetFile>).filter(applies).map((s) => s.params);
  const distinct = bound.filter((p, i) => bound.indexOf(p) === i);
  return readyRules(files, catalogue, asked ?? (distinct.length === 1 && distinct[0] ? distinct[0] : undefined), systems);
}
