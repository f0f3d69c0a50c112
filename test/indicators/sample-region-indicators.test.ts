import type { CompiledUnit } from '../../src/core/indicators/compile';
import { IndicatorModel, type Unit } from '../../src/core/indicators/model';
import { regionData } from '../../src/core/pipeline';
import { bundledLibrary, checkFiles, SAMPLE_YEARS } from '../helpers/pipeline';

type Facts = Record<string, Record<string, unknown>>;

describe('indicators of the sample region, as rules/indicators defines them', () => {
  let model: IndicatorModel;
  let school: CompiledUnit;
  let schools: Unit[];
  let works: Unit[];
  let data: NonNullable<ReturnType<typeof regionData>>;
  beforeAll(async () => {
    data = regionData(await checkFiles(SAMPLE_YEARS))!;
    const defs = bundledLibrary().indicators;
    model = new IndicatorModel(defs, data.sheets, data.year);
    school = defs.units.get('school')!;
    schools = model.units(school);
    works = model.units(defs.units.get('subject')!);
  });
  const factsOf = (id: string) => model.facts(schools.find((s) => s.key.school_id === id)!) as Facts;
  const workOf = (id: string, grade: number, subject: string) => model.facts(works.find((w) => w.key.school_id === id && w.key.grade === grade && w.key.subject === subject)!) as Facts;

  it('takes the latest year, every year read, and every school of the register', () => {
    expect(model.year).toBe(2025);
    expect(model.years).toEqual([2024, 2025]);
    expect(schools.length).toBeGreaterThanOrEqual(395);
    expect(works.length).toBeGreaterThan(3000);
  });

  it('gives each ГИА procedure its share below the minimum, labelled', () => {
    const gia = factsOf('sch798343').gia;
    const at = (label: string) => (gia.share_below_min as number[])[(gia.share_below_min_labels as string[]).indexOf(label)];
    expect(at('ОГЭ, русский язык')).toBeCloseTo(41.5, 0);
    expect(at('ОГЭ, математика')).toBeCloseTo(40.4, 0);
  });

  it('ranks schools by the two-year share of «2», the worst first, leaving out only those with signs of non-objective results', () => {
    // «500+» leaves out schools with signs of non-objectivity; a school «в зоне внимания» (one marker) is ranked.
    const signs = new Set(schools.slice(0, 25).map((s) => s.keyText));
    const attention = new Set(schools.slice(25, 50).map((s) => s.keyText));
    const outcome = (k: string) => (signs.has(k) ? { markers: 3, level: 'signs' } : attention.has(k) ? { markers: 1, level: 'attention' } : { markers: 0, level: null });
    model.setOutcomes('objectivity', school, new Map(schools.map((s) => [s.keyText, outcome(s.keyText)])));
    const ranks = schools.map((s) => ({ s, r: (model.facts(s) as Facts).vpr.share_2_rank as { rank: number; of: number } | null }));
    expect(ranks.filter((x) => signs.has(x.s.keyText)).every((x) => x.r === null)).toBe(true);
    expect(ranks.filter((x) => attention.has(x.s.keyText) && (model.facts(x.s) as Facts).vpr.share_2_mean_two_years !== null).every((x) => x.r !== null)).toBe(true);
    const ranked = ranks.filter((x) => x.r !== null);
    expect(ranked.map((x) => x.r!.rank).sort((a, b) => a - b).slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(ranked.map((x) => x.r!.of)).size).toBe(1);
    expect(ranked[0].r!.of).toBeGreaterThan(ranked.length);
    const worst = ranked.find((x) => x.r!.rank === 1)!;
    expect((model.facts(worst.s) as Facts).vpr.share_2_mean_two_years).toBeGreaterThan(27);
  });

  it('compares a work with the region\'s pupils, not with the mean of its schools: ВПР quality and ОГЭ mark', () => {
    const unit = workOf('sch195249', 8, 'Математика');
    const rows = data.sheets.get('vpr.results')!.filter((r) => r.year === 2025 && r.grade === 8 && r.subject === 'Математика' && (r.participants as number) > 0);
    const pooled = (100 * rows.reduce((s, r) => s + (r.n4 as number) + (r.n5 as number), 0)) / rows.reduce((s, r) => s + (r.participants as number), 0);
    const meanOfSchools = rows.reduce((s, r) => s + (r.quality as number), 0) / rows.length;
    expect(Math.abs(pooled - meanOfSchools)).toBeGreaterThan(0.5);
    expect(unit.vpr_gap.region_quality).toBeCloseTo(pooled, 9);
    expect(unit.vpr_gap.quality_vs_region).toBeCloseTo((unit.vpr.quality as number) - pooled, 9);
    const oge = data.sheets.get('gia.oge')!.filter((r) => r.year === 2025 && r.subject === 'Математика' && (r.participants as number) > 0);
    const weighted = oge.reduce((s, r) => s + (r.mean_mark as number) * (r.participants as number), 0) / oge.reduce((s, r) => s + (r.participants as number), 0);
    const meanOfMarks = oge.reduce((s, r) => s + (r.mean_mark as number), 0) / oge.length;
    expect(Math.abs(weighted - meanOfMarks)).toBeGreaterThan(0.005);
    expect(unit.oge.region_mean_mark).toBeCloseTo(weighted, 9);
  });

  it('sets ВПР works beside the region, last year, task levels, ОГЭ and observers', () => {
    const unit = workOf('sch195249', 5, 'Математика');
    expect(unit.tasks.basic_gap).toBeCloseTo(-9.8, 0);
    expect(unit.tasks.hard_gap).toBeGreaterThan(10);
    const noObserver = workOf('sch562086', 5, 'Русский язык');
    expect(noObserver.observation.observer_present).toBe(false);
    expect(noObserver.vpr_prev.quality).not.toBeNull();
    expect(noObserver.vpr_change.quality).toBeCloseTo((noObserver.vpr.quality as number) - (noObserver.vpr_prev.quality as number), 9);
  });

  it('puts each school in the context of its municipality and region', () => {
    const s = model.facts(schools[0]) as Record<string, Facts>;
    expect(typeof s.region.conditions.vacancy_rate).toBe('number');
    expect(typeof s.municipality.conditions.vacancy_rate).toBe('number');
    expect(s.percentile.conditions.vacancy_rate).toBeGreaterThanOrEqual(0);
    expect(s.percentile.conditions.vacancy_rate).toBeLessThanOrEqual(100);
    expect(s.region_weighted.vpr.share_2_mean_two_years).toBeGreaterThan(0);
  });

  it('gives every indicator as a series of the years read, the oldest first', () => {
    const f = factsOf('sch798343');
    expect(f.vpr_series.share_2_max).toEqual([f.vpr_prev.share_2_max, f.vpr.share_2_max]);
    expect(f.vpr_series.share_2_max_labels).toEqual(['2024 г.', '2025 г.']);
  });

  it('follows a cohort: this year\'s 6th grade is last year\'s 5th of the same school and subject', () => {
    const sixth = works.filter((x) => x.key.grade === 6 && x.key.subject === 'Математика');
    let followed = 0;
    for (const w of sixth) {
      const fifth = works.find((x) => x.key.school_id === w.key.school_id && x.key.grade === 5 && x.key.subject === 'Математика');
      if (!fifth) continue;
      // Views of different units: their values, as JSON gives them, are what must agree.
      expect(JSON.parse(JSON.stringify((model.facts(w) as Facts).vpr_cohort))).toEqual(JSON.parse(JSON.stringify((model.facts(fifth) as Facts).vpr_prev)));
      followed++;
    }
    expect(followed).toBeGreaterThan(100);
  });
});
