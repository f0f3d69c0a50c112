import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADDRESSEES, loadCatalogue, type RecommendationCatalogue } from '../../src/core/recommend/catalogue';
import { paramValue } from '../../src/core/rules/params';
import type { ParamsFile, RuleSetFile } from '../../src/core/rules/rule-set';
import { readRuleLibrary } from '../../src/files/rule-library';
import { REPO } from '../helpers/templates';
import { fixture } from './fixtures';

const RULES = path.join(REPO, 'rules');
const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(path.join(RULES, ...parts), 'utf8')) as T;
const SETS = ['low-results', 'risk-factors', 'objectivity-vpr', 'objectivity-school'].map((id) => readJson<RuleSetFile>('sets', `${id}.json`));

describe('loading a recommendation catalogue', () => {
  it('locates the schema problems of a broken catalogue, in Russian', () => {
    const load = loadCatalogue(fixture('broken-shape.json'));
    expect(load.ok).toBe(false);
    expect(!load.ok && load.problems.map(({ pointer, message }) => ({ pointer, message }))).toEqual([
      { pointer: '/version', message: 'должно соответствовать образцу "^\\d+\\.\\d+(\\.\\d+)?$"' },
      { pointer: '/recommendations/0', message: 'должно иметь обязательное поле measure' },
      { pointer: '/recommendations/1/addressee', message: 'должно быть равно одному из разрешенных значений: school, teachers, municipality, institute, region' },
      { pointer: '/recommendations/2/deadline/relative', message: 'лишнее свойство «weeks»' },
      { pointer: '/recommendations/3', message: 'лишнее свойство «срок»' },
      { pointer: '/recommendations/3/deadline', message: 'должно иметь не более, чем 1 поле' },
      { pointer: '/recommendations/3/deadline/date', message: 'должно соответствовать образцу "^\\d{4}-\\d{2}-\\d{2}$"' },
      { pointer: '/municipal/0/when/min_schools', message: 'должно быть >= 1' },
    ]);
  });

  it('locates what the schema cannot see: repeated ids, dates, placeholders, references, empty conditions', () => {
    const load = loadCatalogue(fixture('broken-semantics.json'));
    expect(!load.ok && load.problems).toEqual([
      { pointer: '/recommendations/0/deadline/date', message: 'даты «2026-02-30» нет в календаре' },
      { pointer: '/recommendations/0/measure', message: 'неизвестная подстановка «{school.nmae}»; возможно, имелось в виду «{school.name}»' },
      { pointer: '/recommendations/0/expected', message: 'неизвестная подстановка «{report.dat}»; возможно, имелось в виду «{report.date}»' },
      { pointer: '/recommendations/1/id', message: 'рекомендация «programme» уже описана выше (/recommendations/0)' },
      { pointer: '/recommendations/1/measure', message: expect.stringMatching(/^неизвестная подстановка «\{teacher\}»; известны: \{school\.name\}, .*\{deadline\}$/) },
      { pointer: '/levels/objectivity/signs/1', message: 'рекомендации «control» нет в разделе recommendations каталога' },
      { pointer: '/municipal/0/measure', message: 'подстановка «{subject}» есть только у правил, которые считают школы по предметам (when.subject: true)' },
      { pointer: '/municipal/0/when', message: 'в условии when не сказано, какие школы считать: нужен status, factor, marker, rule, area, at_least или objectivity_level' },
      { pointer: '/municipal/1/when/level', message: 'уровень level уточняет фактор риска: укажите factor или area: risk_factors' },
    ]);
  });

  it.each([[null], [[1, 2]], ['каталог'], [{}]])('refuses %j with a problem at the root, never throwing', (json) => {
    const load = loadCatalogue(json);
    expect(load.ok).toBe(false);
    expect(!load.ok && load.problems[0].pointer).toBe('/');
  });

  it('loads the test catalogue', () => {
    expect(loadCatalogue(fixture('catalogue.json')).ok).toBe(true);
  });
});

describe('the default catalogue', () => {
  const load = loadCatalogue(readJson('recommendations', 'default.json'));
  const catalogue = (load.ok ? load.catalogue : undefined) as RecommendationCatalogue;
  const byId = new Map((catalogue?.recommendations ?? []).map((r) => [r.id, r]));

  it('is valid', () => {
    expect(load.ok ? [] : load.problems).toEqual([]);
  });

  it('gives every rule of the bundled sets recommendations it has, of the rule set\'s area', () => {
    for (const set of SETS) {
      for (const rule of set.rules) {
        const ids = rule.event.params.recommendations ?? [];
        expect([set.id, rule.name, ids.length > 0]).toEqual([set.id, rule.name, true]);
        for (const id of ids) expect([rule.name, id, byId.get(id)?.area]).toEqual([rule.name, id, set.system]);
      }
    }
  });

  it('gives a high risk level the factor\'s own measures and a medium level only the light watch', () => {
    for (const rule of SETS[1].rules) {
      const ids = rule.event.params.recommendations!;
      if (rule.event.params.level === 'medium') expect([rule.name, ids]).toEqual([rule.name, ['risk_medium_watch']]);
      else expect([rule.name, ids.includes('risk_medium_watch'), ids.length > 0]).toEqual([rule.name, false, true]);
    }
  });

  it('addresses both objectivity levels', () => {
    expect(catalogue.levels?.objectivity?.attention?.length).toBeGreaterThan(0);
    expect(catalogue.levels?.objectivity?.signs?.length).toBeGreaterThan(catalogue.levels?.objectivity?.attention?.length ?? 0);
  });

  it('spreads each area over all addressees: school, teachers, МОУО, ИРО and the region', () => {
    for (const area of ['low_results', 'risk_factors', 'objectivity'] as const) {
      const used = new Set(catalogue.recommendations.filter((r) => r.area === area).map((r) => r.addressee));
      expect([area, [...used].sort()]).toEqual([area, [...ADDRESSEES].sort()]);
    }
    expect(new Set(catalogue.municipal!.map((r) => r.addressee))).toEqual(new Set(['municipality', 'institute', 'region']));
  });

  it('takes the municipal threshold from the sample region\'s parameters (3 schools)', () => {
    const params = readJson<ParamsFile>('params', 'sample-region.json');
    for (const rule of catalogue.municipal!) expect(rule.when.min_schools).toEqual({ param: 'recommendations.municipal.min_schools' });
    expect(paramValue(params.params, 'recommendations.municipal.min_schools')).toBe(3);
  });

  it('is the catalogue the rule linter checks the sets\' recommendation ids against', () => {
    const { folder, problems } = readRuleLibrary(RULES);
    expect([...folder.problems, ...problems]).toEqual([]);
    expect(folder.recommendationIds).toEqual(new Set(byId.keys()));
  });
});
