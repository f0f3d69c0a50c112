import ExcelJS from 'exceljs';
import type { ColumnSpec, Template } from '../src/core/template/template';
import { METADATA_SHEET } from '../src/core/template/template';
import { Random } from '../samples/generator/random';

export const schoolId = (i: number) => `sch${String(100000 + i).padStart(6, '0')}`;

function valueFor(column: ColumnSpec, i: number, random: Random): ExcelJS.CellValue {
  switch (column.code) {
    case 'year': return 2025;
    case 'school_id': return schoolId(i);
    case 'teachers_total': return 40 + Math.floor(random.next() * 40);
    case 'teachers_pd_3y': return 10 + Math.floor(random.next() * 10);
  }
  switch (column.type) {
    case 'boolean': return random.next() < 0.7 ? 'да' : 'нет';
    case 'percent': return Math.round(random.next() * 600) / 10 + 20;
    case 'number': return Math.round(random.next() * (Math.min(column.max ?? 10, 10) - (column.min ?? 0)) * 10) / 10 + (column.min ?? 0);
    case 'integer': return Math.floor(random.next() * 8);
    case 'list': return column.values![0];
    default: return 'текст';
  }
}

/**
 * A one-sheet form of `template` with `schools` rows, written with exceljs's streaming writer.
 * Every value is within its limits, so validation does all its work and finds little.
 */
export async function writeWorkload(file: string, template: Template, schools: number): Promise<void> {
  const spec = template.sheets[0];
  const random = new Random(20261124);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet(spec.name);
  ws.addRow(spec.columns.map((c) => c.header)).commit();
  for (let i = 0; i < schools; i++) ws.addRow(spec.columns.map((c) => valueFor(c, i, random))).commit();
  ws.commit();
  writeMetadataSheet(wb, template);
  await wb.commit();
}

/** The hidden sheet that names the form's template, as forms made by `okoshko template` carry. */
export function writeMetadataSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, template: Template): void {
  const meta = wb.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  meta.addRow(['template', template.id]).commit();
  meta.addRow(['version', template.version]).commit();
  meta.commit();
}
