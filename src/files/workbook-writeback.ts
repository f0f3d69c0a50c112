import { constants, copyFileSync, existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ReportSheet } from '../core/report/report-sheet';
import { FileReadError } from '../read/read-error';
import { sniffFileKind } from '../read/file-kind';
import { patchWorkbookPackage } from '../render/workbook-patch';
import { WorkbookWriteError, WRITE_REASONS, writeFileAtomically } from './atomic-write';
import { WRITE_NATIVES } from './node-natives';

export { WorkbookWriteError } from './atomic-write';

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

/** Excel's owner file of an open workbook: «~$» and the name, the name's first two letters replaced when it is long. */
export function ownerFiles(workbook: string): string[] {
  const dir = path.dirname(workbook);
  const base = path.basename(workbook);
  return [...new Set([`~$${base}`, `~$${base.slice(2)}`])].map((n) => path.join(dir, n));
}

/** Why the workbook cannot be written in place, or undefined when it can. */
function inPlaceRefusal(real: string, mode: number): string | undefined {
  if ((mode & 0o222) === 0) return 'книга только для чтения: снимите этот атрибут, если её действительно нужно изменить, или запишите копию без --in-place';
  const owner = ownerFiles(real).find((f) => existsSync(f));
  if (owner) return `книга открыта в Excel (рядом лежит его служебный файл ${path.basename(owner)}): закройте её и повторите, иначе Excel при сохранении удалит листы Окошка`;
  return undefined;
}

function readWorkbook(input: string): { real: string; bytes: Uint8Array; mode: number } {
  let stat;
  try {
    stat = lstatSync(input);
  } catch (e) {
    throw new FileReadError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file_not_found' : 'file_unreadable', input, 'книга для записи', { cause: e });
  }
  let real = input;
  if (stat.isSymbolicLink()) {
    try {
      real = realpathSync(input);
      stat = statSync(real);
    } catch (e) {
      throw new FileReadError('file_not_found', input, 'ссылка ведёт на книгу, которой нет', { cause: e });
    }
  }
  if (stat.isDirectory()) throw new FileReadError('file_unreadable', input, 'это папка, а не книга: укажите файл .xlsx');
  if (!stat.isFile()) throw new FileReadError('file_unreadable', input, 'это не обычный файл (канал, устройство или сокет)');
  try {
    return { real, bytes: readFileSync(real), mode: stat.mode & 0o7777 };
  } catch (e) {
    throw new FileReadError('file_unreadable', input, (e as NodeJS.ErrnoException).code === 'EACCES' ? 'нет прав на чтение' : undefined, { cause: e });
  }
}

/**
 * Adds (or replaces) our report sheets in the user's workbook. By default writes
 * `<name>.okoshko.xlsx` beside the input and never touches the input; with `inPlace` replaces the
 * input atomically after copying it to a backup — not when it is read-only or open in Excel, and
 * through a symbolic link to the real workbook, keeping its permissions. A macro workbook (.xlsm) keeps
 * its macros and its extension.
 */
export async function writeReportIntoWorkbook(input: string, sheets: readonly ReportSheet[], options: WritebackOptions = {}): Promise<WritebackResult> {
  const ext = path.extname(input).toLowerCase();
  const { real, bytes, mode } = readWorkbook(input);
  if (ext === '.xls') {
    sniffFileKind(bytes, input); // encrypted or legacy: says which
    throw new FileReadError('file_legacy_xls', input);
  }
  if (ext === '.xlsb') throw new FileReadError('file_unsupported', input, 'это двоичная книга Excel (.xlsb): сохраните её как .xlsx');
  if (ext === '.ods') throw new FileReadError('file_unsupported', input, 'это таблица OpenDocument (.ods), сохраните её как книгу Excel (.xlsx)');
  if (sniffFileKind(bytes, input) !== 'xlsx') throw new FileReadError('file_unsupported', input, 'отчёт можно добавить только в книгу Excel (.xlsx или .xlsm)');
  if (options.inPlace) {
    const refusal = inPlaceRefusal(real, mode);
    if (refusal) throw new WorkbookWriteError(input, undefined, refusal);
  }

  let patched: Uint8Array;
  try {
    patched = patchWorkbookPackage(bytes, sheets, input, WRITE_NATIVES);
  } catch (e) {
    // The patcher's own reasons are Russian sentences about the package's parts.
    if (e instanceof FileReadError) throw e;
    throw new FileReadError('file_corrupt', input, e instanceof Error ? e.message : String(e), { cause: e });
  }

  if (options.inPlace) {
    const backup = freeBackupPath(real);
    // COPYFILE_EXCL: a backup that appeared meanwhile is not overwritten.
    try {
      copyFileSync(real, backup, constants.COPYFILE_EXCL);
    } catch (e) {
      throw new WorkbookWriteError(input, e, `резервная копия ${backup} не записана (${WRITE_REASONS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as NodeJS.ErrnoException).code}): книга не изменена`);
    }
    writeFileAtomically(real, patched, mode);
    return { written: real, backup };
  }
  const { dir, stem, ext: keepExt } = splitName(input);
  const target = options.out ? path.resolve(options.out) : path.join(dir, `${stem}.okoshko${keepExt}`);
  if (path.resolve(target) === path.resolve(input) || (existsSync(target) && realpathSync(target) === real)) {
    throw new FileReadError('file_unsupported', input, `копия не может заменить исходный файл ${path.basename(input)}: чтобы изменить его самого, запустите с записью на место (--in-place)`);
  }
  writeFileAtomically(target, patched);
  return { written: target };
}
