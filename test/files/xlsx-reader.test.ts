import { newReportWorkbook } from '../../src/render/workbook-patch';
import * as ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import type { Grid, GridSheet } from '../../src/core/grid/grid';
import { FileReadError } from '../../src/read/read-error';
import { readGrid } from '../../src/read';
import { fixturePath } from './fixture-path';

/** Workbooks written by exceljs in memory: what our own report writer and many scripts produce. */
async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBuilt(build: (wb: ExcelJS.Workbook) => void): Promise<Grid> {
  return readGrid(await workbookBytes(build), 'built.xlsx');
}

async function readOneSheet(build: (ws: ExcelJS.Worksheet) => void): Promise<GridSheet> {
  const grid = await readBuilt((wb) => build(wb.addWorksheet('Лист1')));
  return grid.sheets[0];
}

async function readError(bytes: Uint8Array): Promise<FileReadError> {
  try {
    await readGrid(bytes, 'форма.xlsx');
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected a FileReadError');
}

describe('the reader on workbooks written by exceljs', () => {
  it('reads every worksheet in tab order with its name', async () => {
    const grid = await readBuilt((wb) => {
      wb.addWorksheet('Свод').getCell('A1').value = 1;
      wb.addWorksheet('Школы').getCell('A1').value = 2;
      wb.addWorksheet('Пустой');
    });
    expect(grid.sheets.map((s) => s.name)).toEqual(['Свод', 'Школы', 'Пустой']);
    expect(grid.sheets[2].rows).toEqual([]);
  });

  it('marks hidden and very hidden sheets as hidden', async () => {
    const grid = await readBuilt((wb) => {
      wb.addWorksheet('Видимый');
      wb.addWorksheet('Скрытый', { state: 'hidden' });
      wb.addWorksheet('Очень скрытый', { state: 'veryHidden' });
    });
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Видимый', false],
      ['Скрытый', true],
      ['Очень скрытый', true],
    ]);
  });

  it('reads numbers, strings, booleans and dates as such', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.addRow([42, -0.5, 'Школа № 1', true, false]);
      const date = ws.getCell('F1');
      date.value = new Date(Date.UTC(2024, 2, 15));
      date.numFmt = 'dd.mm.yyyy';
    });
    expect(sheet.rows[0]).toEqual([42, -0.5, 'Школа № 1', true, false, new Date(Date.UTC(2024, 2, 15))]);
  });

  it('keeps a number stored as text as text', async () => {
    const sheet = await readOneSheet((ws) => ws.addRow(['0012345', '123']));
    expect(sheet.rows[0]).toEqual(['0012345', '123']);
  });

  it('reads a formula by its cached value', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.addRow([40, 30, { formula: 'B1/A1', result: 0.75 }, { formula: 'IF(A1>0,"есть","нет")', result: 'есть' }, { formula: 'A1>B1', result: true }]);
    });
    expect(sheet.rows[0]).toEqual([40, 30, 0.75, 'есть', true]);
  });

  it('reads a formula that has no cached value as blank', async () => {
    const sheet = await readOneSheet((ws) => ws.addRow([1, { formula: 'A1*2' }]));
    expect(sheet.rows[0]).toEqual([1]);
  });

  it('reads shared formulas by their cached values', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('A3').value = 3;
      // exceljs writes a shared formula from these fields, which its typings do not declare.
      ws.getCell('B1').value = { formula: 'A1*10', result: 10, shareType: 'shared', ref: 'B1:B3' } as ExcelJS.CellFormulaValue;
      ws.getCell('B2').value = { sharedFormula: 'B1', result: 20 };
      ws.getCell('B3').value = { sharedFormula: 'B1', result: 30 };
    });
    expect(sheet.rows).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
  });

  it('reads error cells and error results of formulas as errors', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.addRow([{ error: '#N/A' }, { error: '#REF!' }, { error: '#VALUE!' }, { error: '#NAME?' }, { error: '#NUM!' }, { error: '#NULL!' }]);
      ws.addRow([{ formula: 'A1/0', result: { error: '#DIV/0!' } }, { formula: 'NA()', result: { error: '#N/A' } }]);
    });
    expect(sheet.rows).toEqual([
      [{ error: '#N/A' }, { error: '#REF!' }, { error: '#VALUE!' }, { error: '#NAME?' }, { error: '#NUM!' }, { error: '#NULL!' }],
      [{ error: '#DIV/0!' }, { error: '#N/A' }],
    ]);
  });

  it('flattens rich text to plain text', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.getCell('A1').value = { richText: [{ text: 'Школа № 1 ' }, { text: '«Ёлочка»', font: { bold: true } }] };
    });
    expect(sheet.rows[0]).toEqual(['Школа № 1 «Ёлочка»']);
  });

  it('reads a hyperlink as its text', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.getCell('A1').value = { text: 'Сайт школы', hyperlink: 'https://school1.example.ru/' };
    });
    expect(sheet.rows[0]).toEqual(['Сайт школы']);
  });

  it('keeps a merged value in its top-left cell only and lists the merge, 0-based and inclusive', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.getCell('A1').value = 'Школа';
      ws.getCell('B1').value = 'Участники';
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:D1');
      ws.getCell('B2').value = 'Всего';
      ws.getCell('C2').value = 'Сдали';
      ws.getCell('D2').value = 'Доля';
      ws.getCell('C5').value = 'Большая';
      ws.mergeCells('C5:E7');
    });
    expect(sheet.rows[0]).toEqual(['Школа', 'Участники']);
    expect(sheet.rows[1]).toEqual([null, 'Всего', 'Сдали', 'Доля']);
    expect(sheet.rows[4]).toEqual([null, null, 'Большая']);
    expect(sheet.rows.length).toBe(5);
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 0, right: 3 },
        { top: 4, left: 2, bottom: 6, right: 4 },
      ]),
    );
    expect(sheet.merges).toHaveLength(3);
  });

  it('lists numeric cells with a percent format, and only those', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.addRow([0.25, 0.5, 'нет данных', { formula: 'A1*2', result: 0.5 }, 0.1, 7]);
      ws.getCell('A1').numFmt = '0%';
      ws.getCell('B1').numFmt = '0.0%';
      ws.getCell('C1').numFmt = '0%';
      ws.getCell('D1').numFmt = '0.00%';
      ws.getCell('E1').numFmt = '0.00';
    });
    expect([...(sheet.percentCells ?? [])].sort()).toEqual(['A1', 'B1', 'D1']);
    expect(sheet.rows[0]).toEqual([0.25, 0.5, 'нет данных', 0.5, 0.1, 7]);
  });

  it('keeps the position of rows after empty ones and drops formatted but empty cells at the end', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.getCell('A1').value = 'Шапка';
      ws.getCell('B4').value = 5;
      ws.getCell('Z4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      ws.getCell('A10').border = { top: { style: 'thin' } };
    });
    expect(sheet.rows).toEqual([['Шапка'], [], [], [null, 5]]);
  });

  it('keeps text and error results of date-formatted formulas instead of turning them into dates', async () => {
    const sheet = await readOneSheet((ws) => {
      ws.addRow([
        { formula: 'DATE(2024,3,15)', result: new Date(Date.UTC(2024, 2, 15)) },
        { formula: 'IF(1>0,"не сдавали",0)', result: 'не сдавали' },
        { formula: 'DATE(2024,3,15)/0', result: { error: '#DIV/0!' } },
      ]);
      for (const a of ['A1', 'B1', 'C1']) ws.getCell(a).numFmt = 'dd.mm.yyyy';
    });
    expect(sheet.rows[0]).toEqual([new Date(Date.UTC(2024, 2, 15)), 'не сдавали', { error: '#DIV/0!' }]);
  });

  it('reads a Uint8Array as well as a Buffer', async () => {
    const bytes = await workbookBytes((wb) => (wb.addWorksheet('Лист1').getCell('A1').value = 'да'));
    const copy = new Uint8Array(bytes.length + 8);
    copy.set(bytes, 8);
    const grid = readGrid(copy.subarray(8), 'offset.xlsx');
    expect(grid.sheets[0].rows).toEqual([['да']]);
  });
});

describe('the reader on broken files', () => {
  it('calls text that is not a zip corrupt', async () => {
    const e = await readError(readFileSync(fixturePath('not-a-zip.xlsx')));
    expect(e.code).toBe('file_corrupt');
    expect(e.file).toBe('форма.xlsx');
    expect(e.message).toMatch(/^Файл повреждён или не является книгой Excel \(\.xlsx\): /);
  });

  it('calls a workbook cut in half corrupt', async () => {
    expect((await readError(readFileSync(fixturePath('truncated.xlsx')))).code).toBe('file_corrupt');
  });

  it('calls a zip with no worksheets corrupt', async () => {
    const e = await readError(newReportWorkbook([]));
    expect(e.code).toBe('file_corrupt');
    expect(e.message).toContain('нет ни одного листа');
  });

  it('calls an exceljs workbook truncated at any point corrupt, never anything else', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Лист1');
      for (let r = 0; r < 50; r++) ws.addRow([`Школа № ${r}`, r, { formula: `B${r + 1}*2`, result: r * 2 }]);
    });
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      expect((await readError(bytes.subarray(0, Math.floor(bytes.length * fraction)))).code).toBe('file_corrupt');
    }
  });
});
