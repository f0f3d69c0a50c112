import type { ReportSheet } from '../core/report/report-sheet';
import { newReportWorkbook } from '../render/workbook-patch';
import { writeFileAtomically } from './atomic-write';
import { WRITE_NATIVES } from './node-natives';

/** A new workbook of report sheets, written atomically; marked as Okoshko's report. */
export async function writeReportSheets(target: string, sheets: readonly ReportSheet[], kind = 'report'): Promise<void> {
  writeFileAtomically(target, newReportWorkbook(sheets, kind, WRITE_NATIVES));
}
