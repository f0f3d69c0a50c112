import type { SchoolUnitFacts, VprUnitFacts } from './baseline/hand-fact-model';
import { paramValue } from '../src/core/rules/params';
import type { ParamsFile } from '../src/core/rules/rule-set';

/**
 * The bundled rule sets written by hand as TypeScript predicates: the baseline the rules engine is
 * measured against. Same facts, same thresholds, same verdicts (the bench checks the counts agree).
 */
export function handwrittenRules(params: ParamsFile) {
  const p = (path: string) => paramValue(params.params, path) as number;
  const n = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const ge = (v: unknown, t: number) => n(v) && v >= t;
  const gt = (v: unknown, t: number) => n(v) && v > t;
  const lt = (v: unknown, t: number) => n(v) && v < t;
  const le = (v: unknown, t: number) => n(v) && v <= t;
  const countAtLeast = (xs: number[], t: number, k: number) => xs.filter((x) => x >= t).length >= k;
  const omsk = p('low_results.omsk.share');

  function lowResults(s: SchoolUnitFacts): string[] {
    const fired: string[] = [];
    if (countAtLeast(s.gia.share_below_min, omsk, p('low_results.omsk.procedures'))) fired.push('omsk_two_procedures');
    if (countAtLeast(s.gia.share_below_min_both_years, omsk, p('low_results.omsk.same_procedures'))) fired.push('omsk_same_procedure');
    if (countAtLeast(s.gia.ege_ru_ma_worst_by_year, p('low_results.hse.share'), p('low_results.hse.years'))) fired.push('hse_three_years');
    if (le(s.gia.ege_failures_above, p('low_results.hse.wider_share'))) fired.push('hse_wider_group');
    if (ge(s.gia.compulsory_below_min, p('low_results.rosobrnadzor.graduates_below_min'))) fired.push('rosobrnadzor_gia_below_min');
    if (gt(s.vpr.share_2_max, p('low_results.rosobrnadzor.diagnostic_share_2'))) fired.push('rosobrnadzor_diagnostic');
    const r = s.vpr.share_2_rank;
    if (r && r.rank <= Math.ceil((r.of * p('low_results.fioko.worst_share')) / 100)) fired.push('fioko_bottom_decile');
    const social = [
      ge(s.school.share_difficult, p('low_results.shnsu.share_difficult')),
      ge(s.school.share_non_native, p('low_results.shnsu.share_non_native')),
      ge(s.school.share_ovz, p('low_results.shnsu.share_ovz')),
      s.school.rural_small === true,
    ];
    if (social.filter(Boolean).length >= 2) fired.push('shnsu');
    return fired;
  }

  function riskFactors(s: SchoolUnitFacts): string[] {
    const c = s.conditions ?? {};
    const level = (factor: string, isAt: (l: 'high' | 'medium') => boolean) => (isAt('high') ? [`${factor}_high`] : isAt('medium') ? [`${factor}_medium`] : []);
    const t = (path: string, l: string) => p(`risk_factors.${path}.${l}`);
    return [
      ...level('equipment', (l) => lt(c.computers_per_100, t('equipment.computers_per_100', l)) || lt(c.equipped_classrooms, t('equipment.equipped_classrooms', l)) || lt(c.internet_speed, t('equipment.internet_speed', l))),
      ...level('staffing', (l) => ge(c.vacancy_rate, t('staffing.vacancy_rate', l)) || ge(c.share_part_time, t('staffing.share_part_time', l))),
      ...level('subject_competence', (l) => lt(c.share_diagnostics_passed, t('subject_competence.share_diagnostics_passed', l)) || ge(c.share_no_subject_education, t('subject_competence.share_no_subject_education', l))),
      ...level('adaptivity', (l) => lt(c.differentiated_lessons, t('adaptivity.differentiated_lessons', l))),
      ...level('pd_system', (l) => lt(c.share_pd_3y, t('pd_system.share_pd_3y', l)) && c.individual_pd_plans === false),
      ...level('language_barriers', (l) => ge(s.school.share_non_native, t('language_barriers.share_non_native', l)) && c.language_support === false),
      ...level('environment', (l) => lt(c.climate_index, t('environment.climate_index', l)) || ge(c.bullying_cases, t('environment.bullying_cases', l))),
      ...level('learning_risk', (l) => ge(c.learning_risk, t('learning_risk.learning_risk', l))),
      ...level('parents', (l) => lt(c.parent_meetings_attendance, t('parents.parent_meetings_attendance', l)) || lt(c.parents_satisfied, t('parents.parents_satisfied', l))),
      ...level('motivation', (l) => ge(c.low_motivation, t('motivation.low_motivation', l))),
      ...level('ovz', (l) => ge(s.school.share_ovz, t('ovz.share_ovz', l))),
      ...level('discipline', (l) => ge(c.discipline_problems, t('discipline.discipline_problems', l))),
    ];
  }

  function objectivityWork(u: VprUnitFacts): string[] {
    const fired: string[] = [];
    if (ge(u.vpr_gap.quality_vs_region, p('objectivity.vpr_above_region.quality_gap')) && lt(u.oge.gap, p('objectivity.vpr_above_region.oge_gap_max')) && u.school.lyceum_gymnasium === false) fired.push('vpr_above_region_unconfirmed');
    if (ge(u.tasks.hard_gap, p('objectivity.task_inversion.hard_gap')) && le(u.tasks.basic_gap, p('objectivity.task_inversion.basic_gap'))) fired.push('task_inversion');
    if (ge(u.vpr.share_lowered, p('objectivity.high_lowered.share_lowered'))) fired.push('high_lowered');
    if (ge(u.vpr.share_raised, p('objectivity.high_raised.share_raised'))) fired.push('high_raised');
    if (ge(u.vpr_change.quality, p('objectivity.sharp_jump.quality_change'))) fired.push('sharp_jump');
    if (u.observation.observer_present === false) fired.push('no_observer');
    return fired;
  }

  function objectivitySchool(s: SchoolUnitFacts): string[] {
    return lt(s.medallists.lowest_score, p('objectivity.medallists_below.score')) ? ['medallists_below'] : [];
  }

  return { lowResults, riskFactors, objectivityWork, objectivitySchool };
}
