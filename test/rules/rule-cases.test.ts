import { bundledLibrary } from '../helpers/pipeline';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareRuleSet } from '../../src/core/rules/engine';
import { paramValue } from '../../src/core/rules/params';
import { coverageGaps, type RuleCasesFile, runRuleCases } from '../../src/core/rules/rule-cases';
import type { ParamsFile, RuleSetFile } from '../../src/core/rules/rule-set';
import { REPO } from '../helpers/templates';

const RULES = path.join(REPO, 'rules');
const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(path.join(RULES, ...parts), 'utf8')) as T;
const jsonNames = (dir: string) => readdirSync(path.join(RULES, dir)).filter((n) => n.endsWith('.json')).sort();

const sets = jsonNames('sets').map((n) => readJson<RuleSetFile>('sets', n));
const caseFiles = jsonNames('cases').map((n) => ({ file: n, cases: readJson<RuleCasesFile>('cases', n) }));
const setById = new Map(sets.map((s) => [s.id, s]));
const catalogue = bundledLibrary().facts;

describe('bundled rule sets and their cases', () => {
  it('every rule set has a cases file named after it, and every cases file names an existing set', () => {
    expect(sets.length).toBeGreaterThan(0);
    expect(caseFiles.map((c) => c.file)).toEqual(sets.map((s) => `${s.id}.json`).sort());
    for (const { file, cases } of caseFiles) expect(`${cases.ruleSet}.json`).toBe(file);
  });

  describe.each(caseFiles.map((c) => [c.cases.ruleSet, c.cases] as const))('%s', (setId, cases) => {
    it('every case fires exactly the rules it expects', async () => {
      const set = setById.get(setId);
      expect(set).toBeDefined();
      const params = readJson<ParamsFile>('params', `${cases.params ?? 'sample-region'}.json`);
      const outcomes = await runRuleCases(prepareRuleSet(set!, params, catalogue), cases);
      expect(outcomes).toHaveLength(cases.cases.length);
      expect(outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${o.message}`)).toEqual([]);
    });

    it('every rule has a case where it fires and one where it does not', () => {
      expect(coverageGaps(setById.get(setId)!, cases)).toEqual([]);
    });
  });
});

describe('the sample region parameter file', () => {
  const params = readJson<ParamsFile>('params', 'sample-region.json');
  const readme = readFileSync(path.join(RULES, 'params', 'README.md'), 'utf8');

  const leaves = (node: unknown, prefix = ''): string[] =>
    typeof node === 'object' && node !== null && !Array.isArray(node)
      ? Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];

  const references = (node: unknown): string[] => {
    if (Array.isArray(node)) return node.flatMap(references);
    if (typeof node !== 'object' || node === null) return [];
    const o = node as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.param === 'string') return [o.param];
    return Object.values(o).flatMap(references);
  };

  it('holds every parameter the bundled sets refer to', () => {
    const missing = sets.filter((s) => (s.params ?? 'sample-region') === 'sample-region').flatMap((s) => references(s).filter((p) => paramValue(params.params, p) === undefined).map((p) => `${s.id}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('documents every parameter in rules/params/README.md', () => {
    const undocumented = leaves(params.params).filter((p) => !readme.includes(`\`${p}\``));
    expect(undocumented).toEqual([]);
  });

  it('keeps every number out of the rules: thresholds are parameter references', () => {
    const numbers = (node: unknown, at: string): string[] => {
      if (typeof node === 'number') return [at];
      if (Array.isArray(node)) return node.flatMap((x, i) => numbers(x, `${at}/${i}`));
      if (typeof node !== 'object' || node === null) return [];
      return Object.entries(node).flatMap(([k, v]) => (k === 'priority' ? [] : numbers(v, `${at}/${k}`)));
    };
    const found = sets.flatMap((s) => [...numbers(s.conditions ?? {}, `${s.id}/conditions`), ...s.rules.flatMap((r) => numbers(r.conditions, `${s.id}/${r.name}`))]);
    expect(found).toEqual([]);
  });

  it('puts the medium level of each risk factor on the risky side of the high level, within 1.5 times of it', () => {
    const risk = params.params.risk_factors as Record<string, Record<string, { high: number; medium: number }>>;
    for (const [factor, indicators] of Object.entries(risk))
      for (const [indicator, { high, medium }] of Object.entries(indicators)) {
        const ratio = Math.max(high, medium) / Math.min(high, medium);
        expect({ factor, indicator, within: ratio > 1 && ratio <= 1.5 }).toEqual({ factor, indicator, within: true });
      }
  });
});

describe('runRuleCases', () => {
  const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'rules', name), 'utf8')) as T;
  const tiny = prepareRuleSet(fixture<RuleSetFile>('tiny-set.json'), fixture<ParamsFile>('tiny-params.json'));

  it('says in Russian which rules fired unexpectedly and which expected ones did not', async () => {
    const [outcome] = await runRuleCases(tiny, {
      ruleSet: 'tiny',
      cases: [{ name: 'Доля «2» 30 %', facts: { vpr: { share_2_max: 30 } }, fired: ['shnsu'] }],
    });
    expect(outcome).toMatchObject({ ok: false, fired: ['diagnostic'], expected: ['shnsu'] });
    expect(outcome.message).toBe('не сработали ожидаемые правила «shnsu»; сработали неожиданные правила «diagnostic»');
  });

  it('passes a case whose rules fire exactly, in any order', async () => {
    const outcomes = await runRuleCases(tiny, {
      ruleSet: 'tiny',
      cases: [
        { name: 'Всё сразу', facts: { vpr: { share_2_max: 30 }, gia: { share_below_min: [30, 31] } }, fired: ['diagnostic', 'omsk_two_procedures'] },
        { name: 'Ничего', facts: {}, fired: [] },
      ],
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
  });

  it('flags rule names the set does not have and cases written for another set', async () => {
    const [outcome] = await runRuleCases(tiny, { ruleSet: 'other', cases: [{ name: 'Опечатка', facts: {}, fired: ['omsk_two'] }] });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('примеры написаны для набора «other», а проверяется набор «tiny»');
    expect(outcome.message).toContain('в наборе нет правил «omsk_two»');
  });

  it('finds rules without a firing case or without a quiet one', () => {
    const gaps = coverageGaps(tiny.file, { ruleSet: 'tiny', cases: [{ name: 'x', facts: {}, fired: ['diagnostic'] }] });
    expect(gaps).toEqual([
      'Правило «omsk_two_procedures» набора «tiny»: нет примера, где оно срабатывает',
      'Правило «diagnostic» набора «tiny»: нет примера, где оно не срабатывает',
      'Правило «shnsu» набора «tiny»: нет примера, где оно срабатывает',
    ]);
  });
});
