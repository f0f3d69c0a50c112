import { buildRegionFacts, type RegionFacts } from '../../src/core/rules/facts';
import { regionData } from '../../src/core/pipeline';
import { checkFiles, SAMPLE_YEARS } from '../helpers/pipeline';

describe('facts of the sample region', () => {
  let facts: RegionFacts;
  beforeAll(async () => {
    const data = regionData(await checkFiles(SAMPLE_YEARS))!;
    facts = buildRegionFacts(data.records, data.year);
  });
  const school = (id: string) => facts.schools.find((s) => s.school.school_id === id)!;

  it('takes the latest year and every school of the register', () => {
    expect(facts.year).toBe(2025);
    expect(facts.prevYear).toBe(2024);
    expect(facts.schools.length).toBeGreaterThanOrEqual(395);
    expect(facts.subjects.length).toBeGreaterThan(3000);
  });

  it('gives each ГИА procedure its share below the minimum, labelled', () => {
    const gia = school('sch798343').gia;
    const at = (label: string) => gia.share_below_min[gia.share_below_min_labels.indexOf(label)];
    expect(at('ОГЭ, русский язык')).toBeCloseTo(41.5, 0);
    expect(at('ОГЭ, математика')).toBeCloseTo(40.4, 0);
  });

  it('ranks schools by the two-year share of «2», the worst first', () => {
    const ranks = facts.schools.map((s) => s.vpr.share_2_rank).filter((r) => r !== null);
    expect(ranks.map((r) => r!.rank).sort((a, b) => a - b).slice(0, 3)).toEqual([1, 2, 3]);
    const worst = facts.schools.find((s) => s.vpr.share_2_rank?.rank === 1)!;
    expect(worst.vpr.share_2_mean_two_years).toBeGreaterThan(27);
  });

  it('sets ВПР works beside the region, last year, task levels, ОГЭ and observers', () => {
    const unit = facts.subjects.find((u) => u.unit.school_id === 'sch195249' && u.unit.grade === 5 && u.unit.subject === 'Математика')!;
    expect(unit.tasks.basic_gap).toBeCloseTo(-9.8, 0);
    expect(unit.tasks.hard_gap).toBeGreaterThan(10);
    const noObserver = facts.subjects.find((u) => u.unit.school_id === 'sch562086' && u.unit.grade === 5 && u.unit.subject === 'Русский язык')!;
    expect(noObserver.observation.observer_present).toBe(false);
    expect(noObserver.vpr_prev).not.toBeNull();
  });

  it('puts each school in the context of its municipality and region', () => {
    const s = facts.schools[0];
    expect(typeof s.region.conditions.vacancy_rate).toBe('number');
    expect(typeof s.municipality.conditions.vacancy_rate).toBe('number');
    expect(s.percentile.conditions.vacancy_rate).toBeGreaterThanOrEqual(0);
    expect(s.percentile.conditions.vacancy_rate).toBeLessThanOrEqual(100);
  });
});
