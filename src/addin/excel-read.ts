/// <reference types="office-js" />
import { cellAddress, columnLetter } from '../core/grid/address';
import type { CellValue, Grid, GridSheet, MergedRange } from '../core/grid/grid';
import { excelApi } from './excel-api';

/** Reading the open workbook into the core's Grid: three context.sync() calls whatever the number of rows. */

/** No single range read is larger (Excel's limit for a request is about 5,000,000 cells). */
export const MAX_READ_CELLS = 5_000_000;
/** Cells of one range read: values and number formats of a chunk stay small. */
export const READ_CHUNK_CELLS = 1_000_000;
const EXCEL_ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ПУСТО!|ДЕЛ\/0!|ЗНАЧ!|ССЫЛКА!|ИМЯ\?|ЧИСЛО!|Н\/Д)$/;
const DATE_FORMAT = /(^|[^"\\])(d{1,4}|y{2,4}|m{3,})|(^|[^"\\])[дгД]{1,4}[.\-/]/;

/** Excel's serial day number → Date (UTC midnight), the 1900 system. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

function toCellValue(value: unknown, format: unknown): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!isFinite(value)) return null;
    if (typeof format === 'string' && format.indexOf('%') < 0 && DATE_FORMAT.test(format)) return serialToDate(value);
    return value;
  }
  if (typeof value === 'boolean') return value;
  const text = String(value);
  if (EXCEL_ERRORS.test(text)) return { error: text };
  return text;
}

/** Merged areas «Лист!A1:B2, Лист!C3:D3» → 0-based ranges. */
export function parseMergedAddresses(address: string): MergedRange[] {
  const out: MergedRange[] = [];
  for (const part of address.split(',')) {
    const bare = part.trim().replace(/^.*!/, '').replace(/\$/g, '');
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
    if (!m) continue;
    const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    out.push({ top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4] ?? m[2]) - 1, right: col(m[3] ?? m[1]) });
  }
  return out;
}

interface SheetRead {
  sheet: Excel.Worksheet;
  name: string;
  hidden: boolean;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
  chunks: { range: Excel.Range; top: number }[];
}

/**
 * Every sheet of the open workbook as a Grid: three syncs whatever the size — the sheets, their used
 * ranges (and merged areas on ExcelApi 1.13), then the values and number formats of every used range
 * in chunks of at most READ_CHUNK_CELLS cells.
 */
export async function readWorkbookGrid(context: Excel.RequestContext): Promise<Grid> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  await context.sync();

  const valuesOnly = excelApi('1.2');
  const nullObjects = excelApi('1.4');
  const merges = excelApi('1.13');
  const reads: SheetRead[] = worksheets.items.map((sheet) => {
    const used = nullObjects ? sheet.getUsedRangeOrNullObject(true) : valuesOnly ? sheet.getUsedRange(true) : sheet.getUsedRange();
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const merged = merges ? sheet.getRange().getMergedAreasOrNullObject() : undefined;
    merged?.load('address');
    return { sheet, name: sheet.name, hidden: sheet.visibility !== 'Visible', used, merged, chunks: [] };
  });
  await context.sync();

  for (const r of reads) {
    if (r.used.isNullObject) continue;
    const cols = Math.max(1, r.used.columnCount);
    const rowsPerChunk = Math.max(1, Math.floor(Math.min(READ_CHUNK_CELLS, MAX_READ_CELLS) / cols));
    for (let top = 0; top < r.used.rowCount; top += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, r.used.rowCount - top);
      // getRangeByIndexes needs ExcelApi 1.7: an A1 address works everywhere.
      const first = r.used.rowIndex + top + 1;
      const range = r.sheet.getRange(`${columnLetter(r.used.columnIndex)}${first}:${columnLetter(r.used.columnIndex + cols - 1)}${first + rows - 1}`);
      range.load('values,numberFormat');
      r.chunks.push({ range, top: r.used.rowIndex + top });
    }
  }
  if (reads.some((r) => r.chunks.length)) await context.sync();

  return { sheets: reads.map((r) => toGridSheet(r)) };
}

function toGridSheet(r: SheetRead): GridSheet {
  const rows: CellValue[][] = [];
  const percentCells = new Set<string>();
  const left = r.used.isNullObject ? 0 : r.used.columnIndex;
  for (const chunk of r.chunks) {
    const values = chunk.range.values;
    const formats = chunk.range.numberFormat;
    for (let i = 0; i < values.length; i++) {
      const row: CellValue[] = [];
      for (let j = 0; j < values[i].length; j++) {
        const format = formats?.[i]?.[j];
        const value = toCellValue(values[i][j], format);
        while (row.length < left + j && value !== null) row.push(null);
        if (value === null) continue;
        row.push(value);
        if (typeof value === 'number' && typeof format === 'string' && format.indexOf('%') >= 0) percentCells.add(cellAddress(chunk.top + i, left + j));
      }
      if (row.length === 0) continue;
      while (rows.length < chunk.top + i) rows.push([]);
      rows.push(row);
    }
  }
  const merged = r.merged && !r.merged.isNullObject ? parseMergedAddresses(r.merged.address) : [];
  return { name: r.name, hidden: r.hidden, rows, merges: merged, percentCells };
}

