import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { cellAddress } from '../core/address';
import type { CellValue, Grid, GridSheet, MergedRange } from '../core/grid';
import type { ReportSheet } from '../core/report/report-sheet';
import { reportWorkbookBytes } from '../render/report-workbook';

/**
 * The file host in the browser: a chosen or dropped .xlsx or .csv becomes the core's Grid, and the
 * report sheets become a workbook to download — all in memory, nothing is sent anywhere.
 * FileReader and Blob rather than File.arrayBuffer and fetch: the IE11 webview has only those.
 */

export function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error('файл не удалось прочитать'));
    reader.readAsArrayBuffer(file);
  });
}

// Windows-1251, 0x80–0xBF (0xC0–0xFF are А–я in order).
const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї';

function decodeUtf8(bytes: Uint8Array, start: number): string | undefined {
  let out = '';
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i];
    let code: number;
    let extra: number;
    if (b < 0x80) [code, extra] = [b, 0];
    else if (b >= 0xc2 && b < 0xe0) [code, extra] = [b & 0x1f, 1];
    else if (b >= 0xe0 && b < 0xf0) [code, extra] = [b & 0x0f, 2];
    else if (b >= 0xf0 && b < 0xf5) [code, extra] = [b & 0x07, 3];
    else return undefined;
    if (i + extra >= bytes.length + (extra ? 0 : 1)) return undefined;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (c & 0x3f);
    }
    i += extra + 1;
    if (code > 0xffff) {
      code -= 0x10000;
      out += String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else out += String.fromCharCode(code);
  }
  return out;
}

/** Bytes → text: UTF-8 (with or without a BOM) when valid, else Windows-1251 as Russian Excel saves CSV. */
export function decodeText(bytes: Uint8Array): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = decodeUtf8(bytes, bom ? 3 : 0);
  if (utf8 !== undefined) return utf8;
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b < 0x80 ? String.fromCharCode(b) : b >= 0xc0 ? String.fromCharCode(0x410 + b - 0xc0) : CP1251_HIGH.charAt(b - 0x80);
  }
  return out;
}

const stemOf = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Лист1';

export function readCsvText(text: string, name: string): Grid {
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', '\t', ','], quoteChar: '"', skipEmptyLines: false });
  const rows: CellValue[][] = parsed.data.map((record) => {
    let width = record.length;
    while (width > 0 && record[width - 1] === '') width--;
    const row: CellValue[] = [];
    for (let c = 0; c < width; c++) row.push(record[c] === '' ? null : record[c].replace(/\r\n?/g, '\n'));
    return row;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return { sheets: [{ name: stemOf(name), hidden: false, rows, merges: [] }] };
}

function toCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return isNaN((value as Date).getTime()) ? null : (value as Date);
  const v = value as unknown as Record<string, unknown>;
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return toCellValue(v.result as ExcelJS.CellValue);
  if ('text' in v) return toCellValue(v.text as ExcelJS.CellValue);
  return null;
}

function readSheet(ws: ExcelJS.Worksheet): GridSheet {
  const rows: CellValue[][] = [];
  const percentCells = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = toCellValue(cell.value);
      if (value === null) return;
      while (values.length < colNumber - 1) values.push(null);
      values.push(value);
      if (typeof value === 'number' && typeof cell.numFmt === 'string' && cell.numFmt.indexOf('%') >= 0) percentCells.add(cellAddress(rowNumber - 1, colNumber - 1));
    });
    if (!values.length) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(values);
  });
  const merges: MergedRange[] = [];
  for (const range of ws.model.merges ?? []) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    merges.push({ top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) });
  }
  return { name: ws.name, hidden: ws.state === 'hidden' || ws.state === 'veryHidden', rows, merges, percentCells };
}

/** A text file (a methodologist's JSON) as text: UTF-8, or Windows-1251 when it is not. */
export async function readTextFile(file: Blob): Promise<string> {
  return decodeText(await readBytes(file));
}

/** A chosen or dropped file's bytes as a grid, by its first bytes: a zip is a workbook, anything else text. */
export async function gridFromBytes(bytes: Uint8Array, name: string): Promise<Grid> {
  if (bytes.length === 0) throw new Error('файл пуст');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new Error('это книга старого формата (.xls) или защищённая паролем: сохраните её как .xlsx без пароля');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheets = wb.worksheets.map(readSheet);
    if (!sheets.length) throw new Error('в книге нет ни одного листа');
    return { sheets };
  }
  if (/\.xls[xm]?$/i.test(name)) throw new Error('файл повреждён: это не книга Excel');
  return readCsvText(decodeText(bytes), name);
}

/** The report sheets as a workbook to download, marked as Okoshko's report (the same drawing as the command line's). */
export async function reportWorkbook(sheets: readonly ReportSheet[]): Promise<Blob> {
  return new Blob([await reportWorkbookBytes(sheets, 'report')], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Offers a blob as a download: a[download] where it exists, msSaveOrOpenBlob in IE11. */
export function downloadBlob(blob: Blob, name: string): void {
  const nav = window.navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, n: string) => boolean };
  if (nav.msSaveOrOpenBlob) {
    nav.msSaveOrOpenBlob(blob, name);
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    document.body.removeChild(a);
    URL.revokeObjectURL(url);
  }, 1000);
}
