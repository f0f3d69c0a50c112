/**
 * A sheet Okoshko writes, described once and drawn by every host: exceljs for a new workbook, the
 * package patcher for the user's own workbook, Office.js in the task pane.
 */

/** Colours carry meaning, not style: a cell's role is an issue's severity, a system's id or «municipal». */
export type CellRole = string;

/** Fills of cells by role and of the header row, as RGB hex: every host draws them alike. A system's fill comes with its sheet. */
export const ROLE_FILLS: Record<string, string> = {
  error: 'FBE3E1',
  warning: 'FFF4D6',
  municipal: 'DDEBF7',
};

/** The fill of a role on a sheet: the sheet's own (a system's colour) or the common one; none for an unknown role. */
export function roleFill(sheet: ReportSheet, role: CellRole): string | undefined {
  return sheet.fills?.[role] ?? ROLE_FILLS[role];
}
export const HEADER_FILL = 'DDE7F3';

export interface ReportLink {
  text: string;
  /** A cell of a checked workbook, relative to the report (file), or of the same workbook (no file). */
  target: { file?: string; sheet: string; cell?: string };
}

export type ReportValue = string | number | boolean | null | ReportLink;

export interface ReportColumn {
  key: string;
  header: string;
  /** In characters, as Excel measures column widths. */
  width: number;
  wrap?: boolean;
}

export interface ReportRow {
  cells: Record<string, ReportValue>;
  roles?: Record<string, CellRole>;
  bold?: boolean;
}

export interface ReportSheet {
  name: string;
  /** A line above the table: what made the sheet, with versions and date. */
  stamp?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Name of the Excel table (letters, digits, _) with filters over the header and rows. */
  table?: string;
  /** Freeze the header and this many leading columns. */
  freezeColumns?: number;
  tabColor?: string;
  /** Fills of the roles this sheet's cells take beyond the common ones: system id → RGB hex. */
  fills?: Record<string, string>;
}

export function isReportLink(v: ReportValue): v is ReportLink {
  return typeof v === 'object' && v !== null && 'target' in v;
}

/** Lines a row needs so wrapped text shows whole (Excel does not grow rows written by a program). */
export function rowLines(sheet: ReportSheet, row: ReportRow): number {
  let lines = 1;
  for (const c of sheet.columns) {
    if (!c.wrap) continue;
    const v = row.cells[c.key];
    const text = isReportLink(v) ? v.text : v === null || v === undefined ? '' : String(v);
    const n = text.split('\n').reduce((s, part) => s + Math.max(1, Math.ceil(part.length / Math.max(1, c.width - 2))), 0);
    if (n > lines) lines = n;
  }
  return lines;
}

/** The header row's 1-based number: under the stamp when there is one. */
export function headerRowNumber(sheet: ReportSheet): number {
  return sheet.stamp ? 2 : 1;
}
