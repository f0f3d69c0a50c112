import { prepareRuleSet, type PreparedRuleSet } from './engine';
import type { RuleLibrary } from './library';
import { OPERATOR_NAMES } from './operators';
import { type RuleCaseOutcome, type RuleCasesFile, runRuleCases } from './rule-cases';
import { findParams, lintParams, lintRuleCases, lintRuleSet, type RuleLintProblem } from './lint';
import type { ParamsFile, RuleSetFile } from './rule-set';

/** One cases file run through its rule set, or why it could not be. */
export type RuleCasesRun =
  | { file: string; ruleSet: string; params?: string; outcomes: RuleCaseOutcome[] }
  | { file: string; ruleSet?: string; cases: number; problem: RuleLintProblem | { file: string; message: string } };

export interface RuleTestReport {
  runs: RuleCasesRun[];
  /** Files of the folder that could not be read at all (JSON syntax, too deep). */
  unreadable: RuleLintProblem[];
  passed: number;
  failed: number;
}

const UNREADABLE = new Set(['json_syntax', 'unreadable_file', 'too_deep', 'too_large']);

/**
 * The methodologist's check of a rules folder: every cases file of `rules/cases` through the set it is
 * written for, with the parameters it names. A case that cannot run (a broken set, unknown parameters)
 * counts as failed with the reason; the rest run.
 */
export async function testRuleLibrary(library: RuleLibrary): Promise<RuleTestReport> {
  const { folder } = library;
  const catalogue = library.facts;
  const unreadable = folder.problems.filter((p) => UNREADABLE.has(p.code));
  const runs: RuleCasesRun[] = [];
  const ruleNames = new Map<string, string[]>();
  for (const s of folder.sets) {
    const json = s.json as Partial<RuleSetFile> | null;
    if (json && typeof json.id === 'string' && Array.isArray(json.rules)) ruleNames.set(json.id, json.rules.flatMap((r) => (typeof r?.name === 'string' ? [r.name] : [])));
  }
  const paramsIds = folder.params.map((p) => p.id);
  for (const c of folder.cases) {
    const count = Array.isArray((c.json as { cases?: unknown } | null)?.cases) ? (c.json as RuleCasesFile).cases.length : 1;
    const caseProblems = lintRuleCases(c.json, c.file, ruleNames, paramsIds).filter((p) => p.code === 'schema' || p.code === 'unknown_rule_set' || p.code === 'unknown_params_file');
    if (caseProblems.length) {
      runs.push({ file: c.file, cases: count, problem: caseProblems[0] });
      continue;
    }
    const cases = c.json as RuleCasesFile;
    const setFile = folder.sets.find((s) => (s.json as RuleSetFile).id === cases.ruleSet)!;
    const paramsFile = cases.params !== undefined ? findParams(folder.params, cases.params) : folder.params[0];
    const paramsProblems = paramsFile ? lintParams(paramsFile.json, paramsFile.file) : [];
    if (paramsProblems.length) {
      runs.push({ file: c.file, ruleSet: cases.ruleSet, cases: count, problem: paramsProblems[0] });
      continue;
    }
    const params = (paramsFile?.json as ParamsFile | undefined) ?? { region: '', version: '0.0', params: {} };
    const setProblems = lintRuleSet(setFile.json, { file: setFile.file, params: params.params, paramsFile: paramsFile?.id, catalogue, recommendationIds: undefined, operators: OPERATOR_NAMES, systems: library.systems }).filter(
      (p) => p.severity === 'error' && p.code !== 'unknown_recommendation',
    );
    if (setProblems.length) {
      runs.push({ file: c.file, ruleSet: cases.ruleSet, cases: count, problem: setProblems[0] });
      continue;
    }
    let prepared: PreparedRuleSet;
    try {
      const json = setFile.json as RuleSetFile & { area?: string };
      prepared = prepareRuleSet({ ...json, system: json.system ?? json.area! }, params, catalogue);
    } catch (e) {
      runs.push({ file: c.file, ruleSet: cases.ruleSet, cases: count, problem: { file: setFile.file, message: `набор правил не подготовлен: ${(e as Error).message}` } });
      continue;
    }
    runs.push({ file: c.file, ruleSet: cases.ruleSet, ...(paramsFile && { params: paramsFile.id }), outcomes: await runRuleCases(prepared, cases) });
  }
  let passed = 0;
  let failed = unreadable.length;
  for (const r of runs) {
    if ('problem' in r) failed += r.cases;
    else
      for (const o of r.outcomes) {
        if (o.ok) passed++;
        else failed++;
      }
  }
  return { runs, unreadable, passed, failed };
}
