import ExcelJS from 'exceljs';
import type { Template } from '../src/core/template';
import { validateSubmission } from '../src/core/validate';
import { readSubmissionFile } from '../src/files/read-file';
import { loadTemplatesDir } from '../src/files/rules-dir';
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

/** Okoshko: read into the grid, detect the template, validate every row, check every school. */
async function okoshkoValidate(file: string, rulesDir: string, schools: number): Promise<PhaseResult> {
  const templates: Template[] = loadTemplatesDir(rulesDir).templates;
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

/** Classification of `schools` schools by the rule sets and by hand-written predicates, in one process on the same facts. */
async function classification(_file: string, _rulesDir: string, schools: number): Promise<PhaseResult & { detail: ClassificationBench }> {
  const detail = await benchClassification(schools);
  return { seconds: detail.engineSeconds, cells: 0, detail };
}

export const PHASES = { plainStreamingRead, okoshkoValidate, classification } as const;
export type PhaseName = keyof typeof PHASES;
