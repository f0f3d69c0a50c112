import ExcelJS from 'exceljs';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REPO } from '../helpers/templates';

const FORMS = path.join(REPO, 'samples', 'sample-region', 'school-forms', 'klyukvensky');

describe('okoshko merge', () => {
  it('builds one municipal workbook from the clean school forms and lists the rejected ones with reasons', async () => {
    const dir = tempDir();
    cpSync(FORMS, path.join(dir, 'forms'), { recursive: true });
    const out = path.join(dir, 'клюквенский.xlsx');
    const run = okoshko(['merge', path.join(dir, 'forms'), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('принято форм 6, строк 6');
    expect(run.stdout).toMatch(/✖ sch104065-conditions\.xlsx\n {4}Условия!R2: «н\/д» — не число/);
    expect(run.stdout).toMatch(/✖ sch488040-conditions\.xlsx\n {4}Условия!N2: Прошедших диагностику не может быть больше/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Условия')!.actualRowCount).toBe(7);
    const rejected = wb.getWorksheet('Отклонённые формы')!;
    expect(rejected.getColumn(1).values.slice(2)).toEqual(['sch104065-conditions.xlsx', 'sch488040-conditions.xlsx']);

    const check = okoshko(['validate', '--no-report', out]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('строк 6, замечаний нет');
  });

  it('rejects a form that repeats a school another form already gave', () => {
    const dir = tempDir();
    cpSync(path.join(FORMS, 'sch163716-conditions.xlsx'), path.join(dir, 'a.xlsx'));
    cpSync(path.join(FORMS, 'sch163716-conditions.xlsx'), path.join(dir, 'b.xlsx'));
    const run = okoshko(['merge', dir, '--out', path.join(dir, 'out', 'merged.xlsx')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✖ b\.xlsx\n {4}Условия, строка 2: такая строка уже есть в форме a\.xlsx/);
  });

  it('never writes over an existing file', () => {
    const dir = tempDir();
    cpSync(path.join(FORMS, 'sch163716-conditions.xlsx'), path.join(dir, 'a.xlsx'));
    const run = okoshko(['merge', dir, '--out', path.join(dir, 'a.xlsx')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/уже существует/);
    expect(existsSync(path.join(dir, 'a.report.xlsx'))).toBe(false);
  });
});
