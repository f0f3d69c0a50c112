import path from 'node:path';
import ExcelJS from 'exceljs';
import { factCatalogue } from '../../src/core/rules/fact-catalogue';
import { readyRules } from '../../src/core/rules/rule-folder';
import { classifyTable, type TableClassification } from '../../src/core/rules/table-classify';
import { loadRuleBundle } from '../../src/addin/taskpane/rule-bundle';
import { checkSources, classifySources } from '../../src/addin/taskpane/workflow';
import { readSubmissionFile } from '../../src/files/read-file';
import { readRegion } from '../../src/files/region-files';
import { ruleBundleFromDisk } from '../addin/rule-bundle-fs';
import { loadRuleFolder } from '../../src/files/rule-files';
import { okoshko, tempDir } from '../helpers/cli';
import { bundledTemplates, REPO, SHARED } from '../helpers/templates';

const CSV = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');

describe('classifying Moscow open data against the city\'s own distribution', () => {
  let rows: TableClassification[];
  beforeAll(async () => {
    const templates = bundledTemplates();
    const rules = readyRules(loadRuleFolder(path.join(REPO, 'rules')), factCatalogue(templates), 'moscow');
    expect(rules.sets.map((s) => s.file.id)).toEqual(['moscow-ege']);
    const { tables } = await readRegion([CSV], templates);
    rows = await classifyTable('moscow-ege', tables.get('moscow-ege')!, rules.sets);
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
    const checked = checkSources([{ name: 'moscow.csv', grid }], rules.templates);
    const c = await classifySources(checked, rules);
    expect(c.table).toMatchObject({ title: expect.stringMatching(/^Результаты ЕГЭ по школам Москвы/), rows: 626, flagged: rows.filter((r) => r.findings.length > 0).length });
    expect(c.table!.labels.find((l) => /^Нижний дециль/.test(l.label))!.rows).toBe(decile().length);
    expect(c.sheet.rows.map((r) => r.cells.ID)).toEqual([...rows].sort((a, b) => b.findings.length - a.findings.length).map((r) => r.row.ID));
    expect(c.sheet.stamp).toMatch(/^Окошко: Результаты ЕГЭ по школам Москвы.*; параметры «.+»/);
    expect(c.recommendations).toBeUndefined();
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
    expect(ws.getRow(2).values).toEqual([undefined, 'ID', 'YEAR', 'EDU_NAME', 'Вывод', 'Пояснение']);
    expect(String(ws.getRow(3).getCell(4).value)).toMatch(/^Нижний дециль|^Мало высокобалльников/);
  });
});
