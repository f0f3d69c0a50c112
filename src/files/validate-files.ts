import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Grid } from '../core/grid';
import type { Template } from '../core/template';
import { detectTemplate, type TemplateDetection } from '../core/template-detect';
import { registerSchools, validateAgainst, type ValidationResult } from '../core/validate';
import { makeValidationReport, type ValidationReport } from '../core/validation-report';
import { FileReadError } from './file-error';
import { readSubmissionBuffer } from './read-file';
import { reportPathFor } from './submission-files';
import { writeReportWorkbook } from './report-writer';

export interface FileOutcome {
  file: string;
  report?: ValidationReport;
  result?: ValidationResult;
  reportPath?: string;
  failure?: FileReadError;
}

export interface ValidateFilesOptions {
  templates: readonly Template[];
  template?: Template;
  /** Register workbook whose schools every results file is checked against. */
  register?: string;
  /** Write a report workbook per file (beside it, or into reportDir). */
  writeReports?: boolean;
  reportDir?: string;
  /** Keep typed records in the outcome (for merge and classification). */
  keepRecords?: boolean;
  now?: Date;
  onFileDone?: (outcome: FileOutcome) => void;
}

interface ReadSubmission {
  file: string;
  sha256: string;
  grid?: Grid;
  detection?: TemplateDetection;
  failure?: FileReadError;
}

async function read(file: string, options: ValidateFilesOptions): Promise<ReadSubmission> {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return { file, sha256: '', failure: new FileReadError('file_not_found', file) };
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  try {
    const grid = await readSubmissionBuffer(buffer, file);
    const detection = options.template ? { template: options.template, issues: [] } : detectTemplate(grid, options.templates);
    return { file, sha256, grid, detection };
  } catch (e) {
    if (e instanceof FileReadError) return { file, sha256, failure: e };
    throw e;
  }
}

/**
 * Validates files folder by folder: a register found in a folder (or given) is validated first and
 * its schools are what the folder's results files may name.
 */
export async function validateFiles(files: readonly string[], options: ValidateFilesOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const now = options.now ?? new Date();
  let givenSchools: Set<string> | undefined;
  if (options.register) {
    const reg = await read(options.register, options);
    if (reg.failure) throw reg.failure;
    const template = reg.detection?.template;
    givenSchools = reg.grid && template ? registerSchools(validateAgainst(reg.grid, template)) : new Set();
  }
  const byFolder = new Map<string, string[]>();
  for (const f of files) byFolder.set(path.dirname(f), [...(byFolder.get(path.dirname(f)) ?? []), f]);

  for (const folderFiles of byFolder.values()) {
    const submissions: ReadSubmission[] = [];
    for (const f of folderFiles) submissions.push(await read(f, options));
    const isRegister = (s: ReadSubmission) => s.detection?.template?.sheets.some((sh) => sh.register) ?? false;
    let knownSchools = givenSchools;
    const ordered = [...submissions.filter(isRegister), ...submissions.filter((s) => !isRegister(s))];
    for (const s of ordered) {
      const outcome = await finish(s, knownSchools, options, now);
      if (!options.register && isRegister(s) && outcome.result) knownSchools = new Set([...(knownSchools ?? []), ...registerSchools(outcome.result)]);
      if (!options.keepRecords) delete outcome.result;
      outcomes.push(outcome);
      options.onFileDone?.(outcome);
    }
  }
  const order = new Map(files.map((f, i) => [f, i]));
  return outcomes.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
}

async function finish(s: ReadSubmission, knownSchools: Set<string> | undefined, options: ValidateFilesOptions, now: Date): Promise<FileOutcome> {
  if (s.failure || !s.grid || !s.detection) return { file: s.file, failure: s.failure };
  const { template, issues } = s.detection;
  const result: ValidationResult = template ? validateAgainst(s.grid, template, { knownSchools }) : { sheets: [], issues: [] };
  result.issues.unshift(...issues);
  const report = makeValidationReport(s.file, s.sha256, result, now);
  const outcome: FileOutcome = { file: s.file, report, result };
  if (options.writeReports) {
    const reportPath = reportPathFor(s.file, options.reportDir);
    if (path.resolve(reportPath) !== path.resolve(s.file)) {
      if (options.reportDir) mkdirSync(options.reportDir, { recursive: true });
      await writeReportWorkbook(report, reportPath, s.file);
      outcome.reportPath = reportPath;
    }
  }
  return outcome;
}
