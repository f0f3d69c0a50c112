import ExcelJS from 'exceljs';
import { columnTitle } from '../core/issue-message';
import { lowResultsStatus, OBJECTIVITY_LEVEL_TITLES, type SchoolClassification } from '../core/rules/classify';
import type { TableClassification } from '../core/rules/table-classify';
import type { Template } from '../core/template';
import { writeWorkbookAtomically } from './atomic-write';
import { addIssuesSheet, HEADER_FILL, type IssueSource, PRINT, rowHeight } from './report-writer';

const AREA_FILLS = {
  low: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE3E1' } },
  objectivity: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4D6' } },
  risk: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } },
} as const satisfies Record<string, ExcelJS.Fill>;

export interface ClassificationReport {
  classifications: readonly SchoolClassification[];
  /** Russian titles of risk factors by id, from the rule set's labels. */
  factorTitles: Record<string, string>;
  sources: readonly IssueSource[];
  stamp: string;
}

function explanation(c: SchoolClassification): string {
  return [...c.lowResults.findings, ...c.objectivity.findings, ...c.riskFactors.findings.filter((f) => f.event.level === 'high')]
    .map((f) => `${f.event.label}: ${f.explanation}`)
    .join('\n');
}

/** «Классификация»: one row per school, the status of each area and why. */
function addClassificationSheet(wb: ExcelJS.Workbook, report: ClassificationReport): void {
  const ws = wb.addWorksheet('Классификация', { views: [{ state: 'frozen', ySplit: 2, xSplit: 3 }], properties: { tabColor: { argb: 'FF2F5597' } }, pageSetup: { ...PRINT, printTitlesRow: '2:2' } });
  ws.getCell('A1').value = report.stamp;
  ws.getCell('A1').font = { italic: true, color: { argb: 'FF595959' } };
  const columns = [
    { key: 'municipality', header: 'Муниципалитет', width: 24 },
    { key: 'school_id', header: 'Код ОО', width: 12 },
    { key: 'name', header: 'ОО', width: 36 },
    { key: 'low', header: 'Низкие результаты / условия', width: 16 },
    { key: 'markers', header: 'Маркеров необъективности', width: 14 },
    { key: 'objectivity', header: 'Объективность', width: 22 },
    { key: 'risks', header: 'Высокие рисковые факторы', width: 36 },
    { key: 'explanation', header: 'Пояснение', width: 110 },
  ];
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  const sorted = [...report.classifications].sort((a, b) => a.school.municipality.localeCompare(b.school.municipality, 'ru') || a.school.name.localeCompare(b.school.name, 'ru'));
  for (const c of sorted) {
    const text = explanation(c);
    const row = ws.addRow({
      municipality: c.school.municipality,
      school_id: c.school.school_id,
      name: c.school.name,
      low: lowResultsStatus(c.lowResults),
      markers: c.objectivity.markers,
      objectivity: c.objectivity.level ? OBJECTIVITY_LEVEL_TITLES[c.objectivity.level] : '',
      risks: c.riskFactors.profile.map((f) => report.factorTitles[f] ?? f).join('; '),
      explanation: text,
    });
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = rowHeight([[text, 110], [c.school.name, 36]]) + 15 * (text.split('\n').length - 1);
    if (c.lowResults.shnor || c.lowResults.shnsu) row.getCell('low').fill = AREA_FILLS.low;
    if (c.objectivity.level) row.getCell('objectivity').fill = AREA_FILLS.objectivity;
    if (c.riskFactors.profile.length) row.getCell('risks').fill = AREA_FILLS.risk;
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: sorted.length + 2, column: columns.length } };
}

export async function writeClassificationWorkbook(target: string, report: ClassificationReport): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Окошко';
  addClassificationSheet(wb, report);
  addIssuesSheet(wb, report.sources, target);
  await writeWorkbookAtomically(wb, target);
}

export interface TableClassificationReport {
  template: Template;
  rows: readonly TableClassification[];
  sources: readonly IssueSource[];
  stamp: string;
}

/** «Классификация» of a foreign table: its key columns, its name, what fired and why; flagged rows first. */
export async function writeTableClassificationWorkbook(target: string, report: TableClassificationReport): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Окошко';
  const sheet = report.template.sheets[0];
  const shown = [...sheet.key, ...sheet.columns.filter((c) => c.code === 'name' && !sheet.key.includes(c.code)).map((c) => c.code)];
  const columns = [
    ...shown.map((code) => ({ key: code, header: columnTitle(sheet.columns.find((c) => c.code === code)!), width: code === 'name' ? 50 : 14 })),
    { key: 'status', header: 'Вывод', width: 40 },
    { key: 'explanation', header: 'Пояснение', width: 100 },
  ];
  const ws = wb.addWorksheet('Классификация', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { ...PRINT, printTitlesRow: '2:2' } });
  ws.getCell('A1').value = report.stamp;
  ws.getCell('A1').font = { italic: true, color: { argb: 'FF595959' } };
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  const ordered = [...report.rows].sort((a, b) => b.findings.length - a.findings.length);
  for (const r of ordered) {
    const explanation = r.findings.map((f) => f.explanation).join('\n');
    const row = ws.addRow({
      ...Object.fromEntries(shown.map((code) => [code, r.row[code]])),
      status: r.findings.map((f) => f.event.label).join('; '),
      explanation,
    });
    row.alignment = { vertical: 'top', wrapText: true };
    if (r.findings.length) {
      row.getCell('status').fill = AREA_FILLS.low;
      row.height = rowHeight([[explanation, 100], [String(r.row.name ?? ''), 50]]) + 15 * (r.findings.length - 1);
    }
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: ordered.length + 2, column: columns.length } };
  addIssuesSheet(wb, report.sources, target);
  await writeWorkbookAtomically(wb, target);
}
