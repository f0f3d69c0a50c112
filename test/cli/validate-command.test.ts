import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, okoshko, tempDir } from '../helpers/cli';
import { SHARED } from '../helpers/templates';
import { hyperlinksOf } from '../support/xlsx-parts';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'files');

async function fillRegisterForm(form: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(form);
  const ws = wb.getWorksheet('Реестр ОО')!;
  const first = ws.actualRowCount + 1;
  rows.forEach((r, i) => ws.getRow(first + i).values = r as ExcelJS.CellValue[]);
  await wb.xlsx.writeFile(form);
}

describe('okoshko template and validate', () => {
  it('writes a blank form that, once filled, validates clean (exit 0) with a report beside it', async () => {
    const dir = tempDir();
    const form = path.join(dir, 'реестр.xlsx');
    const made = okoshko(['template', 'register', '--out', form]);
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('Бланк «Реестр образовательных организаций»');
    await fillRegisterForm(form, [
      ['sch000001', 'МБОУ «СОШ № 1»', 'г. Приозёрск', 'город', 'нет', 'нет', 820, 12, 5, 30],
      ['sch000002', 'МКОУ «Озёрная ООШ»', 'Береговой район', 'село', 'да', 'нет', 64, 3, 0, null],
    ]);
    const before = readFileSync(form);
    const run = okoshko(['validate', form]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('замечаний нет');
    expect(readFileSync(form).equals(before)).toBe(true);
    expect(listFiles(dir)).toEqual(['реестр.report.xlsx', 'реестр.xlsx']);
  });

  it('refuses to overwrite an existing file with a blank form', () => {
    const dir = tempDir();
    const form = path.join(dir, 'form.xlsx');
    writeFileSync(form, 'мой файл');
    const run = okoshko(['template', 'register', '--out', form]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/уже существует/);
    expect(readFileSync(form, 'utf8')).toBe('мой файл');
  });

  it('exits 1 when errors are found and lists them with sheet and cell; the report links to each cell', async () => {
    const dir = tempDir();
    const form = path.join(dir, 'реестр.xlsx');
    okoshko(['template', 'register', '--out', form]);
    await fillRegisterForm(form, [
      ['sch000001', 'МБОУ «СОШ № 1»', 'г. Приозёрск', 'посёлок', 'нет', 'нет', 'много', 12, 5, 30],
      ['sch000001', 'МБОУ «СОШ № 1»', 'г. Приозёрск', 'город', 'нет', 'нет', 820, 12, 5, 30],
    ]);
    const run = okoshko(['validate', form]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Реестр ОО!D2 [not_in_list, ошибка]');
    expect(run.stdout).toContain('Реестр ОО!G2 [type_invalid, ошибка]');
    expect(run.stdout).toContain('Реестр ОО!A3 [key_duplicate, ошибка]');
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(path.join(dir, 'реестр.report.xlsx'));
    expect(report.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['Сводка', 'Проверка']);
    const issues = report.getWorksheet('Проверка')!;
    expect(issues.getRow(1).getCell(9).value).toBe('Замечание');
    expect(issues.getRow(2).getCell(5).text).toBe('D2');
    expect(hyperlinksOf(readFileSync(path.join(dir, 'реестр.report.xlsx'))).get('Проверка')!.get('E2')).toBe("реестр.xlsx#'Реестр ОО'!D2");
    const summary = report.getWorksheet('Сводка')!;
    const sha = summary.getRow(4).getCell(2).value;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints machine-readable JSON with --json', async () => {
    const dir = tempDir();
    const form = path.join(dir, 'r.xlsx');
    okoshko(['template', 'register', '--out', form]);
    await fillRegisterForm(form, [['sch000001', 'Школа', 'Район', 'город', 'нет', 'нет', 0, 0, 0, 0]]);
    const run = okoshko(['validate', '--json', '--no-report', form]);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.files[0].template).toEqual({ id: 'register', version: '1.0', title: 'Реестр образовательных организаций' });
    expect(json.files[0].counts).toEqual({ errors: 1, warnings: 0, byCode: { out_of_range: 1 } });
    expect(json.files[0].issues[0]).toMatchObject({ code: 'out_of_range', sheet: 'Реестр ОО', cell: 'G2', indicator: 'pupils', value: 0 });
    expect(listFiles(dir)).toEqual(['r.xlsx']);
  });

  it.each([
    ['empty.xlsx', /пуст/i],
    ['not-a-zip.xlsx', /не является книгой|повреждён/i],
    ['truncated.xlsx', /повреждён/i],
    ['libreoffice-features.xls', /\.xls/],
    ['libreoffice-encrypted.xlsx', /парол/i],
  ])('a bad file (%s) gives one Russian line, exit 2, and writes nothing', (name, says) => {
    const dir = tempDir();
    copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
    const run = okoshko(['validate', path.join(dir, name)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(says);
    expect(lines[0]).not.toMatch(/at .+\.js|Error:/);
    expect(listFiles(dir)).toEqual([name]);
  });

  it('goes on with the other files when one is broken', () => {
    const dir = tempDir();
    copyFileSync(path.join(FIXTURES, 'truncated.xlsx'), path.join(dir, 'a.xlsx'));
    okoshko(['template', 'observation', '--out', path.join(dir, 'b.xlsx')]);
    const run = okoshko(['validate', dir]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/a\.xlsx: .*повреждён/);
    expect(run.stdout).toMatch(/b\.xlsx — Общественное наблюдение/);
    expect(existsSync(path.join(dir, 'b.report.xlsx'))).toBe(true);
    expect(existsSync(path.join(dir, 'a.report.xlsx'))).toBe(false);
  });

  it('explains a command-line mistake in Russian with exit 2', () => {
    const run = okoshko(['validate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/не указан обязательный аргумент/);
    expect(okoshko(['--help']).stdout).toMatch(/Команды:/);
  });

  it('reads the Moscow open data through its foreign template', () => {
    const csv = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');
    const run = okoshko(['validate', '--json', '--no-report', csv]);
    const json = JSON.parse(run.stdout);
    expect(json.files[0].template.id).toBe('moscow-ege');
    expect(json.files[0].records).toBe(626);
    expect(json.files[0].counts.errors).toBe(0);
    expect(run.status).toBe(0);
  });
});
