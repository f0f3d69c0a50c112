import type ExcelJS from 'exceljs';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const WRITE_REASONS: Record<string, string> = {
  EBUSY: 'файл открыт в другой программе: закройте его (например, в Excel) и повторите',
  EPERM: 'нет прав на запись в эту папку или файл открыт в другой программе',
  EACCES: 'нет прав на запись в эту папку',
  ENOSPC: 'на диске нет места',
  EDQUOT: 'исчерпана квота на диске',
  EROFS: 'диск доступен только для чтения',
  EISDIR: 'на этом месте папка, а не файл',
  ENOTEMPTY: 'на этом месте папка, а не файл',
  ENOENT: 'папки для записи нет',
  ENOTDIR: 'в пути к файлу есть файл вместо папки',
  EXDEV: 'файл нельзя перенести на другой диск',
};

/** The report could not be written; the message names the user's file and the cause, in Russian. */
export class WorkbookWriteError extends Error {
  override readonly name = 'WorkbookWriteError';

  constructor(
    readonly file: string,
    cause: unknown,
    reason?: string,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why = reason ?? (code && WRITE_REASONS[code]) ?? `системная ошибка ${code ?? 'без кода'}`;
    super(`Не удалось записать книгу ${file}: ${why}`, { cause });
  }
}

/** Writes to a temporary file in the target's folder, flushes it, then renames it over the target; `mode` is kept. */
export function writeFileAtomically(target: string, bytes: Uint8Array, mode?: number): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(tmp, bytes, { flag: 'wx', ...(mode !== undefined && { mode }) });
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new WorkbookWriteError(target, e);
  }
}

/** An exceljs workbook written atomically (see writeFileAtomically). */
export async function writeWorkbookAtomically(wb: ExcelJS.Workbook, target: string): Promise<void> {
  writeFileAtomically(target, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
