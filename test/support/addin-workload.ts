import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readWorkbookGrid } from '../../src/addin/excel-read';
import { writeReportSheets } from '../../src/addin/excel-write';
import type { CellValue, Grid } from '../../src/core/grid/grid';
import type { RuleLibrary } from '../../src/core/rules/library';
import { readSubmissionFile } from '../../src/files/read-file';
import { PACKAGE_ROOT } from '../../src/files/package-root';
import type { PaneSource } from '../../src/pane/pane-sources';
import type { RuleBundle } from '../../src/pane/rule-bundle';
import { paneCheck, paneClassification } from '../../src/pane/workflow';
import { newReportWorkbook } from '../../src/render/workbook-patch';
import { FakeExcel, type FakeSheetInit } from './fake-excel';

/**
 * The task pane's whole job over the recording fake of Excel — read the open register, check it with a
 * conditions file, classify, write the report sheets — for the adapter tests and `npm run bench`.
 */

/** The bundled rules folder as the pane's webpack build carries it, read from disk. */
export function ruleBundleFromDisk(dir = path.join(PACKAGE_ROOT, 'rules')): RuleBundle {
  const read = (sub: string) => {
    const folder = path.join(dir, sub);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => ({ file: `${sub}/${n}`, json: JSON.parse(readFileSync(path.join(folder, n), 'utf8')) as unknown }));
  };
  return { templates: read('templates'), units: read('units'), indicators: read('indicators'), systems: read('systems'), sets: read('sets'), params: read('params'), recommendations: read('recommendations'), targets: read('targets') };
}

/** The sample region's 2025 register and conditions forms. */
export interface AddinSample {
  register: Grid;
  conditions: Grid;
}

export async function readAddinSample(dir = path.join(PACKAGE_ROOT, 'samples', 'sample-region', '2025')): Promise<AddinSample> {
  return { register: await readSubmissionFile(path.join(dir, 'register.xlsx')), conditions: await readSubmissionFile(path.join(dir, 'conditions.xlsx')) };
}

/** The sample's data sheet grown or cut to `n` schools, with new school ids; other sheets as they are. */
export function scaled(grid: Grid, sheetName: string, idCol: number, n: number): Grid {
  return {
    sheets: grid.sheets.map((s) => {
      if (s.name !== sheetName) return s;
      const [header, ...data] = s.rows;
      const rows = Array.from({ length: n }, (_, i) => {
        const row = [...data[i % data.length]];
        row[idCol] = `sch${String(100000 + i)}`;
        return row;
      });
      return { ...s, rows: [header, ...rows] };
    }),
  };
}

/** A grid as the fake's sheets (dates as serial numbers, as Excel holds them). */
export const toInit = (grid: Grid): FakeSheetInit[] =>
  grid.sheets.map((s) => ({ name: s.name, visibility: s.hidden ? 'Hidden' : 'Visible', rows: s.rows.map((r) => (r ?? []).map((v) => (v instanceof Date ? 45000 : v))) }));

export interface AddinRun {
  fake: FakeExcel;
  readSyncs: number;
  syncs: number;
  largest: number;
  schools: number;
  issues: number;
  written: string[];
  recommendations: number;
}

/** Read the open register workbook, check it with a conditions file, classify, write the report: all through the fake. */
export async function addinRun(sample: AddinSample, rules: RuleLibrary, n: number, api: string, mutate?: (rows: CellValue[][]) => void): Promise<AddinRun> {
  const open = scaled(sample.register, 'Реестр ОО', 0, n);
  mutate?.(open.sheets.find((s) => s.name === 'Реестр ОО')!.rows);
  const fake = new FakeExcel(api, toInit(open));
  fake.installOffice();
  try {
    const grid = await readWorkbookGrid(fake.context);
    const readSyncs = fake.syncs;
    const sources: PaneSource[] = [
      { key: 'open', name: 'Книга1.xlsx', grid, open: true },
      { key: 'conditions', name: 'conditions.xlsx', grid: scaled(sample.conditions, 'Условия', 1, n) },
    ];
    const checked = await paneCheck(sources, rules);
    const classification = await paneClassification(checked, rules);
    const result = await writeReportSheets(fake.context, classification.sheets, (s) => newReportWorkbook(s));
    const summary = classification.summary;
    return {
      fake,
      readSyncs,
      syncs: fake.syncs,
      largest: fake.largestRequest(),
      schools: summary.kind === 'region' ? summary.schools : 0,
      issues: checked.reduce((k, c) => k + c.report.issues.length, 0),
      written: result.names,
      recommendations: summary.kind === 'region' ? (summary.recommendations?.rows ?? -1) : -1,
    };
  } finally {
    delete (globalThis as { Office?: unknown }).Office;
  }
}
