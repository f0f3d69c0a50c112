import type { IndicatorValue } from '../../src/core/validate/value';

/**
 * What rules see. Each evaluation unit (a school, or a school × grade × subject of ВПР) is a set of
 * named facts; json-rules-engine conditions read them as {fact, path}. A fact object may carry, for a
 * path `x`, `x_labels` (what each element of an array is) and `x_prev` (last year's value): the
 * explanation shows them.
 */
export type IndicatorRow = Record<string, IndicatorValue>;

export interface SchoolFact {
  school_id: string;
  name: string;
  municipality: string;
  rural: boolean;
  small_school: boolean;
  rural_small: boolean;
  lyceum_gymnasium: boolean;
  pupils: number | null;
  share_ovz: number | null;
  share_non_native: number | null;
  share_difficult: number | null;
}

/** ВПР aggregated over Russian and mathematics, grades 4–8, for school-level rules. */
export interface VprSummaryFact {
  /** The worst share of «2» this year and where it was. */
  share_2_max: number | null;
  share_2_max_labels: string | null;
  /** Mean share of «2» this year, and over this and last year. */
  share_2_mean: number | null;
  share_2_mean_prev: number | null;
  share_2_mean_two_years: number | null;
  /** Rank by share_2_mean_two_years among the region's schools without objectivity markers (1 = worst), and the region's school count. */
  share_2_rank: { rank: number; of: number } | null;
}

/** ГИА procedures (exam × subject) of the school. */
export interface GiaFact {
  /** Share below the minimum per procedure this year. */
  share_below_min: number[];
  share_below_min_labels: string[];
  /** Per procedure given both years: the smaller of the two years' shares (≥ a threshold means both years were). */
  share_below_min_both_years: number[];
  share_below_min_both_years_labels: string[];
  /** Graduates below the minimum in compulsory subjects (Russian, mathematics) of ОГЭ and ЕГЭ this year. */
  compulsory_below_min: number;
  compulsory_below_min_labels: string | null;
  /** ЕГЭ graduates below the minimum in Russian and mathematics this year, and the share of the region's that schools with more of them hold. */
  ege_ru_ma_below_min: number;
  ege_failures_above: number | null;
  /** Per year of ЕГЭ given: the smaller of the Russian and mathematics shares below the minimum (both unsatisfactory when it is over a threshold). */
  ege_ru_ma_worst_by_year: number[];
  ege_ru_ma_worst_by_year_labels: string[];
}

export interface MedallistsFact {
  count: number;
  /** Lowest ЕГЭ score of a medallist in Russian or profile mathematics. */
  lowest_score: number | null;
  lowest_score_labels: string | null;
}

export interface ObjectivityFact {
  markers: number;
  level: 'signs' | 'attention' | null;
}

/** ВПР of one grade × subject, with the region and last year beside it. */
export interface VprUnitFacts {
  unit: { school_id: string; year: number; grade: number; subject: string };
  school: SchoolFact;
  vpr: IndicatorRow;
  vpr_prev: IndicatorRow | null;
  vpr_region: { quality_mean: number | null; quality_pooled: number | null; share_2_mean: number | null; share_lowered_mean: number | null; share_raised_mean: number | null };
  vpr_change: { quality: number | null };
  vpr_gap: { region_quality: number | null; quality_vs_region: number | null };
  /** Mean gap of the school's solve rate to the region's, by task level. */
  tasks: { basic_gap: number | null; advanced_gap: number | null; high_gap: number | null; hard_gap: number | null };
  /** The school's ОГЭ in the same subject this year against the region. */
  oge: { mean_mark: number | null; region_mean_mark: number | null; gap: number | null };
  observation: { observer_present: boolean | null };
}

export interface SchoolUnitFacts {
  school: SchoolFact;
  conditions: IndicatorRow | null;
  conditions_prev: IndicatorRow | null;
  vpr: VprSummaryFact;
  gia: GiaFact;
  medallists: MedallistsFact;
  objectivity: ObjectivityFact;
  /** Means of numeric indicators in the school's municipality and in the region: {conditions: {code: mean}, vpr: {...}}. */
  municipality: Record<string, Record<string, number | null>>;
  region: Record<string, Record<string, number | null>>;
  /** Percentile (0–100, share of schools with a smaller value) of each numeric indicator in the region. */
  percentile: Record<string, Record<string, number | null>>;
}
