import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readWorkbookGrid } from '../../src/addin/excel-read';
import { writeReportSheets } from '../../src/addin/excel-write';
import type { CellValue } from '../../src/core/grid/grid';
import { reportSheets, runPipeline } from '../../src/core/pipeline';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { fileSources } from '../../src/files/file-sources';
import { readSubmissionFile } from '../../src/files/read-file';
import { sourceLinkFrom } from '../../src/files/report-writer';
import { writeReportIntoWorkbook } from '../../src/files/workbook-writeback';
import type { PaneSource } from '../../src/pane/pane-sources';
import { loadRuleBundle } from '../../src/pane/rule-bundle';
import { paneCheck, paneClassification } from '../../src/pane/workflow';
import { readGrid } from '../../src/read';
import { newReportWorkbook } from '../../src/render/workbook-patch';
import { tempDir } from '../helpers/cli';
import { bundledLibrary, SAMPLE_YEARS } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';
import { REPO } from '../helpers/templates';
import { ruleBundleFromDisk, toInit } from '../support/addin-workload';
import { FakeExcel, type FakeWorksheet, sheetValues } from '../support/fake-excel';
import { partsOfSheets, tablesOf } from '../support/xlsx-parts';

/**
 * The command line and the task pane are two hosts of one pipeline: on the sample region they write the
 * same report, cell for cell, and each recognises the other's sheets as Okoshko's, replacing them.
 */
const REPORT_DATE = new Date(2025, 8, 1);
const OFFICIAL = path.join(REPO, 'test', 'fixtures', 'writeback', 'regional-pivot.xlsx');
const OURS = ['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Анализ эффективности', 'Показатели МУКО', 'Проверка (Окошко)'];

/** The pane's sources: the sample region's files as if their folders 2024 and 2025 were dropped on the page. */
async function paneSources(): Promise<PaneSource[]> {
  const out: PaneSource[] = [];
  for (const dir of SAMPLE_YEARS)
    for (const name of readdirSync(dir).sort()) out.push({ key: `${path.basename(dir)}/${name}`, name, folder: path.basename(dir), grid: await readSubmissionFile(path.join(dir, name)) });
  return out;
}

async function paneReport(): Promise<ReportSheet[]> {
  const rules = loadRuleBundle(ruleBundleFromDisk());
  return (await paneClassification(await paneCheck(await paneSources(), rules), rules, { reportDate: REPORT_DATE })).sheets;
}

async function cliReport(destination: string): Promise<ReportSheet[]> {
  const run = await runPipeline(fileSources(SAMPLE_YEARS).inputs, bundledLibrary(), { reportDate: REPORT_DATE, recommend: true });
  return reportSheets(run.outcomes, run.classification, run.recommendations, { reportDate: REPORT_DATE, linkOf: sourceLinkFrom(destination) });
}

/** A cell as the user sees it: the text Excel shows (a leading apostrophe only marks text). */
const shown = (v: unknown) => (typeof v === 'string' ? v.replace(/^'/, '') : v === null || v === undefined ? '' : v);
const gridValues = (rows: CellValue[][]) => rows.map((r) => Array.from(r ?? [], shown));
const trimmed = (rows: unknown[][]) => rows.map((r) => {
  const out = r.map(shown);
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
});

function partHashes(bytes: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]));
}
const MUST_CHANGE = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);

/** The fake's workbook as an xlsx file, tables included, as Excel would save it. */
async function saveFake(fake: FakeExcel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of fake.sheets.filter((s) => !s.deleted)) {
    const ws = wb.addWorksheet(sheet.rawName);
    const values = sheetValues(sheet);
    values.forEach((row, r) => row.forEach((v, c) => v !== '' && (ws.getCell(r + 1, c + 1).value = shown(v) as ExcelJS.CellValue)));
    for (const t of sheet.tables.list) {
      const [from, to] = t.address.replace(/^.*!/, '').split(':');
      const top = Number(/\d+/.exec(from)![0]);
      const bottom = Number(/\d+/.exec(to)![0]);
      const width = values[top - 1].length;
      ws.addTable({
        name: t.name,
        ref: from,
        headerRow: true,
        columns: values[top - 1].map((h) => ({ name: String(shown(h)) })),
        rows: values.slice(top, bottom).map((row) => Array.from({ length: width }, (_, c) => shown(row[c]) as ExcelJS.CellValue)),
      });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A fake Excel holding a workbook file, with its tables. */
function fakeOf(bytes: Uint8Array, api: string): FakeExcel {
  const grid = readGrid(bytes, 'книга.xlsx');
  const fake = new FakeExcel(api, toInit(grid));
  for (const [sheet, tables] of tablesOf(bytes)) for (const t of tables) fake.sheet(sheet).tables.seed(t.ref, t.name);
  return fake;
}

describe('the command line and the pane agree', () => {
  it('write the sample region’s report cell for cell: every sheet from «Адресные рекомендации» to «Проверка»', async () => {
    const cli = readGrid(newReportWorkbook(await cliReport(path.join(REGION, 'отчёт.xlsx'))), 'cli.xlsx').sheets;
    const fake = new FakeExcel('1.1', [{ name: 'Лист1', rows: [] }]);
    fake.installOffice();
    try {
      const written = await writeReportSheets(fake.context, await paneReport());
      expect(written.names).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Анализ эффективности', 'Показатели МУКО', 'Проверка']);
      for (const name of written.names) {
        const fromCli = gridValues(cli.find((s) => s.name === name)!.rows);
        const fromPane = trimmed(sheetValues(fake.sheet(name)));
        expect(fromPane.length).toBe(fromCli.length);
        for (let r = 0; r < fromCli.length; r++) expect({ name, row: r + 1, cells: fromPane[r] }).toEqual({ name, row: r + 1, cells: fromCli[r] });
      }
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });

  it('replace each other’s sheets: run, then the pane, then run again leave one set of Okoshko sheets and the user’s own untouched', async () => {
    const dir = tempDir();
    const book = path.join(dir, 'сводная.xlsx');
    copyFileSync(OFFICIAL, book);
    const original = readFileSync(book);

    // 1. The command line writes into a copy of the official's workbook.
    const first = await writeReportIntoWorkbook(book, await cliReport(path.join(dir, 'сводная.okoshko.xlsx')));
    const afterCli = readFileSync(first.written);
    const userParts = partHashes(original);
    for (const [part, hash] of userParts) if (!MUST_CHANGE.has(part)) expect({ part, hash: partHashes(afterCli).get(part) }).toEqual({ part, hash });

    // 2. The pane opens that workbook in Excel and writes again: the command line's sheets are replaced.
    const fake = fakeOf(afterCli, '1.1');
    const userSheets = fake.sheets.map((s) => s.rawName).filter((n) => !OURS.includes(n));
    for (const n of OURS) fake.userSheets.delete(n);
    fake.installOffice();
    try {
      const userValues = new Map(userSheets.map((n) => [n, sheetValues(fake.sheet(n))]));
      expect((await readWorkbookGrid(fake.context)).sheets.map((s) => s.name)).toEqual(expect.arrayContaining(OURS));
      const written = await writeReportSheets(fake.context, await paneReport());
      expect(written.names).toEqual(OURS);
      const live = fake.sheets.filter((s: FakeWorksheet) => !s.deleted).map((s) => s.rawName);
      for (const n of OURS) expect(live.filter((x) => x === n)).toHaveLength(1);
      expect(live.filter((n) => !OURS.includes(n)).sort()).toEqual([...userSheets].sort());
      expect(fake.writesToUserSheets()).toEqual([]);
      for (const [n, values] of userValues) expect({ n, values: sheetValues(fake.sheet(n)) }).toEqual({ n, values });
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }

    // 3. Saved by Excel and given to the command line again: the pane's sheets are replaced in turn.
    const saved = path.join(dir, 'после панели.xlsx');
    writeFileSync(saved, await saveFake(fake));
    const savedBytes = readFileSync(saved);
    const again = await writeReportIntoWorkbook(saved, await cliReport(path.join(dir, 'после панели.okoshko.xlsx')));
    const final = readFileSync(again.written);
    const names = readGrid(final, 'final.xlsx').sheets.map((s) => s.name);
    for (const n of OURS) expect(names.filter((x) => x === n)).toHaveLength(1);
    expect(names.filter((n) => !OURS.includes(n)).sort()).toEqual([...userSheets].sort());
    const ourParts = partsOfSheets(savedBytes, OURS);
    const finalParts = partHashes(final);
    for (const [part, hash] of partHashes(savedBytes)) if (!MUST_CHANGE.has(part) && !ourParts.has(part)) expect({ part, hash: finalParts.get(part) }).toEqual({ part, hash });
  });
});
