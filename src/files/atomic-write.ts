import type ExcelJS from 'exceljs';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Writes to a temporary file beside the target, then renames: a crash never leaves half a workbook. */
export async function writeWorkbookAtomically(wb: ExcelJS.Workbook, target: string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    await wb.xlsx.writeFile(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
