import { readFileSync } from 'fs';
import type { Grid, GridSheet } from '../../src/core/grid/grid';
import { readGrid } from '../../src/read';
import { fixturePath } from './fixture-path';

/** libreoffice-features.xlsx: written by LibreOffice Calc from src/libreoffice-features.fods (see the fixtures README). */
describe('the reader on a workbook written by LibreOffice', () => {
  let grid: Grid;
  let results: GridSheet;

  beforeAll(async () => {
    grid = readGrid(readFileSync(fixturePath('libreoffice-features.xlsx')), 'libreoffice-features.xlsx');
    results = grid.sheets[0];
  });

  it('reads every sheet in tab order, the hidden one marked hidden', () => {
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Результаты', false],
      ['Справочник', true],
      ['Даты', false],
    ]);
    expect(grid.sheets[1].rows).toEqual([['Скрытый лист', 42]]);
  });

  it('reads a two-row merged header with each value once, in its top-left cell', () => {
    expect(results.rows[0]).toEqual(['Школа', 'Участники ЕГЭ', null, null, 'Дата проверки', 'Код ОО', 'Сайт']);
    expect(results.rows[1]).toEqual([null, 'Всего', 'Сдали', 'Доля сдавших']);
    expect(results.merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 1, bottom: 0, right: 3 },
      { top: 0, left: 4, bottom: 1, right: 4 },
      { top: 0, left: 5, bottom: 1, right: 5 },
      { top: 0, left: 6, bottom: 1, right: 6 },
    ]);
  });

  it('reads Cyrillic rich text, numbers, a formula result, a date, a number stored as text and a hyperlink', () => {
    expect(results.rows[2]).toEqual(['Школа № 1 «Ёлочка»', 40, 30, 0.75, new Date(Date.UTC(2024, 2, 15)), '0012345', 'Сайт школы']);
  });

  it('reads a #DIV/0! formula as that error', () => {
    expect(results.rows[3]).toEqual(['Гимназия № 2', 0, 0, { error: '#DIV/0!' }, new Date(Date.UTC(2024, 2, 16)), '123']);
  });

  it('reads SUM, a text result and a boolean result as LibreOffice calculated them', () => {
    expect(results.rows[4]).toEqual(['Итого', 40, 30, 'нет данных', true, 7]);
  });

  it('lists the percent-formatted number, not the percent-formatted error', () => {
    expect([...(results.percentCells ?? [])]).toEqual(['D3']);
  });

  it('keeps text and error results of date-formatted formulas', () => {
    expect(grid.sheets[2].rows.map((r) => r[1])).toEqual([
      new Date(Date.UTC(2024, 2, 15)),
      'не сдавали',
      { error: '#DIV/0!' },
      // LibreOffice stores TRUE in a date-formatted cell as the number 1, which is 31.12.1899.
      new Date(Date.UTC(1899, 11, 31)),
      { error: '#N/A' },
    ]);
  });
});

/** handmade-quirks.xlsx: a minimal package as small generators write it (src/make-handmade-xlsx.py). */
describe('the reader on a handmade minimal workbook', () => {
  let sheet: GridSheet;

  beforeAll(async () => {
    sheet = readGrid(readFileSync(fixturePath('handmade-quirks.xlsx')), 'handmade-quirks.xlsx').sheets[0];
  });

  it('reads inline strings, inline rich text and a bare cell with neither style nor value', () => {
    expect(sheet.name).toBe('Выгрузка');
    expect(sheet.rows[0]).toEqual(['Школа', null, 'Балл', 'Удвоенный балл', 'Дата', 'Доля']);
    expect(sheet.rows[2][0]).toBe('Школа № 2');
  });

  it('reads a shared formula, master and dependants, by cached values, including an error', () => {
    expect(sheet.rows.map((r) => r[3])).toEqual(['Удвоенный балл', 123, 140, { error: '#N/A' }]);
  });

  it('reads error cells that are not formulas and a formula with no cached value as blank', () => {
    expect(sheet.rows[2][4]).toEqual({ error: '#VALUE!' });
    expect(sheet.rows[3]).toEqual(['Школа № 3', null, { error: '#N/A' }, { error: '#N/A' }]);
  });

  it('reads a hyperlink on a number as that number', () => {
    expect(sheet.rows[1][2]).toBe(61.5);
  });

  it('reads a date in the 1904 date system', () => {
    expect(sheet.rows[1][4]).toEqual(new Date(Date.UTC(2027, 2, 16)));
  });

  it('lists a cell with the built-in percent format 9', () => {
    expect([...(sheet.percentCells ?? [])]).toEqual(['F2']);
  });
});
