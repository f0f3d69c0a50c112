import type { MergedSubmission } from '../core/validate/merge';
import { writeWorkbookAtomically } from './atomic-write';
import { buildFormWorkbook } from './form-writer';

/** Rows typed by the core back to cell values: ISO dates become dates again. */
function cellRows(merged: MergedSubmission): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const sheet of merged.template.sheets) {
    const dates = sheet.columns.filter((c) => c.type === 'date').map((c) => c.code);
    out[sheet.id] = merged.rows[sheet.id].map((row) => {
      if (dates.length === 0) return row;
      const copy: Record<string, unknown> = { ...row };
      for (const d of dates) if (typeof copy[d] === 'string') copy[d] = new Date(`${copy[d]}T00:00:00Z`);
      return copy;
    });
  }
  return out;
}

/** The municipality's workbook: a form of the same template holding every accepted form's rows, and the rejected forms with reasons. */
export async function writeMergedWorkbook(target: string, merged: MergedSubmission): Promise<void> {
  const wb = buildFormWorkbook(merged.template, { rows: cellRows(merged) });
  const ws = wb.addWorksheet('Отклонённые формы', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Файл', width: 40 },
    { header: 'Причины', width: 110 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of merged.rejected) ws.addRow([r.file, r.reasons.join('\n')]).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  if (merged.rejected.length === 0) ws.addRow(['Отклонённых форм нет']);
  await writeWorkbookAtomically(wb, target);
}
