import Papa from 'papaparse';
import type { CellValue, Grid } from '../core/grid/grid';
import { formatCount, readLimits, type ReadLimits, type ReadOptions } from './limits';
import { FileReadError } from './read-error';
import { decodeText } from './text-decode';

export type CsvDelimiter = ';' | ',' | '\t';

/** In order of preference on a tie: Russian Excel writes ';' because ',' is the decimal separator. */
const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];
const SAMPLE_RECORDS = 20;

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
export function detectCsvDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ';';
  let bestAgreement = -1;
  const sampled = sampleFieldCounts(text);
  for (const delimiter of DELIMITERS) {
    const counts = sampled.get(delimiter)!;
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

/** Whether some line, between any of \n and \r, is longer than `max` characters. */
function hasLineLongerThan(text: string, max: number): boolean {
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    const next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const end = next < 0 ? text.length : next;
    if (end - start > max) return true;
    if (next < 0) return false;
    start = next + 1;
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
  }
}

/** A line break inside a quoted field becomes "\n", as in an Excel cell, whatever the file's line endings. */
function toCellText(field: string): CellValue {
  if (field === '') return null;
  return field.indexOf('\r') >= 0 ? field.replace(/\r\n?/g, '\n') : field;
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

/** The records as rows, refusing a field or a count of values over the limits as soon as it appears. */
function parseRows(text: string, delimiter: CsvDelimiter, limits: ReadLimits, name: string): CellValue[][] {
  const rows: CellValue[][] = [];
  let cells = 0;
  let refusal: FileReadError | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step(results, parser) {
      const record = results.data;
      for (const field of record) {
        if (field.length > limits.textLength) {
          refusal = new FileReadError('file_limit', name, `текст ячейки длиннее ${formatCount(limits.textLength)} символов`);
        } else if (field !== '') {
          cells++;
        }
      }
      if (cells > limits.cells) refusal = new FileReadError('file_limit', name, `больше ${formatCount(limits.cells)} ячеек со значениями`);
      if (refusal) parser.abort();
      else rows.push(toRow(record));
    },
  });
  if (refusal) throw refusal;
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** A CSV or text file as one sheet named after the file; every value stays the text it was, empty → null. */
export function readCsv(bytes: Uint8Array, name: string, options?: ReadOptions): Grid {
  const limits = readLimits(options);
  const text = decodeText(bytes);
  if (text.trim() === '') throw new FileReadError('file_empty', name);
  if (hasLineLongerThan(text, limits.csvLineLength)) {
    throw new FileReadError('file_limit', name, `строка длиннее ${formatCount(limits.csvLineLength)} символов`);
  }
  const rows = parseRows(text, detectCsvDelimiter(text), limits, name);
  return { sheets: [{ name: sheetNameOf(name), hidden: false, rows, merges: [] }] };
}
