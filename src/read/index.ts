import type { Grid } from '../core/grid/grid';
import { readCsv } from './csv';
import { sniffFileKind } from './file-kind';
import { formatBytes, readLimits, type ReadOptions } from './limits';
import { FileReadError } from './read-error';
import { readXlsxGrid } from './xlsx';

export { detectCsvDelimiter, readCsv, type CsvDelimiter } from './csv';
export { sniffFileKind, type FileKind } from './file-kind';
export { DEFAULT_READ_LIMITS, type NativeUtf8Decoder, type ReadLimits, type ReadOptions } from './limits';
export { describeFileError, FileReadError, isFileReadError, type FileErrorCode } from './read-error';
export { decodeText } from './text-decode';
export { readXlsxGrid } from './xlsx';

/**
 * A submission file's bytes as the core's Grid — a workbook (.xlsx, .xlsm) or a CSV/text table,
 * told apart by content — in Node and in the browser alike. Every failure is a FileReadError
 * with a Russian message; a library's own words are kept only as its `technical` text.
 */
export function readGrid(bytes: Uint8Array, name: string, options?: ReadOptions): Grid {
  const limits = readLimits(options);
  if (bytes.byteLength > limits.fileBytes) {
    throw new FileReadError('file_too_large', name, `${formatBytes(bytes.byteLength)} при пределе ${formatBytes(limits.fileBytes)}`);
  }
  const kind = sniffFileKind(bytes, name);
  try {
    return kind === 'xlsx' ? readXlsxGrid(bytes, name, options) : readCsv(bytes, name, options);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const technical = e instanceof Error ? e.message : String(e);
    if (kind === 'xlsx') throw new FileReadError('file_corrupt', name, 'книгу не удалось разобрать', { cause: e, technical });
    throw new FileReadError('file_unreadable', name, 'таблицу не удалось разобрать', { cause: e, technical });
  }
}
