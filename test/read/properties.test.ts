import zlib from 'node:zlib';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import type { CellValue, MergedRange } from '../../src/core/grid/grid';
import { readGrid } from '../../src/read';
import { detectCsvDelimiter } from '../../src/read/csv';
import { FileReadError } from '../../src/read/read-error';
import { decodeText } from '../../src/read/text-decode';
import { findOverlap, forEachMergeSlave } from '../../src/read/xlsx/merges';
import { exceljsWorkbook, gridOrCode, todaysGrid } from './helpers/packages';
import { legacyDecodeText, legacyReadCsv } from './oracle/legacy-csv-reader';

/** Properties over generated inputs: the one reader agrees with the oracles on whatever they are given. */

const CYRILLIC = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const CP1251_EXTRA = '№«»—–„“”‘’…•€‰ЂЃЉЊЌЋЏђѓљњќћџЎўЈҐЄЇІіґєїјЅѕ§©®°±µ¶·';
const textOf = (alphabet: string, maxLength = 40): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet.split('')), { maxLength }).map((chars) => chars.join(''));
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\t\n\r';

describe('the one reader on random workbooks exceljs writes', () => {
  const value: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    textOf(CYRILLIC + ' №«»', 12),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const grid = fc.array(fc.array(value, { maxLength: 6 }), { maxLength: 8 });

  it('reads the grid the exceljs reader reads, with its own UTF-8 decoder and with TextDecoder', async () => {
    await fc.assert(
      fc.asyncProperty(grid, fc.boolean(), async (rows, sharedStrings) => {
        const bytes = await exceljsWorkbook(
          (wb) => {
            const ws = wb.addWorksheet('Лист1');
            rows.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
          },
          { useSharedStrings: sharedStrings },
        );
        // Both refuse a string with U+FFFE or U+FFFF, which exceljs writes into the XML as it is.
        const own = gridOrCode(() => readGrid(bytes, 'форма.xlsx'));
        expect(own).toStrictEqual(await todaysGrid(bytes, 'форма.xlsx'));
        // The host's TextDecoder and zlib's checksum, as the command line gives them, read the same.
        expect(gridOrCode(() => readGrid(bytes, 'форма.xlsx', { nativeUtf8: TextDecoder, nativeCrc32: zlib.crc32 }))).toStrictEqual(own);
      }),
      { numRuns: 60 },
    );
  });

  it('reads back the values written, when they are plain text, finite numbers and booleans', async () => {
    const plain = fc.oneof(textOf(CYRILLIC + 'abc 0123', 10).filter((s) => s !== ''), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(plain, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const bytes = await exceljsWorkbook((wb) => wb.addWorksheet('Лист1').addRows(rows));
        // -0 is written as "0".
        const expected = rows.map((row) => row.map((v) => (Object.is(v, -0) ? 0 : v)));
        expect(readGrid(bytes, 'форма.xlsx').sheets[0].rows).toStrictEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('decodeText', () => {
  const prefixes = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe, 0xff, 0xfe]];
  const utf8Cyrillic = fc.array(fc.constantFrom(...Array.from(Buffer.from(CYRILLIC))), { maxLength: 30 });

  it('decodes any bytes exactly as iconv-lite and TextDecoder did', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.array(fc.oneof(fc.uint8Array({ maxLength: 30 }).map((b) => Array.from(b)), utf8Cyrillic), { maxLength: 4 }), (prefix, pieces) => {
        const bytes = new Uint8Array([...prefix, ...pieces.flat()]);
        expect(decodeText(bytes)).toBe(legacyDecodeText(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  const text = textOf(CYRILLIC + ASCII + CP1251_EXTRA, 60);

  it('round-trips Cyrillic and ASCII text written as UTF-8, with and without a BOM', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (s, bom) => {
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(s, 'utf8')]);
        expect(decodeText(bytes)).toBe(s);
      }),
    );
  });

  it('round-trips text written as UTF-16 with a BOM, little- and big-endian', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => s.charCodeAt(0) !== 0xfeff), fc.boolean(), (s, bigEndian) => {
        const le = Buffer.from(s, 'utf16le');
        const bytes = bigEndian ? Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]) : Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
        expect(decodeText(bytes)).toBe(s);
      }),
    );
  });

  it('round-trips text written as Windows-1251 whenever the bytes are not also valid UTF-8', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const isUtf8 = (b: Uint8Array): boolean => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(text, (s) => {
        const bytes = iconv.encode(s, 'win1251');
        fc.pre(!isUtf8(bytes) || s.split('').every((ch) => ch.charCodeAt(0) < 0x80));
        expect(decodeText(bytes)).toBe(s);
      }),
    );
  });
});

describe('CSV detection and parsing', () => {
  const delimiterOf = fc.constantFrom<';' | ',' | '\t'>(';', ',', '\t');
  const field = fc.oneof(
    textOf(CYRILLIC + 'abc 019', 8),
    textOf(CYRILLIC + ' ;,\t"\n', 8),
    fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${a},${b}`),
    fc.constant(''),
  );

  /** A field as Excel writes it: quoted when it holds a quote, a line break or any delimiter, except a decimal comma under ';'. */
  function written(value: string, delimiter: string): string {
    const decimalComma = delimiter === ';' && /^\d+,\d+$/.test(value);
    return !decimalComma && /[";,\t\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }

  /** The rows the reader promises: trailing empty fields and records dropped, empty fields null. */
  function expectedRows(table: readonly string[][]): CellValue[][] {
    const rows: CellValue[][] = table.map((record) => {
      let width = record.length;
      while (width > 0 && record[width - 1] === '') width--;
      return record.slice(0, width).map((v) => (v === '' ? null : v));
    });
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    return rows;
  }

  const table = fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));

  it('finds the delimiter and gives back the table, as the reader before it did', () => {
    fc.assert(
      fc.property(table, delimiterOf, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (records, delimiter, eol, finalEol, bom) => {
        const text = records.map((r) => r.map((v) => written(v, delimiter)).join(delimiter)).join(eol) + (finalEol ? eol : '');
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
        if (text.trim() === '') {
          expect(() => readGrid(bytes, 'таблица.csv')).toThrow('Файл пустой');
          return;
        }
        expect(detectCsvDelimiter(text)).toBe(delimiter);
        const grid = readGrid(bytes, 'таблица.csv');
        expect(grid.sheets[0].rows).toStrictEqual(expectedRows(records));
        expect(grid).toStrictEqual(legacyReadCsv(bytes, 'таблица.csv'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('merged ranges', () => {
  const range = fc.tuple(fc.nat(30), fc.nat(8), fc.nat(4), fc.nat(3)).map(([top, left, height, width]): MergedRange => ({ top, left, bottom: top + height, right: left + width }));
  const overlaps = (a: MergedRange, b: MergedRange): boolean => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

  it('find an overlap exactly when two of them share a cell', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), (merges) => {
        const found = findOverlap(merges);
        const any = merges.some((a, i) => merges.some((b, j) => i < j && overlaps(a, b)));
        expect(found !== undefined).toBe(any);
        if (found) expect(overlaps(found[0], found[1])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('hide every cell of a range but its top-left one, and no other', () => {
    const disjoint = fc.array(range, { maxLength: 10 }).map((all) => all.filter((r, i) => all.slice(0, i).every((s) => !overlaps(r, s))));
    const rows = fc.array(fc.option(fc.array(fc.constant(1), { maxLength: 14 }), { nil: undefined }), { maxLength: 40 });
    fc.assert(
      fc.property(disjoint, rows, (merges, cells) => {
        const hidden = new Set<string>();
        forEachMergeSlave(cells, merges, (r, c) => hidden.add(`${r}:${c}`));
        const expected = new Set<string>();
        cells.forEach((row, r) =>
          row?.forEach((_, c) => {
            if (merges.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right && !(m.top === r && m.left === c))) expected.add(`${r}:${c}`);
          }),
        );
        expect(hidden).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the one reader on damaged bytes', () => {
  let workbook: Uint8Array;
  beforeAll(async () => {
    workbook = await exceljsWorkbook((wb) => {
      const ws = wb.addWorksheet('Лист1');
      for (let r = 0; r < 30; r++) ws.addRow([`Школа № ${r}`, r / 3, r % 2 === 0, { formula: `B${r + 1}*2`, result: (r / 3) * 2 }]);
      ws.mergeCells('E1:F2');
    });
  });

  it('gives a grid or a FileReadError, nothing else, whatever bytes are changed or cut', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.boolean(), (cutAt, changes, cut) => {
        const bytes = workbook.slice(0, cut ? cutAt % workbook.length : workbook.length);
        for (const [at, byte] of changes) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        try {
          readGrid(bytes, 'форма.xlsx');
        } catch (e) {
          expect(e).toBeInstanceOf(FileReadError);
          expect((e as FileReadError).message).toMatch(/[А-Яа-яЁё]/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
