/**
 * Rules of the json-rules-engine format compiled once per set into closures over the condition tree
 * (no eval, no `new Function`). json-rules-engine stays the reference: the same operators with the
 * same fact validators, decorators, `path`, fact-to-fact values, named conditions, condition
 * priorities and undefined facts; a test runs both on random facts and on every case file.
 * Evaluation is synchronous and records only what the held conditions of a fired rule need.
 */
import { hasFact } from '../indicators/fact-view';
import type { HeldCondition } from './explain';
import { OKOSHKO_OPERATORS } from './operators';
import type { RuleSetFile } from './rule-set';

/** How a condition's `path` reads into an object fact, made once per path. */
export type PathReader = (value: object) => unknown;
export type PathCompiler = (path: string) => PathReader;

type Compare = (factValue: unknown, value: unknown) => boolean;

/** As json-rules-engine checks a fact before a numeric comparison (for a number that is: not NaN). */
const numeric = (x: unknown) => (typeof x === 'number' ? x === x : Number.parseFloat(x as string).toString() !== 'NaN');
const always = () => true;

function operator(cb: (a: never, b: never) => boolean, valid: (x: unknown) => boolean = always): Compare {
  return (a, b) => valid(a) && cb(a as never, b as never);
}

const ENGINE_COMPARE: Record<string, Compare> = {
  equal: operator((a, b) => a === b),
  notEqual: operator((a, b) => a !== b),
  in: operator((a, b: unknown[]) => b.indexOf(a) > -1),
  notIn: operator((a, b: unknown[]) => b.indexOf(a) === -1),
  contains: operator((a: unknown[], b) => a.indexOf(b) > -1, Array.isArray),
  doesNotContain: operator((a: unknown[], b) => a.indexOf(b) === -1, Array.isArray),
  lessThan: operator((a: number, b: number) => a < b, numeric),
  lessThanInclusive: operator((a: number, b: number) => a <= b, numeric),
  greaterThan: operator((a: number, b: number) => a > b, numeric),
  greaterThanInclusive: operator((a: number, b: number) => a >= b, numeric),
};

type Decorator = (next: Compare) => Compare;
const DECORATORS: Record<string, Decorator> = {
  someFact: (next) => operator((a: unknown[], b) => a.some((x) => next(x, b)), Array.isArray),
  someValue: (next) => operator((a, b: unknown[]) => b.some((x) => next(a, x))),
  everyFact: (next) => operator((a: unknown[], b) => a.every((x) => next(x, b)), Array.isArray),
  everyValue: (next) => operator((a, b: unknown[]) => b.every((x) => next(a, x))),
  swap: (next) => operator((a, b) => next(b, a)),
  not: (next) => operator((a, b) => !next(a, b)),
};

const COMPARE: Record<string, Compare> = { ...ENGINE_COMPARE, ...Object.fromEntries(OKOSHKO_OPERATORS.map((o) => [o.name, (a: unknown, b: unknown) => o.evaluate(a, b)])) };

/** An operator by its name with decorators (`someFact:not:equal`), as json-rules-engine's operator map resolves it. */
function compareOf(name: string): Compare | undefined {
  const parts = name.split(':');
  let op: Compare | undefined = Object.prototype.hasOwnProperty.call(COMPARE, parts[parts.length - 1]) ? COMPARE[parts[parts.length - 1]] : undefined;
  for (let i = parts.length - 2; op && i >= 0; i--) op = Object.prototype.hasOwnProperty.call(DECORATORS, parts[i]) ? DECORATORS[parts[i]](op) : undefined;
  return op;
}

/** What the compiler does not handle; the set then runs on json-rules-engine and lint says so. */
export class NotCompilable extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'NotCompilable';
    Object.setPrototypeOf(this, NotCompilable.prototype);
  }
}

/**
 * One rule's evaluation state, kept between runs (evaluation is synchronous): per node the result,
 * valid when its stamp is this run's; per leaf the fact and value it compared.
 */
interface Run {
  facts: Record<string, unknown>;
  stamp: number;
  stamps: number[];
  result: boolean[];
  factResult: unknown[];
  valueResult: unknown[];
}

const record = (run: Run, id: number, passes: boolean): boolean => {
  run.stamps[id] = run.stamp;
  run.result[id] = passes;
  return passes;
};
const held = (run: Run, id: number): boolean => run.stamps[id] === run.stamp && run.result[id];

interface Node {
  id: number;
  priority: number;
  evaluate(run: Run): boolean;
  held(run: Run, out: HeldCondition[]): void;
}

const NO_FACTS: Record<string, unknown> = {};

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';

/** A fact as the almanac gives it: given or undefined; through the path for an object, the value itself otherwise. */
function factReader(fact: string, path: unknown, compilePath: PathCompiler): (run: Run) => unknown {
  const own = (facts: Record<string, unknown>) => (hasFact(facts, fact) ? facts[fact] : undefined);
  if (typeof path !== 'string' || !path) return (run) => own(run.facts);
  const read = compilePath(path);
  return (run) => {
    const value = own(run.facts);
    return value !== null && typeof value === 'object' ? read(value) : value;
  };
}

class Compiler {
  private count = 0;
  constructor(
    private readonly named: Record<string, unknown>,
    private readonly rule: string,
    private readonly compilePath: PathCompiler,
  ) {}

  get nodes(): number {
    return this.count;
  }

  private fail(message: string): never {
    throw new NotCompilable(message, this.rule);
  }

  /** json-rules-engine's priority of a condition: its own, else its fact's (runtime facts have 1). */
  private priority(c: Record<string, unknown>): number {
    const p = c.priority ? Number.parseInt(String(c.priority), 10) : 0;
    return p || 1;
  }

  node(json: unknown, priority: number, seen: readonly string[]): Node {
    if (!isObject(json)) this.fail('условие не объект');
    const own = (key: string) => Object.prototype.hasOwnProperty.call(json, key);
    // The engine's order: any, then all, then not; a reference; else a comparison with fact, operator and value.
    if (own('any') || own('all')) {
      const kind = own('any') ? 'any' : 'all';
      if (!Array.isArray(json[kind])) this.fail(`«${kind}» не список`);
      return this.group(json[kind] as unknown[], kind, priority, seen);
    }
    if (own('not')) {
      if (Array.isArray(json.not)) this.fail('«not» — список');
      return this.not(json.not, priority, seen);
    }
    if (own('condition')) {
      const name = String(json.condition);
      if (!Object.prototype.hasOwnProperty.call(this.named, name)) this.fail(`нет именованного условия «${name}»`);
      if (seen.includes(name)) this.fail(`именованное условие «${name}» ссылается само на себя`);
      // The engine projects the named condition onto the reference: the reference's priority decided its place.
      return this.node(this.named[name], priority, [...seen, name]);
    }
    if (typeof json.fact === 'string' && typeof json.operator === 'string' && own('value')) return this.leaf(json, priority);
    return this.fail('условие без all, any, not, condition или fact, operator и value');
  }

  private group(children: unknown[], kind: 'all' | 'any', priority: number, seen: readonly string[]): Node {
    const id = this.count++;
    const nodes = children.map((c) => this.node(c, this.priority(c as Record<string, unknown>), seen));
    const byPriority = new Map<number, Node[]>();
    for (const n of nodes) byPriority.set(n.priority, [...(byPriority.get(n.priority) ?? []), n]);
    // Highest priority first; the conditions of one priority are all evaluated, the next only if undecided.
    const stages = [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p)!);
    const any = kind === 'any';
    return {
      id,
      priority,
      evaluate(run) {
        let passes: boolean;
        if (nodes.length === 0) passes = true;
        else if (nodes.length === 1) passes = nodes[0].evaluate(run);
        else {
          passes = !any;
          for (const stage of stages) {
            let some = false;
            let every = true;
            for (const n of stage) {
              if (n.evaluate(run)) some = true;
              else every = false;
            }
            passes = any ? some : every;
            if (passes === any) break;
          }
        }
        return record(run, id, passes);
      },
      held(run, out) {
        for (const n of nodes) if (!any || held(run, n.id)) n.held(run, out);
      },
    };
  }

  private not(child: unknown, priority: number, seen: readonly string[]): Node {
    const id = this.count++;
    const inner = this.node(child, this.priority(child as Record<string, unknown>), seen);
    return {
      id,
      priority,
      evaluate(run) {
        return record(run, id, !inner.evaluate(run));
      },
      held() {},
    };
  }

  private leaf(json: Record<string, unknown>, priority: number): Node {
    const id = this.count++;
    const op = compareOf(json.operator as string);
    if (!op) this.fail(`оператора «${json.operator}» нет`);
    const fact = json.fact as string;
    const path = json.path;
    const value = json.value;
    const ref = isObject(value) && Object.prototype.hasOwnProperty.call(value, 'fact') ? value : undefined;
    const readLeft = factReader(fact, path, this.compilePath);
    const readRight = ref && factReader(ref.fact as string, ref.path, this.compilePath);
    const valueFact = ref && typeof ref.fact === 'string' ? { fact: ref.fact, path: typeof ref.path === 'string' ? ref.path : undefined } : undefined;
    return {
      id,
      priority,
      evaluate(run) {
        const right = readRight ? readRight(run) : value;
        const left = readLeft(run);
        run.factResult[id] = left;
        run.valueResult[id] = right;
        return record(run, id, op(left, right));
      },
      held(run, out) {
        if (!held(run, id)) return;
        out.push({
          fact,
          path: path as string | undefined,
          operator: json.operator as string,
          value: run.valueResult[id] ?? value,
          factValue: run.factResult[id],
          ...(valueFact && { valueFact }),
        });
      },
    };
  }
}

export interface CompiledRule {
  name: string;
  /** The rule's priority: rules of higher priority run first, as on the engine. */
  priority: number;
  /** The held conditions when the rule fires, undefined when it does not. */
  evaluate(facts: Record<string, unknown>): HeldCondition[] | undefined;
}

/** One rule compiled, or NotCompilable naming what stops it. */
export function compileRule(rule: { name: string; priority?: number; conditions: unknown }, named: Record<string, unknown>, compilePath: PathCompiler): CompiledRule {
  const compiler = new Compiler(named, rule.name, compilePath);
  const conditions = rule.conditions as Record<string, unknown>;
  if (!isObject(conditions) || !(conditions.any || conditions.all || conditions.not || Object.prototype.hasOwnProperty.call(conditions, 'condition')))
    throw new NotCompilable('в корне условий правила нет all, any, not или condition', rule.name);
  const root = compiler.node(conditions, 1, []);
  const size = compiler.nodes;
  const run: Run = { facts: NO_FACTS, stamp: 0, stamps: new Array<number>(size).fill(0), result: new Array<boolean>(size).fill(false), factResult: new Array(size), valueResult: new Array(size) };
  return {
    name: rule.name,
    priority: rule.priority ? Number.parseInt(String(rule.priority), 10) || 1 : 1,
    evaluate(facts) {
      run.facts = facts;
      run.stamp++;
      const passes = root.evaluate(run);
      let out: HeldCondition[] | undefined;
      if (passes) root.held(run, (out = []));
      // Let go of the unit's facts: the state outlives the run.
      run.facts = NO_FACTS;
      run.factResult.fill(undefined);
      run.valueResult.fill(undefined);
      return out;
    },
  };
}

/** Every rule of a set compiled; the rules the compiler cannot handle, with the reason. */
export function compileRuleSet(file: RuleSetFile, compilePath: PathCompiler): { rules: (CompiledRule | undefined)[]; notCompiled: NotCompilable[] } {
  const notCompiled: NotCompilable[] = [];
  const rules = file.rules.map((r) => {
    try {
      return compileRule(r, file.conditions ?? {}, compilePath);
    } catch (e) {
      if (!(e instanceof NotCompilable)) throw e;
      notCompiled.push(e);
      return undefined;
    }
  });
  return { rules, notCompiled };
}
