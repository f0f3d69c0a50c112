import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, closeSync, fsyncSync, copyFileSync, constants } from 'node:fs';
import path from 'node:path';
import type { ReportSheet } from '../core/report/report-sheet';
import { FileReadError } from './file-error';
import { sniffFileKind } from './file-kind';
import { patchWorkbookPackage } from './package-patch';

export interface WritebackOptions {
  /** Replace the input itself (atomically, keeping a backup); by default a copy is written beside it. */
  inPlace?: boolean;
  /** Where to write the copy (ignored with inPlace). */
  out?: string;
}

export interface WritebackResult {
  written: string;
  backup?: string;
}

function splitName(file: string): { dir: string; stem: string; ext: string } {
  const ext = path.extname(file);
  return { dir: path.dirname(file), stem: path.basename(file, ext), ext: ext || '.xlsx' };
}

/** `<name>.bak.xlsx`, or `<name>.bak-<timestamp>[-n].xlsx` when that exists: a backup is never overwritten. */
function freeBackupPath(input: string): string {
  const { dir, stem, ext } = splitName(input);
  const first = path.join(dir, `${stem}.bak${ext}`);
  if (!existsSync(first)) return first;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  for (let n = 1; ; n++) {
    const p = path.join(dir, `${stem}.bak-${stamp}${n > 1 ? `-${n}` : ''}${ext}`);
    if (!existsSync(p)) return p;
  }
}

/** The report could not be written; the message is for the user, in Russian. */
export class WorkbookWriteError extends Error {
  override readonly name = 'WorkbookWriteError';

  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
        ? 'файл открыт в другой программе или нет прав на запись: закройте его (например, в Excel) и повторите'
        : code === 'ENOSPC'
          ? 'на диске нет места'
          : code === 'EISDIR' || code === 'ENOTEMPTY'
            ? 'на этом месте папка, а не файл'
            : cause instanceof Error
              ? cause.message
              : String(cause);
    super(`Не удалось записать книгу ${file}: ${why}`, { cause });
  }
}

/** Writes to a temporary file in the target's folder, flushes it, then renames it over the target. */
function writeAtomically(target: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new WorkbookWriteError(target, e);
  }
}

/**
 * Adds (or replaces) our report sheets in the user's workbook. By default writes
 * `<name>.okoshko.xlsx` beside the input and never touches the input; with `inPlace` replaces the
 * input atomically after copying it to a backup. A macro workbook (.xlsm) keeps its macros and
 * its extension.
 */
export async function writeReportIntoWorkbook(input: string, sheets: readonly ReportSheet[], options: WritebackOptions = {}): Promise<WritebackResult> {
  const shown = path.basename(input);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileReadError(code === 'ENOENT' ? 'file_not_found' : 'file_unreadable', input, undefined, { cause: e });
  }
  const ext = path.extname(input).toLowerCase();
  if (ext === '.xls') {
    sniffFileKind(bytes, input); // encrypted or legacy: says which
    throw new FileReadError('file_legacy_xls', input);
  }
  if (ext === '.xlsb') throw new FileReadError('file_unsupported', input, 'это двоичная книга Excel (.xlsb): сохраните её как .xlsx');
  if (ext === '.ods') throw new FileReadError('file_unsupported', input, 'это таблица OpenDocument (.ods), сохраните её как книгу Excel (.xlsx)');
  if (sniffFileKind(bytes, input) !== 'xlsx') throw new FileReadError('file_unsupported', input, 'отчёт можно добавить только в книгу Excel (.xlsx или .xlsm)');

  let patched: Uint8Array;
  try {
    patched = await patchWorkbookPackage(bytes, sheets, input);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError('file_corrupt', input, e instanceof Error ? e.message : String(e), { cause: e });
  }

  if (options.inPlace) {
    const backup = freeBackupPath(input);
    // COPYFILE_EXCL: a backup that appeared meanwhile is not overwritten.
    try {
      copyFileSync(input, backup, constants.COPYFILE_EXCL);
    } catch (e) {
      throw new WorkbookWriteError(backup, e);
    }
    writeAtomically(input, patched);
    return { written: input, backup };
  }
  const { dir, stem, ext: keepExt } = splitName(input);
  const target = options.out ? path.resolve(options.out) : path.join(dir, `${stem}.okoshko${keepExt}`);
  if (path.resolve(target) === path.resolve(input)) {
    throw new FileReadError('file_unsupported', input, `копия не может заменить исходный файл ${shown}: чтобы изменить его самого, запустите с записью на место`);
  }
  writeAtomically(target, patched);
  return { written: target };
}
