import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { compileRuleSet } from '../../src/core/rules/compiled-rules';
import { compilePath } from '../../src/core/rules/fact-path';
import { firedOnEngine, firedRules, prepareRuleSet, type PreparedRuleSet } from '../../src/core/rules/engine';
import { OPERATOR_NAMES } from '../../src/core/rules/operators';
import type { RuleCasesFile } from '../../src/core/rules/rule-cases';
import { readyRules } from '../../src/core/rules/rule-folder';
import type { ParamsFile, RuleSetFile } from '../../src/core/rules/rule-set';
import { lintRuleSet } from '../../src/core/rules/lint/rule-set';
import { bundledLibrary } from '../helpers/pipeline';
import { REPO } from '../helpers/templates';

/** Both evaluators on the same facts: the same rules fire with the same held conditions, or both refuse. */
async function agree(set: PreparedRuleSet, facts: Record<string, unknown>): Promise<void> {
  const reference = await firedOnEngine(set, facts).then(
    (m) => ({ ok: [...m] }),
    () => ({ failed: true }),
  );
  const compiled = await firedRules(set, facts).then(
    (m) => ({ ok: [...m] }),
    () => ({ failed: true }),
  );
  expect(compiled).toEqual(reference);
}

const library = bundledLibrary();
const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const shipped = ['sample-region', 'moscow'].flatMap((id) => readyRules(library.folder, library.facts, id, library.systems).sets);
/** The worked example's set, with its thresholds added to the sample region's as its README says. */
const EXAMPLE = path.join(REPO, 'docs', 'examples', 'olympiads');
const sampleParams = library.folder.params.find((p) => p.id === 'sample-region')!.json as ParamsFile;
const exampleParams: ParamsFile = { ...sampleParams, params: { ...sampleParams.params, ...json<Record<string, unknown>>(path.join(EXAMPLE, 'add-to-params.json')) } };
const exampleSet = prepareRuleSet(json<RuleSetFile>(path.join(EXAMPLE, 'rules', 'sets', 'talents.json')), exampleParams);
const exampleCases = json<RuleCasesFile>(path.join(EXAMPLE, 'rules', 'cases', 'talents.json'));
const allSets = [...shipped, exampleSet];

interface Leaf {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}

function leaves(node: unknown, named: Record<string, unknown>, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(node)) node.forEach((n) => leaves(n, named, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.fact === 'string' && typeof n.operator === 'string') {
      out.push({ fact: n.fact, path: n.path as string | undefined, operator: n.operator, value: n.value });
      const ref = n.value as { fact?: unknown; path?: unknown } | null;
      if (ref && typeof ref === 'object' && typeof ref.fact === 'string') out.push({ fact: ref.fact, path: ref.path as string | undefined, operator: 'equal', value: 0 });
    } else if (typeof n.condition === 'string') leaves(named[n.condition], {}, out);
    else Object.values(n).forEach((v) => leaves(v, named, out));
  }
  return out;
}

const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(Number.NaN), fc.constant('12'), fc.constant('текст'), fc.boolean(), fc.constant([]), fc.constant({}));
const near = (t: number) => fc.oneof(fc.constantFrom(t, t - 1, t + 1, t - 0.05, t + 0.05, 0, -t), fc.double({ min: -2 * Math.abs(t) - 10, max: 2 * Math.abs(t) + 10, noNaN: true }));
const years = (t: number) => fc.array(fc.oneof({ weight: 5, arbitrary: near(t) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 6 });

/** Values a leaf's fact may take: around its threshold in the shape its operator reads, sometimes anything. */
function valueFor(leaf: Leaf): fc.Arbitrary<unknown> {
  const v = leaf.value;
  const pair = Array.isArray(v) && typeof v[0] === 'number' ? (v as number[]) : undefined;
  let typed: fc.Arbitrary<unknown>;
  if (leaf.operator === 'inWorstShare') typed = fc.record({ rank: fc.integer({ min: 0, max: 60 }), of: fc.integer({ min: 0, max: 60 }) });
  else if (pair && /AtLeast|AtMost/.test(leaf.operator)) typed = years(pair[0]);
  else if (leaf.operator === 'between' && pair) typed = near(pair[0]);
  else if (Array.isArray(v)) typed = fc.oneof(fc.constantFrom(...(v as unknown[])), fc.string({ maxLength: 3 }));
  else if (typeof v === 'number') typed = near(v);
  else if (typeof v === 'boolean') typed = fc.boolean();
  else if (typeof v === 'string') typed = fc.oneof(fc.constant(v), fc.string({ maxLength: 3 }));
  else typed = fc.double({ min: -100, max: 200, noNaN: true });
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: junk });
}

function setAt(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] = node[k] && typeof node[k] === 'object' ? node[k] : {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** Random facts for a set: every fact its rules read, each path a value near the rule's threshold; sometimes a fact missing or not an object. */
function factsFor(set: PreparedRuleSet): fc.Arbitrary<Record<string, unknown>> {
  const all = set.file.rules.flatMap((r) => leaves(r.conditions, set.file.conditions ?? {}));
  const byFact = new Map<string, Leaf[]>();
  for (const l of all) byFact.set(l.fact, [...(byFact.get(l.fact) ?? []), l]);
  const perFact = [...byFact].map(([fact, ls]) => {
    const withPath = ls.filter((l) => l.path);
    const object = fc.tuple(...withPath.map(valueFor)).map((values) => {
      const o: Record<string, unknown> = {};
      withPath.forEach((l, i) => setAt(o, l.path!.slice(2).split('.'), values[i]));
      return o;
    });
    const plain = ls.some((l) => !l.path) ? fc.oneof(...ls.filter((l) => !l.path).map(valueFor)) : undefined;
    const value = withPath.length ? (plain ? fc.oneof(object, plain) : object) : plain!;
    return fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: junk }).map((x) => [fact, x] as const);
  });
  return fc.tuple(...perFact).map((pairs) => Object.fromEntries(pairs.filter(([, x]) => x !== undefined)));
}

describe('compiled rule evaluation against json-rules-engine', () => {
  it('compiles every rule of every shipped rule set, so none falls back to the engine', () => {
    expect(allSets.map((s) => s.file.id).sort()).toEqual(['low-results', 'moscow-ege', 'objectivity-school', 'objectivity-vpr', 'risk-factors', 'talents']);
    for (const set of allSets) expect(set.notCompiled).toEqual([]);
  });

  it('agrees on every case of every case file', async () => {
    const cases = [...library.folder.cases.map((f) => f.json as RuleCasesFile), exampleCases];
    let n = 0;
    for (const file of cases) {
      const set = allSets.find((s) => s.file.id === file.ruleSet)!;
      for (const c of file.cases) {
        await agree(set, c.facts ?? {});
        n++;
      }
    }
    expect(n).toBeGreaterThan(60);
  });

  it.each(allSets.map((s) => [s.file.id, s] as const))('agrees on 10,000 random fact sets for %s', async (_id, set) => {
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(factsFor(set), async (facts) => {
        await agree(set, facts);
        if ((await firedRules(set, facts)).size) fired++;
      }),
      { numRuns: 10_000 },
    );
    // The facts reach the thresholds: a property over facts no rule fires on would prove little.
    expect(fired).toBeGreaterThan(100);
  }, 120_000);
});

const DECORATED = ['someFact:greaterThan', 'everyFact:lessThanInclusive', 'someValue:equal', 'everyValue:notEqual', 'swap:in', 'not:equal', 'someFact:not:lessThan'];
const FACTS = ['a', 'b', 'c'];

const leafJson = fc.record(
  {
    fact: fc.constantFrom(...FACTS),
    path: fc.constantFrom('$.x', '$.y', '$.x.z'),
    operator: fc.constantFrom(...OPERATOR_NAMES, ...DECORATED),
    value: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }), fc.constantFrom('a', true, null), fc.record({ fact: fc.constantFrom(...FACTS), path: fc.constantFrom('$.x', '$.y') })),
    priority: fc.constantFrom(1, 2, 3),
  },
  { requiredKeys: ['fact', 'operator', 'value'] },
);

/** Condition trees; with references to the named conditions «first» and «second», or without (the named ones themselves, so they cannot loop). */
function trees(withReferences: boolean): fc.Arbitrary<unknown> {
  return fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: leafJson },
      fc.record({ all: fc.array(tie('tree'), { maxLength: 4 }), priority: fc.constantFrom(undefined, 1, 2) }, { requiredKeys: ['all'] }),
      fc.record({ any: fc.array(tie('tree'), { maxLength: 4 }), priority: fc.constantFrom(undefined, 1, 2) }, { requiredKeys: ['any'] }),
      fc.record({ not: tie('tree') }),
      ...(withReferences ? [fc.record({ condition: fc.constantFrom('first', 'second'), priority: fc.constantFrom(undefined, 2) }, { requiredKeys: ['condition'] })] : []),
    ),
  })).tree;
}

const roots = (t: fc.Arbitrary<unknown>) => fc.oneof(fc.record({ all: fc.array(t, { maxLength: 4 }) }), fc.record({ any: fc.array(t, { maxLength: 4 }) }), fc.record({ not: t }));
const rootJson = roots(trees(true));
const namedJson = roots(trees(false));


const scalar = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(null)), { maxLength: 4 }), fc.constantFrom('a', '2', true, null, undefined), fc.record({ rank: fc.nat(5), of: fc.nat(5) }));
const factValue = fc.oneof({ weight: 4, arbitrary: fc.record({ x: fc.oneof(scalar, fc.record({ z: scalar })), y: scalar }, { requiredKeys: [] }) }, { weight: 1, arbitrary: scalar });
const randomFacts = fc.record({ a: factValue, b: factValue, c: factValue }, { requiredKeys: [] });

const PARAMS: ParamsFile = { region: 'test', version: '1', params: {} };

describe('compiled rule evaluation on random rules', () => {
  it('agrees with json-rules-engine on random condition trees: nesting, not, named conditions, priorities, decorators, fact-to-fact values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rootJson, { minLength: 1, maxLength: 3 }), leafJson, namedJson, randomFacts, async (roots, first, second, facts) => {
        const file: RuleSetFile = {
          id: 'random',
          title: 'случайный',
          version: '1',
          system: 'low_results',
          scope: 'school',
          basis: '',
          effective: { from: '2025-01-01' },
          conditions: { first: { all: [first] }, second: second as Record<string, unknown> },
          rules: roots.map((conditions, i) => ({ name: `r${i}`, title: `r${i}`, priority: (i % 2) + 1, conditions: conditions as Record<string, unknown>, event: { type: 'classification', params: { label: 'x' } } })),
        };
        const set = prepareRuleSet(JSON.parse(JSON.stringify(file)) as RuleSetFile, PARAMS);
        expect(set.notCompiled).toEqual([]);
        await agree(set, facts);
      }),
      { numRuns: 5_000 },
    );
  }, 120_000);

  it('leaves to the engine a rule with an operator it does not know, and lint says the rule runs slower', async () => {
    const file: RuleSetFile = {
      id: 'custom',
      title: 'свой оператор',
      version: '1.0',
      system: 'low_results',
      scope: 'school',
      basis: 'проверка',
      effective: { from: '2025-01-01' },
      rules: [
        { name: 'fast', title: 'быстрое', conditions: { all: [{ fact: 'conditions', path: '$.teachers_total', operator: 'greaterThan', value: { param: 'x' } }] }, event: { type: 'classification', params: { label: 'x' } } },
        { name: 'custom', title: 'своё', conditions: { all: [{ fact: 'conditions', path: '$.teachers_total', operator: 'isOdd', value: true }] }, event: { type: 'classification', params: { label: 'y' } } },
      ],
    };
    const { notCompiled } = compileRuleSet(file, compilePath);
    expect(notCompiled.map((e) => [e.rule, e.message])).toEqual([['custom', 'оператора «isOdd» нет']]);
    const problems = lintRuleSet(file, { file: 'custom.json', params: { x: 1 }, catalogue: library.facts, recommendationIds: undefined, operators: [...OPERATOR_NAMES, 'isOdd'] });
    expect(problems.filter((p) => p.code === 'engine_fallback')).toEqual([
      { code: 'engine_fallback', severity: 'warning', file: 'custom.json', rule: 'custom', pointer: '/rules/1/conditions', message: 'правило «custom» проверяется медленнее, через json-rules-engine: оператора «isOdd» нет' },
    ]);
    const set = prepareRuleSet(file, { ...PARAMS, params: { x: 1 } });
    set.engine().addOperator('isOdd', (a: unknown, b: unknown) => (typeof a === 'number' && a % 2 === 1) === b);
    expect([...(await firedRules(set, { conditions: { teachers_total: 3 } })).keys()]).toEqual([0, 1]);
    expect([...(await firedRules(set, { conditions: { teachers_total: 4 } })).keys()]).toEqual([0]);
  });
});
