import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { type FactCatalogue, type FactInfo, factsOfSet } from '../indicators/catalogue';
import { compileRuleSet, type CompiledRule, type NotCompilable } from './compiled-rules';
import { compilePath, resolvePath } from './fact-path';
import { explainFinding, heldConditions, type HeldCondition } from './explain';
import { OKOSHKO_OPERATORS } from './operators';
import { resolveParams } from './params';
import type { EventParams, ParamsFile, RuleScope, RuleSetFile } from './rule-set';

/** A rule set that cannot be prepared (a parameter it names is missing): Russian message, file pointer. */
export class RuleSetError extends Error {
  constructor(
    message: string,
    readonly ruleSet: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'RuleSetError';
    // Compiled to ES5, a subclass of Error loses its prototype: instanceof would miss it.
    Object.setPrototypeOf(this, RuleSetError.prototype);
  }
}

/** A rule set with its thresholds filled in, ready to evaluate units of its scope. */
export interface PreparedRuleSet {
  file: RuleSetFile;
  params: ParamsFile;
  /** Titles of the facts the set reads, for explanations. */
  facts?: Record<string, FactInfo>;
  /** The facts its rules and explanations read: a unit is given these and no others. */
  reads: string[];
  /** Each rule compiled; undefined for a rule the compiler cannot handle (listed in notCompiled), which the engine runs. */
  compiled: (CompiledRule | undefined)[];
  notCompiled: NotCompilable[];
  /** json-rules-engine holding the set's rules: the reference, made when first needed. */
  engine(): Engine;
}

/** Fact names a set's conditions read, and last year's of those its explanations quote. */
function factsRead(file: RuleSetFile, facts: Record<string, FactInfo> | undefined): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.fact === 'string') names.add(n.fact);
    for (const v of Object.values(n)) walk(v);
  };
  walk(file.conditions);
  for (const r of file.rules) walk(r.conditions);
  for (const n of [...names]) if (facts?.[n]?.quotePreviousYear) names.add(`${n}_prev`);
  return [...names];
}

/** What one fired rule says about one unit, with the conditions that held and a Russian explanation. */
export interface Finding {
  ruleSet: string;
  system: string;
  scope: RuleScope;
  rule: string;
  title: string;
  /** The part of the unit a finding of a unit within it is about (a ВПР work: year, grade, subject), and its name. */
  work?: Record<string, string | number>;
  workTitle?: string;
  event: EventParams;
  held: HeldCondition[];
  explanation: string;
}

/** What a finding of a unit within the classified one (a work of a school) is about. */
export interface FindingAbout {
  work: Record<string, string | number>;
  title: string;
}

export function createEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false, pathResolver: resolvePath });
  for (const op of OKOSHKO_OPERATORS) engine.addOperator(op.name, (f: unknown, v: unknown) => op.evaluate(f, v));
  return engine;
}

export function prepareRuleSet(file: RuleSetFile, params: ParamsFile, catalogue?: FactCatalogue): PreparedRuleSet {
  const { value, missing } = resolveParams(file, params.params);
  if (missing.length)
    throw new RuleSetError(`В наборе правил «${file.id}» нет параметра «${missing[0].param}» в файле параметров «${params.region}»`, file.id, missing[0].pointer);
  let engine: Engine | undefined;
  const referenceEngine = () => {
    if (engine) return engine;
    engine = createEngine();
    for (const [name, condition] of Object.entries(value.conditions ?? {})) engine.setCondition(name, condition as TopLevelCondition);
    for (const rule of value.rules)
      engine.addRule({ name: rule.name, priority: rule.priority, conditions: rule.conditions as TopLevelCondition, event: rule.event } as RuleProperties);
    return engine;
  };
  const { rules: compiled, notCompiled } = compileRuleSet(value, compilePath);
  const facts = catalogue && factsOfSet(catalogue, value);
  return { file: value, params, facts, reads: factsRead(value, facts), compiled, notCompiled, engine: referenceEngine };
}

/** The rules that fired and the conditions that held, by rule index in the set: compiled rules directly, the rest on the engine. */
export async function firedRules(set: PreparedRuleSet, facts: Record<string, unknown>): Promise<Map<number, HeldCondition[]>> {
  const fired = firedCompiled(set, facts);
  if (!set.notCompiled.length) return fired;
  for (const [i, held] of await firedOnEngine(set, facts)) if (!set.compiled[i]) fired.set(i, held);
  return new Map([...fired].sort((x, y) => x[0] - y[0]));
}

function firedCompiled(set: PreparedRuleSet, facts: Record<string, unknown>): Map<number, HeldCondition[]> {
  const fired = new Map<number, HeldCondition[]>();
  set.compiled.forEach((rule, i) => {
    const held = rule?.evaluate(facts);
    if (held) fired.set(i, held);
  });
  return fired;
}

/** The reference: the same set on json-rules-engine. */
export async function firedOnEngine(set: PreparedRuleSet, facts: Record<string, unknown>): Promise<Map<number, HeldCondition[]>> {
  const { results } = await set.engine().run(facts);
  const order = new Map(set.file.rules.map((r, i) => [r.name, i]));
  return new Map(results.map((r) => [order.get(r.name)!, heldConditions(r.conditions, facts)] as [number, HeldCondition[]]).sort((a, b) => a[0] - b[0]));
}

/** Runs the set's rules over one unit's facts; one finding per rule that fired, in the set's order. */
export async function evaluateUnit(set: PreparedRuleSet, facts: Record<string, unknown>, about?: FindingAbout): Promise<Finding[]> {
  const fired = set.notCompiled.length ? await firedRules(set, facts) : firedCompiled(set, facts);
  const findings: Finding[] = [];
  for (const [i, held] of fired) {
    const rule = set.file.rules[i];
    findings.push({
      ruleSet: set.file.id,
      system: set.file.system,
      scope: set.file.scope,
      rule: rule.name,
      title: rule.title,
      ...(about && { work: about.work, workTitle: about.title }),
      event: rule.event.params,
      held,
      explanation: (about ? `${about.title}: ` : '') + explainFinding(held, facts, set.facts),
    });
  }
  return findings;
}
