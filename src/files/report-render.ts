import type { ReportSheet } from '../core/report/report-sheet';
import { reportWorkbookBytes } from '../render/report-workbook';
import { writeFileAtomically } from './atomic-write';

/** A new workbook of report sheets, written atomically; marked as Okoshko's report. */
export async function writeReportSheets(target: string, sheets: readonly ReportSheet[], kind = 'report'): Promise<void> {
  writeFileAtomically(target, await reportWorkbookBytes(sheets, kind));
}
