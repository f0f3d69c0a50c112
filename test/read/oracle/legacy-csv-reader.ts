/**
 * The CSV reader as it was before the one reader (src/files/csv-reader.ts at 2c6e2ef), kept
 * verbatim but for its names: iconv-lite and TextDecoder decode, so it is the oracle the
 * hand-written decoder and the one reader's CSV are held against.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { CellValue, Grid } from '../../../src/core/grid/grid';
import { FileReadError } from '../../../src/read/read-error';

export type CsvDelimiter = ';' | ',' | '\t';

/** In order of preference on a tie: Russian Excel writes ';' because ',' is the decimal separator. */
const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];
const SAMPLE_RECORDS = 20;

/**
 * Bytes → text. A BOM decides; otherwise text that is valid UTF-8 is UTF-8, and anything else is
 * taken for Windows-1251, which is what Russian Excel writes when it saves "CSV (разделители — запятые)".
 */
export function legacyDecodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Excel's "Текст Юникод" (.txt) is UTF-16 with a BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(buffer, 'win1251');
  }
}

/** Field counts of the first records under each candidate delimiter, honouring quotes. */
function sampleFieldCounts(text: string): Map<CsvDelimiter, number[]> {
  const counts = new Map<CsvDelimiter, number[]>(DELIMITERS.map((d) => [d, []]));
  const current = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 1]));
  let inQuotes = false;
  let recordHasText = false;
  let records = 0;
  const endRecord = (): void => {
    if (recordHasText) {
      for (const d of DELIMITERS) counts.get(d)!.push(current.get(d)!);
      records++;
    }
    for (const d of DELIMITERS) current.set(d, 1);
    recordHasText = false;
  };
  for (let i = 0; i < text.length && records < SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      recordHasText = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
    } else {
      recordHasText = true;
      if (ch === ';' || ch === ',' || ch === '\t') current.set(ch, current.get(ch)! + 1);
    }
  }
  if (records < SAMPLE_RECORDS) endRecord();
  return counts;
}

/**
 * The delimiter under which most of the first records have as many fields as the header, the
 * header having at least two; on a tie the first in DELIMITERS. Looking past the header keeps a
 * quoted "Иванов; Петров" from voting for ';', and preferring ';' keeps `Балл, мат.;Балл, рус.`
 * over `1,5;2,5` on ';' even though ',' splits every line evenly too.
 */
export function legacyDetectCsvDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ';';
  let bestAgreement = -1;
  for (const [delimiter, counts] of sampleFieldCounts(text)) {
    const columns = counts[0] ?? 1;
    if (columns < 2) continue;
    const agreement = counts.filter((n) => n === columns).length / counts.length;
    if (agreement > bestAgreement) {
      best = delimiter;
      bestAgreement = agreement;
    }
  }
  return best;
}

function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem || 'Лист1';
}

/** A line break inside a quoted field becomes "\n", as in an Excel cell, whatever the file's line endings. */
function toCellText(field: string): CellValue {
  if (field === '') return null;
  return field.includes('\r') ? field.replace(/\r\n?/g, '\n') : field;
}

/**
 * Empty fields at the end of a record are dropped, as the xlsx reader drops blank cells: a
 * separator that ends every line (as in the Moscow open-data files) then leaves no phantom column.
 */
function toRow(record: readonly string[]): CellValue[] {
  let width = record.length;
  while (width > 0 && record[width - 1] === '') width--;
  const row: CellValue[] = new Array(width);
  for (let c = 0; c < width; c++) row[c] = toCellText(record[c]);
  return row;
}

/** A CSV file as one sheet named after the file; every value stays the text it was, empty → null. */
export function legacyReadCsv(buffer: Buffer | Uint8Array, name: string): Grid {
  const text = legacyDecodeText(buffer);
  if (text.trim() === '') throw new FileReadError('file_empty', name);
  const delimiter = legacyDetectCsvDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', escapeChar: '"', skipEmptyLines: false });
  const rows = parsed.data.map(toRow);
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return { sheets: [{ name: sheetNameOf(name), hidden: false, rows, merges: [] }] };
}
