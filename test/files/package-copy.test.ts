import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { WRITE_NATIVES } from '../../src/files/node-natives';
import { DEFAULT_READ_LIMITS } from '../../src/read';
import { ZipPackage } from '../../src/read/xlsx/package';
import { patchWorkbookPackage } from '../../src/render/workbook-patch';

const REGIONAL = path.resolve(__dirname, '../fixtures/writeback/regional-pivot.xlsx');
const CHANGED = new Set(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml']);

/** A sheet whose XML is several megabytes: Node's deflate compresses it in several chunks. */
const LARGE: ReportSheet = {
  name: 'Реестр',
  columns: [
    { key: 'n', header: '№', width: 8 },
    { key: 'school', header: 'Школа', width: 40 },
    { key: 'share', header: 'Доля «2», %', width: 12 },
  ],
  rows: Array.from({ length: 40_000 }, (_, i) => ({ cells: { n: i + 1, school: `МБОУ СОШ № ${i + 1} имени героя ${(i * 7919) % 1000}`, share: (i % 97) / 3 } })),
};

function open(bytes: Uint8Array): ZipPackage {
  return ZipPackage.open(bytes, 'книга.xlsx', DEFAULT_READ_LIMITS);
}

function inflated(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

describe('writing back a workbook', () => {
  const original = readFileSync(REGIONAL);

  it('copies every part it does not change as the original stores it, compressed bytes and checksum alike', () => {
    const before = open(original);
    const after = open(patchWorkbookPackage(original, [LARGE], 'книга.xlsx', WRITE_NATIVES));
    const kept = before.names().filter((n) => !CHANGED.has(n));
    expect(kept.length).toBeGreaterThan(10);
    for (const name of kept) {
      const was = before.stored(name)!;
      const is = after.stored(name)!;
      expect({ name, crc: is.crc, size: is.size, method: is.method }).toEqual({ name, crc: was.crc, size: was.size, method: was.method });
      expect(Buffer.from(is.data).equals(Buffer.from(was.data))).toBe(true);
    }
  });

  it('with Node’s deflate holds the same parts, byte for byte once inflated, as with the portable one', () => {
    const portable = inflated(patchWorkbookPackage(original, [LARGE], 'книга.xlsx'));
    const native = inflated(patchWorkbookPackage(original, [LARGE], 'книга.xlsx', WRITE_NATIVES));
    expect(Object.keys(native)).toEqual(Object.keys(portable));
    for (const name of Object.keys(portable)) expect({ name, text: native[name] }).toEqual({ name, text: portable[name] });
    const sheet = Object.entries(native).find(([, text]) => text.includes('МБОУ СОШ № 40000 '));
    expect(sheet![1].length).toBeGreaterThan(3 << 20);
  });

  it('with Node’s deflate passes our reader’s checksum and limits, and exceljs reads every row', async () => {
    const bytes = patchWorkbookPackage(original, [LARGE], 'книга.xlsx', WRITE_NATIVES);
    const zip = open(bytes);
    for (const name of zip.names()) if (!name.endsWith('/')) expect(() => zip.bytesOf(name)).not.toThrow();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = book.worksheets.find((w) => w.name === 'Реестр')!;
    expect(ws.getCell(`B${40_001}`).value).toBe('МБОУ СОШ № 40000 имени героя ' + ((39_999 * 7919) % 1000));
  });

  it('keeps a folder entry of the original zip in its place', () => {
    const parts = unzipSync(original);
    const names = Object.keys(parts);
    const withFolder: Record<string, Uint8Array> = {};
    names.forEach((n, i) => {
      if (i === 2) withFolder['customXml/'] = new Uint8Array(0);
      withFolder[n] = parts[n];
    });
    const after = open(patchWorkbookPackage(zipSync(withFolder), [LARGE], 'книга.xlsx', WRITE_NATIVES)).names();
    expect(after.slice(0, names.length + 1)).toEqual(Object.keys(withFolder));
  });
});
