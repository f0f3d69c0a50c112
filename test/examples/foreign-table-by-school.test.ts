import ExcelJS from 'exceljs';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REPO } from '../helpers/templates';

/**
 * A republic's table with one row per school and year: a unit file groups its rows by school, an
 * indicator counts the years with two markers or more, and the rule «≥ 2 markers in two different
 * years» classifies and addresses schools through okoshko run — from a rules folder of data alone.
 */
const RULES = path.join(REPO, 'test', 'fixtures', 'rules-republic');
const YEARS = [2023, 2024, 2025];
const PLANTED: Record<string, number[]> = {
  sch100001: [2, 0, 3], // two years with two markers or more: fires
  sch100002: [0, 4, 1], // one such year, however many markers: does not
  sch100003: [2, 2, 2], // every year: fires
  sch100004: [1, 1, 1], // a marker each year, never two: does not
};

function table(): string {
  const lines = ['Логин ОО;Наименование ОО;Муниципальный район;Год;Количество маркеров'];
  for (let i = 1; i <= 200; i++) {
    const id = `sch${String(100000 + i)}`;
    YEARS.forEach((y, k) => lines.push(`${id};МБОУ «СОШ № ${i}»;${i % 2 ? 'Северный район' : 'Южный район'};${y};${PLANTED[id]?.[k] ?? (i + k) % 2}`));
  }
  const file = path.join(tempDir(), 'маркеры-республики.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('a foreign table with one row per school and year, grouped by school', () => {
  const csv = table();
  const run = okoshko(['run', csv, '--rules', RULES, '--date', '2025-09-01', '--json']);
  const result = JSON.parse(run.stdout);

  it('reads 600 rows as 200 schools and fires «≥ 2 markers in two different years» on exactly the planted ones', () => {
    expect(run.stderr).toBe('');
    expect(result.files[0]).toMatchObject({ template: expect.objectContaining({ id: 'republic-vpr-markers' }), records: 600 });
    const c = result.classification;
    expect(c.kind).toBe('table');
    expect(c.rows).toHaveLength(200);
    const fired = c.rows.filter((r: { systems: { objectivity: { outcomes: { flag: boolean } } } }) => r.systems.objectivity.outcomes.flag).map((r: { school: { school_id: string } }) => r.school.school_id);
    expect(fired.sort()).toEqual(['sch100001', 'sch100003']);
    expect(c.totals.systems[0].counts).toEqual([expect.objectContaining({ title: 'с необъективными результатами', units: 2 })]);
    const f = c.rows.find((r: { school: { school_id: string } }) => r.school.school_id === 'sch100001').systems.objectivity.findings[0];
    expect(f.explanation).toBe('Лет, в которые у школы два маркера и больше — 2 при пороге 2');
  });

  it('addresses recommendations to the schools of the table and their municipalities, and writes them beside the CSV', async () => {
    const rows = result.recommendations.rows;
    expect(rows.map((r: { schoolId: string; id: string }) => `${r.schoolId} ${r.id}`).sort()).toEqual([
      'sch100001 republic_municipal_control',
      'sch100001 republic_recheck',
      'sch100003 republic_municipal_control',
      'sch100003 republic_recheck',
    ]);
    expect(rows.find((r: { schoolId: string; id: string }) => r.schoolId === 'sch100001' && r.id === 'republic_recheck')).toMatchObject({ schoolName: 'МБОУ «СОШ № 1»', municipality: 'Северный район' });
    const written = result.written.workbook;
    expect(written).toBe(csv.replace(/\.csv$/, '.okoshko.xlsx'));
    expect(existsSync(written)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(written);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['Адресные рекомендации', 'Классификация', 'Проверка']);
    expect((wb.getWorksheet('Классификация')!.getRow(2).values as unknown[]).slice(1)).toEqual(['Логин ОО', 'Наименование ОО', 'Признаков по годам', 'Необъективные результаты', 'Вывод', 'Пояснение']);
  });
});
