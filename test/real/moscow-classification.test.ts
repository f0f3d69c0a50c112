import path from 'node:path';
import ExcelJS from 'exceljs';
import { classifyOutcomes } from '../../src/core/pipeline';
import { allFindings, type SchoolClassification } from '../../src/core/rules/classify';
import { readSubmissionFile } from '../../src/files/read-file';
import { loadRuleBundle } from '../../src/pane/rule-bundle';
import { paneCheck, paneClassification } from '../../src/pane/workflow';
import { okoshko, tempDir } from '../helpers/cli';
import { bundledLibrary, checkFiles } from '../helpers/pipeline';
import { SHARED } from '../helpers/templates';
import { ruleBundleFromDisk } from '../support/addin-workload';

const CSV = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');

describe('classifying Moscow open data against the city\'s own distribution', () => {
  let rows: { row: Record<string, unknown>; findings: ReturnType<typeof allFindings> }[];
  beforeAll(async () => {
    const c = await classifyOutcomes(await checkFiles([CSV]), bundledLibrary());
    if (c.kind !== 'table') throw new Error('Moscow is not classified as a table');
    expect(c.rules.sets.filter((s) => s.file.scope === 'table').map((s) => s.file.id)).toEqual(['moscow-ege']);
    rows = c.classifications.map((u: SchoolClassification) => ({ row: u.unit.record, findings: allFindings(u) }));
  });

  const decile = () => rows.filter((r) => r.findings.some((f) => f.rule === 'city_bottom_decile_160'));

  it('puts about a tenth of the city\'s schools with ten or more graduates in the bottom decile', () => {
    const eligible = rows.filter((r) => (r.row.graduates as number) >= 10).length;
    expect(decile().length).toBeGreaterThan(0.08 * eligible);
    expect(decile().length).toBeLessThanOrEqual(0.11 * eligible);
  });

  it('flags only schools whose share of 160+ is below every school it leaves out', () => {
    const flagged = decile();
    const worstKept = Math.min(...rows.filter((r) => !flagged.includes(r) && (r.row.graduates as number) >= 10).map((r) => r.row.share_160 as number));
    for (const r of flagged) expect(r.row.share_160 as number).toBeLessThanOrEqual(worstKept);
  });

  it('explains each flag with the school\'s values and the city\'s thresholds in Russian', () => {
    const f = decile()[0].findings.find((x) => x.rule === 'city_bottom_decile_160')!;
    expect(f.explanation).toMatch(/^Выпускников, сдававших ЕГЭ — \d+ чел\. при пороге 10 чел\.; Доля выпускников со 160\+ баллами, процентиль в таблице — [\d,]+ при пороге не более 10$/);
  });

  it('is classified the same way by the task pane and the web page, which have no register for it', async () => {
    const grid = await readSubmissionFile(CSV);
    const rules = loadRuleBundle(ruleBundleFromDisk());
    const checked = await paneCheck([{ key: 'moscow', name: 'moscow.csv', grid }], rules);
    const c = await paneClassification(checked, rules);
    expect(c.summary).toMatchObject({ kind: 'table', title: expect.stringMatching(/^Результаты ЕГЭ по школам Москвы/), rows: 626, flagged: rows.filter((r) => r.findings.length > 0).length });
    if (c.summary.kind !== 'table') throw new Error('not a table');
    expect(c.summary.labels.find((l) => /^Нижний дециль/.test(l.label))!.rows).toBe(decile().length);
    const sheet = c.sheets.find((s) => s.name === 'Классификация')!;
    expect(sheet.rows.map((r) => r.cells['row.school_id'])).toEqual([...rows].sort((a, b) => b.findings.length - a.findings.length).map((r) => r.row.school_id));
    expect(new Set(sheet.rows.map((r) => r.cells['row.school_id'])).size).toBe(626);
    expect(sheet.stamp).toMatch(/^Окошко: Результаты ЕГЭ по школам Москвы.*; параметры «.+»/);
    expect(c.sheets.map((s) => s.name)).toEqual(['Классификация', 'Проверка']);
  });

  it('writes the classification sheet from the command line', async () => {
    const out = path.join(tempDir(), 'москва.xlsx');
    const run = okoshko(['classify', CSV, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Классифицировано строк таблицы «Результаты ЕГЭ по школам Москвы.*»: 626; с выводами: \d+/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Классификация')!;
    expect(ws.getRow(2).values).toEqual([undefined, 'ID', 'YEAR', 'EDU_NAME', 'Низкие результаты / условия', 'Вывод', 'Пояснение']);
    expect(ws.getRow(3).getCell(4).value).toBe('ШНОР');
    expect(String(ws.getRow(3).getCell(5).value)).toMatch(/^Нижний дециль|^Мало высокобалльников/);
  });
});
