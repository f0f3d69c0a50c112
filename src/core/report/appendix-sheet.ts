import { appendixCode, type Appendices } from '../cycle/appendices';
import { APPENDIX_CHANGE, appendixTotalsText, removedText } from '../messages/cycle';
import type { ReportSheet } from './report-sheet';

const CHANGE_FILLS = { new: 'FBE3E1', removed: 'E2EFDA' };

/**
 * «Приложение к приказу»: each list the region approves by an order, ready to be its appendix — the
 * schools with why, what changed against last year's approved list, a column for the МОУО's agreement
 * (marks that came back are kept in it) and the rows' codes, by which next year's run reads it back.
 */
export function appendixSheet(a: Appendices, stamp: string): ReportSheet {
  const rows: ReportSheet['rows'] = [];
  for (const l of a.lists) {
    rows.push({
      cells: { n: '', list: `${l.title} (приложение к приказу от «___» ____________ ${a.year} г. № ____)`, municipality: '', school: '', basis: l.basis ?? '', change: appendixTotalsText(l, a.prevYear), agreement: '', code: '' },
      bold: true,
    });
    l.schools.forEach((s, i) =>
      rows.push({
        cells: {
          n: i + 1,
          list: l.label,
          municipality: s.municipality,
          school: `${s.name} (${s.schoolId})`,
          basis: s.basis,
          change: s.change ? APPENDIX_CHANGE[s.change] : '',
          agreement: [...new Set(s.agreement?.marks.map((m) => m.raw).filter(Boolean) ?? [])].join('; '),
          code: appendixCode(l.list, s.schoolId),
        },
        ...(s.change === 'new' && { roles: { change: 'new' } }),
      }),
    );
    for (const r of l.removed)
      rows.push({
        cells: { n: '', list: l.label, municipality: r.municipality, school: `${r.name} (${r.schoolId})`, basis: r.before, change: removedText(r, a.year), agreement: '', code: appendixCode(l.list, r.schoolId) },
        roles: { change: 'removed' },
      });
  }
  return {
    name: 'Приложение к приказу',
    stamp,
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'list', header: 'Перечень', width: 34, wrap: true },
      { key: 'municipality', header: 'Муниципалитет', width: 22, wrap: true },
      { key: 'school', header: 'ОО', width: 34, wrap: true },
      { key: 'basis', header: 'Основание включения', width: 50, wrap: true },
      { key: 'change', header: `Против ${a.prevYear} года`, width: 26, wrap: true },
      { key: 'agreement', header: 'Согласовано МОУО', width: 18, wrap: true },
      { key: 'code', header: 'Код', width: 32 },
    ],
    rows,
    table: 'Appendix',
    freezeColumns: 2,
    tabColor: 'FF548235',
    fills: CHANGE_FILLS,
  };
}
