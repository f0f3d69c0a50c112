import type { MukoReport, MukoValue } from '../cycle/muko';
import type { ReportSheet, ReportValue } from './report-sheet';

const round1 = (v: number | null): ReportValue => (v === null ? null : Math.round(v * 10) / 10);
const ofText = (v: MukoValue | undefined) => (v && v.part !== undefined && v.whole !== undefined ? `${v.part} из ${v.whole}` : '');

/**
 * «Показатели МУКО»: the region's shares the federal assessment of management mechanisms asks for,
 * system by system, this year and last, with the counts behind each share and its change.
 */
export function mukoSheet(report: MukoReport, stamp: string, systemTitles: Record<string, string>): ReportSheet {
  const { year, prevYear } = report;
  return {
    name: 'Показатели МУКО',
    stamp,
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'system', header: 'Направление', width: 24, wrap: true },
      { key: 'title', header: 'Показатель', width: 50, wrap: true },
      { key: 'now', header: `${year}, %`, width: 10 },
      { key: 'nowOf', header: `${year}: ОО, процедур, мероприятий`, width: 18, wrap: true },
      { key: 'prev', header: `${prevYear}, %`, width: 10 },
      { key: 'prevOf', header: `${prevYear}: ОО, процедур`, width: 16, wrap: true },
      { key: 'change', header: 'Изменение, п. п.', width: 12 },
      { key: 'basis', header: 'Основание', width: 40, wrap: true },
    ],
    rows: report.rows.map((r, i) => {
      const now = round1(r.now.share) as number | null;
      const prev = r.prev ? (round1(r.prev.share) as number | null) : null;
      return {
        cells: {
          n: i + 1,
          system: r.system ? (systemTitles[r.system] ?? r.system) : 'Адресные рекомендации',
          title: r.title,
          now,
          nowOf: ofText(r.now),
          prev,
          prevOf: ofText(r.prev),
          change: now !== null && prev !== null ? Math.round((now - prev) * 10) / 10 : null,
          basis: r.basis ?? '',
        },
      };
    }),
    table: 'Muko',
    freezeColumns: 3,
    tabColor: 'FF7030A0',
  };
}
