import path from 'node:path';
import type { SourceLink } from '../core/pipeline/report';
import type { SourceOutcome } from '../core/pipeline/outcome';
import type { IssuesOfFile } from '../core/report/validation-sheets';
import { issuesSheet, summarySheet } from '../core/report/validation-sheets';
import type { ValidationReport } from '../core/validate/validation-report';
import { writeReportSheets } from './report-render';

/** A checked file as a report at `reportPath` links to it: by a relative path, to its cells when it is a workbook. */
export function sourceLink(sourcePath: string, reportPath: string): SourceLink {
  return { file: path.relative(path.dirname(reportPath), path.resolve(sourcePath)).split(path.sep).join('/'), linkable: /\.xls[xm]$/i.test(sourcePath) };
}

/** Links of every source from the report written at `reportPath`. */
export const sourceLinkFrom = (reportPath: string) => (o: SourceOutcome) => sourceLink(o.source.name, reportPath);

export function issuesOfFile(report: ValidationReport, sourcePath: string, reportPath: string): IssuesOfFile {
  return { report, ...sourceLink(sourcePath, reportPath) };
}

/** The validation report of one file: «Сводка» and «Проверка». */
export async function writeReportWorkbook(report: ValidationReport, reportPath: string, sourcePath: string): Promise<void> {
  await writeReportSheets(reportPath, [summarySheet(report), issuesSheet([issuesOfFile(report, sourcePath, reportPath)])], 'validation');
}
