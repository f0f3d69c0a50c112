import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FileReadError, type FileErrorCode } from '../../src/read/read-error';
import { readSubmissionBuffer, readSubmissionFile } from '../../src/files/read-file';
import officeCrypto from 'officecrypto-tool';
import { REGION } from '../helpers/planted';
import { fixturePath } from './fixture-path';

async function fileError(read: () => Promise<unknown>): Promise<FileReadError> {
  try {
    await read();
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw new Error(`expected a FileReadError, got ${String(e)}`);
  }
  throw new Error('expected a FileReadError, but the file was read');
}

describe('readSubmissionFile', () => {
  it('reads a workbook and a CSV by their content', async () => {
    const workbook = await readSubmissionFile(fixturePath('libreoffice-features.xlsx'));
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Результаты', 'Справочник', 'Даты']);
    const csv = await readSubmissionFile(fixturePath('cp1251-trailing-separator.csv'));
    expect(csv.sheets[0].name).toBe('cp1251-trailing-separator');
    expect(csv.sheets[0].rows[1][0]).toBe('Ёлкинский район');
  });

  it.each<[string, FileErrorCode, RegExp]>([
    ['empty.xlsx', 'file_empty', /^Файл пустой$/],
    ['empty.csv', 'file_empty', /^Файл пустой$/],
    ['bom-only.csv', 'file_empty', /^Файл пустой$/],
    ['not-a-zip.xlsx', 'file_corrupt', /^Файл повреждён или не является книгой Excel \(\.xlsx\)/],
    ['truncated.xlsx', 'file_corrupt', /^Файл повреждён или не является книгой Excel \(\.xlsx\): .*архив обрезан/],
    ['libreoffice-features.xls', 'file_legacy_xls', /^Это старый формат Excel \(\.xls\): сохраните файл как \.xlsx/],
    ['libreoffice-encrypted.xlsx', 'file_encrypted', /^Файл зашифрован паролем: снимите пароль в Excel/],
    ['libreoffice-features.ods', 'file_unsupported', /^Формат файла не поддерживается.*\.ods/],
    ['html-table.xls', 'file_unsupported', /^Формат файла не поддерживается/],
  ])('refuses %s with %s and a Russian message', async (name, code, message) => {
    const file = fixturePath(name);
    const e = await fileError(() => readSubmissionFile(file));
    expect(e.code).toBe(code);
    expect(e.file).toBe(file);
    expect(e.message).toMatch(message);
  });

  it('opens a workbook encrypted with Excel’s default key, as Excel and LibreOffice open it without a password', async () => {
    const plain = readFileSync(path.join(REGION, '2025', 'register.xlsx'));
    const velvet = officeCrypto.encrypt(plain, { password: 'VelvetSweatshop' });
    expect([...velvet.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const expected = await readSubmissionBuffer(plain, 'register.xlsx');
    expect(await readSubmissionBuffer(velvet, 'register.xlsx')).toEqual(expected);
    const dir = mkdtempSync(path.join(tmpdir(), 'okoshko-velvet-'));
    try {
      const file = path.join(dir, 'реестр.xlsx');
      writeFileSync(file, velvet);
      expect((await readSubmissionFile(file)).sheets.map((s) => s.rows)).toEqual(expected.sheets.map((s) => s.rows));
      writeFileSync(file, officeCrypto.encrypt(plain, { password: 'пароль школы' }));
      const e = await fileError(() => readSubmissionFile(file));
      expect([e.code, e.file]).toEqual(['file_encrypted', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a missing file is not found', async () => {
    const missing = fixturePath('нет такого файла.xlsx');
    const e = await fileError(() => readSubmissionFile(missing));
    expect(e.code).toBe('file_not_found');
    expect(e.message).toBe('Файл не найден');
    expect(e.file).toBe(missing);
  });

  it('says a folder is not a file', async () => {
    const e = await fileError(() => readSubmissionFile(fixturePath('src')));
    expect(e.code).toBe('file_unreadable');
    expect(e.message).toContain('папка');
  });

  describe('with files in a temporary folder', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'okoshko-read-file-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a workbook whose extension says CSV by its content', async () => {
      const misnamed = path.join(dir, 'форма.csv');
      writeFileSync(misnamed, readFileSync(fixturePath('libreoffice-features.xlsx')));
      expect((await readSubmissionFile(misnamed)).sheets).toHaveLength(3);
    });

    it('refuses a file of unknown kind', async () => {
      const pdf = path.join(dir, 'отчёт.pdf');
      writeFileSync(pdf, '%PDF-1.4\n');
      expect((await fileError(() => readSubmissionFile(pdf))).code).toBe('file_unsupported');
    });
  });
});

describe('readSubmissionBuffer', () => {
  it('reads bytes under the given name', async () => {
    const grid = await readSubmissionBuffer(Buffer.from('Школа;Балл\nШкола № 1;65,5\n'), 'район.csv');
    expect(grid.sheets[0]).toMatchObject({ name: 'район', rows: [['Школа', 'Балл'], ['Школа № 1', '65,5']] });
  });

  it('names the file in its errors', async () => {
    const e = await fileError(() => readSubmissionBuffer(readFileSync(fixturePath('truncated.xlsx')), 'школа 5.xlsx'));
    expect(e.code).toBe('file_corrupt');
    expect(e.file).toBe('школа 5.xlsx');
  });
});
