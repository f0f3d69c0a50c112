import { cellAddress } from '../grid/address';
import { type CellValue, type GridSheet, columnCount, isCellError, isDate } from '../grid/grid';
import { normalizeLabel } from './label';
import type { ColumnSpec, SheetSpec } from './template';

/** Where a template sheet's header and columns were found in a grid sheet. */
export interface SheetBinding {
  spec: SheetSpec;
  sheet: GridSheet;
  /** 0-based rows of the header band, inclusive. */
  headerTop: number;
  headerBottom: number;
  /** Indicator code → 0-based grid column. */
  columns: Map<string, number>;
  /** Template columns found more than once: code → the extra grid columns. */
  duplicates: Map<string, number[]>;
  missing: ColumnSpec[];
  /** Grid columns with a header that matches no indicator. */
  unknown: { col: number; header: string }[];
}

const MAX_HEADER_TOP = 20;
const MAX_HEADER_HEIGHT = 3;

function rawText(v: CellValue | undefined): string {
  if (v === null || v === undefined || isCellError(v)) return '';
  if (isDate(v)) return v.toISOString().slice(0, 10);
  return String(v).replace(/\s+/g, ' ').trim();
}

/** Header texts, normalized, with merged ranges spread over every cell they cover. */
function headerTexts(sheet: GridSheet, rowsToRead: number, width: number): string[][] {
  const texts: string[][] = [];
  for (let r = 0; r < rowsToRead; r++) {
    const row = sheet.rows[r] ?? [];
    const line: string[] = new Array(width);
    for (let c = 0; c < width; c++) line[c] = normalizeLabel(rawText(row[c]));
    texts.push(line);
  }
  for (const m of sheet.merges) {
    if (m.top >= rowsToRead) continue;
    const master = texts[m.top][m.left];
    for (let r = m.top; r <= Math.min(m.bottom, rowsToRead - 1); r++)
      for (let c = m.left; c <= Math.min(m.right, width - 1); c++) texts[r][c] = master;
  }
  return texts;
}

/** The labels a grid column answers to within a header band: its path of texts, top to bottom, and its lowest text. */
function columnLabels(texts: string[][], top: number, bottom: number, col: number): string[] {
  const path: string[] = [];
  let lowest = '';
  for (let r = top; r <= bottom; r++) {
    const t = texts[r][col];
    if (!t) continue;
    if (path[path.length - 1] !== t) path.push(t);
    lowest = t;
  }
  return path.length > 1 ? [path.join(' '), lowest] : path;
}

function columnNames(column: ColumnSpec): Set<string> {
  const names = [column.header, ...(column.synonyms ?? [])];
  if (column.group) names.unshift(`${column.group} ${column.header}`);
  return new Set(names.map(normalizeLabel));
}

interface BandMatch {
  top: number;
  bottom: number;
  found: Map<string, number[]>;
  unknown: { col: number; header: string }[];
  score: number;
}

function matchBand(spec: SheetSpec, names: Map<string, Set<string>>, texts: string[][], top: number, bottom: number, width: number): BandMatch {
  const found = new Map<string, number[]>();
  const unknown: { col: number; header: string }[] = [];
  for (let c = 0; c < width; c++) {
    const labels = columnLabels(texts, top, bottom, c);
    if (labels.length === 0) continue;
    const column = spec.columns.find((col) => labels.some((l) => names.get(col.code)!.has(l)));
    if (column) {
      const cols = found.get(column.code);
      if (cols) cols.push(c);
      else found.set(column.code, [c]);
    } else unknown.push({ col: c, header: '' });
  }
  return { top, bottom, found, unknown, score: found.size };
}

/**
 * Finds the header band (within the first rows, one to three rows high, or as many as the template
 * says) where the most indicators are recognised, and binds the template's columns to grid columns.
 */
export function bindSheet(spec: SheetSpec, sheet: GridSheet): SheetBinding {
  const width = columnCount(sheet);
  const rowsToRead = Math.min(sheet.rows.length, MAX_HEADER_TOP + MAX_HEADER_HEIGHT);
  const texts = headerTexts(sheet, rowsToRead, width);
  const names = new Map(spec.columns.map((c) => [c.code, columnNames(c)]));
  const heights = spec.headerRows ? [spec.headerRows] : [1, 2, 3];
  let best: BandMatch | undefined;
  for (let top = 0; top < Math.min(MAX_HEADER_TOP, rowsToRead); top++) {
    for (const h of heights) {
      const bottom = top + h - 1;
      if (bottom >= rowsToRead) continue;
      const m = matchBand(spec, names, texts, top, bottom, width);
      if (!best || m.score > best.score || (m.score === best.score && m.bottom === best.bottom && h > best.bottom - best.top + 1)) best = m;
    }
  }
  const band = best ?? { top: 0, bottom: 0, found: new Map<string, number[]>(), unknown: [], score: 0 };
  for (const u of band.unknown) {
    const texts: string[] = [];
    for (let r = band.top; r <= band.bottom; r++) {
      const t = rawText(sheet.rows[r]?.[u.col]);
      if (t && texts[texts.length - 1] !== t) texts.push(t);
    }
    u.header = texts.join(' ');
  }
  const columns = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  for (const [code, cols] of band.found) {
    columns.set(code, cols[0]);
    if (cols.length > 1) duplicates.set(code, cols.slice(1));
  }
  return {
    spec,
    sheet,
    headerTop: band.top,
    headerBottom: band.bottom,
    columns,
    duplicates,
    missing: spec.columns.filter((c) => !columns.has(c.code)),
    unknown: band.score > 0 ? band.unknown : [],
  };
}

/** A1 address of a column's header cell (its lowest header row). */
export function headerCell(binding: SheetBinding, col: number): string {
  return cellAddress(binding.headerBottom, col);
}
