import { IndicatorModel, type Unit } from '../../src/core/indicators/model';
import { regionData } from '../../src/core/pipeline';
import { buildRegionFacts, type RegionFacts } from '../../bench/baseline/hand-facts';
import { handRecords } from '../../bench/baseline/hand-records';
import { bundledLibrary, checkFiles, SAMPLE_YEARS } from '../helpers/pipeline';

/** The indicators of rules/indicators give, on the sample region, every fact the TypeScript of before gave. */
describe('indicators defined in files agree with the hand-written facts of the sample region', () => {
  let old: RegionFacts;
  let model: IndicatorModel;
  let schools: Unit[];
  let works: Unit[];
  beforeAll(async () => {
    const data = regionData(await checkFiles(SAMPLE_YEARS))!;
    old = buildRegionFacts(handRecords(data.sheets), data.year);
    const library = bundledLibrary();
    expect(library.problems.filter((p) => p.group === 'units' || p.group === 'indicators')).toEqual([]);
    model = new IndicatorModel(library.indicators, data.sheets, data.year);
    schools = model.units(library.indicators.units.get('school')!);
    works = model.units(library.indicators.units.get('subject')!);
    // Before objectivity is classified every school takes part in the ranking, as the hand-written facts ranked them.
    model.setOutcomes('objectivity', library.indicators.units.get('school')!, new Map(schools.map((s) => [s.keyText, { markers: 0, level: null }])));
  });

  const plain = (o: unknown) => JSON.parse(JSON.stringify(o));

  it('has the same schools and works, in the same order', () => {
    expect(schools.map((s) => s.key.school_id)).toEqual(old.schools.map((s) => s.school.school_id));
    expect(works.map((w) => `${w.key.school_id}|${w.key.grade}|${w.key.subject}`)).toEqual(old.subjects.map((u) => `${u.unit.school_id}|${u.unit.grade}|${u.unit.subject}`));
  });

  it('gives every school the same facts', () => {
    schools.forEach((s, i) => {
      const f = plain(model.facts(s));
      const o = old.schools[i];
      expect(f.school).toEqual(o.school);
      const row = (r: Record<string, unknown> | null, g: Record<string, unknown>) => (r ? expect(g).toEqual(r) : expect(Object.values(g).every((v) => v === null)).toBe(true));
      row(o.conditions, f.conditions);
      row(o.conditions_prev, f.conditions_prev);
      expect(f.vpr.share_2_max).toEqual(o.vpr.share_2_max);
      expect(f.vpr.share_2_max_labels).toEqual(o.vpr.share_2_max_labels);
      expect(f.vpr.share_2_mean_two_years).toEqual(o.vpr.share_2_mean_two_years);
      expect(f.vpr.share_2_rank).toEqual(o.vpr.share_2_rank);
      expect(f.gia.share_below_min).toEqual(o.gia.share_below_min);
      expect(f.gia.share_below_min_labels).toEqual(o.gia.share_below_min_labels);
      expect(f.gia.share_below_min_both_years).toEqual(o.gia.share_below_min_both_years);
      expect(f.gia.share_below_min_both_years_labels).toEqual(o.gia.share_below_min_both_years_labels);
      expect(f.gia.compulsory_below_min).toEqual(o.gia.compulsory_below_min);
      expect(f.gia.compulsory_below_min_labels).toEqual(o.gia.compulsory_below_min_labels);
      expect(f.gia.ege_ru_ma_below_min).toEqual(o.gia.ege_ru_ma_below_min);
      expect(f.gia.ege_failures_above).toEqual(o.gia.ege_failures_above);
      const series = f.gia_series.ege_ru_ma_worst as (number | null)[];
      expect(series.filter((v) => v !== null)).toEqual(o.gia.ege_ru_ma_worst_by_year);
      expect((f.gia_series.ege_ru_ma_worst_labels as string[]).filter((_, k) => series[k] !== null)).toEqual(o.gia.ege_ru_ma_worst_by_year_labels);
      expect({ lowest_score: f.medallists.lowest_score, lowest_score_labels: f.medallists.lowest_score_labels }).toEqual({ lowest_score: o.medallists.lowest_score, lowest_score_labels: o.medallists.lowest_score_labels });
      for (const ctx of ['region', 'municipality', 'percentile'] as const) {
        for (const [k, v] of Object.entries(o[ctx].conditions ?? {})) expect([ctx, 'conditions', k, f[ctx].conditions[k]]).toEqual([ctx, 'conditions', k, v]);
        for (const k of ['share_2_max', 'share_2_mean_two_years']) expect([ctx, 'vpr', k, f[ctx].vpr[k] ?? undefined]).toEqual([ctx, 'vpr', k, o[ctx].vpr?.[k] ?? undefined]);
      }
    });
  });

  it('gives every ВПР work the same facts', () => {
    works.forEach((w, i) => {
      const f = plain(model.facts(w));
      const o = old.subjects[i];
      expect(f.unit).toEqual(o.unit);
      expect(f.school).toEqual(o.school);
      expect(f.vpr).toEqual(o.vpr);
      if (o.vpr_prev) expect(f.vpr_prev).toEqual(o.vpr_prev);
      else expect(Object.values(f.vpr_prev).every((v) => v === null)).toBe(true);
      expect(f.region.vpr.quality).toEqual(o.vpr_region.quality_mean);
      expect(f.region.vpr.share_lowered).toEqual(o.vpr_region.share_lowered_mean);
      expect(f.vpr_change).toEqual(o.vpr_change);
      expect(f.vpr_gap).toEqual(o.vpr_gap);
      expect(f.tasks).toEqual({ basic_gap: o.tasks.basic_gap, hard_gap: o.tasks.hard_gap });
      expect(f.oge).toEqual(o.oge);
      expect(f.observation).toEqual(o.observation);
    });
  });
});
