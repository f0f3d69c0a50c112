import type { ListChanges } from '../cycle/list-changes';
import { LIST_CHANGE, listTotalsText, yearsReadText } from '../messages/cycle';
import type { ReportSheet } from './report-sheet';

/** Fills of the changes: off the list is the good news, onto it the bad. */
const CHANGE_FILLS = { left: 'E2EFDA', new: 'FBE3E1' };

/**
 * «Анализ эффективности»: for every list of every system, last year's schools against this year's —
 * each list's totals, then each school that left it, came onto it or stayed, with why then and now.
 */
export function effectivenessSheet(changes: ListChanges, stamp: string, systemTitles: Record<string, string>): ReportSheet {
  const { prevYear, year } = changes;
  const rows: ReportSheet['rows'] = [];
  for (const t of changes.totals) {
    rows.push({ cells: { system: systemTitles[t.system] ?? t.system, list: t.list, change: listTotalsText(t), municipality: '', school: 'Регион в целом', before: '', after: '' }, bold: true });
    for (const r of changes.rows.filter((x) => x.system === t.system && x.list === t.list))
      rows.push({
        cells: { system: systemTitles[r.system] ?? r.system, list: r.list, change: LIST_CHANGE[r.change], municipality: r.municipality, school: `${r.name} (${r.schoolId})`, before: r.before, after: r.after },
        ...(r.change !== 'stayed' && { roles: { change: r.change } }),
      });
  }
  return {
    name: 'Анализ эффективности',
    stamp: `${stamp}; списки ${prevYear} года — по тем же правилам ${yearsReadText(changes.prevYearsRead)}`,
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'system', header: 'Направление', width: 24, wrap: true },
      { key: 'list', header: 'Список', width: 22, wrap: true },
      { key: 'change', header: `${prevYear} → ${year}`, width: 24, wrap: true },
      { key: 'municipality', header: 'Муниципалитет', width: 22, wrap: true },
      { key: 'school', header: 'ОО', width: 30, wrap: true },
      { key: 'before', header: `Основание в ${prevYear} году`, width: 50, wrap: true },
      { key: 'after', header: `Основание в ${year} году`, width: 50, wrap: true },
    ],
    rows: rows.map((r, i) => ({ ...r, cells: { n: i + 1, ...r.cells } })),
    table: 'Effectiveness',
    freezeColumns: 3,
    tabColor: 'FF7030A0',
    fills: CHANGE_FILLS,
  };
}
