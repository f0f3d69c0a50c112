import ExcelJS from 'exceljs';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REGION } from '../helpers/planted';
import { REPO } from '../helpers/templates';

/**
 * The worked example of docs/examples/olympiads: a methodologist adds a system — a form, its indicators,
 * a system, a rule set with cases and two recommendations — as files of a rules folder, and the command
 * line classifies and addresses it beside the built-in systems. Nothing in it is code.
 */
const EXAMPLE = path.join(REPO, 'docs', 'examples', 'olympiads');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** The steps of the example's README: copy the built-in folder, add the example's files, add its recommendations and thresholds. */
function methodologistFolder(): string {
  const dir = path.join(tempDir(), 'правила');
  cpSync(path.join(REPO, 'rules'), dir, { recursive: true });
  cpSync(path.join(EXAMPLE, 'rules'), dir, { recursive: true });
  const catalogue = json(path.join(dir, 'recommendations', 'default.json'));
  catalogue.recommendations.push(...json(path.join(EXAMPLE, 'add-to-recommendations.json')).recommendations);
  writeFileSync(path.join(dir, 'recommendations', 'default.json'), JSON.stringify(catalogue, null, 2));
  const params = json(path.join(dir, 'params', 'sample-region.json'));
  Object.assign(params.params, json(path.join(EXAMPLE, 'add-to-params.json')));
  writeFileSync(path.join(dir, 'params', 'sample-region.json'), JSON.stringify(params, null, 2));
  return dir;
}

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? files(path.join(dir, n)) : [path.join(dir, n)]));

describe('worked example: the methodologist adds «Выявление талантов» (ВсОШ) without a line of code', () => {
  const rules = methodologistFolder();
  const out = path.join(tempDir(), 'реестр.okoshko.xlsx');
  const run = okoshko(['run', path.join(REGION, '2024'), path.join(REGION, '2025'), path.join(EXAMPLE, 'olympiads-2025.csv'), '--rules', rules, '--out', out, '--date', '2025-09-01', '--json']);
  const result = JSON.parse(run.stdout);

  it('is data only: JSON rule files, a CSV form and its README', () => {
    expect(files(EXAMPLE).map((f) => path.extname(f)).filter((e) => !['.json', '.csv', '.md'].includes(e))).toEqual([]);
  });

  it('passes lint and its own rule cases in the methodologist’s folder', () => {
    const lint = okoshko(['rules', 'lint', '--rules', rules]);
    expect(lint.stdout.trim().split('\n').pop()).toMatch(/Ошибок нет\.$/);
    expect(lint.status).toBe(0);
    const test = okoshko(['rules', 'test', '--rules', rules]);
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('✔ Школа на 800 обучающихся без участников регионального этапа');
  });

  it('classifies the new system after the built-in ones, which stay as they were', () => {
    expect(run.status).toBe(1);
    const c = result.classification;
    expect(c.systems.map((s: { id: string }) => s.id)).toEqual(['low_results', 'objectivity', 'risk_factors', 'talents']);
    const counts = c.totals.systems.flatMap((s: { counts: { title: string; units: number }[] }) => s.counts.map((n) => `${n.title}: ${n.units}`));
    expect(counts).toEqual(['ШНОР: 40', 'ШНСУ: 12', 'признаки необъективности: 8', 'зона внимания: 20', 'с высокими рисковыми факторами: 30', 'с замечаниями по выявлению талантов: 6']);
    const fired = (rule: string) => c.schools.filter((s: { systems: { talents: { findings: { rule: string }[] } } }) => s.systems.talents.findings.some((f) => f.rule === rule)).map((s: { school: { school_id: string } }) => s.school.school_id).sort();
    expect(fired('no_regional_stage')).toEqual(['sch533119', 'sch601168', 'sch613641']);
    expect(fired('low_municipal_results')).toEqual(['sch333825', 'sch482470', 'sch824751']);
    const f = c.schools.find((s: { school: { school_id: string } }) => s.school.school_id === 'sch333825').systems.talents.findings[0];
    expect(f.explanation).toMatch(/^Участников муниципального этапа ВсОШ — \d+ чел\. при пороге 10 чел\.; Доля победителей и призёров муниципального этапа ВсОШ — 0 % при пороге менее 5 %$/);
  });

  it('addresses its two recommendations to the schools and their municipalities', () => {
    const rows = result.recommendations.rows.filter((r: { area: string }) => r.area === 'talents');
    const ids = (id: string) => rows.filter((r: { id: string }) => r.id === id).map((r: { schoolId: string }) => r.schoolId).sort();
    expect(ids('talents_olympiad_preparation')).toEqual(['sch333825', 'sch482470', 'sch533119', 'sch601168', 'sch613641', 'sch824751']);
    expect(ids('talents_municipal_coaching')).toEqual(['sch333825', 'sch482470', 'sch824751']);
    const coaching = rows.find((r: { id: string }) => r.id === 'talents_municipal_coaching');
    expect(coaching).toMatchObject({ addressee: 'municipality', deadline: '2025-12-01' });
    expect(coaching.basis).toMatch(/^Мало победителей и призёров муниципального этапа ВсОШ — Участников/);
    expect(result.recommendations.totals.rows).toBe(1044 + 9);
  });

  it('shows the system as a column group of «Классификация», titled and coloured from its file', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Классификация')!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual(['Муниципалитет', 'Код ОО', 'ОО', 'Низкие результаты / условия', 'Маркеров необъективности', 'Объективность', 'Высокие рисковые факторы', 'Выявление талантов', 'Пояснение']);
    const row = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(2).value === 'sch533119')!;
    expect(row.getCell(8).value).toBe('Ни одного участника регионального этапа ВсОШ при большом числе обучающихся');
    expect((row.getCell(8).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE4DFEC');
  });
});
