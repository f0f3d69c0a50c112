import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REGION } from '../helpers/planted';
import { REPO } from '../helpers/templates';

/** A copy of the sample region's two years, to break one file of it. */
function region(): { dir: string; y2024: string; y2025: string } {
  const dir = tempDir();
  cpSync(path.join(REGION, '2024'), path.join(dir, '2024'), { recursive: true });
  cpSync(path.join(REGION, '2025'), path.join(dir, '2025'), { recursive: true });
  return { dir, y2024: path.join(dir, '2024'), y2025: path.join(dir, '2025') };
}

describe('an unusable register of the year classified is never replaced by last year’s', () => {
  it.each([
    ['empty', () => Buffer.alloc(0), /Файл пустой/],
    ['truncated', () => readFileSync(path.join(REGION, '2025', 'register.xlsx')).subarray(0, 5000), /повреждён/],
  ])('an %s 2025 register: classify and run refuse, naming it (exit 2), and write nothing', (_kind, bytes, reason) => {
    const r = region();
    writeFileSync(path.join(r.y2025, 'register.xlsx'), bytes());
    const out = path.join(r.dir, 'класс.xlsx');
    const classify = okoshko(['classify', r.y2024, r.y2025, '--out', out]);
    expect(classify.status).toBe(2);
    expect(classify.stderr).toMatch(/^Реестр ОО за 2025 год не прочитан: .*2025[/\\]register\.xlsx — /);
    expect(classify.stderr).toMatch(reason);
    expect(classify.stdout).toMatch(/✖ .*2025[/\\]register\.xlsx: /);
    expect(existsSync(out)).toBe(false);

    const run = okoshko(['run', r.y2024, r.y2025]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Реестр ОО за 2025 год не прочитан/);
    expect(readdirSync(r.y2024).filter((f) => f.includes('okoshko'))).toEqual([]);
    expect(readdirSync(r.y2025).filter((f) => f.includes('okoshko'))).toEqual([]);
  });

  it('with only last year’s register, says that it is last year’s and does not use it', () => {
    const r = region();
    const run = okoshko(['classify', path.join(r.y2024, 'register.xlsx'), path.join(r.y2025, 'vpr.xlsx'), '--json']);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'register_other_year', year: 2025 });
  });
});

describe('a truncated form of the year classified is named wherever the classification is reported', () => {
  it('classify names the file on screen and in «Проверка», says the year lacks its ВПР, and exits 2', async () => {
    const r = region();
    writeFileSync(path.join(r.y2025, 'vpr.xlsx'), readFileSync(path.join(REGION, '2025', 'vpr.xlsx')).subarray(0, 20000));
    const out = path.join(r.dir, 'класс.xlsx');
    const run = okoshko(['classify', r.y2024, r.y2025, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/✖ .*2025[/\\]vpr\.xlsx: Файл повреждён/);
    expect(run.stdout).toContain('Нет формы «Результаты ВПР» за 2025 год');
    expect(run.stdout).toMatch(/Формы 2024 года: .*Результаты ВПР — 42240 строк/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const issues = wb.getWorksheet('Проверка')!;
    const rows = issues.getSheetValues().slice(2) as unknown[][];
    expect(rows.some((row) => row[2] === '2025/vpr.xlsx' && row[4] === 'file_unreadable')).toBe(true);
    expect(rows.some((row) => row[4] === 'form_missing' && String(row[10]).includes('Результаты ВПР'))).toBe(true);
  });
});

describe('outputs never collide and are never taken for inputs', () => {
  it('--report-dir keeps the forms’ folders: 2024/vpr.xlsx and 2025/vpr.xlsx get a report each', () => {
    const out = path.join(tempDir(), 'отчёты');
    const run = okoshko(['validate', REGION, '--report-dir', out]);
    expect(run.status).toBe(1);
    const reports: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d, { withFileTypes: true })) {
        if (f.isDirectory()) walk(path.join(d, f.name));
        else reports.push(path.relative(out, path.join(d, f.name)).split(path.sep).join('/'));
      }
    };
    walk(out);
    expect(reports).toEqual(expect.arrayContaining(['2024/vpr.report.xlsx', '2025/vpr.report.xlsx', 'incoming/zarechny-vpr.report.xlsx']));
    // One report per checked form: 28 forms less the one that is not a workbook at all.
    expect(new Set(reports).size).toBe(reports.length);
    expect(reports.length).toBe(JSON.parse(okoshko(['validate', REGION, '--json', '--no-report']).stdout).totals.checked);
  });

  it('after the main job, validate of the folder sets our outputs aside, each with a note, and checks only the forms', () => {
    const r = region();
    const job = okoshko(['run', r.y2024, r.y2025, '--split-by', 'municipality']);
    expect(job.status).toBe(1);
    expect(job.stdout).toMatch(/Книги муниципалитетов: 25 → .*2025[/\\]по муниципалитетам/);
    const check = okoshko(['validate', r.dir, '--no-report', '--json']);
    const json = JSON.parse(check.stdout);
    expect(json.totals.checked).toBe(10);
    // The copy is read only for its plan, which next year's run reads the execution marks from.
    expect(json.files.filter((f: { status: string }) => f.status === 'own')).toHaveLength(26);
    expect(json.skipped).toEqual([]);
    const copy = json.files.find((f: { file: string }) => f.file === path.join(r.y2025, 'register.okoshko.xlsx'));
    expect(copy.issues).toEqual([expect.objectContaining({ code: 'own_output', what: 'copy', marks: expect.any(Number) })]);
    expect(copy.issues[0].marks).toBeGreaterThan(1000);
    const screen = okoshko(['validate', r.dir, '--no-report']);
    expect(screen.stdout).toMatch(/– .*register\.okoshko\.xlsx: Это копия книги с листами Окошка, а не форма: файл не проверяется; из плана прочитаны отметки о выполнении — \d+/);
    expect(screen.stdout).toMatch(/– .*по муниципалитетам[/\\].+\.xlsx: Это отчёт Окошка, а не форма/);
  });
});

describe('rule files that could stop everything are skipped one by one', () => {
  it('a rule set nested 5,000 levels deep is skipped with its name; the other sets classify the sample region as usual', () => {
    const dir = tempDir();
    cpSync(path.join(REPO, 'rules'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'sets', 'deep.json'), `{"id": "deep", "rules": [${'['.repeat(5000)}${']'.repeat(5000)}]}`);
    const lint = okoshko(['rules', 'lint', '--rules', dir]);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/sets[/\\]deep\.json: \/rules\/0(\/0)+: вложенность глубже 64 уровней/);
    const classify = okoshko(['classify', '--rules', dir, path.join(REGION, '2024'), path.join(REGION, '2025'), '--out', path.join(dir, 'к.xlsx')]);
    expect(classify.stderr).toMatch(/Правила пропущены: .*deep\.json/);
    expect(classify.stdout).toContain('ШНОР: 40; ШНСУ: 12; признаки необъективности: 8; зона внимания: 20; с высокими рисковыми факторами: 30.');
    expect(okoshko(['rules', 'test', '--rules', dir]).stdout).toMatch(/✖ .*deep\.json/);
  });

  it('lint fails (exit 1) on a broken template and names it', () => {
    const dir = tempDir();
    cpSync(path.join(REPO, 'rules'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'vpr.json'), '{"id": "vpr", "sheets": [}');
    const lint = okoshko(['rules', 'lint', '--rules', dir]);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/templates[/\\]vpr\.json: \/: ошибка синтаксиса JSON в строке 1/);
  });
});

describe('exit codes: one table for every command (README, «Коды завершения»)', () => {
  it('0 clean, 1 problems in the data, 2 could not run or read', () => {
    const clean = okoshko(['validate', '--no-report', path.join(REGION, '2024', 'register.xlsx')]);
    expect(clean.status).toBe(0);
    expect(okoshko(['validate', '--no-report', path.join(REGION, '2025', 'register.xlsx')]).status).toBe(1);
    // A form of no template known is a problem of the data, not a failure to run.
    expect(okoshko(['validate', '--no-report', path.join(REGION, 'incoming', 'tikhorechensky-pitanie.xlsx')]).status).toBe(1);
    expect(okoshko(['validate', '--no-report', path.join(REPO, 'test', 'fixtures', 'files', 'truncated.xlsx')]).status).toBe(2);
    expect(okoshko(['validate']).status).toBe(2);
    expect(okoshko(['classify', path.join(REGION, '2024'), path.join(REGION, '2025'), '--out', path.join(tempDir(), 'к.xlsx')]).status).toBe(1);
  });

  it('a reader that goes away ends the command quietly', () => {
    const r = spawnSync('sh', ['-c', `node ${path.join(REPO, 'bin', 'okoshko.js')} validate --no-report ${path.join(REGION, '2025')} | head -1`], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
  });
});
