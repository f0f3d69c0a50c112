import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { compileIndicators } from '../../src/core/indicators/compile';
import { IndicatorModel } from '../../src/core/indicators/model';
import { bundledTemplates, REPO } from '../helpers/templates';

/** A group over the register: each school's pupils, and the share of the region's pupils at schools with more. */
const GROUP = {
  id: 'test',
  title: 'Проверка',
  unit: 'school',
  from: 'register.schools',
  indicators: [
    { id: 'pupils', title: 'Обучающихся', unit: 'чел.', aggregate: 'first', value: 'pupils' },
    { id: 'above', title: 'Доля обучающихся региона в школах, где их больше', unit: '%', aggregate: 'cumulative_share', of: 'pupils' },
  ],
};

const { definitions, problems } = compileIndicators(
  [{ file: 'units/school.json', json: JSON.parse(readFileSync(path.join(REPO, 'rules', 'units', 'school.json'), 'utf8')) }],
  [{ file: 'indicators/test.json', json: GROUP }],
  bundledTemplates(),
);

function shares(pupils: readonly number[]): { value: unknown; labels: unknown }[] {
  const rows = pupils.map((n, i) => ({ school_id: `sch${String(i).padStart(6, '0')}`, name: `Школа ${i}`, municipality: 'г. Приозёрск', pupils: n }));
  const model = new IndicatorModel(definitions, new Map([['register.schools', rows]]), 2025);
  return model.units(definitions.units.get('school')!).map((u) => {
    const test = model.facts(u, ['test']).test as Record<string, unknown>;
    return { value: test.above, labels: test.above_labels };
  });
}

describe('cumulative_share: the share of the total its peers ranked above a unit hold', () => {
  it('compiles without a problem', () => expect(problems).toEqual([]));

  it('equals, for any values with ties and zeros, 100 · Σ of the strictly larger values / Σ of all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }), (pupils) => {
        const total = pupils.reduce((a, b) => a + b, 0);
        const expected = pupils.map((n) => (total > 0 ? (100 * pupils.filter((m) => m > n).reduce((a, b) => a + b, 0)) / total : null));
        const got = shares(pupils).map((s) => s.value as number | null);
        got.forEach((v, i) => (expected[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(expected[i]!, 9)));
      }),
      { numRuns: 300 },
    );
  });

  it('labels each unit with its part of the total, which explanations quote', () => {
    expect(shares([46, 24, 18]).map((s) => s.labels)).toEqual(['46 из 88 чел.', '24 из 88 чел.', '18 из 88 чел.']);
    expect(shares([46, 24, 18]).map((s) => Math.round((s.value as number) * 10) / 10)).toEqual([0, 52.3, 79.5]);
  });
});
