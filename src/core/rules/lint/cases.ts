import { checkAgainstSchema } from '../../schema/schema-check';
import { schemaValidators } from '../../schema/schema-validators';
import type { RuleLintCode, RuleLintProblem } from './problem';
import { isObject, listed, suggestion } from './words';

const validateRuleCasesShape = schemaValidators.ruleCases;

/**
 * Lints a rule-cases file: its schema, the set it names (`ruleNames`: rule-set id → its rule names),
 * the rules its cases expect to fire, the params file it names (`paramsIds`, when given) and repeated case names.
 */
export function lintRuleCases(json: unknown, file: string, ruleNames: ReadonlyMap<string, readonly string[]>, paramsIds?: readonly string[]): RuleLintProblem[] {
  const problems: RuleLintProblem[] = checkAgainstSchema(validateRuleCasesShape, json).map((p) => ({ code: 'schema', severity: 'error', file, pointer: p.pointer, message: p.message }));
  if (!isObject(json)) return problems;
  const push = (code: RuleLintCode, pointer: string, message: string, rule?: string) =>
    problems.push({ code, severity: 'error', file, ...(rule !== undefined ? { rule } : {}), pointer, message });
  let names: readonly string[] | undefined;
  if (typeof json.ruleSet === 'string') {
    names = ruleNames.get(json.ruleSet);
    if (!names) push('unknown_rule_set', '/ruleSet', `набора правил «${json.ruleSet}» нет в rules/sets${suggestion(json.ruleSet, ruleNames.keys()) || (ruleNames.size ? `; есть: ${listed([...ruleNames.keys()])}` : '')}`);
  }
  if (paramsIds) {
    if (typeof json.params === 'string' && !paramsIds.includes(json.params))
      push('unknown_params_file', '/params', `файла параметров «${json.params}» нет в rules/params${suggestion(json.params, paramsIds) || (paramsIds.length ? `; есть: ${listed([...paramsIds])}` : '')}`);
    else if (json.params === undefined && paramsIds.length > 1)
      push('unknown_params_file', '/', `файлов параметров несколько (${listed([...paramsIds])}): укажите нужный в поле params`);
  }
  if (!Array.isArray(json.cases)) return problems;
  const seen = new Map<string, number>();
  json.cases.forEach((c, i) => {
    if (!isObject(c)) return;
    if (typeof c.name === 'string') {
      if (seen.has(c.name)) push('duplicate_case_name', `/cases/${i}/name`, `случай «${c.name}» уже описан выше (/cases/${seen.get(c.name)})`);
      else seen.set(c.name, i);
    }
    if (!names || !Array.isArray(c.fired)) return;
    c.fired.forEach((rule, k) => {
      if (typeof rule === 'string' && !names!.includes(rule))
        push('unknown_rule', `/cases/${i}/fired/${k}`, `в наборе «${json.ruleSet}» нет правила «${rule}»${suggestion(rule, names!)}`, rule);
    });
  });
  return problems;
}

