import { lowResultsStatus, OBJECTIVITY_LEVEL_TITLES, type SchoolClassification } from '../rules/classify';
import type { TableClassification } from '../rules/table-classify';
import { columnTitle } from '../template/template';
import type { Template } from '../template/template';
import type { ReportRow, ReportSheet } from './report-sheet';

function explanation(c: SchoolClassification): string {
  return [...c.lowResults.findings, ...c.objectivity.findings, ...c.riskFactors.findings.filter((f) => f.event.level === 'high')]
    .map((f) => `${f.event.label}: ${f.explanation}`)
    .join('\n');
}

/** «Классификация»: one row per school, the status of each area and why; sorted by municipality and name. */
export function classificationSheet(classifications: readonly SchoolClassification[], factorTitles: Record<string, string>, stamp: string): ReportSheet {
  const sorted = [...classifications].sort((a, b) => a.school.municipality.localeCompare(b.school.municipality, 'ru') || a.school.name.localeCompare(b.school.name, 'ru'));
  const rows: ReportRow[] = sorted.map((c) => ({
    cells: {
      municipality: c.school.municipality,
      school_id: c.school.school_id,
      name: c.school.name,
      low: lowResultsStatus(c.lowResults),
      markers: c.objectivity.markers,
      objectivity: c.objectivity.level ? OBJECTIVITY_LEVEL_TITLES[c.objectivity.level] : '',
      risks: c.riskFactors.profile.map((f) => factorTitles[f] ?? f).join('; '),
      explanation: explanation(c),
    },
    roles: {
      ...((c.lowResults.shnor || c.lowResults.shnsu) && { low: 'low_results' as const }),
      ...(c.objectivity.level && { objectivity: 'objectivity' as const }),
      ...(c.riskFactors.profile.length > 0 && { risks: 'risk_factors' as const }),
    },
  }));
  return {
    name: 'Классификация',
    stamp,
    columns: [
      { key: 'municipality', header: 'Муниципалитет', width: 24, wrap: true },
      { key: 'school_id', header: 'Код ОО', width: 12 },
      { key: 'name', header: 'ОО', width: 36, wrap: true },
      { key: 'low', header: 'Низкие результаты / условия', width: 16 },
      { key: 'markers', header: 'Маркеров необъективности', width: 14 },
      { key: 'objectivity', header: 'Объективность', width: 22 },
      { key: 'risks', header: 'Высокие рисковые факторы', width: 36, wrap: true },
      { key: 'explanation', header: 'Пояснение', width: 110, wrap: true },
    ],
    rows,
    table: 'Classification',
    freezeColumns: 3,
    tabColor: 'FF2F5597',
  };
}

/** «Классификация» of a foreign table: its key columns, its name, what fired and why; flagged rows first. */
export function tableClassificationSheet(template: Template, rows: readonly TableClassification[], stamp: string): ReportSheet {
  const sheet = template.sheets[0];
  const shown = [...sheet.key, ...sheet.columns.filter((c) => c.code === 'name' && !sheet.key.includes(c.code)).map((c) => c.code)];
  const ordered = [...rows].sort((a, b) => b.findings.length - a.findings.length);
  return {
    name: 'Классификация',
    stamp,
    columns: [
      ...shown.map((code) => ({ key: code, header: columnTitle(sheet.columns.find((c) => c.code === code)!), width: code === 'name' ? 50 : 14, wrap: code === 'name' })),
      { key: 'status', header: 'Вывод', width: 40, wrap: true },
      { key: 'explanation', header: 'Пояснение', width: 100, wrap: true },
    ],
    rows: ordered.map((r) => ({
      cells: {
        ...Object.fromEntries(shown.map((code) => [code, r.row[code] ?? null])),
        status: r.findings.map((f) => f.event.label).join('; '),
        explanation: r.findings.map((f) => f.explanation).join('\n'),
      },
      ...(r.findings.length > 0 && { roles: { status: 'low_results' as const } }),
    })),
    table: 'Classification',
    tabColor: 'FF2F5597',
  };
}
