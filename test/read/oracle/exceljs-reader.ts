import * as ExcelJS from 'exceljs';
import { cellAddress, parseAddress } from '../../../src/core/grid/address';
import type { CellValue, Grid, GridSheet, MergedRange } from '../../../src/core/grid/grid';
import { FileReadError } from '../../../src/read/read-error';

/**
 * Parts of a worksheet that hold no cell values. Skipping them saves time and avoids exceljs
 * expanding a data validation over a whole column (A2:A1048576) cell by cell.
 */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'drawing',
  'picture',
  'tableParts',
  'autoFilter',
  'pageSetup',
  'pageMargins',
  'printOptions',
  'headerFooter',
  'rowBreaks',
  'sheetProtection',
];

type ExcelValue = ExcelJS.CellValue;

let dateResultsKept = false;

/**
 * exceljs passes the cached result of every date-formatted formula through excelToDate, even a
 * text or error result (=ЕСЛИ(…;"не сдавали";…), #DIV/0!), which turns it into an Invalid Date and
 * loses it. Letting non-numbers through keeps them; numbers still become dates as before.
 */
function keepNonNumericDateResults(): void {
  if (dateResultsKept) return;
  dateResultsKept = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module, no typings
  const utils = require('exceljs/lib/utils/utils') as { excelToDate?: (value: unknown, date1904?: boolean) => Date };
  const excelToDate = utils.excelToDate;
  if (typeof excelToDate !== 'function') return;
  utils.excelToDate = (value: unknown, date1904?: boolean) =>
    (typeof value === 'number' ? excelToDate(value, date1904) : value) as Date;
}

function richTextToString(runs: readonly ExcelJS.RichText[]): string {
  let s = '';
  for (const run of runs) s += run.text ?? '';
  return s;
}

/** exceljs value → grid value. Works on the value's shape, so a formula's result goes through it too. */
function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return richTextToString(value.richText);
  if ('formula' in value || 'sharedFormula' in value) return toCellValue(value.result);
  // A hyperlink: its text is what the cell shows (a string, rich text, or a number).
  if ('text' in value) return toCellValue(value.text as ExcelValue);
  return null;
}

function hasPercentFormat(cell: ExcelJS.Cell): boolean {
  const format = cell.numFmt;
  return typeof format === 'string' && format.includes('%');
}

function rangeFromA1(range: string): MergedRange | undefined {
  const [from, to = from] = range.split(':');
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (!a || !b) return undefined;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

interface ExcelRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function isExcelRange(value: unknown): value is ExcelRange {
  const r = value as ExcelRange;
  return typeof value === 'object' && value !== null && [r.top, r.left, r.bottom, r.right].every(Number.isInteger);
}

/**
 * Merged ranges, 0-based. The public `worksheet.model` serialises every cell of the sheet to give
 * them (130 ms and a copy of all cells on 40,000 × 40), so the index exceljs keeps for
 * mergeCells() is read directly, and the model is only the fallback should that index change.
 */
function readMerges(worksheet: ExcelJS.Worksheet): MergedRange[] {
  const index = (worksheet as unknown as { _merges?: Record<string, unknown> })._merges;
  if (typeof index === 'object' && index !== null) {
    const ranges = Object.values(index);
    if (ranges.every(isExcelRange)) {
      return ranges.map((r) => ({ top: r.top - 1, left: r.left - 1, bottom: r.bottom - 1, right: r.right - 1 }));
    }
  }
  const merges: MergedRange[] = [];
  for (const range of worksheet.model.merges ?? []) {
    const merge = rangeFromA1(range);
    if (merge) merges.push(merge);
  }
  return merges;
}

function readSheet(worksheet: ExcelJS.Worksheet): GridSheet {
  const rows: CellValue[][] = [];
  const percentCells = new Set<string>();
  // Rows and cells come in ascending order, so pushing (padding gaps) keeps the arrays packed and
  // ends each one at its last value, whatever formatted blank cells follow it.
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged slave cell reports its master's value; the grid keeps it in the master only.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = toCellValue(cell.value);
      if (value === null) return;
      const c = colNumber - 1;
      while (values.length < c) values.push(null);
      values.push(value);
      if (typeof value === 'number' && hasPercentFormat(cell)) percentCells.add(cellAddress(r, c));
    });
    if (values.length === 0) return;
    while (rows.length < r) rows.push([]);
    rows.push(values);
  });
  return {
    name: worksheet.name,
    hidden: worksheet.state === 'hidden' || worksheet.state === 'veryHidden',
    rows,
    merges: readMerges(worksheet),
    percentCells,
  };
}

function causeText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Every worksheet of an .xlsx package, in tab order, with values as Excel last calculated them. */
export async function readXlsx(buffer: Buffer | Uint8Array, name = ''): Promise<Grid> {
  keepNonNumericDateResults();
  try {
    const workbook = new ExcelJS.Workbook();
    const data = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    // exceljs's typings declare their own Buffer (an ArrayBuffer); at run time it takes Node's Buffer.
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0], { ignoreNodes: IGNORED_NODES });
    const sheets = workbook.worksheets.map(readSheet);
    if (sheets.length === 0) throw new FileReadError('file_corrupt', name, 'в книге нет ни одного листа');
    return { sheets };
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError('file_corrupt', name, `техническая причина — ${causeText(e)}`, { cause: e });
  }
}
