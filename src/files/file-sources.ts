import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isReportCopyName, type SourceFailure, type SourceInput, type SourceRead } from '../core/pipeline/source';
import { FileReadError } from '../read/read-error';
import { MAX_SUBMISSION_BYTES, readSubmissionBuffer } from './read-file';

const SUBMISSION_EXTENSIONS = /\.(xlsx|xlsm|xls|csv|txt)$/i;

/** A file in a folder that is not a submission: ours, a backup we kept, or Excel's owner file of an open workbook. */
export interface SkippedFile {
  file: string;
  what: 'report' | 'copy' | 'backup' | 'owner' | 'hidden';
}

/** Names of the files Okoshko writes beside the forms, and the owner files Excel keeps beside an open workbook. */
export function ownFileKind(name: string): SkippedFile['what'] | undefined {
  const base = path.basename(name);
  if (base.startsWith('~$')) return 'owner';
  if (base.startsWith('.')) return 'hidden';
  if (/\.report\.xlsx$/i.test(base)) return 'report';
  if (isReportCopyName(base)) return 'copy';
  if (/\.bak(-[\w-]+)?\.xls[xm]$/i.test(base)) return 'backup';
  return undefined;
}

function failureOf(e: unknown, file: string): SourceFailure {
  if (e instanceof FileReadError) return { code: e.code, message: e.message, ...((e as { technical?: string }).technical && { technical: (e as { technical?: string }).technical }) };
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'file_not_found', message: new FileReadError('file_not_found', file).message };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'file_unreadable', message: new FileReadError('file_unreadable', file, 'нет прав на чтение').message };
  if (code === 'EBUSY') return { code: 'file_unreadable', message: new FileReadError('file_unreadable', file, 'файл открыт в другой программе, закройте его').message };
  return { code: 'file_unreadable', message: new FileReadError('file_unreadable', file).message, technical: e instanceof Error ? e.message : String(e) };
}

/** Why a path that is not a regular file cannot be a form (a FIFO or a device would block or never end). */
function notAFile(file: string): SourceFailure | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    return failureOf(e, file);
  }
  if (stat.isDirectory()) return { code: 'file_unreadable', message: new FileReadError('file_unreadable', file, 'это папка, а не файл').message };
  if (!stat.isFile()) return { code: 'file_unreadable', message: new FileReadError('file_unreadable', file, 'это не обычный файл (канал, устройство или сокет)').message };
  if (stat.size > MAX_SUBMISSION_BYTES) return { code: 'file_too_large', message: new FileReadError('file_too_large', file, `${Math.round(stat.size / 1048576)} МБ при пределе ${Math.round(MAX_SUBMISSION_BYTES / 1048576)} МБ`).message };
  return undefined;
}

/** Small files are parsed once for both of the pipeline's reads; larger ones twice, so that only one grid is held at a time. */
const CACHED_BYTES = 4 * 1024 * 1024;

/** A file on disk as the pipeline reads it. `file` is the path as the user gave it (or as found in a folder they gave). */
export function fileSource(file: string): SourceInput {
  let cached: SourceRead | undefined;
  const load = async (): Promise<SourceRead> => {
    const refused = notAFile(file);
    if (refused) return { failure: refused };
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      return { failure: failureOf(e, file) };
    }
    try {
      const grid = await readSubmissionBuffer(bytes, file);
      return { grid, sha256: createHash('sha256').update(bytes).digest('hex') };
    } catch (e) {
      if (e instanceof FileReadError) return { failure: failureOf(e, file) };
      throw e;
    }
  };
  return {
    id: path.resolve(file),
    name: file,
    folder: path.dirname(path.resolve(file)),
    read: async (headRows?: number) => {
      if (cached) {
        const r = cached;
        if (headRows === undefined) cached = undefined;
        return r;
      }
      const r = await load();
      if (headRows !== undefined && ('failure' in r || statSync(file).size <= CACHED_BYTES)) cached = r;
      return r;
    },
  };
}

export interface FileSources {
  inputs: SourceInput[];
  /** Files found in the folders given that are not forms, each with why: they are listed, not checked. */
  skipped: SkippedFile[];
}

/**
 * The forms named on the command line, folders expanded recursively in a stable order; our reports,
 * backups and owner files are set aside, and copies of books we wrote into are read only for their
 * plans (last year's «Адресные рекомендации» with execution marks).
 */
export function fileSources(paths: readonly string[]): FileSources {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const copies = new Set<string>();
  const consider = (file: string) => {
    const own = ownFileKind(file);
    if (own === 'copy') copies.add(path.resolve(file));
    if (own && own !== 'copy') skipped.push({ file, what: own });
    else files.push(file);
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        /* a dangling link is reported when it is read */
      }
      if (isDir) walk(full);
      else if (SUBMISSION_EXTENSIONS.test(name)) consider(full);
    }
  };
  for (const input of paths) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      /* a missing file is reported when it is read */
    }
    if (isDir) walk(input);
    else consider(input);
  }
  const seen = new Set<string>();
  const inputs: SourceInput[] = [];
  for (const f of files) {
    const id = path.resolve(f);
    if (seen.has(id)) continue;
    seen.add(id);
    inputs.push(copies.has(id) ? { ...fileSource(f), role: 'report' } : fileSource(f));
  }
  return { inputs, skipped };
}
