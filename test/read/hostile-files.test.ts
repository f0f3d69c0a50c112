import zlib from 'node:zlib';
import { strToU8 } from 'fflate';
import type { FileErrorCode } from '../../src/read';
import { readGrid } from '../../src/read';
import type { FileReadError } from '../../src/read/read-error';
import { crc32, deflatedEntry, exceljsWorkbook, oneSheet, packageParts, packageWithSheetStream, rawPackage, refusal, repeatedDeflate, worksheetXml, xlsxPackage, zipParts } from './helpers/packages';

/**
 * Files made to hurt a reader, and files broken on the way: each is refused with one Russian line
 * (a FileReadError) — never a crash, a hang or an English message. Their memory is asserted in
 * test/cli/memory-bounds.test.ts, in a process of its own; times are not asserted (the machines are noisy).
 */

function expectRefused(read: () => unknown, code: FileErrorCode, detail?: RegExp): FileReadError {
  const e = refusal(read);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/^[^\n]+$/);
  expect(e.message).toMatch(/[А-Яа-яЁё]/);
  if (e.technical) expect(e.message).not.toContain(e.technical);
  if (detail) expect(e.detail).toMatch(detail);
  return e;
}

const MB = 1024 * 1024;

describe('the one reader against zip bombs', () => {
  it('stops a bomb of a few megabytes that would inflate to 4 GB, by its compression ratio, with the default limits', () => {
    const bomb = packageWithSheetStream(repeatedDeflate('', '\0', 16 * MB, 256, ''), 4096);
    expect(bomb.length).toBeLessThan(8 * MB);
    const e = expectRefused(() => readGrid(bomb, 'бомба.xlsx'), 'file_limit', /степень сжатия части xl\/worksheets\/sheet1\.xml больше 200:1/);
    expect(e.message).toBe('Файл превышает допустимый предел: степень сжатия части xl/worksheets/sheet1.xml больше 200:1');
  });

  it('counts the bytes a part really inflates to, not the size its headers claim', () => {
    const stream = repeatedDeflate(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>`, '<a/>', MB, 8, '</worksheet>');
    const bomb = packageWithSheetStream(stream, 1000);
    const unlimitedRatio = { compressionRatio: Infinity };
    expectRefused(() => readGrid(bomb, 'бомба.xlsx', { limits: { ...unlimitedRatio, entryBytes: 2 * MB } }), 'file_limit', /^распакованная часть xl\/worksheets\/sheet1\.xml больше 2 МБ$/);
    // Under a higher limit the same stream is read to its end and found to lie about its size.
    expectRefused(() => readGrid(bomb, 'бомба.xlsx', { limits: { ...unlimitedRatio, entryBytes: 16 * MB } }), 'file_corrupt', /^размер части xl\/worksheets\/sheet1\.xml не совпадает с записанным в архиве$/);
  });

  it('refuses a part whose headers already claim more than the limit, before inflating it', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    delete parts['xl/worksheets/sheet1.xml'];
    const bytes = rawPackage(parts, [{ ...deflatedEntry('xl/worksheets/sheet1.xml', sheet), size: 300 * MB }]);
    expectRefused(() => readGrid(bytes, 'бомба.xlsx'), 'file_limit', /больше 256 МБ/);
  });

  it('holds the parts together against the limit of the unpacked size', () => {
    const big = worksheetXml(`<sheetData/>${'<a/>'.repeat(150_000)}`);
    const bytes = xlsxPackage({ sheets: [{ name: 'a', body: '<sheetData/>' }, { name: 'b' }, { name: 'c' }], parts: { 'xl/worksheets/sheet2.xml': big, 'xl/worksheets/sheet3.xml': big } });
    expectRefused(() => readGrid(bytes, 'бомба.xlsx', { limits: { unpackedBytes: MB } }), 'file_limit', /^распакованный размер больше 1 МБ$/);
    expect(readGrid(bytes, 'бомба.xlsx', { limits: { unpackedBytes: 2 * MB } }).sheets).toHaveLength(3);
  });

  it('refuses a package of more parts than the limit', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    for (let i = 0; i < 20; i++) parts[`xl/media/image${i}.png`] = new Uint8Array([i]);
    expectRefused(() => readGrid(zipParts(parts), 'книга.xlsx', { limits: { entries: 10 } }), 'file_limit', /^в архиве больше 10 частей$/);
  });
});

describe('the one reader against XML entities', () => {
  it('refuses a billion laughs in the shared strings', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('') +
      `]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', { sharedStrings: { xml: laughs } });
    const e = expectRefused(() => readGrid(bytes, 'смех.xlsx'), 'file_limit');
    expect(e.message).toBe('Файл превышает допустимый предел: в файле объявлены сущности XML (DOCTYPE) — такие файлы не читаются');
  });

  it('refuses an external entity in a sheet without reading what it names', () => {
    const sheet =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>';
    const bytes = xlsxPackage({ sheets: [{ name: 'Лист1' }], parts: { 'xl/worksheets/sheet1.xml': sheet } });
    expectRefused(() => readGrid(bytes, 'xxe.xlsx'), 'file_limit', /DOCTYPE/);
  });

  it('finds a DOCTYPE that falls across two chunks of a part, before the parser has all of it', () => {
    // Stored parts are handed on 64 KB at a time: «<!DO» ends the first chunk and «CTYPE» begins the second.
    // The declaration never ends, so only the check of the text as it streams can tell it from broken XML.
    const before = '<?xml version="1.0"?><!--';
    const start = 64 * 1024 - 4;
    const sheet = `${before}${' '.repeat(start - before.length - 3)}--><!DOCTYPE worksheet [<!ENTITY x "${'x'.repeat(1000)}`;
    expect(sheet.indexOf('<!DOCTYPE')).toBe(start);
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    delete parts['xl/worksheets/sheet1.xml'];
    const stored = strToU8(sheet);
    const bytes = rawPackage(parts, [{ name: 'xl/worksheets/sheet1.xml', data: stored, method: 0, crc: crc32(stored), size: stored.length }]);
    expectRefused(() => readGrid(bytes, 'xxe.xlsx'), 'file_limit', /DOCTYPE/);
  });
});

describe('the one reader against damaged and hostile packages', () => {
  it.each(['../evil.xml', '/abs.xml', 'xl/../../evil.xml', 'xl\\..\\evil.xml', 'C:/evil.xml', 'xl//sheet.xml', 'xl/./workbook.xml'])('refuses an entry named %s', (name) => {
    const bytes = rawPackage(packageParts({ sheets: [{ name: 'Лист1' }] }), [deflatedEntry(name, '<x/>')]);
    expectRefused(() => readGrid(bytes, 'книга.xlsx'), 'file_corrupt', /часть с недопустимым именем/);
  });

  it('refuses two entries of one name, even in different case', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    expectRefused(() => readGrid(rawPackage(parts, [deflatedEntry('xl/workbook.xml', '<workbook/>')]), 'книга.xlsx'), 'file_corrupt', /две части с именем «xl\/workbook\.xml»/);
    expectRefused(() => readGrid(rawPackage(parts, [deflatedEntry('XL/Workbook.XML', '<workbook/>')]), 'книга.xlsx'), 'file_corrupt', /две части/);
  });

  it('calls a workbook cut off anywhere corrupt', async () => {
    const bytes = await exceljsWorkbook((wb) => {
      const ws = wb.addWorksheet('Лист1');
      for (let r = 0; r < 50; r++) ws.addRow([`Школа № ${r}`, r, { formula: `B${r + 1}*2`, result: r * 2 }]);
    });
    const cuts = [1, 4, 30, 100, 1000, ...[0.1, 0.3, 0.5, 0.7, 0.9, 0.99].map((f) => Math.floor(bytes.length * f)), bytes.length - 23, bytes.length - 22, bytes.length - 1];
    for (const cut of cuts) expectRefused(() => readGrid(bytes.subarray(0, cut), 'обрезок.xlsx'), 'file_corrupt');
  });

  it('calls a part whose checksum does not match corrupt', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }] });
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    delete parts['xl/worksheets/sheet1.xml'];
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheet);
    expectRefused(() => readGrid(rawPackage(parts, [{ ...entry, crc: entry.crc ^ 1 }]), 'книга.xlsx'), 'file_corrupt', /контрольная сумма/);
    // Node's zlib.crc32, which the command line gives the reader, checks the same.
    expectRefused(() => readGrid(rawPackage(parts, [{ ...entry, crc: entry.crc ^ 1 }]), 'книга.xlsx', { nativeCrc32: zlib.crc32 }), 'file_corrupt', /контрольная сумма/);
    expect(readGrid(rawPackage(parts, [entry]), 'книга.xlsx', { nativeCrc32: zlib.crc32 }).sheets[0].rows).toEqual([[1]]);
  });

  it('calls a part that does not inflate corrupt, keeping the library’s words apart', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    delete parts['xl/worksheets/sheet1.xml'];
    const garbage = new Uint8Array(200).map((_, i) => (i * 73 + 41) & 0xff);
    const e = expectRefused(() => readGrid(rawPackage(parts, [{ name: 'xl/worksheets/sheet1.xml', data: garbage, crc: 0, size: 1000 }]), 'книга.xlsx'), 'file_corrupt', /не распаковывается/);
    expect(e.technical).toBeTruthy();
  });

  it('calls an encrypted zip entry or an unknown compression corrupt', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    delete parts['xl/worksheets/sheet1.xml'];
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheet);
    expectRefused(() => readGrid(rawPackage(parts, [{ ...entry, flags: 1 }]), 'книга.xlsx'), 'file_corrupt', /зашифрована/);
    expectRefused(() => readGrid(rawPackage(parts, [{ ...entry, method: 12 as 8 }]), 'книга.xlsx'), 'file_corrupt', /неизвестным способом \(12\)/);
  });

  it('calls malformed XML corrupt, naming the part', () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'Лист1' }], parts: { 'xl/worksheets/sheet1.xml': worksheetXml('<sheetData><row r="1"></sheetData>') } });
    const e = expectRefused(() => readGrid(bytes, 'книга.xlsx'), 'file_corrupt', /^часть xl\/worksheets\/sheet1\.xml не является правильным XML$/);
    expect(e.technical).toMatch(/[a-z]/);
  });

  it.each([
    ['a reference to a shared string that is not there', '<c r="A1" t="s"><v>5</v></c>', /ячейка A1 на листе «Лист1» ссылается на общую строку 5, которой нет в книге/],
    ['a column beyond XFD', '<c r="XFE1"><v>1</v></c>', /неверный адрес ячейки «XFE1»/],
    ['a cell reference that is no reference', '<c r="1A"><v>1</v></c>', /неверный адрес ячейки «1A»/],
  ])('calls %s corrupt', (_what, cell, detail) => {
    const bytes = oneSheet(`<sheetData><row r="1">${cell}</row></sheetData>`, { sharedStrings: ['Школа'] });
    expectRefused(() => readGrid(bytes, 'книга.xlsx'), 'file_corrupt', detail);
  });

  it('calls a row beyond 1048576 corrupt', () => {
    expectRefused(() => readGrid(oneSheet('<sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'), 'книга.xlsx'), 'file_corrupt', /неверный адрес ячейки «1048577»/);
  });

  it('calls a book with two sheets of one name corrupt', () => {
    expectRefused(() => readGrid(xlsxPackage({ sheets: [{ name: 'Школы' }, { name: 'ШКОЛЫ' }] }), 'книга.xlsx'), 'file_corrupt', /два листа с именем «ШКОЛЫ»/);
  });

  it('calls a zip that is no workbook corrupt', () => {
    expectRefused(() => readGrid(zipParts({ 'word/document.xml': '<document/>' }), 'письмо.xlsx'), 'file_corrupt', /^в архиве нет книги Excel/);
  });

  it('refuses a file over the size limit before reading it', () => {
    expectRefused(() => readGrid(oneSheet('<sheetData/>'), 'книга.xlsx', { limits: { fileBytes: 100 } }), 'file_too_large', /при пределе 100 байт/);
  });
});

describe('the one reader against parts that claim much and hold little', () => {
  it('reads a sheet whose dimension claims every cell of Excel and holds two, as the two cells', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row></sheetData>'.replace('<sheetData>', '<dimension ref="A1:XFD1048576"/><sheetData>'));
    const result = readGrid(bytes, 'книга.xlsx');
    expect(result.sheets[0].rows).toStrictEqual([[1], [null, 2]]);
  });

  it('reads a merge over the whole sheet without walking the cells it covers', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');
    const result = readGrid(bytes, 'книга.xlsx');
    expect(result.sheets[0].rows).toStrictEqual([[1]]);
    expect(result.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 1048575, right: 16383 }]);
  });

  it('checks twenty thousand merges for overlap', () => {
    const merges = Array.from({ length: 20_000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:C${2 * i + 2}"/>`).join('');
    const good = oneSheet(`<sheetData/><mergeCells>${merges}</mergeCells>`);
    expect(readGrid(good, 'книга.xlsx').sheets[0].merges).toHaveLength(20_000);
    const bad = oneSheet(`<sheetData/><mergeCells>${merges}<mergeCell ref="B20000:B20001"/></mergeCells>`);
    expectRefused(() => readGrid(bad, 'книга.xlsx'), 'file_corrupt', /объединённые ячейки A19999:C20000 и B20000:B20001 на листе «Лист1» пересекаются/);
  });

  it('refuses a shared string longer than the limit', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', { sharedStrings: ['Ж'.repeat(200_000)] });
    expectRefused(() => readGrid(bytes, 'книга.xlsx'), 'file_limit', /длиннее 100 000 символов/);
    const runs = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>${'<r><t>ЖЖЖЖЖЖЖЖЖЖ</t></r>'.repeat(11_000)}</si></sst>`;
    expectRefused(() => readGrid(oneSheet('<sheetData/>', { sharedStrings: { xml: runs } }), 'книга.xlsx'), 'file_limit', /^общая строка 1 длиннее 100 000 символов$/);
  });

  it('refuses a cell value of ten million characters as soon as the run passes the limit', () => {
    // Digits that do not repeat, so that the compression ratio does not stop the part first.
    let seed = 12345;
    const digits = Array.from({ length: 10_000_000 }, () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % 10).join('');
    const bytes = oneSheet(`<sheetData><row r="1"><c r="A1"><v>${digits}</v></c></row></sheetData>`);
    expectRefused(() => readGrid(bytes, 'книга.xlsx'), 'file_limit', /текст в части xl\/worksheets\/sheet1\.xml длиннее 100 000 символов/);
  });

  it('refuses more cells with values than the limit, in a workbook and in a CSV', () => {
    const row = Array.from({ length: 6 }, (_, i) => `<c r="${'ABCDEF'[i]}1"><v>${i}</v></c>`).join('');
    expectRefused(() => readGrid(oneSheet(`<sheetData><row r="1">${row}</row></sheetData>`), 'книга.xlsx', { limits: { cells: 5 } }), 'file_limit', /^больше 5 ячеек со значениями$/);
    expectRefused(() => readGrid(strToU8('a;b;c\n1;2;3\n'), 'таблица.csv', { limits: { cells: 5 } }), 'file_limit', /^больше 5 ячеек со значениями$/);
  });

  it('refuses a one-line CSV of 50 MB by its line length', () => {
    const bytes = new Uint8Array(Buffer.alloc(50 * MB, 'Школа;'));
    const e = expectRefused(() => readGrid(bytes, 'выгрузка.csv'), 'file_limit');
    expect(e.message).toBe('Файл превышает допустимый предел: строка длиннее 1 000 000 символов');
  });

  it('refuses a CSV field longer than the text limit', () => {
    expectRefused(() => readGrid(strToU8(`a;b\n"${'x\n'.repeat(60_000)}";1\n`), 'таблица.csv'), 'file_limit', /^текст ячейки длиннее 100 000 символов$/);
  });
});
