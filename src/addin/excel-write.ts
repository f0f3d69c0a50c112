/// <reference types="office-js" />
import { columnLetter, sheetReference } from '../core/grid/address';
import { HEADER_FILL, headerRowNumber, isReportLink, roleFill, type ReportSheet, type ReportValue, rowLines } from '../core/report/report-sheet';
import { freeSheetName, isOurTableName, mayBeOurs, OUR_TABLE_PREFIX } from '../render/workbook-patch/ours';
import { excelApi, jsonBytes } from './excel-api';

/**
 * Drawing the core's ReportSheets through Excel, never writing to the user's sheets: a fixed number of
 * syncs on ExcelApi 1.13, and on older hosts one more per MAX_REQUEST_BYTES of report.
 */

/** Bytes of values and formats sent in one request (Excel on the web refuses more than about 5 MB). */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Bytes of one range write: small beside a request, so that a request fills to within one of MAX_REQUEST_BYTES. */
export const WRITE_CHUNK_BYTES = 250_000;
/** Prefix of the Excel tables we write: a sheet with such a table is ours to replace (render/workbook-patch/ours.ts). */
export const TABLE_PREFIX = OUR_TABLE_PREFIX;

/** Points per character of Calibri 11, as Excel measures column widths. */
const POINTS_PER_CHAR = 5.6;

/** How a report value goes into a cell: every string as text (a leading apostrophe), so «=1+1» or «-5» never becomes a formula or a number. */
export function cellText(v: ReportValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (isReportLink(v)) return `'${v.text}`;
  if (typeof v === 'string') return v === '' ? '' : `'${v}`;
  return v;
}

/** Counts what a batch carries, and syncs before it would pass MAX_REQUEST_BYTES. */
class Batch {
  private bytes = 0;
  syncs = 0;
  largest = 0;
  constructor(private readonly context: Excel.RequestContext) {}

  async add(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > MAX_REQUEST_BYTES) await this.sync();
    this.bytes += bytes;
  }

  async sync(): Promise<void> {
    if (this.bytes > this.largest) this.largest = this.bytes;
    this.bytes = 0;
    this.syncs++;
    await this.context.sync();
  }
}

/** Groups consecutive equal keys: [start, count, key] runs, for one range call per run instead of per row. */
function runs<K>(keys: readonly K[]): { start: number; count: number; key: K }[] {
  const out: { start: number; count: number; key: K }[] = [];
  keys.forEach((key, i) => {
    const last = out[out.length - 1];
    if (last && last.key === key) last.count++;
    else out.push({ start: i, count: 1, key });
  });
  return out;
}

export interface WriteResult {
  /** Names the sheets got (a user's sheet of the same name is never replaced: ours gets another name). */
  names: string[];
  syncs: number;
  /** Largest request sent, in bytes of values and formats (estimated as their JSON in UTF-8). */
  largestRequestBytes: number;
}

/** Draws report sheets as an .xlsx file (the file host's renderer), for hosts that insert sheets from a file. */
export type ReportWorkbookBuilder = (sheets: readonly ReportSheet[]) => Uint8Array | Promise<Uint8Array>;

/** Base64 of bytes, as insertWorksheetsFromBase64 takes them (btoa exists in the IE11 webview and in Node). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, i + 0x8000) as number[]);
  return btoa(binary);
}

/**
 * Adds our report sheets, replacing the ones a previous run of either host wrote (recognised by their
 * Okoshko_ table). A user's sheet is never written to: when its name is taken, ours gets «Имя (Окошко)»,
 * as the file host names it.
 *
 * With ExcelApi 1.13 (every Excel on the web, where requests are limited to 5 MB) and a builder, the
 * sheets go in as one compressed .xlsx through insertWorksheetsFromBase64: the same syncs whatever the
 * number of rows — list the sheets, list their tables, delete ours and insert, name the tables and activate.
 * Older hosts get bulk value writes: the same fixed syncs plus one per MAX_REQUEST_BYTES of content.
 */
export async function writeReportSheets(context: Excel.RequestContext, sheets: readonly ReportSheet[], build?: ReportWorkbookBuilder): Promise<WriteResult> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const existing = worksheets.items;
  // A previous run's sheet has our name, or our name with « (Окошко)» when a user's sheet had it.
  const sameName = existing.filter((w) => mayBeOurs(w.name, sheets.map((s) => s.name)));
  for (const w of sameName) w.tables.load('items/name');
  if (sameName.length) await context.sync();
  const ours = new Set(sameName.filter((w) => w.tables.items.some((t) => isOurTableName(t.name))).map((w) => w.name.toLowerCase()));
  const fixedSyncs = 1 + (sameName.length ? 1 : 0);

  const taken = new Set(existing.map((w) => w.name.toLowerCase()).filter((n) => !ours.has(n)));
  const names: string[] = [];
  for (const s of sheets) {
    const name = freeSheetName(s.name, taken);
    taken.add(name.toLowerCase());
    names.push(name);
  }
  for (const w of existing) if (ours.has(w.name.toLowerCase())) w.delete();

  const batch = new Batch(context);
  if (build && excelApi('1.13') && sheets.length) {
    const base64 = toBase64(await build(sheets.map((s, i) => insertable(s, names[i]))));
    if (base64.length + 1000 <= MAX_REQUEST_BYTES) {
      await batch.add(base64.length + 1000);
      const ids = context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
      await batch.sync();
      const inserted = ids.value.map((id) => worksheets.getItem(id));
      inserted.forEach((ws, i) => {
        ws.load('name');
        addTable(ws, sheets[i], i);
      });
      inserted[0]?.activate();
      await batch.add(300 * inserted.length);
      await batch.sync();
      return { names: inserted.map((ws) => ws.name), syncs: batch.syncs + fixedSyncs, largestRequestBytes: batch.largest };
    }
  }
  for (let i = 0; i < sheets.length; i++) await drawSheet(context, batch, sheets[i], names[i], i);
  const first = names.length ? worksheets.getItem(names[0]) : undefined;
  first?.activate();
  await batch.sync();
  return { names, syncs: batch.syncs + fixedSyncs, largestRequestBytes: batch.largest };
}

/**
 * A report sheet as it goes into the open workbook's file: under its free name; without the autofilter,
 * because the table added after insertion brings its own and the two may not overlap; links only into
 * the open workbook, as bulk writes make them — a chosen file's path is unknown to Excel.
 */
function insertable(sheet: ReportSheet, name: string): ReportSheet {
  const rows = sheet.rows.map((row) => {
    const cells: typeof row.cells = {};
    for (const key of Object.keys(row.cells)) {
      const v = row.cells[key];
      cells[key] = isReportLink(v) && v.target.file ? v.text : v;
    }
    return { ...row, cells };
  });
  return { ...sheet, name, table: undefined, rows };
}

/** The Excel table over a report sheet's header and rows: it marks the sheet as ours for the next run. */
function addTable(ws: Excel.Worksheet, sheet: ReportSheet, index: number): void {
  const headerRow = headerRowNumber(sheet);
  const lastCol = columnLetter(Math.max(0, sheet.columns.length - 1));
  const table = ws.tables.add(`A${headerRow}:${lastCol}${headerRow + Math.max(1, sheet.rows.length)}`, true);
  table.name = `${TABLE_PREFIX}${(sheet.table ?? 'Report').replace(/[^A-Za-z0-9_]/g, '_')}_${index + 1}`;
  table.style = 'TableStyleLight1';
}

async function drawSheet(context: Excel.RequestContext, batch: Batch, sheet: ReportSheet, name: string, index: number): Promise<void> {
  const ws = context.workbook.worksheets.add(name);
  const headerRow = headerRowNumber(sheet);
  const lastCol = columnLetter(Math.max(0, sheet.columns.length - 1));
  if (excelApi('1.7') && sheet.tabColor) ws.tabColor = `#${sheet.tabColor.slice(-6)}`;

  if (sheet.stamp) {
    const stamp = ws.getRange('A1');
    stamp.values = [[cellText(sheet.stamp)]];
    stamp.format.font.italic = true;
    stamp.format.font.color = '#595959';
    await batch.add(jsonBytes(sheet.stamp) + 100);
  }
  const header = ws.getRange(`A${headerRow}:${lastCol}${headerRow}`);
  const headerValues = [sheet.columns.map((c) => cellText(c.header))];
  header.values = headerValues;
  header.format.font.bold = true;
  header.format.fill.color = `#${HEADER_FILL}`;
  header.format.wrapText = true;
  header.format.verticalAlignment = 'Center';
  await batch.add(jsonBytes(headerValues) + 200);

  sheet.columns.forEach((c, ci) => {
    const col = ws.getRange(`${columnLetter(ci)}:${columnLetter(ci)}`);
    col.format.columnWidth = Math.round(c.width * POINTS_PER_CHAR);
    col.format.verticalAlignment = 'Top';
    if (c.wrap) col.format.wrapText = true;
  });
  await batch.add(sheet.columns.length * 150);

  // Values in chunks of rows, each at most WRITE_CHUNK_BYTES.
  const firstRow = headerRow + 1;
  let chunk: (string | number | boolean)[][] = [];
  let chunkBytes = 0;
  let chunkTop = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const top = firstRow + chunkTop;
    // Counted before it is queued: a sync the count calls for sends what came before, not this chunk too.
    await batch.add(chunkBytes + 100);
    ws.getRange(`A${top}:${lastCol}${top + chunk.length - 1}`).values = chunk;
    chunkTop += chunk.length;
    chunk = [];
    chunkBytes = 0;
  };
  for (const row of sheet.rows) {
    const values = sheet.columns.map((c) => cellText(row.cells[c.key]));
    const bytes = jsonBytes(values);
    if (chunkBytes + bytes > WRITE_CHUNK_BYTES) await flush();
    chunk.push(values);
    chunkBytes += bytes;
  }
  await flush();

  // Fills by role and bold rows: one range call per run of equal roles down a column.
  for (let ci = 0; ci < sheet.columns.length; ci++) {
    const key = sheet.columns[ci].key;
    for (const run of runs(sheet.rows.map((r) => r.roles?.[key]))) {
      const fill = run.key ? roleFill(sheet, run.key) : undefined;
      if (!fill) continue;
      const top = firstRow + run.start;
      ws.getRange(`${columnLetter(ci)}${top}:${columnLetter(ci)}${top + run.count - 1}`).format.fill.color = `#${fill}`;
      await batch.add(120);
    }
  }
  for (const run of runs(sheet.rows.map((r) => Boolean(r.bold)))) {
    if (!run.key) continue;
    ws.getRange(`A${firstRow + run.start}:${lastCol}${firstRow + run.start + run.count - 1}`).format.font.bold = true;
    await batch.add(120);
  }
  // Wrapped text: Excel does not grow rows a program writes.
  for (const run of runs(sheet.rows.map((r) => rowLines(sheet, r)))) {
    if (run.key <= 1) continue;
    ws.getRange(`${firstRow + run.start}:${firstRow + run.start + run.count - 1}`).format.rowHeight = 15 * run.key;
    await batch.add(120);
  }
  // Links into this workbook (ExcelApi 1.7): the cell.
  if (excelApi('1.7')) {
    for (let ci = 0; ci < sheet.columns.length; ci++) {
      const key = sheet.columns[ci].key;
      for (let ri = 0; ri < sheet.rows.length; ri++) {
        const v = sheet.rows[ri].cells[key];
        if (!isReportLink(v) || v.target.file || !v.target.cell) continue;
        const link = { documentReference: sheetReference(v.target.sheet, v.target.cell), textToDisplay: v.text };
        ws.getRange(`${columnLetter(ci)}${firstRow + ri}`).hyperlink = link;
        await batch.add(jsonBytes(link) + 80);
      }
    }
  }

  addTable(ws, sheet, index);
  if (excelApi('1.7')) {
    if (sheet.freezeColumns) ws.freezePanes.freezeAt(ws.getRange(`A1:${columnLetter(sheet.freezeColumns - 1)}${headerRow}`));
    else ws.freezePanes.freezeRows(headerRow);
  }
  await batch.add(300);
}

/** Shows a cell of the open workbook: activates its sheet and selects it. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}

