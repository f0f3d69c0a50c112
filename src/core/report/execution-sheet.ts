import type { ExecutionAnalysis } from '../cycle/measure-effect';
import { effectText, EXECUTION_STATUS } from '../messages/cycle';
import { plural } from '../messages/numbers';
import type { ReportSheet, ReportValue } from './report-sheet';

const STATUS_FILLS = { done: 'E2EFDA', partly: 'FFF4D6', not_done: 'FBE3E1', conflict: 'FBE3E1', unrecognised: 'FFF4D6' };

/**
 * «Выполнение мероприятий»: last year's plan as it came back — per measure type over the region and in
 * each municipality, how many schools improved where the measure was carried out and where it was not;
 * then every measure with its mark, where the mark is, and its system's findings then and now.
 */
export function executionSheet(analysis: ExecutionAnalysis, stamp: string, linkOf: (source: string) => string | undefined): ReportSheet {
  const { readback, year } = analysis;
  const rows: ReportSheet['rows'] = [];
  for (const t of analysis.totals)
    rows.push({
      cells: { measure: t.title, municipality: t.municipality ?? 'Регион в целом', school: '', mark: '', status: '', where: '', findings: '', carried: effectText(t.carried), notCarried: effectText(t.notCarried) },
      bold: true,
    });
  for (const r of analysis.rows) {
    const e = r.execution;
    const first = e.marks.find((m) => m.status === e.status) ?? e.marks[0];
    const file = linkOf(first.at.source);
    const where: ReportValue = file !== undefined ? { text: `${first.at.source}, ${first.at.sheet}!${first.at.cell}`, target: { ...(file && { file }), sheet: first.at.sheet, cell: first.at.cell } } : `${first.at.source}, ${first.at.sheet}!${first.at.cell}`;
    rows.push({
      cells: {
        measure: r.title === e.measure ? e.measure : `${r.title}: ${e.measure}`,
        municipality: e.municipality,
        school: e.school,
        mark: [...new Set(e.marks.map((m) => m.raw).filter(Boolean))].join('; '),
        status: EXECUTION_STATUS[e.status],
        where,
        findings: r.before !== undefined || r.after !== undefined ? `${r.before ?? '—'} → ${r.after ?? '—'}` : '',
        carried: r.improved === undefined ? '' : r.improved ? 'улучшение' : 'без улучшения',
        notCarried: '',
      },
      roles: { status: e.status },
    });
  }
  return {
    name: 'Выполнение мероприятий',
    stamp: `${stamp}; план ${readback.year} года из ${plural(new Set(readback.plans.map((p) => p.source)).size, 'книги', 'книг', 'книг')}`,
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'measure', header: 'Мероприятие', width: 50, wrap: true },
      { key: 'municipality', header: 'Муниципалитет', width: 22, wrap: true },
      { key: 'school', header: 'ОО', width: 30, wrap: true },
      { key: 'mark', header: 'Отметка о выполнении', width: 20, wrap: true },
      { key: 'status', header: 'Статус', width: 18, wrap: true },
      { key: 'where', header: 'Где отметка', width: 30, wrap: true },
      { key: 'findings', header: `Находки направления, ${readback.year} → ${year}`, width: 16 },
      { key: 'carried', header: 'Выполнено: улучшение', width: 26, wrap: true },
      { key: 'notCarried', header: 'Не выполнено или без отметки: улучшение', width: 26, wrap: true },
    ],
    rows: rows.map((r, i) => ({ ...r, cells: { n: i + 1, ...r.cells } })),
    table: 'Execution',
    freezeColumns: 2,
    tabColor: 'FF7030A0',
    fills: STATUS_FILLS,
  };
}
