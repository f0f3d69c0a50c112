import { readFileSync, statSync } from 'node:fs';
import officeCrypto from 'officecrypto-tool';
import type { Grid } from '../core/grid/grid';
import { DEFAULT_READ_LIMITS, FileReadError, readGrid } from '../read';
import { READ_NATIVES } from './node-natives';

/** Larger files are refused before reading. */
export const MAX_SUBMISSION_BYTES = DEFAULT_READ_LIMITS.fileBytes;

/**
 * Excel encrypts a workbook with this password when it is protected without one (a read-only
 * recommendation, a locked structure) and opens it with no prompt; so does LibreOffice.
 */
const EXCEL_DEFAULT_PASSWORD = 'VelvetSweatshop';


/** The grid of a workbook or CSV; one encrypted with Excel's default key is decrypted first, as Excel does. */
async function gridOf(bytes: Uint8Array, name: string): Promise<Grid> {
  try {
    return readGrid(bytes, name, READ_NATIVES);
  } catch (e) {
    if (!(e instanceof FileReadError) || e.code !== 'file_encrypted') throw e;
    let plain: Uint8Array;
    try {
      plain = await officeCrypto.decrypt(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { password: EXCEL_DEFAULT_PASSWORD });
    } catch {
      // A password of the user's own: the reader's refusal says how to remove it.
      throw e;
    }
    return readGrid(plain, name, READ_NATIVES);
  }
}

/** A submission already in memory (a dropped file, a test); `name` gives its extension and sheet name. */
export async function readSubmissionBuffer(buffer: Uint8Array, name: string): Promise<Grid> {
  return gridOf(buffer, name);
}

function readBytes(path: string): Uint8Array {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new FileReadError('file_unreadable', path, 'это папка, а не файл');
    if (!stat.isFile()) throw new FileReadError('file_unreadable', path, 'это не обычный файл (канал, устройство или сокет)');
    return readFileSync(path);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileReadError('file_not_found', path, undefined, { cause: e });
    if (code === 'EACCES' || code === 'EPERM') throw new FileReadError('file_unreadable', path, 'нет прав на чтение', { cause: e });
    // Excel keeps a file it has open locked on Windows.
    if (code === 'EBUSY') throw new FileReadError('file_unreadable', path, 'файл открыт в другой программе, закройте его', { cause: e });
    throw new FileReadError('file_unreadable', path, undefined, { cause: e, technical: code ?? (e instanceof Error ? e.message : String(e)) });
  }
}

/** Reads a workbook or CSV from disk into a grid, or throws a FileReadError saying why it cannot. */
export async function readSubmissionFile(path: string): Promise<Grid> {
  return gridOf(readBytes(path), path);
}
