import iconv from 'iconv-lite';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildFormWorkbook } from '../../src/files/form-writer';
import type { SampleFile } from './sample-file';

/** Folders the generator owns inside the sample region; they are rebuilt from scratch. */
const GENERATED_FOLDERS = ['2024', '2025', 'incoming', 'school-forms'];

function csvText(rows: string[][], delimiter: string): string {
  const quote = (v: string) => (/["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

/** The bytes of one sample file. */
export async function renderSampleFile(file: SampleFile): Promise<Buffer> {
  switch (file.kind) {
    case 'form': {
      const wb = buildFormWorkbook(file.template, { rows: file.rows, date: file.date });
      for (const name of file.drop ?? []) {
        const ws = wb.getWorksheet(name);
        if (ws) wb.removeWorksheet(ws.id);
      }
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    case 'csv': {
      const text = csvText(file.rows, file.delimiter);
      return file.encoding === 'windows-1251' ? iconv.encode(text, 'win1251') : Buffer.from(`\uFEFF${text}`, 'utf8');
    }
    case 'text':
      return Buffer.from(file.text, 'utf8');
  }
}

function writeAtomically(target: string, data: Buffer): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes the sample region under `root`, replacing what the generator wrote before. */
export async function writeSampleRegion(root: string, files: readonly SampleFile[], onFile?: (file: SampleFile) => void): Promise<void> {
  for (const folder of GENERATED_FOLDERS) rmSync(path.join(root, folder), { recursive: true, force: true });
  for (const file of files) {
    writeAtomically(path.join(root, file.path), await renderSampleFile(file));
    onFile?.(file);
  }
}
