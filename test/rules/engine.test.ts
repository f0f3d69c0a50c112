import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateUnit, prepareRuleSet, RuleSetError } from '../../src/core/rules/engine';
import type { ParamsFile, RuleSetFile } from '../../src/core/rules/rule-set';
import { bundledLibrary } from '../helpers/pipeline';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'rules', name), 'utf8')) as T;
const set = fixture<RuleSetFile>('tiny-set.json');
const params = fixture<ParamsFile>('tiny-params.json');
const catalogue = bundledLibrary().facts;
const prepared = prepareRuleSet(set, params, catalogue);
const school = catalogue.get('school')!;
/** The same facts, with explanations told to quote last year's value of the school's ВПР. */
const quoting = new Map(catalogue).set('school', { ...school, vpr: { ...school.vpr, quotePreviousYear: true } });

describe('evaluating a rule set', () => {
  it('fires the rules whose conditions hold, with thresholds from the parameter file', async () => {
    const findings = await evaluateUnit(prepared, {
      gia: { share_below_min: [41.5, 12, 40.4], share_below_min_labels: ['ОГЭ, русский язык', 'ОГЭ, физика', 'ОГЭ, математика'] },
      vpr: { share_2_max: 25, share_2_max_labels: '5 класс, математика' },
    });
    expect(findings.map((f) => f.rule)).toEqual(['omsk_two_procedures']);
    expect(findings[0].held).toEqual([{ fact: 'gia', path: '$.share_below_min', operator: 'countAtLeast', value: [30, 2], factValue: [41.5, 12, 40.4] }]);
  });

  const lastYear = {
    gia: { share_below_min: [41.5, 40.4], share_below_min_labels: ['ОГЭ, русский язык', 'ОГЭ, математика'] },
    vpr: { share_2_max: 34, share_2_max_labels: '5 класс, русский язык' },
    vpr_prev: { share_2_max: 31 },
  };

  it('explains a finding with its values, labels and thresholds, and last year where its group says to quote it', async () => {
    const [omsk, diagnostic] = await evaluateUnit(prepareRuleSet(set, params, quoting), lastYear);
    expect(omsk.explanation).toBe('Доля не преодолевших минимальный порог: ОГЭ, русский язык — 41,5 %; ОГЭ, математика — 40,4 % при пороге 30 % (нужно не меньше 2)');
    expect(diagnostic.explanation).toBe('Наибольшая доля «2» по ВПР (5 класс, русский язык) — 34 % при пороге более 25 %; годом ранее — 31 %');
    const [, quiet] = await evaluateUnit(prepared, lastYear);
    expect(quiet.explanation).toBe('Наибольшая доля «2» по ВПР (5 класс, русский язык) — 34 % при пороге более 25 %');
  });

  it('follows named shared conditions and explains through them', async () => {
    const findings = await evaluateUnit(prepared, { school: { share_difficult: 27.1, share_non_native: 30.3 } });
    expect(findings.map((f) => f.rule)).toEqual(['shnsu']);
    expect(findings[0].explanation).toContain('Доля обучающихся из семей в трудной жизненной ситуации — 27,1 % при пороге 20 %');
  });

  it('fires nothing on facts that are not given', async () => {
    expect(await evaluateUnit(prepared, {})).toEqual([]);
  });

  it('refuses a set that names a parameter the region does not have', () => {
    const broken: RuleSetFile = { ...set, rules: [{ ...set.rules[1], conditions: { all: [{ fact: 'vpr', path: '$.share_2_max', operator: 'greaterThan', value: { param: 'diagnostic.nope' } }] } }] };
    expect(() => prepareRuleSet(broken, params)).toThrow(RuleSetError);
    expect(() => prepareRuleSet(broken, params)).toThrow('нет параметра «diagnostic.nope»');
  });
});
