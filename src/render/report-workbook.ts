import ExcelJS from 'exceljs';
import { sheetReference } from '../core/address';
import { type CellRole, HEADER_FILL, headerRowNumber, isReportLink, ROLE_FILLS, type ReportSheet, type ReportValue, rowLines } from '../core/report/report-sheet';
import { METADATA_SHEET } from '../core/template';

/** The core's report sheets drawn into an exceljs workbook: the same in Node and in the browser. */

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** The core's fills as exceljs's ARGB. */
export const ROLE_COLORS = Object.fromEntries(Object.entries(ROLE_FILLS).map(([role, rgb]) => [role, `FF${rgb}`])) as Record<CellRole, string>;
export const HEADER_COLOR = `FF${HEADER_FILL}`;

/** Printed on A4 landscape, as wide as the page, so a printed report keeps its columns together. */
const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

/** How a link is written in a cell: to a cell of another workbook beside the report, or of this one. */
export function linkAddress(v: Extract<ReportValue, { target: unknown }>): string {
  const { file, sheet, cell } = v.target;
  if (!cell) return file ?? '';
  return `${file ?? ''}#${sheetReference(sheet, cell)}`;
}

function cellValue(v: ReportValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (isReportLink(v)) return { text: v.text, hyperlink: linkAddress(v) };
  return v;
}

/** Draws report sheets into an exceljs workbook (strings stay strings: nothing becomes a formula). */
export function drawReportSheets(wb: ExcelJS.Workbook, sheets: readonly ReportSheet[]): void {
  for (const sheet of sheets) {
    const headerRow = headerRowNumber(sheet);
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: sheet.freezeColumns ?? 0 }],
      properties: sheet.tabColor ? { tabColor: { argb: sheet.tabColor } } : {},
      pageSetup: { ...PRINT, printTitlesRow: `${headerRow}:${headerRow}` },
    });
    ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width }));
    if (sheet.stamp) {
      ws.getCell(1, 1).value = sheet.stamp;
      ws.getCell(1, 1).font = { italic: true, color: { argb: 'FF595959' } };
    }
    const header = ws.getRow(headerRow);
    header.values = sheet.columns.map((c) => c.header);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.eachCell((c) => (c.fill = solid(HEADER_COLOR)));
    sheet.rows.forEach((row, i) => {
      const r = ws.getRow(headerRow + 1 + i);
      sheet.columns.forEach((c, ci) => {
        const cell = r.getCell(ci + 1);
        const v = row.cells[c.key] ?? null;
        cell.value = cellValue(v);
        cell.alignment = { vertical: 'top', wrapText: Boolean(c.wrap) };
        if (isReportLink(v) && v.target.cell) cell.font = { color: { argb: 'FF0563C1' }, underline: true };
        const role = row.roles?.[c.key];
        if (role) cell.fill = solid(ROLE_COLORS[role]);
        if (row.bold) cell.font = { ...cell.font, bold: true };
      });
      const lines = rowLines(sheet, row);
      if (lines > 1) r.height = 15 * lines;
    });
    if (sheet.table && sheet.rows.length > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + sheet.rows.length, column: sheet.columns.length } };
  }
}

/**
 * The hidden sheet that says a workbook is a report of Okoshko's (`report` — validation, classification,
 * municipality), so that a folder checked again sets it aside instead of taking it for a form.
 */
export function markAsReport(wb: ExcelJS.Workbook, kind: string): void {
  const ws = wb.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  ws.addRow(['report', kind]);
}

/** A new workbook of report sheets as .xlsx bytes. */
export async function reportWorkbookBytes(sheets: readonly ReportSheet[], kind?: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Окошко';
  drawReportSheets(wb, sheets);
  if (kind) markAsReport(wb, kind);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
