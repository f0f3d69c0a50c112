import ExcelJS from 'exceljs';
import path from 'node:path';
import { sheetReference } from '../core/address';
import type { IssueCode } from '../core/issue';
import { ISSUE_TITLES } from '../core/issue-message';
import { SEVERITY_TITLES, type ValidationReport } from '../core/validation-report';
import { writeWorkbookAtomically } from './atomic-write';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
/** Printed on A4 landscape, as wide as the page, so a printed report keeps its columns together. */
export const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE3E1' } };
const WARNING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4D6' } };

/** Link from the report to the cell in the checked file, relative so the pair can be moved together. */
function cellLink(reportPath: string, sourcePath: string, sheet: string, cell?: string): string {
  const rel = path.relative(path.dirname(reportPath), sourcePath).split(path.sep).join('/');
  return /\.xls[xm]?$/i.test(sourcePath) ? `${rel}#${sheetReference(sheet, cell ?? 'A1')}` : rel;
}

function addSummarySheet(wb: ExcelJS.Workbook, report: ValidationReport): void {
  const ws = wb.addWorksheet('Сводка', { properties: { tabColor: { argb: 'FF2F5597' } }, pageSetup: PRINT });
  ws.columns = [{ width: 34 }, { width: 70 }, { width: 16 }, { width: 12 }];
  ws.addRow(['Отчёт о проверке формы']).font = { bold: true, size: 14 };
  const facts: [string, string | number][] = [
    ['Файл', report.file],
    ['SHA-256 файла', report.sha256],
    ['Шаблон', report.template ? `${report.template.title} (${report.template.id})` : 'не определён'],
    ['Версия шаблона', report.template?.version ?? '—'],
    ['Проверено', new Date(report.checkedAt).toLocaleString('ru-RU', { timeZone: 'UTC' }) + ' UTC'],
    ['Строк с данными', report.records],
    ['Ошибок (блокируют отправку)', report.counts.errors],
    ['Предупреждений', report.counts.warnings],
  ];
  for (const [k, v] of facts) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  ws.addRow([]);
  const codes = Object.entries(report.counts.byCode) as [IssueCode, number][];
  if (codes.length === 0) {
    ws.addRow(['Замечаний нет']).font = { bold: true, color: { argb: 'FF2E7D32' } };
    return;
  }
  const start = ws.rowCount + 1;
  ws.addTable({
    name: 'IssueCounts',
    ref: `A${start}`,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: [{ name: 'Код' }, { name: 'Что означает' }, { name: 'Важность' }, { name: 'Количество' }],
    rows: codes.map(([code, n]) => {
      const severity = report.issues.find((i) => i.code === code)!.severity;
      return [code, ISSUE_TITLES[code], SEVERITY_TITLES[severity], n];
    }),
  });
}

/** The issues of one or more checked files; with several files, a column says which. */
export interface IssueSource {
  report: ValidationReport;
  sourcePath: string;
}

export function addIssuesSheet(wb: ExcelJS.Workbook, sources: readonly IssueSource[], reportPath: string): void {
  const ws = wb.addWorksheet('Проверка', { views: [{ state: 'frozen', ySplit: 1 }], properties: { tabColor: { argb: 'FFC00000' } }, pageSetup: { ...PRINT, printTitlesRow: '1:1' } });
  const withFile = sources.length > 1;
  const columns = [
    { key: 'n', header: '№', width: 6 },
    ...(withFile ? [{ key: 'file', header: 'Файл', width: 30 }] : []),
    { key: 'severity', header: 'Важность', width: 15 },
    { key: 'code', header: 'Код', width: 18 },
    { key: 'sheet', header: 'Лист', width: 18 },
    { key: 'cell', header: 'Ячейка', width: 10 },
    { key: 'indicator', header: 'Показатель', width: 22 },
    { key: 'value', header: 'Значение', width: 16 },
    { key: 'expected', header: 'Ожидается', width: 28 },
    { key: 'message', header: 'Замечание', width: 80 },
  ];
  ws.columns = columns;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  const width = (key: string) => columns.find((c) => c.key === key)!.width;
  let n = 0;
  for (const { report, sourcePath } of sources) {
    for (const issue of report.issues) {
      const row = ws.addRow({
        n: ++n,
        file: path.relative(path.dirname(reportPath), sourcePath),
        severity: SEVERITY_TITLES[issue.severity],
        code: issue.code,
        sheet: issue.sheet ?? '',
        cell: issue.sheet && issue.cell ? { text: issue.cell, hyperlink: cellLink(reportPath, sourcePath, issue.sheet, issue.cell) } : issue.cell ?? '',
        indicator: issue.indicatorTitle ?? issue.indicator ?? '',
        value: issue.value === undefined || issue.value === null ? '' : typeof issue.value === 'boolean' ? (issue.value ? 'да' : 'нет') : issue.value,
        expected: issue.expected ?? '',
        message: issue.message,
      });
      if (issue.sheet && issue.cell) row.getCell('cell').font = { color: { argb: 'FF0563C1' }, underline: true };
      row.alignment = { vertical: 'top' };
      for (const key of ['indicator', 'expected', 'message']) row.getCell(key).alignment = { wrapText: true, vertical: 'top' };
      row.height = rowHeight([[issue.message, width('message')], [issue.expected ?? '', width('expected')], [issue.indicatorTitle ?? '', width('indicator')]]);
      row.getCell('severity').fill = issue.severity === 'error' ? ERROR_FILL : WARNING_FILL;
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: columns.length } };
}

/** Excel does not grow rows for wrapped text written by a program: estimate the lines ourselves. */
export function rowHeight(texts: [string, number][]): number {
  const lines = Math.max(1, ...texts.map(([t, width]) => Math.ceil(t.length / Math.max(1, width - 2))));
  return 15 * lines;
}

/** Builds the validation report workbook for one checked file. */
export function buildReportWorkbook(report: ValidationReport, reportPath: string, sourcePath: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Окошко';
  wb.created = new Date(report.checkedAt);
  addSummarySheet(wb, report);
  addIssuesSheet(wb, [{ report, sourcePath }], reportPath);
  return wb;
}

export async function writeReportWorkbook(report: ValidationReport, reportPath: string, sourcePath: string): Promise<void> {
  await writeWorkbookAtomically(buildReportWorkbook(report, reportPath, sourcePath), reportPath);
}
