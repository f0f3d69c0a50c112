import ExcelJS from 'exceljs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REPO } from '../helpers/templates';

const REGION = path.join(REPO, 'samples', 'sample-region');

describe('okoshko classify on the sample region', () => {
  it('writes «Классификация» with a row per school and «Проверка» with the issues of every file; exits 1 as rows with errors were left out', async () => {
    const out = path.join(tempDir(), 'класс.xlsx');
    const run = okoshko(['classify', path.join(REGION, '2024'), path.join(REGION, '2025'), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Классифицировано школ: 400 (год 2025).');
    expect(run.stdout).toContain('ШНОР: 40; ШНСУ: 12; признаки необъективности: 8; зона внимания: 20; с высокими рисковыми факторами: 30.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['Классификация', 'Приложение к приказу', 'Целевые показатели', 'Анализ эффективности', 'Показатели МУКО', 'Проверка']);
    const ws = wb.getWorksheet('Классификация')!;
    expect(String(ws.getCell('A1').value)).toMatch(/^Окошко: год 2025; параметры «Приозёрская область»/);
    expect(ws.actualRowCount).toBe(402);
    const flagged = ws.getRows(3, 400)!.find((r) => r.getCell(4).value === 'ШНОР')!;
    expect(String(flagged.getCell(8).value)).toMatch(/доля «2» по ВПР/i);
    const issues = wb.getWorksheet('Проверка')!;
    expect(issues.getRow(1).getCell(2).value).toBe('Файл');
    // A header, the 26 issues of the forms, and 7 notes on what the classification left out or took from 2024.
    expect(issues.actualRowCount).toBe(34);
    const codes = issues.getColumn(4).values.slice(2) as string[];
    expect(codes.filter((c) => c === 'rows_left_out').length).toBe(4);
    expect(codes.filter((c) => c === 'register_fallback').length).toBe(3);
  });

  it('prints the classification as JSON for programs, with every condition that held', () => {
    const run = okoshko(['classify', path.join(REGION, '2024'), path.join(REGION, '2025'), '--json']);
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout).classification;
    expect(json.kind).toBe('region');
    expect(json.year).toBe(2025);
    const school = json.schools.find((s: { school: { school_id: string } }) => s.school.school_id === 'sch798343');
    expect(school.systems.low_results.outcomes.status).toEqual(['ШНОР']);
    expect(json.systems.map((s: { id: string }) => s.id)).toEqual(['low_results', 'objectivity', 'risk_factors']);
    expect(json.totals.systems[0].counts.map((c: { title: string; units: number }) => `${c.title}: ${c.units}`)).toEqual(['ШНОР: 40', 'ШНСУ: 12']);
    const omsk = school.systems.low_results.findings.find((f: { rule: string }) => f.rule === 'omsk_two_procedures');
    expect(omsk.conditions[0]).toMatchObject({ fact: 'gia', path: '$.share_below_min', operator: 'countAtLeast', value: [30, 2] });
  });
});
