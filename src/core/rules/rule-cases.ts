import { evaluateUnit, type PreparedRuleSet } from './engine';
import type { RuleSetFile } from './rule-set';

/**
 * Rule cases (rules/cases/<rule set id>.json): situations written as partial facts, each with the
 * rules expected to fire on it — exactly those. They are the methodologist's check that a set says
 * what it means at its thresholds. Pure: the caller reads the files.
 */
export interface RuleCase {
  /** Russian sentence describing the situation. */
  name: string;
  /** Partial facts of one evaluation unit; facts not given are undefined. */
  facts: Record<string, unknown>;
  /** Names of the rules expected to fire, exactly. */
  fired: string[];
}

export interface RuleCasesFile {
  /** Id of the rule set the cases are written for. */
  ruleSet: string;
  /** Parameter file (rules/params/<params>.json) the cases assume. */
  params?: string;
  cases: RuleCase[];
}

export interface RuleCaseOutcome {
  name: string;
  ok: boolean;
  /** Rules that fired, in the set's order. */
  fired: string[];
  /** Rules the case expected, as written. */
  expected: string[];
  /** Russian: what differed. */
  message?: string;
}

const quoted = (names: readonly string[]) => names.map((n) => `«${n}»`).join(', ');

/** Runs every case through the prepared set and compares the fired rules with the expected ones. */
export async function runRuleCases(set: PreparedRuleSet, file: RuleCasesFile): Promise<RuleCaseOutcome[]> {
  const known = new Set(set.file.rules.map((r) => r.name));
  const wrongSet =
    file.ruleSet !== set.file.id ? `примеры написаны для набора «${file.ruleSet}», а проверяется набор «${set.file.id}»` : undefined;
  const outcomes: RuleCaseOutcome[] = [];
  for (const c of file.cases) {
    const expected = [...c.fired];
    let fired: string[];
    try {
      fired = (await evaluateUnit(set, c.facts ?? {})).map((f) => f.rule);
    } catch (e) {
      outcomes.push({ name: c.name, ok: false, fired: [], expected, message: `ошибка при вычислении правил: ${(e as Error).message}` });
      continue;
    }
    const problems: string[] = [];
    if (wrongSet) problems.push(wrongSet);
    const unknown = expected.filter((n) => !known.has(n));
    if (unknown.length) problems.push(`в наборе нет правил ${quoted(unknown)}`);
    const missing = expected.filter((n) => known.has(n) && !fired.includes(n));
    if (missing.length) problems.push(`не сработали ожидаемые правила ${quoted(missing)}`);
    const extra = fired.filter((n) => !expected.includes(n));
    if (extra.length) problems.push(`сработали неожиданные правила ${quoted(extra)}`);
    const repeated = expected.filter((n, i) => expected.indexOf(n) !== i);
    if (repeated.length) problems.push(`правила ${quoted([...new Set(repeated)])} указаны больше одного раза`);
    outcomes.push(problems.length ? { name: c.name, ok: false, fired, expected, message: problems.join('; ') } : { name: c.name, ok: true, fired, expected });
  }
  return outcomes;
}

/** How often each rule of a set fires and stays quiet in its cases (by the cases' expectations). */
export interface RuleCoverage {
  rule: string;
  fires: number;
  quiet: number;
}

export function ruleCoverage(set: RuleSetFile, file: RuleCasesFile): RuleCoverage[] {
  return set.rules.map((r) => ({
    rule: r.name,
    fires: file.cases.filter((c) => c.fired.includes(r.name)).length,
    quiet: file.cases.filter((c) => !c.fired.includes(r.name)).length,
  }));
}

/** Russian sentences naming the rules that lack a case where they fire or one where they do not. */
export function coverageGaps(set: RuleSetFile, file: RuleCasesFile): string[] {
  const gaps: string[] = [];
  for (const c of ruleCoverage(set, file)) {
    if (c.fires === 0) gaps.push(`Правило «${c.rule}» набора «${set.id}»: нет примера, где оно срабатывает`);
    if (c.quiet === 0) gaps.push(`Правило «${c.rule}» набора «${set.id}»: нет примера, где оно не срабатывает`);
  }
  return gaps;
}
