import ExcelJS from 'exceljs';
import { lowResultsStatus, OBJECTIVITY_LEVEL_TITLES, type SchoolClassification } from '../core/rules/classify';
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
