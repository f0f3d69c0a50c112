import { readFileSync } from 'fs';
import * as iconv from 'iconv-lite';
import { decodeText, detectCsvDelimiter, readCsv } from '../../src/read';
import { FileReadError } from '../../src/read/read-error';
import { fixturePath } from './fixture-path';

function readFixture(name: string) {
  return readCsv(readFileSync(fixturePath(name)), name).sheets[0];
}

describe('decodeText', () => {
  it('decodes UTF-8 with a BOM and drops the BOM', () => {
    expect(decodeText(Buffer.from('\uFEFFШкола;Балл', 'utf8'))).toBe('Школа;Балл');
  });

  it('decodes valid UTF-8 without a BOM as UTF-8', () => {
    expect(decodeText(Buffer.from('Ёлкино;№ 5', 'utf8'))).toBe('Ёлкино;№ 5');
  });

  it('decodes bytes that are not valid UTF-8 as Windows-1251', () => {
    expect(decodeText(iconv.encode('Ёлкино;№ 5;«2»', 'win1251'))).toBe('Ёлкино;№ 5;«2»');
  });

  it('decodes UTF-16 with a BOM, as Excel saves "Текст Юникод"', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Школа\tБалл', 'utf16le')]))).toBe('Школа\tБалл');
  });
});

describe('detectCsvDelimiter', () => {
  it("chooses ';' when the values have decimal commas", () => {
    expect(detectCsvDelimiter('Доля;Балл\n1,5;2,5\n0,5;3,25\n')).toBe(';');
  });

  it("chooses ';' when a header cell has a comma in it", () => {
    expect(detectCsvDelimiter('Доля, %;Балл\n1,5;2\n')).toBe(';');
  });

  it("chooses ';' when ',' would split every line evenly too", () => {
    expect(detectCsvDelimiter('Балл, мат.;Балл, рус.\n1,5;2,5\n3,5;4,5\n')).toBe(';');
  });

  it("chooses ',' when ';' splits the header but not the records", () => {
    expect(detectCsvDelimiter('Школа;корпус,Балл,Доля\nШкола № 1,65,0.5\nШкола № 2,70,0.25\n')).toBe(',');
  });

  it("chooses ',' when ';' appears only inside quotes", () => {
    expect(detectCsvDelimiter('Школа,Комментарий\n"Школа № 1","Иванов; Петров"\n')).toBe(',');
  });

  it('chooses a tab for tab-separated text', () => {
    expect(detectCsvDelimiter('Школа\tБалл\nШкола № 1\t65,5\n')).toBe('\t');
  });

  it("falls back to ';' for a single column", () => {
    expect(detectCsvDelimiter('Балл\n1,5\n2,5\n')).toBe(';');
  });
});

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, CRLF, quotes, doubled quotes, a separator and a line break inside quotes', () => {
    const sheet = readFixture('utf8-bom-semicolon.csv');
    expect(sheet.rows).toEqual([
      ['Школа', 'Участники', 'Доля «2»', 'Комментарий'],
      ['Школа № 1 "Ёлочка"', '40', '1,5', 'Иванов; Петров'],
      ['Гимназия № 2', '35', '2,5', 'первая строка\nвторая строка'],
      ['Лицей № 3', null, '0'],
    ]);
  });

  it("reads comma-separated UTF-8 without a BOM with quoted commas", () => {
    expect(readFixture('utf8-comma.csv').rows).toEqual([
      ['Школа', 'Участники', 'Доля «2»'],
      ['Школа № 1, корпус 2', '40', '1,5'],
      ['Лицей "Вектор"', '35', '0.25'],
    ]);
  });

  it('reads Windows-1251 and gives no phantom column for a separator at the end of every line', () => {
    expect(readFixture('cp1251-trailing-separator.csv').rows).toEqual([
      ['Муниципалитет', 'Школа', 'Участники', 'Средний балл'],
      ['Ёлкинский район', 'Школа № 1', '40', '65,5'],
      ['Ёлкинский район', 'Школа № 2', null, '70,1'],
    ]);
  });

  it('reads tab-separated text in UTF-8 and in UTF-16', () => {
    const expected = [
      ['Школа', 'Участники', 'Средний балл'],
      ['Школа № 1', '40', '65,5'],
      ['Школа № 2', '35', '70,1'],
    ];
    expect(readFixture('utf8-tab.txt').rows).toEqual(expected);
    expect(readFixture('utf16-excel-unicode.txt').rows).toEqual(expected);
  });

  it('keeps a last column that has data below an empty header', () => {
    const sheet = readCsv(Buffer.from('a;b;\n1;2;\n3;4;примечание\n'), 'x.csv').sheets[0];
    expect(sheet.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4', 'примечание'],
    ]);
  });

  it('keeps every value as the text it was, with empty fields as null', () => {
    const sheet = readCsv(Buffer.from('Код;Балл;Дата;Флаг\n007;1e3;01.09.2024;ИСТИНА\n; ;;\n'), 'x.csv').sheets[0];
    expect(sheet.rows).toEqual([
      ['Код', 'Балл', 'Дата', 'Флаг'],
      ['007', '1e3', '01.09.2024', 'ИСТИНА'],
      [null, ' '],
    ]);
  });

  it('keeps a blank line in the middle as an empty row and drops blank lines at the end', () => {
    const sheet = readCsv(Buffer.from('a;b\r\n\r\n1;2\r\n\r\n\r\n'), 'x.csv').sheets[0];
    expect(sheet.rows).toEqual([['a', 'b'], [], ['1', '2']]);
  });

  it('names the one sheet after the file, without folder or extension, visible and unmerged', () => {
    const grid = readCsv(Buffer.from('a;b\n'), 'C:\\Формы\\Район 5.2024.csv');
    expect(grid.sheets).toHaveLength(1);
    expect(grid.sheets[0]).toMatchObject({ name: 'Район 5.2024', hidden: false, merges: [] });
  });

  it('calls a file with nothing but a BOM and a line break empty', () => {
    expect(() => readFixture('bom-only.csv')).toThrow(FileReadError);
    expect(() => readFixture('bom-only.csv')).toThrow('Файл пустой');
  });
});
