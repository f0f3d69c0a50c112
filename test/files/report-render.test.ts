import ExcelJS from 'exceljs';
import path from 'node:path';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { writeReportSheets } from '../../src/files/report-render';
import { tempDir } from '../helpers/cli';
import { hyperlinksOf } from '../support/xlsx-parts';
import { readFileSync } from 'node:fs';

const sheet: ReportSheet = {
  name: 'Проверка',
  stamp: 'Окошко, тест',
  columns: [
    { key: 'text', header: 'Текст', width: 20, wrap: true },
    { key: 'link', header: 'Ячейка', width: 10 },
  ],
  rows: [
    { cells: { text: '=SUM(A1:A9)', link: { text: 'B5', target: { file: 'форма.xlsx', sheet: 'ВПР задания', cell: 'B5' } } }, roles: { text: 'error' } },
    { cells: { text: '+7 (900) 000-00-00', link: null } },
    { cells: { text: '-3', link: null } },
    { cells: { text: '@school', link: null } },
  ],
  table: 'Issues',
};

describe('drawing report sheets into a new workbook', () => {
  it('writes text that starts with = + - @ as text, never as a formula', async () => {
    const file = path.join(tempDir(), 'r.xlsx');
    await writeReportSheets(file, [sheet]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Проверка')!;
    const texts = [3, 4, 5, 6].map((r) => ws.getCell(r, 1));
    expect(texts.map((c) => c.value)).toEqual(['=SUM(A1:A9)', '+7 (900) 000-00-00', '-3', '@school']);
    for (const c of texts) expect(c.type).toBe(ExcelJS.ValueType.String);
  });

  it('puts the stamp above the header, links to the cell of the checked file and colours by role', async () => {
    const file = path.join(tempDir(), 'r.xlsx');
    await writeReportSheets(file, [sheet]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Проверка')!;
    expect(ws.getCell('A1').value).toBe('Окошко, тест');
    expect(ws.getRow(2).values).toEqual([undefined, 'Текст', 'Ячейка']);
    expect(ws.getCell('B3').text).toBe('B5');
    expect(hyperlinksOf(readFileSync(file)).get('Проверка')!.get('B3')).toBe("форма.xlsx#'ВПР задания'!B5");
    expect((ws.getCell('A3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFBE3E1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });
});
