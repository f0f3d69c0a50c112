import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { itWith, LIBREOFFICE } from '../helpers/programs';
import { REPO } from '../helpers/templates';

const REGION = path.join(REPO, 'samples', 'sample-region');
const OFFICIAL = path.join(REPO, 'test', 'fixtures', 'writeback', 'regional-pivot.xlsx');

async function partHashes(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) out.set(name, createHash('sha256').update(await zip.file(name)!.async('uint8array')).digest('hex'));
  return out;
}

const MUST_CHANGE = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);

describe('okoshko run: the main job written into a workbook officials circulate', () => {
  const dir = tempDir();
  const into = path.join(dir, 'сводная области.xlsx');
  copyFileSync(OFFICIAL, into);
  const before = readFileSync(into);
  let first: ReturnType<typeof okoshko>;

  beforeAll(() => {
    first = okoshko(['run', path.join(REGION, '2024'), path.join(REGION, '2025'), path.join(REGION, 'отчёт-2024'), path.join(REGION, 'согласование-2025'), '--into', into, '--date', '2025-09-01', '--split-by', 'municipality', '--out-dir', path.join(dir, 'мо')]);
  });

  it('reports what it did and exits 1 because the sample region has planted errors', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/^Школ: 400; рекомендаций: \d+ \(школам: \d+, муниципалитетам: \d+\)\./);
    expect(first.stdout).toContain('сводная области.okoshko.xlsx');
  });

  it('leaves the input untouched and keeps every part of the copy it did not have to change', async () => {
    expect(readFileSync(into).equals(before)).toBe(true);
    const original = await partHashes(into);
    const result = await partHashes(path.join(dir, 'сводная области.okoshko.xlsx'));
    for (const [part, hash] of original) if (!MUST_CHANGE.has(part)) expect({ part, hash: result.get(part) }).toEqual({ part, hash });
    const added = [...result.keys()].filter((p) => !original.has(p));
    expect(added.every((p) => /^xl\/(worksheets|tables)\//.test(p))).toBe(true);
  });

  it('adds the three sheets, readable by exceljs, with a recommendation row as the plans lay them out', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'сводная области.okoshko.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Адресные рекомендации', 'Классификация', 'Проверка (Окошко)', 'Сводная']));
    const recs = wb.getWorksheet('Адресные рекомендации')!;
    expect(recs.getRow(2).values).toEqual([undefined, '№', 'Муниципалитет', 'ОО', 'Адресат', 'Основание', 'Рекомендация', 'Срок', 'Ответственный', 'Ожидаемый результат', 'Отметка о выполнении', 'Код']);
    expect(String(recs.getCell('A1').value)).toMatch(/каталог рекомендаций «.+» [\d.]+; дата отчёта 01\.09\.2025/);
    expect(String(recs.getRow(3).getCell(7).value)).toMatch(/^\d\d\.\d\d\.\d{4}$/);
  });

  itWith(LIBREOFFICE, 'LibreOffice печатает результат okoshko run')('opens in LibreOffice, which prints it to PDF and exports the recommendations, the plan read back, the appendix and МУКО to CSV', () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'okoshko-lo-'));
    const work = tempDir();
    const result = path.join(dir, 'сводная области.okoshko.xlsx');
    try {
      for (const to of ['pdf', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1']) {
        const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', work, result], { encoding: 'utf8', timeout: 180_000 });
        expect(r.status).toBe(0);
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    expect(readFileSync(path.join(work, 'сводная области.okoshko.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = readFileSync(path.join(work, 'сводная области.okoshko-Адресные рекомендации.csv'), 'utf8');
    expect(csv).toContain('Отметка о выполнении');
    expect(csv).toMatch(/программ[ау] перевода/i);
    const targets = readFileSync(path.join(work, 'сводная области.okoshko-Целевые показатели.csv'), 'utf8');
    expect(targets).toContain('Прошлый год');
    expect(targets).toMatch(/Участники проекта в целом.*2025.*не выше,25,36[.,]2,не достигнуто,35[.,]7,"?хуже на 0,5/);
    const execution = readFileSync(path.join(work, 'сводная области.okoshko-Выполнение мероприятий.csv'), 'utf8');
    expect(execution).toMatch(/Все мероприятия школам,Регион в целом,.*"?улучшение у \d+ из \d+ \(\d+ %\)"?/);
    expect(execution).toContain('перенесено на 2025 год');
    const appendix = readFileSync(path.join(work, 'сводная области.okoshko-Приложение к приказу.csv'), 'utf8');
    expect(appendix).toContain('Согласовано МОУО');
    expect(appendix).toMatch(/\d+,ШНОР,г\. Приозёрск,МБОУ «СОШ № 23» г\. Приозёрска \(sch347275\),/);
    expect(appendix).toMatch(/остаётся в перечне,не согласовано,low_results\.status\.ШНОР@sch347275/);
    const muko = readFileSync(path.join(work, 'сводная области.okoshko-Показатели МУКО.csv'), 'utf8');
    expect(muko).toMatch(/Доля ОО: ШНОР,10,40 из 400,10,40 из 400,0/);
  });

  it('replaces its own sheets on a second run and adds nothing else', async () => {
    const out = path.join(dir, 'сводная области.okoshko.xlsx');
    const again = okoshko(['run', path.join(REGION, '2024'), path.join(REGION, '2025'), path.join(REGION, 'отчёт-2024'), path.join(REGION, 'согласование-2025'), '--into', out, '--in-place', '--date', '2025-09-01']);
    expect(again.status).toBe(1);
    const firstParts = await partHashes(path.join(dir, 'сводная области.okoshko.bak.xlsx'));
    const secondParts = await partHashes(out);
    expect([...secondParts.keys()].sort()).toEqual([...firstParts.keys()].sort());
    for (const [part, hash] of firstParts) expect({ part, hash: secondParts.get(part) }).toEqual({ part, hash });
  });

  it('writes one workbook per municipality holding only its rows', async () => {
    const files = readdirSync(path.join(dir, 'мо'));
    expect(files.length).toBe(25);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'мо', files[0]));
    const municipality = files[0].replace(/\.xlsx$/, '');
    const ws = wb.getWorksheet('Классификация')!;
    const column = ws.getColumn(1).values.slice(3) as string[];
    expect(column.length).toBeGreaterThan(0);
    expect(new Set(column)).toEqual(new Set([municipality]));
  });

  it('gives a municipality the targets of its own schools and its own municipal targets only', async () => {
    const file = readdirSync(path.join(dir, 'мо')).find((f) => f.startsWith('Берёзовский'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'мо', file));
    const ws = wb.getWorksheet('Целевые показатели')!;
    const rows = (ws.getSheetValues() as unknown[][]).slice(3).filter(Boolean);
    const schools = new Set(rows.map((r) => String(r[7])));
    expect(schools).toEqual(new Set(['Муниципалитет в целом', 'МКОУ «Макарьевская ООШ» (sch765499)']));
    expect(new Set(rows.map((r) => r[6]))).toEqual(new Set(['Берёзовский муниципальный район']));
  });
});
