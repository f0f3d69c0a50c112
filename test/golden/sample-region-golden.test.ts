import { readFileSync } from 'node:fs';
import { type Golden, GOLDEN_FILE, sampleRegionGolden } from './golden';

describe('the sample region classifies and addresses exactly as recorded in the golden file', () => {
  let now: Golden;
  const before = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;
  beforeAll(async () => {
    now = await sampleRegionGolden();
  });

  it('finds the same issues in every form of 2024, 2025 and the incoming folder', () => {
    expect(now.issues).toEqual(before.issues);
  });

  it('gives every school the same findings, levels and explanations', () => {
    expect(now.schools.length).toBe(before.schools.length);
    for (let i = 0; i < before.schools.length; i++) expect(now.schools[i]).toEqual(before.schools[i]);
  });

  it('addresses the same recommendations, row for row', () => {
    expect(now.recommendations.length).toBe(before.recommendations.length);
    for (let i = 0; i < before.recommendations.length; i++) expect(now.recommendations[i]).toEqual(before.recommendations[i]);
  });

  it('compares the same plan with the same fact for every target, unit and year', () => {
    expect(now.targets).toEqual(before.targets);
  });

  it('finds the same schools staying on, leaving and coming onto last year’s lists', () => {
    expect(now.changes).toEqual(before.changes);
  });

  it('reads last year’s plan back with the same statuses and judges its measures alike', () => {
    expect(now.execution).toEqual(before.execution);
  });

  it('draws the same classification, recommendation, appendix, targets, effectiveness, execution and МУКО sheets', () => {
    expect(now.sheets).toEqual(before.sheets);
  });
});
