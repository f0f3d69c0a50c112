import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PACKAGE_ROOT } from '../../src/files/package-root';

/**
 * Last year's report as it came back to the region: `okoshko run` on 2023–2024 (report date
 * 02.09.2024), then «Отметка о выполнении» filled the ways officials fill it — free text, «+», dates,
 * an unrecognised word — after sorting the rows, deleting one and adding one of their own; three
 * municipal books came back filled too, one of them saying the opposite of the region's book about a
 * measure. The ШНОР list was approved without one school (its row deleted from «Приложение к приказу»).
 * And this year's draft lists came back from one МОУО with its agreement marks (согласование-2025).
 * What was planted goes to planted-marks.json for the tests.
 */

const REGION = path.join(PACKAGE_ROOT, 'samples', 'sample-region');
const OUT = path.join(REGION, 'отчёт-2024');
const AGREEMENT = path.join(REGION, 'согласование-2025');
const APPENDIX = 'Приложение к приказу';
const AGREEING = 'г. Приозёрск';
const SHEET = 'Адресные рекомендации';
const RETURNED = ['Берёзовский муниципальный район', 'Каменский муниципальный район', 'г. Приозёрск'];

type Status = 'done' | 'partly' | 'not_done' | 'blank' | 'unrecognised';
const MARKS: { value: string | Date; status: Status }[] = [
  { value: 'выполнено', status: 'done' },
  { value: 'Выполнено.', status: 'done' },
  { value: '+', status: 'done' },
  { value: new Date(Date.UTC(2025, 2, 14)), status: 'done' },
  { value: 'выполнено частично', status: 'partly' },
  { value: 'в работе', status: 'partly' },
  { value: 'не выполнено', status: 'not_done' },
  { value: 'Нет', status: 'not_done' },
  { value: '', status: 'blank' },
  { value: 'выполнено 20.12.2024', status: 'done' },
  { value: 'ДА', status: 'done' },
  { value: '', status: 'blank' },
  { value: 'Не выполнено', status: 'not_done' },
];
const UNRECOGNISED = ['перенесено на 2025 год', 'см. отчёт МОУО'];

interface PlantedMark {
  file: string;
  cell: string;
  key: string;
  mark: string;
  status: Status;
}

function columns(ws: ExcelJS.Worksheet): { header: number; mark: number; code: number; school: number; municipality: number; measure: number } {
  for (let r = 1; r <= 5; r++) {
    const row = ws.getRow(r);
    const at = (h: string) => (row.values as unknown[]).findIndex((v) => v === h);
    if (at('Отметка о выполнении') > 0)
      return { header: r, mark: at('Отметка о выполнении'), code: at('Код'), school: at('ОО'), municipality: at('Муниципалитет'), measure: at('Рекомендация') };
  }
  throw new Error(`нет заголовка листа «${SHEET}»`);
}

const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v));

async function fillRegionBook(file: string, relative: string, planted: PlantedMark[]): Promise<{ deleted: string; added: string; conflictKey: string; approvedWithout: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET)!;
  const c = columns(ws);
  const first = c.header + 1;
  const last = ws.actualRowCount;
  // Sorted by the user: by school, descending (Excel's «Сортировка от Я до А»).
  const rows = [];
  for (let r = first; r <= last; r++) rows.push((ws.getRow(r).values as unknown[]).slice());
  rows.sort((a, b) => text(b[c.school]).localeCompare(text(a[c.school]), 'ru') || text(a[c.code]).localeCompare(text(b[c.code])));
  rows.forEach((values, i) => {
    const row = ws.getRow(first + i);
    values.forEach((v, col) => col > 0 && (row.getCell(col).value = v as ExcelJS.CellValue));
  });
  // One row deleted: its measure is not in the plan that came back.
  const deleted = text(ws.getRow(first + 5).getCell(c.code).value);
  ws.spliceRows(first + 5, 1);
  const count = last - first;
  let conflictKey = '';
  for (let i = 0; i < count; i++) {
    const r = first + i;
    const row = ws.getRow(r);
    const key = text(row.getCell(c.code).value);
    const u = i === 17 ? UNRECOGNISED[0] : i === 301 ? UNRECOGNISED[1] : undefined;
    const m = u !== undefined ? { value: u, status: 'unrecognised' as const } : MARKS[i % MARKS.length];
    row.getCell(c.mark).value = m.value === '' ? null : m.value;
    if (m.value instanceof Date) row.getCell(c.mark).numFmt = 'dd.mm.yyyy';
    if (!conflictKey && m.status === 'done' && RETURNED.includes(text(row.getCell(c.municipality).value))) conflictKey = key;
    planted.push({ file: relative, cell: row.getCell(c.mark).address, key, mark: text(m.value), status: m.status });
  }
  // A row of the user's own, without our code.
  const added = ws.getRow(first + count);
  const model = ws.getRow(first);
  added.getCell(c.municipality).value = model.getCell(c.municipality).value;
  added.getCell(c.school).value = model.getCell(c.school).value;
  added.getCell(c.measure).value = 'Провести педагогический совет по итогам ВПР';
  added.getCell(c.mark).value = 'выполнено';
  const addedKey = `${text(model.getCell(c.school).value)}|Провести педагогический совет по итогам ВПР`;
  planted.push({ file: relative, cell: added.getCell(c.mark).address, key: '', mark: 'выполнено', status: 'done' });
  const approvedWithout = dropFromAppendix(wb, 'low_results.status.ШНОР');
  await wb.xlsx.writeFile(file);
  return { deleted, added: addedKey, conflictKey, approvedWithout };
}

/** The official approved the list without one school: its row is deleted. */
function dropFromAppendix(wb: ExcelJS.Workbook, list: string): string {
  const ws = wb.getWorksheet(APPENDIX)!;
  const code = (ws.getRow(2).values as unknown[]).findIndex((v) => v === 'Код');
  for (let r = 3; r <= ws.actualRowCount; r++) {
    const key = text(ws.getRow(r).getCell(code).value);
    if (key.startsWith(`${list}@`)) {
      ws.spliceRows(r, 1);
      return key.slice(list.length + 1);
    }
  }
  throw new Error(`в «${APPENDIX}» нет перечня ${list}`);
}

interface PlantedAgreement {
  file: string;
  cell: string;
  code: string;
  mark: string;
  status: 'done' | 'not_done' | 'unrecognised';
}

/** This year's draft lists as one МОУО sent them back: agreed, one school not agreed, one mark no one can read. */
async function fillAgreement(file: string, relative: string): Promise<PlantedAgreement[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(APPENDIX)!;
  const head = ws.getRow(2).values as unknown[];
  const code = head.findIndex((v) => v === 'Код');
  const mark = head.findIndex((v) => v === 'Согласовано МОУО');
  const planted: PlantedAgreement[] = [];
  const marks = [
    { value: 'согласовано', status: 'done' as const },
    { value: 'Согласовано', status: 'done' as const },
    { value: 'не согласовано', status: 'not_done' as const },
    { value: 'на рассмотрении', status: 'unrecognised' as const },
  ];
  for (let r = 3, i = 0; r <= ws.actualRowCount; r++) {
    const key = text(ws.getRow(r).getCell(code).value);
    if (!key) continue;
    const m = i === 3 ? marks[3] : i % 5 === 2 ? marks[2] : marks[i % 2];
    i++;
    ws.getRow(r).getCell(mark).value = m.value;
    planted.push({ file: relative, cell: ws.getRow(r).getCell(mark).address, code: key, mark: m.value, status: m.status });
  }
  await wb.xlsx.writeFile(file);
  return planted;
}

async function fillMunicipalBook(file: string, relative: string, conflictKey: string, regional: ReadonlyMap<string, Status>, planted: PlantedMark[]): Promise<boolean> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET)!;
  const c = columns(ws);
  let conflict = false;
  for (let r = c.header + 1, i = 0; r <= ws.actualRowCount; r++, i++) {
    const row = ws.getRow(r);
    const key = text(row.getCell(c.code).value);
    if (!key) continue;
    // The municipality reports on its rows the region left blank, and agrees elsewhere — except once.
    const m = key === conflictKey ? { value: 'не выполнено', status: 'not_done' as const } : i % 3 === 0 && regional.get(key) === 'blank' ? { value: 'исполнено', status: 'done' as const } : undefined;
    if (!m) continue;
    conflict ||= key === conflictKey;
    row.getCell(c.mark).value = m.value;
    planted.push({ file: relative, cell: row.getCell(c.mark).address, key, mark: m.value, status: m.status });
  }
  await wb.xlsx.writeFile(file);
  return conflict;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'okoshko-last-report-'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'по муниципалитетам'), { recursive: true });
  const book = path.join(OUT, 'реестр.okoshko.xlsx');
  const args = ['bin/okoshko.js', 'run', path.join(REGION, '2023'), path.join(REGION, '2024'), '--date', '2024-09-02', '--split-by', 'municipality', '--out', book, '--out-dir', work];
  try {
    execFileSync(process.execPath, args, { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  } catch (e) {
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const planted: PlantedMark[] = [];
  const rel = (f: string) => path.relative(REGION, f).split(path.sep).join('/');
  const region = await fillRegionBook(book, rel(book), planted);
  const regional = new Map(planted.filter((p) => p.key).map((p) => [p.key, p.status]));
  let conflictBook = '';
  for (const m of RETURNED) {
    const target = path.join(OUT, 'по муниципалитетам', `${m}.xlsx`);
    copyFileSync(path.join(work, `${m}.xlsx`), target);
    if (await fillMunicipalBook(target, rel(target), region.conflictKey, regional, planted)) conflictBook = rel(target);
  }
  rmSync(work, { recursive: true, force: true });
  // This year's draft, sent to the МОУО for agreement and come back.
  const draft = mkdtempSync(path.join(os.tmpdir(), 'okoshko-agreement-'));
  try {
    execFileSync(process.execPath, ['bin/okoshko.js', 'run', path.join(REGION, '2024'), path.join(REGION, '2025'), '--date', '2025-09-01', '--split-by', 'municipality', '--out', path.join(draft, 'реестр.okoshko.xlsx'), '--out-dir', draft], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  } catch (e) {
    if ((e as { status?: number }).status !== 1) throw e;
  }
  rmSync(AGREEMENT, { recursive: true, force: true });
  mkdirSync(AGREEMENT, { recursive: true });
  const agreed = path.join(AGREEMENT, `${AGREEING}.xlsx`);
  copyFileSync(path.join(draft, `${AGREEING}.xlsx`), agreed);
  rmSync(draft, { recursive: true, force: true });
  const agreements = await fillAgreement(agreed, rel(agreed));
  writeFileSync(
    path.join(REGION, 'planted-marks.json'),
    JSON.stringify({ year: 2024, deleted: region.deleted, added: region.added, conflict: { key: region.conflictKey, file: conflictBook }, approvedWithout: region.approvedWithout, marks: planted, agreements }, null, 1) + '\n',
  );
  console.log(`План 2024 года с отметками: ${planted.length} отметок, ${RETURNED.length} книги муниципалитетов → ${rel(OUT)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
