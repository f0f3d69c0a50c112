import type { MissingFact, TargetStatus, TargetTrend } from '../targets/plan-fact';
import type { TargetDirection, TargetLevel } from '../targets/passport';
import { formatValue } from './phrases';

/** The Russian words of plan against fact, in one place. */

export const TARGET_STATUS: Record<TargetStatus, string> = { achieved: 'достигнуто', not_achieved: 'не достигнуто', no_data: 'нет данных' };
export const TARGET_DIRECTION: Record<TargetDirection, string> = { at_most: 'не выше', at_least: 'не ниже' };
export const TARGET_LEVEL: Record<TargetLevel, string> = { school: 'ОО', participants: 'участник проекта', municipality: 'муниципалитет', region: 'регион' };
/** The participants' row taken together. */
export const TARGET_LEVEL_ALL = 'участники проекта';

/** «лучше на 2,3», «хуже на 1», «без изменений». */
export function trendText(trend: TargetTrend | undefined, fact: number | null, prev: number | null): string {
  if (!trend || fact === null || prev === null) return '';
  if (trend === 'same') return 'без изменений';
  return `${trend === 'better' ? 'лучше' : 'хуже'} на ${formatValue(Math.abs(Math.round((fact - prev) * 10) / 10))}`;
}

export function missingText(missing: MissingFact, year: number): string {
  if (missing.code === 'not_in_register') return `ОО нет в реестре ${year} года`;
  return `нет записей в форме ${missing.form} за ${year} год`;
}

/** «Целевые показатели 2025 года: достигнуто 40, не достигнуто 98, нет данных 22». */
export function targetsLine(t: Record<TargetStatus, number> & { year: number }): string {
  return `Целевые показатели ${t.year} года: ${(Object.keys(TARGET_STATUS) as TargetStatus[]).map((s) => `${TARGET_STATUS[s]} ${t[s]}`).join(', ')}`;
}
