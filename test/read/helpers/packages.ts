import * as ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { constants, deflateRawSync } from 'zlib';
import type { Grid } from '../../../src/core/grid/grid';
import { sniffFileKind } from '../../../src/read/file-kind';
import { readXlsx } from '../oracle/exceljs-reader';
import { legacyReadCsv } from '../oracle/legacy-csv-reader';
import { FileReadError } from '../../../src/read/read-error';

/** xlsx packages written part by part, for what exceljs cannot write (or read), and hostile zips. */

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetPart {
  name: string;
  /** The worksheet's content inside <worksheet>, e.g. `<sheetData>…</sheetData>`. */
  body?: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** A chartsheet holds no cells; its part is a <chartsheet>. */
  chart?: boolean;
  /** The part's name, when not the conventional xl/worksheets/sheetN.xml. */
  part?: string;
}

export interface PackageSpec {
  sheets: SheetPart[];
  /** The strings of xl/sharedStrings.xml, or its whole XML. */
  sharedStrings?: string[] | { xml: string };
  /** The whole of xl/styles.xml. */
  styles?: string;
  /** Attributes of <workbookPr>, e.g. `date1904="1"`. */
  workbookPr?: string;
  /** docProps/app.xml and core.xml, as Excel writes them; off for "a workbook without docProps". */
  docProps?: boolean;
  /** More parts, or replacements of the generated ones, by name. */
  parts?: Record<string, string | Uint8Array>;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function worksheetXml(body: string): string {
  return `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${body}</worksheet>`;
}

/** The parts of a minimal package Excel opens, named as Excel names them. */
export function packageParts(spec: PackageSpec): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {};
  const overrides: string[] = [];
  const bookRels: string[] = [];
  const sheetEntries: string[] = [];
  spec.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const part = sheet.part ?? (sheet.chart ? `xl/chartsheets/sheet${n}.xml` : `xl/worksheets/sheet${n}.xml`);
    const type = sheet.chart ? 'chartsheet' : 'worksheet';
    parts[part] = sheet.chart
      ? `${XML_DECL}<chartsheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`
      : worksheetXml(sheet.body ?? '<sheetData/>');
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`);
    bookRels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/${type}" Target="${part.replace(/^xl\//, '')}"/>`);
    const state = sheet.state ? ` state="${sheet.state}"` : '';
    sheetEntries.push(`<sheet name="${escapeText(sheet.name).replace(/"/g, '&quot;')}" sheetId="${n}"${state} r:id="rId${n}"/>`);
  });
  let next = spec.sheets.length + 1;
  if (spec.sharedStrings) {
    parts['xl/sharedStrings.xml'] = Array.isArray(spec.sharedStrings)
      ? `${XML_DECL}<sst xmlns="${MAIN_NS}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${spec.sharedStrings
          .map((s) => `<si><t xml:space="preserve">${escapeText(s)}</t></si>`)
          .join('')}</sst>`
      : spec.sharedStrings.xml;
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    bookRels.push(`<Relationship Id="rId${next++}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (spec.styles) {
    parts['xl/styles.xml'] = spec.styles;
    overrides.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
    bookRels.push(`<Relationship Id="rId${next++}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  }
  const rootRels = [`<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`];
  if (spec.docProps !== false) {
    parts['docProps/app.xml'] = `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`;
    parts['docProps/core.xml'] = `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Окошко</dc:creator></cp:coreProperties>`;
    rootRels.push(`<Relationship Id="rId2" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>`);
    rootRels.push('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>');
    overrides.push('<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>');
    overrides.push('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>');
  }
  parts['[Content_Types].xml'] =
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    `${overrides.join('')}</Types>`;
  parts['_rels/.rels'] = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${rootRels.join('')}</Relationships>`;
  parts['xl/workbook.xml'] =
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    (spec.workbookPr ? `<workbookPr ${spec.workbookPr}/>` : '') +
    `<sheets>${sheetEntries.join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${bookRels.join('')}</Relationships>`;
  return { ...parts, ...spec.parts };
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files, { level: 6 });
}

export function xlsxPackage(spec: PackageSpec): Uint8Array {
  return zipParts(packageParts(spec));
}

/** One sheet named Лист1 with this <sheetData> content (and whatever follows it). */
export function oneSheet(body: string, spec: Omit<PackageSpec, 'sheets'> = {}): Uint8Array {
  return xlsxPackage({ ...spec, sheets: [{ name: 'Лист1', body }] });
}

/** A styles.xml with these cell formats (`<xf …/>`) and custom number formats (`<numFmt …/>`). */
export function stylesXml(xfs: string[], numFmts = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    (numFmts ? `<numFmts>${numFmts}</numFmts>` : '') +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`
  );
}

export interface RawEntry {
  name: string;
  /** The bytes as stored: already deflated when `method` is 8. */
  data: Uint8Array;
  method?: 0 | 8;
  crc: number;
  /** The uncompressed size the headers claim, which may lie. */
  size: number;
  flags?: number;
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A zip written byte by byte, so that names, sizes and checksums can be anything a hostile file
 * has; with `zip64`, sizes, offsets and counts go in zip64 records, as streaming writers put them.
 */
export function rawZip(entries: readonly RawEntry[], options: { zip64?: boolean } = {}): Uint8Array {
  const zip64 = options.zip64 === true;
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const flags = (e.flags ?? 0) | 0x800;
    const local = new Uint8Array(30 + name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, flags, true);
    view.setUint16(8, e.method ?? 8, true);
    view.setUint32(14, e.crc >>> 0, true);
    view.setUint32(18, e.data.length, true);
    view.setUint32(22, e.size >>> 0, true);
    view.setUint16(26, name.length, true);
    local.set(name, 30);
    const extraLength = zip64 ? 28 : 0;
    const dir = new Uint8Array(46 + name.length + extraLength);
    const d = new DataView(dir.buffer);
    d.setUint32(0, 0x02014b50, true);
    d.setUint16(4, zip64 ? 45 : 20, true);
    d.setUint16(6, zip64 ? 45 : 20, true);
    d.setUint16(8, flags, true);
    d.setUint16(10, e.method ?? 8, true);
    d.setUint32(16, e.crc >>> 0, true);
    d.setUint32(20, zip64 ? 0xffffffff : e.data.length, true);
    d.setUint32(24, zip64 ? 0xffffffff : e.size >>> 0, true);
    d.setUint16(28, name.length, true);
    d.setUint16(30, extraLength, true);
    d.setUint32(42, zip64 ? 0xffffffff : offset, true);
    dir.set(name, 46);
    if (zip64) {
      const x = 46 + name.length;
      d.setUint16(x, 0x0001, true);
      d.setUint16(x + 2, 24, true);
      d.setBigUint64(x + 4, BigInt(e.size), true);
      d.setBigUint64(x + 12, BigInt(e.data.length), true);
      d.setBigUint64(x + 20, BigInt(offset), true);
    }
    chunks.push(local, e.data);
    central.push(dir);
    offset += local.length + e.data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const trailer: Uint8Array[] = [];
  if (zip64) {
    const record = new Uint8Array(56);
    const r = new DataView(record.buffer);
    r.setUint32(0, 0x06064b50, true);
    r.setBigUint64(4, 44n, true);
    r.setUint16(12, 45, true);
    r.setUint16(14, 45, true);
    r.setBigUint64(24, BigInt(entries.length), true);
    r.setBigUint64(32, BigInt(entries.length), true);
    r.setBigUint64(40, BigInt(centralSize), true);
    r.setBigUint64(48, BigInt(offset), true);
    const locator = new Uint8Array(20);
    const l = new DataView(locator.buffer);
    l.setUint32(0, 0x07064b50, true);
    l.setBigUint64(8, BigInt(offset + centralSize), true);
    l.setUint32(16, 1, true);
    trailer.push(record, locator);
  }
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, zip64 ? 0xffff : entries.length, true);
  v.setUint16(10, zip64 ? 0xffff : entries.length, true);
  v.setUint32(12, zip64 ? 0xffffffff : centralSize, true);
  v.setUint32(16, zip64 ? 0xffffffff : offset, true);
  return concatBytes([...chunks, ...central, ...trailer, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry deflated honestly, for rawZip. */
export function deflatedEntry(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return { name, data: new Uint8Array(deflateRawSync(bytes)), crc: crc32(bytes), size: bytes.length };
}

/** The parts of a package as honest raw entries, in the given order, with extra entries after them. */
export function rawPackage(parts: Record<string, string | Uint8Array>, extra: readonly RawEntry[] = [], options: { zip64?: boolean } = {}): Uint8Array {
  return rawZip([...Object.entries(parts).map(([name, content]) => deflatedEntry(name, content)), ...extra], options);
}

/** A workbook written by exceljs into memory, as our own writers and many scripts write one. */
export async function exceljsWorkbook(build: (wb: ExcelJS.Workbook) => void, options?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer(options));
}

/** What the reader before this one (exceljs, kept in oracle/) makes of the bytes: the grid, or the code of the FileReadError it throws. */
export async function todaysGrid(bytes: Uint8Array, name: string): Promise<Grid | { code: string }> {
  try {
    return sniffFileKind(bytes, name) === 'xlsx' ? await readXlsx(Buffer.from(bytes), name) : legacyReadCsv(Buffer.from(bytes), name);
  } catch (e) {
    if (e instanceof FileReadError) return { code: e.code };
    throw e;
  }
}

/** The grid, or the code of the FileReadError; any other exception fails the test. */
export function gridOrCode(read: () => Grid): Grid | { code: string } {
  try {
    return read();
  } catch (e) {
    if (e instanceof FileReadError) return { code: e.code };
    throw e;
  }
}

/** The FileReadError that reading throws. */
export function refusal(read: () => unknown): FileReadError {
  try {
    read();
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/**
 * A deflate stream of `pattern` repeated to `total` bytes, built from one sync-flushed block of
 * `unit` bytes repeated: a few megabytes that inflate to gigabytes, made without holding them.
 */
export function repeatedDeflate(prefix: string, pattern: string, unit: number, copies: number, suffix: string): Uint8Array {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const head = deflateRawSync(Buffer.from(prefix), sync);
  const block = deflateRawSync(Buffer.from(pattern.repeat(unit / pattern.length)), sync);
  const tail = deflateRawSync(Buffer.from(suffix));
  const out = new Uint8Array(head.length + block.length * copies + tail.length);
  out.set(head, 0);
  for (let i = 0; i < copies; i++) out.set(block, head.length + i * block.length);
  out.set(tail, head.length + block.length * copies);
  return out;
}

/** A package whose sheet is this deflate stream, its headers claiming `claimedSize` bytes. */
export function packageWithSheetStream(stream: Uint8Array, claimedSize: number): Uint8Array {
  const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
  delete parts['xl/worksheets/sheet1.xml'];
  return rawPackage(parts, [{ name: 'xl/worksheets/sheet1.xml', data: stream, crc: 0, size: claimedSize }]);
}
