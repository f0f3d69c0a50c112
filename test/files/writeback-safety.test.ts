import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { WorkbookWriteError, writeReportIntoWorkbook } from '../../src/files/workbook-writeback';
import { okoshko, tempDir } from '../helpers/cli';
import { REPO } from '../helpers/templates';

/** --in-place goes through the user's own rules for their file, never around them. */
const BOOK = path.join(REPO, 'test', 'fixtures', 'writeback', 'regional-pivot.xlsx');
const SHEETS: ReportSheet[] = [{ name: 'Проверка', columns: [{ key: 'a', header: 'Замечание', width: 20 }], rows: [{ cells: { a: 'нет замечаний' } }], table: 'Issues' }];

function userBook(dir = tempDir(), name = 'книга.xlsx'): string {
  const file = path.join(dir, name);
  copyFileSync(BOOK, file);
  return file;
}

describe('writing our sheets into the user’s own workbook (--in-place)', () => {
  it('refuses a read-only workbook and leaves its bytes and its mode as they were', async () => {
    const file = userBook();
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    await expect(writeReportIntoWorkbook(file, SHEETS, { inPlace: true })).rejects.toThrow(/книга только для чтения/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(existsSync(file.replace(/\.xlsx$/, '.bak.xlsx'))).toBe(false);
  });

  it('refuses a workbook open in Excel (its owner file ~$ lies beside it)', async () => {
    const file = userBook();
    writeFileSync(path.join(path.dirname(file), '~$книга.xlsx'), 'owner');
    const before = readFileSync(file);
    const error = await writeReportIntoWorkbook(file, SHEETS, { inPlace: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookWriteError);
    expect((error as Error).message).toMatch(/книга открыта в Excel \(рядом лежит его служебный файл ~\$книга\.xlsx\)/);
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('knows Excel’s owner file of a long name, whose first two letters it replaces', async () => {
    const file = userBook(tempDir(), 'сводная области 2025.xlsx');
    writeFileSync(path.join(path.dirname(file), '~$одная области 2025.xlsx'), 'owner');
    await expect(writeReportIntoWorkbook(file, SHEETS, { inPlace: true })).rejects.toThrow(/открыта в Excel/);
  });

  it('refuses a FIFO without waiting on it', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'канал.xlsx');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const started = Date.now();
    const run = okoshko(['run', path.join(REPO, 'samples', 'sample-region', '2025', 'register.xlsx'), '--into', fifo, '--in-place']);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/канал\.xlsx: Файл не удалось прочитать: это не обычный файл/);
  });

  it('follows a symbolic link to the real workbook, keeps the link and the file’s mode, and backs up beside the real one', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'данные'));
    const real = userBook(path.join(dir, 'данные'));
    chmodSync(real, 0o640);
    const link = path.join(dir, 'ссылка.xlsx');
    symlinkSync(real, link);
    const before = readFileSync(real);
    const { written, backup } = await writeReportIntoWorkbook(link, SHEETS, { inPlace: true });
    expect(written).toBe(real);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real).equals(before)).toBe(false);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(backup).toBe(path.join(dir, 'данные', 'книга.bak.xlsx'));
    expect(readFileSync(backup!).equals(before)).toBe(true);
  });

  it('names the user’s file and the cause when --into is missing or a folder, never a temporary file', () => {
    const dir = tempDir();
    const missing = okoshko(['run', path.join(REPO, 'samples', 'sample-region', '2025', 'register.xlsx'), '--into', path.join(dir, 'нет.xlsx')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/нет\.xlsx: Файл не найден: книга для записи/);
    const folder = okoshko(['run', path.join(REPO, 'samples', 'sample-region', '2025', 'register.xlsx'), '--into', dir]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/это папка, а не книга/);
    for (const r of [missing, folder]) expect(r.stderr).not.toMatch(/Внутренняя ошибка|\.tmp/);
  });

  it('says in Russian why a write failed, naming the user’s file', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(new WorkbookWriteError('/данные/книга.xlsx', full).message).toBe('Не удалось записать книгу /данные/книга.xlsx: на диске нет места');
    const odd = Object.assign(new Error('strange'), { code: 'EWEIRD' });
    expect(new WorkbookWriteError('/данные/книга.xlsx', odd).message).toBe('Не удалось записать книгу /данные/книга.xlsx: системная ошибка EWEIRD');
  });
});
