import { missingText, TARGET_DIRECTION, TARGET_LEVEL, TARGET_LEVEL_ALL, TARGET_STATUS, trendText } from '../messages/targets';
import type { TargetReport } from '../targets/plan-fact';
import type { ReportSheet } from './report-sheet';

/** Fills of the statuses: met, not met; «нет данных» stays white, as a blank cell would. */
const STATUS_FILLS = { achieved: 'E2EFDA', not_achieved: 'FBE3E1' };

/**
 * «Целевые показатели»: plan against fact for every target, whom it is set for and year — the region,
 * the municipalities, the participants together and each participant («по каждому Участнику Проекта»).
 */
export function targetsSheet(report: TargetReport, stamp: string): ReportSheet {
  return {
    name: 'Целевые показатели',
    stamp: [stamp, ...report.passports.map((p) => p.title)].join('; '),
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'target', header: 'Пункт', width: 7 },
      { key: 'title', header: 'Показатель', width: 46, wrap: true },
      { key: 'unit', header: 'Ед. изм.', width: 7 },
      { key: 'level', header: 'Уровень', width: 17 },
      { key: 'municipality', header: 'Муниципалитет', width: 22, wrap: true },
      { key: 'school', header: 'ОО', width: 30, wrap: true },
      { key: 'year', header: 'Год', width: 7 },
      { key: 'direction', header: 'Условие', width: 9 },
      { key: 'plan', header: 'План', width: 8 },
      { key: 'fact', header: 'Факт', width: 8 },
      { key: 'status', header: 'Статус', width: 14 },
      { key: 'prev', header: 'Прошлый год', width: 12 },
      { key: 'trend', header: 'Динамика', width: 14 },
      { key: 'note', header: 'Примечание', width: 30, wrap: true },
      { key: 'basis', header: 'Основание', width: 40, wrap: true },
    ],
    rows: report.rows.map((r, i) => ({
      cells: {
        n: i + 1,
        target: r.target,
        title: r.title,
        unit: r.unit ?? '',
        level: r.level === 'participants' && !r.schoolId ? TARGET_LEVEL_ALL : TARGET_LEVEL[r.level],
        municipality: r.municipality,
        school: r.schoolId ? `${r.name || 'нет в реестре'} (${r.schoolId})` : r.name,
        year: r.year,
        direction: TARGET_DIRECTION[r.direction],
        plan: r.plan,
        fact: r.fact,
        status: TARGET_STATUS[r.status],
        prev: r.prevFact,
        trend: trendText(r.trend, r.fact, r.prevFact),
        note: r.missing ? missingText(r.missing, r.year) : '',
        basis: r.basis ?? '',
      },
      ...(r.status !== 'no_data' && { roles: { status: r.status } }),
    })),
    table: 'Targets',
    freezeColumns: 3,
    tabColor: 'FF2F5597',
    fills: STATUS_FILLS,
  };
}
