import type { AddressedRecommendation } from '../recommend/address';
import { formatDateRu } from '../recommend/deadline';
import { recommendationKey } from '../recommend/key';
import { repeatText } from '../messages/cycle';
import type { ReportSheet } from './report-sheet';

/**
 * «Адресные рекомендации» as regional plans lay them out — whom, what, by when, who answers for it,
 * the expected result and the basis — with an empty column for the executor's report.
 */
export function recommendationsSheet(recommendations: readonly AddressedRecommendation[], stamp: string, fills: Record<string, string> = {}): ReportSheet {
  return {
    name: 'Адресные рекомендации',
    stamp,
    columns: [
      { key: 'n', header: '№', width: 6 },
      { key: 'municipality', header: 'Муниципалитет', width: 22, wrap: true },
      { key: 'school', header: 'ОО', width: 30, wrap: true },
      { key: 'addressee', header: 'Адресат', width: 18, wrap: true },
      { key: 'basis', header: 'Основание', width: 50, wrap: true },
      { key: 'measure', header: 'Рекомендация', width: 50, wrap: true },
      { key: 'deadline', header: 'Срок', width: 12 },
      { key: 'responsible', header: 'Ответственный', width: 26, wrap: true },
      { key: 'expected', header: 'Ожидаемый результат', width: 36, wrap: true },
      { key: 'done', header: 'Отметка о выполнении', width: 24, wrap: true },
      { key: 'code', header: 'Код', width: 16 },
    ],
    rows: recommendations.map((r, i) => ({
      cells: {
        n: i + 1,
        municipality: r.municipality,
        school: r.schoolName ? `${r.schoolName} (${r.schoolId})` : r.subject ? `Муниципалитет в целом (${r.subject.toLowerCase()})` : 'Муниципалитет в целом',
        addressee: r.addresseeTitle,
        basis: r.basis,
        measure: r.repeat ? `${repeatText(r.repeat)}\n${r.measure}` : r.measure,
        deadline: formatDateRu(r.deadline),
        responsible: r.responsible,
        expected: r.expected,
        done: '',
        code: recommendationKey(r),
      },
      roles: { basis: r.area },
    })),
    table: 'Recommendations',
    freezeColumns: 3,
    tabColor: 'FF548235',
    fills,
  };
}
