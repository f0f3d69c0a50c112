import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import type { Template } from '../src/core/template/template';
import { validateSubmission } from '../src/core/validate/validate';
import { readSubmissionFile } from '../src/files/read-file';
import path from 'node:path';
import { reportSheets } from '../src/core/pipeline/report';
import { runPipeline } from '../src/core/pipeline/run';
import { fileSources } from '../src/files/file-sources';
import { sourceLinkFrom } from '../src/files/report-writer';
import { readRuleLibrary } from '../src/files/rule-library';
import { writeReportIntoWorkbook } from '../src/files/workbook-writeback';
import { loadRuleBundle } from '../src/pane/rule-bundle';
import { addinRun, readAddinSample, ruleBundleFromDisk } from '../test/support/addin-workload';
import { benchClassification, type ClassificationBench } from './classification-bench';
import { schoolId } from './workload';

/** What one phase reports: seconds of wall time and the work it did, to check both did the same. */
export interface PhaseResult {
  seconds: number;
  cells: number;
  issues?: number;
  /** Of `seconds`, the time spent validating the grid already read. */
  validateSeconds?: number;
}

/** Baseline: exceljs's streaming reader touching every cell, nothing else. */
async function plainStreamingRead(file: string): Promise<PhaseResult> {
  const start = process.hrtime.bigint();
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache' });
  for await (const ws of reader) {
    for await (const row of ws) {
      const values = row.values as unknown[];
      for (let c = 1; c < values.length; c++) if (values[c] !== undefined) cells++;
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells };
}

/** The floor: unzip the sheets and shared strings, one streaming XML pass touching every cell's value. */
async function rawFloor(file: string): Promise<PhaseResult> {
  const start = process.hrtime.bigint();
  const parts = unzipSync(readFileSync(file), { filter: (f) => f.name.startsWith('xl/worksheets/sheet') || f.name === 'xl/sharedStrings.xml' });
  let cells = 0;
  for (const [name, bytes] of Object.entries(parts)) {
    const sheet = name.startsWith('xl/worksheets/');
    const parser = new SaxesParser();
    let inValue = false;
    parser.on('opentag', (t) => (inValue = t.name === 'v' || t.name === 't'));
    parser.on('text', (t) => {
      if (inValue && sheet && t.length) cells++;
    });
    parser.on('closetag', () => (inValue = false));
    parser.write(new TextDecoder().decode(bytes)).close();
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells };
}

/** Okoshko: read into the grid, detect the template, validate every row, check every school. */
async function okoshkoValidate(file: string, rulesDir: string, schools: number): Promise<PhaseResult> {
  const templates: Template[] = readRuleLibrary(rulesDir).templates;
  const known = new Set(Array.from({ length: schools }, (_, i) => schoolId(i)));
  const start = process.hrtime.bigint();
  const grid = await readSubmissionFile(file);
  const read = process.hrtime.bigint();
  const result = validateSubmission(grid, templates, { knownSchools: known });
  const end = process.hrtime.bigint();
  const seconds = Number(end - start) / 1e9;
  const validateSeconds = Number(end - read) / 1e9;
  let cells = 0;
  for (const s of grid.sheets) for (const r of s.rows) for (const v of r ?? []) if (v !== null && v !== undefined) cells++;
  return { seconds, cells, issues: result.issues.length, validateSeconds };
}

/** Classification of `schools` schools three ways (hand-written predicates, rules over TypeScript facts, rules over data-defined indicators), in one process on the same records. */
async function classification(_file: string, _rulesDir: string, schools: number): Promise<PhaseResult & { detail: ClassificationBench }> {
  const detail = await benchClassification(schools);
  return { seconds: detail.dataSeconds, cells: 0, detail };
}

/** Baseline of the main job: exceljs's streaming reader over every form and its streaming writer writing every row again. */
async function plainStreamingReadWrite(dir: string): Promise<PhaseResult> {
  const start = process.hrtime.bigint();
  let cells = 0;
  const out = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'plain-copy.xlsx'), useSharedStrings: true });
  for (const name of ['register.xlsx', 'conditions.xlsx', 'vpr.xlsx']) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path.join(dir, name), { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache' });
    let sheetNo = 0;
    for await (const ws of reader) {
      const target = out.addWorksheet(`${name}-${++sheetNo}`);
      for await (const row of ws) {
        const values = (row.values as unknown[]).slice(1);
        cells += values.length;
        target.addRow(values).commit();
      }
      target.commit();
    }
  }
  await out.commit();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells };
}

/** The main job on the same forms, as `okoshko run` does it. */
async function okoshkoRun(dir: string, rulesDir: string): Promise<PhaseResult & { recommendations: number }> {
  const library = readRuleLibrary(rulesDir);
  const start = process.hrtime.bigint();
  const reportDate = new Date(Date.UTC(2025, 8, 1));
  const run = await runPipeline(fileSources([dir]).inputs, library, { reportDate, recommend: true, paramsId: 'sample-region' });
  const into = path.join(dir, 'register.xlsx');
  await writeReportIntoWorkbook(into, reportSheets(run.outcomes, run.classification, run.recommendations, { reportDate, linkOf: sourceLinkFrom(path.join(dir, 'register.okoshko.xlsx')) }));
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells: 0, recommendations: run.recommendations?.rows.length ?? 0 };
}

/**
 * The whole cycle on two years: last year's forms and the book last year's run wrote (its plan read
 * back), this year's forms; last year classified again for the lists, the plan's measures judged,
 * the approved lists compared, the МУКО indicators, and the report written into this year's register.
 */
async function okoshkoCycle(dir: string, rulesDir: string): Promise<PhaseResult & { recommendations: number; measures: number; repeated: number }> {
  const library = readRuleLibrary(rulesDir);
  const start = process.hrtime.bigint();
  const reportDate = new Date(Date.UTC(2025, 8, 1));
  const run = await runPipeline(fileSources([path.join(dir, '2024'), path.join(dir, '2025')]).inputs, library, { reportDate, recommend: true, paramsId: 'sample-region' });
  const into = path.join(dir, '2025', 'register.xlsx');
  await writeReportIntoWorkbook(into, reportSheets(run.outcomes, run.classification, run.recommendations, { reportDate, linkOf: sourceLinkFrom(path.join(dir, '2025', 'register.okoshko.xlsx')) }));
  const rows = run.recommendations?.rows ?? [];
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells: 0, recommendations: rows.length, measures: run.recommendations?.execution?.readback.measures.length ?? 0, repeated: rows.filter((r) => r.repeat).length };
}

/** One run of the task pane's job over the recording fake of Excel. */
export interface AddinFigures {
  api: string;
  schools: number;
  /** Schools classified (rows with planted errors are left out). */
  classified: number;
  recommendations: number;
  syncs: number;
  readSyncs: number;
  largestRequestMb: number;
  largestResponseMb: number;
  reportMb: number;
}

/** Sizes of the open workbook the add-in figures are taken for: 50 to compare with, 5,000 as the issue asks. */
export const ADDIN_SCHOOLS = [50, 5000] as const;

/** The add-in's validate + classify + write through the recording fake of Excel, as the pane does it, on ExcelApi 1.1 and 1.13: syncs and request sizes. */
async function addinSyncs(_file: string, rulesDir: string): Promise<PhaseResult & { addin: AddinFigures[] }> {
  const sample = await readAddinSample();
  const rules = loadRuleBundle(ruleBundleFromDisk(rulesDir));
  const start = process.hrtime.bigint();
  const addin: AddinFigures[] = [];
  for (const api of ['1.1', '1.13'])
    for (const schools of ADDIN_SCHOOLS) {
      const run = await addinRun(sample, rules, schools, api);
      const requests = run.fake.requests;
      addin.push({
        api,
        schools,
        classified: run.schools,
        recommendations: run.recommendations,
        syncs: run.syncs,
        readSyncs: run.readSyncs,
        largestRequestMb: run.largest / 1e6,
        largestResponseMb: run.fake.largestResponse() / 1e6,
        reportMb: requests.slice(run.readSyncs).reduce((a, b) => a + b, 0) / 1e6,
      });
    }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cells: 0, addin };
}

export const PHASES = { rawFloor, plainStreamingRead, okoshkoValidate, classification, plainStreamingReadWrite, okoshkoRun, okoshkoCycle, addinSyncs } as const;
export type PhaseName = keyof typeof PHASES;
