import path from 'node:path';
import type { IssuesOfFile } from '../core/report/validation-sheets';
import { issuesSheet, summarySheet } from '../core/report/validation-sheets';
import type { ValidationReport } from '../core/validation-report';
import { writeReportSheets } from './report-render';

/** A checked file as a report beside `reportPath` links to it: by a relative path, to its cells when it is a workbook. */
export function issuesOfFile(report: ValidationReport, sourcePath: string, reportPath: string): IssuesOfFile {
  return {
    report,
    file: path.relative(path.dirname(reportPath), sourcePath).split(path.sep).join('/'),
    linkable: /\.xls[xm]$/i.test(sourcePath),
  };
}

/** The validation report of one file: «Сводка» and «Проверка». */
export async function writeReportWorkbook(report: ValidationReport, reportPath: string, sourcePath: string): Promise<void> {
  await writeReportSheets(reportPath, [summarySheet(report), issuesSheet([issuesOfFile(report, sourcePath, reportPath)])]);
}
