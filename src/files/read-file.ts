import { promises as fs } from 'fs';
import type { Grid } from '../core/grid';
import { readCsv } from './csv-reader';
import { FileReadError } from './file-error';
import { sniffFileKind } from './file-kind';
import { readXlsx } from './xlsx-reader';

/** Larger files are refused before reading: exceljs holds a whole workbook in memory, several times its size. */
export const MAX_SUBMISSION_BYTES = 200 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} МБ`;
}

/** A submission already in memory (a dropped file, a test); `name` gives its extension and sheet name. */
export async function readSubmissionBuffer(buffer: Buffer | Uint8Array, name: string): Promise<Grid> {
  if (buffer.byteLength > MAX_SUBMISSION_BYTES) {
    throw new FileReadError('file_too_large', name, `${megabytes(buffer.byteLength)} при пределе ${megabytes(MAX_SUBMISSION_BYTES)}`);
  }
  const kind = sniffFileKind(buffer, name);
  return kind === 'xlsx' ? readXlsx(buffer, name) : readCsv(buffer, name);
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw new FileReadError('file_unreadable', path, 'это папка, а не файл');
    if (stat.size > MAX_SUBMISSION_BYTES) {
      throw new FileReadError('file_too_large', path, `${megabytes(stat.size)} при пределе ${megabytes(MAX_SUBMISSION_BYTES)}`);
    }
    return await fs.readFile(path);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileReadError('file_not_found', path, undefined, { cause: e });
    if (code === 'EACCES' || code === 'EPERM') throw new FileReadError('file_unreadable', path, 'нет прав на чтение', { cause: e });
    // Excel keeps a file it has open locked on Windows.
    if (code === 'EBUSY') throw new FileReadError('file_unreadable', path, 'файл открыт в другой программе, закройте его', { cause: e });
    throw new FileReadError('file_unreadable', path, code ?? (e instanceof Error ? e.message : String(e)), { cause: e });
  }
}

/** Reads a workbook or CSV from disk into a grid, or throws a FileReadError saying why it cannot. */
export async function readSubmissionFile(path: string): Promise<Grid> {
  return readSubmissionBuffer(await readBytes(path), path);
}
