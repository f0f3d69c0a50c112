import ExcelJS from 'exceljs';
import path from 'node:path';
import type { IndicatorRow } from '../src/core/indicators/aggregate';
import type { Template } from '../src/core/template/template';
import { checkSources } from '../src/core/pipeline/check';
import { regionData } from '../src/core/pipeline/region-data';
import { fileSources } from '../src/files/file-sources';
import { PACKAGE_ROOT } from '../src/files/package-root';
import { writeMetadataSheet } from './workload';

/** The sample region's register, questionnaire and ВПР results of a year (2025 by default), repeated to `schools` schools under new ids. */
export async function writeRegionWorkload(dir: string, templates: readonly Template[], schools: number, year = 2025): Promise<string[]> {
  const sample = path.join(PACKAGE_ROOT, 'samples', 'sample-region', String(year));
  const { sheets } = regionData(await checkSources(fileSources([path.join(sample, 'register.xlsx'), path.join(sample, 'conditions.xlsx'), path.join(sample, 'vpr.xlsx')]).inputs, { templates }))!;
  const rows = (ref: string) => [...(sheets.get(ref) ?? [])];
  const ids = rows('register.schools').map((r) => String(r.school_id));
  const copies = Math.ceil(schools / ids.length);
  const newId = (id: string, k: number) => `sch${String(k * ids.length + ids.indexOf(id)).padStart(6, '0')}`;
  const scale = (rows: IndicatorRow[]) => Array.from({ length: copies }, (_, k) => rows.filter((r) => ids.includes(String(r.school_id))).map((r) => ({ ...r, school_id: newId(String(r.school_id), k) }))).flat();
  const files: string[] = [];
  const write = async (templateId: string, bySheet: Record<string, IndicatorRow[]>) => {
    const template = templates.find((t) => t.id === templateId)!;
    const file = path.join(dir, `${templateId}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    for (const sheet of template.sheets) {
      const ws = wb.addWorksheet(sheet.name);
      ws.addRow(sheet.columns.map((c) => (c.group ? `${c.group} ${c.header}` : c.header))).commit();
      for (const r of bySheet[sheet.id] ?? []) ws.addRow(sheet.columns.map((c) => { const v = r[c.code]; return typeof v === 'boolean' ? (v ? 'да' : 'нет') : v; })).commit();
      ws.commit();
    }
    writeMetadataSheet(wb, template);
    await wb.commit();
    files.push(file);
  };
  await write('register', { schools: scale(rows('register.schools')) });
  await write('conditions', { conditions: scale(rows('conditions.conditions')) });
  await write('vpr', { results: scale(rows('vpr.results')) });
  return files;
}
