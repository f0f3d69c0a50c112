/** An Excel error value such as #DIV/0! or #N/A, kept apart from text so validation can name it. */
export interface CellError {
  readonly error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

/** Merged range, 0-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One sheet as a host read it: raw values, row-major and 0-based. `rows[r][c]` is the cell at A1
 * address `cellAddress(r, c)`. Rows may be ragged or missing; a missing cell is blank.
 */
export interface GridSheet {
  name: string;
  hidden: boolean;
  rows: CellValue[][];
  merges: MergedRange[];
  /** Cells whose number format shows a percent sign: their numbers are fractions (0.25 = 25 %). */
  percentCells?: ReadonlySet<string>;
}

/** A host-independent workbook: what the xlsx and CSV readers and the Office.js adapter produce. */
export interface Grid {
  sheets: GridSheet[];
}

/** A Date from any realm (a worker, a test's structuredClone), where instanceof would miss it. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isCellError(value: unknown): value is CellError {
  return typeof value === 'object' && value !== null && !isDate(value) && typeof (value as CellError).error === 'string';
}

export function cellAt(sheet: GridSheet, row: number, col: number): CellValue {
  const r = sheet.rows[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

export function columnCount(sheet: GridSheet): number {
  let n = 0;
  for (const r of sheet.rows) if (r && r.length > n) n = r.length;
  return n;
}

export function findSheet(grid: Grid, name: string): GridSheet | undefined {
  return grid.sheets.find((s) => s.name === name);
}
