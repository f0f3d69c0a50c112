import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { itWith, LIBREOFFICE } from '../helpers/programs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { FileReadError } from '../../src/read/read-error';
import { patchWorkbookPackage } from '../../src/render/workbook-patch';
import { writeReportIntoWorkbook } from '../../src/files/workbook-writeback';

const FIXTURES = path.resolve(__dirname, '../fixtures/writeback');
const REGIONAL = path.join(FIXTURES, 'regional-pivot.xlsx');
const RECOMMENDATION = 'Провести методический семинар для учителей математики и проверить объективность оценивания ВПР';

const SHEETS: ReportSheet[] = [
  {
    name: 'Проверка',
    stamp: 'Окошко 0.1.0, правила 2025.1, 24.11.2026',
    table: 'Проверка',
    freezeColumns: 1,
    tabColor: 'FFC00000',
    columns: [
      { key: 'school', header: 'Школа', width: 30 },
      { key: 'issue', header: 'Замечание', width: 40, wrap: true },
      { key: 'value', header: 'Значение', width: 12 },
    ],
    rows: [
      {
        cells: { school: { text: 'МБОУ СОШ № 1', target: { sheet: 'Данные', cell: 'B2' } }, issue: '=SUM(A1)', value: 3.5 },
        roles: { issue: 'error' },
      },
      {
        cells: { school: { text: 'Форма школы № 2', target: { file: 'формы/Школа № 2.xlsx', sheet: 'Лист 1', cell: 'C3' } }, issue: 'Доля «2» & <выше> порога "15 %"\u0007', value: true },
        roles: { value: 'warning' },
        bold: true,
      },
      { cells: { school: 'Итого', issue: '+1 -2 @все', value: null } },
    ],
  },
  {
    name: 'Рекомендации: 2025/26',
    columns: [
      { key: 'to', header: 'Адресат', width: 25 },
      { key: 'measure', header: 'Мера', width: 60, wrap: true },
    ],
    rows: [{ cells: { to: 'Северный район', measure: RECOMMENDATION }, roles: { to: 'municipal' } }],
    tabColor: 'FF2E75B6',
  },
];
const OUR_NAMES = ['Проверка (Окошко)', 'Рекомендации_ 2025_26'];

type Parts = Map<string, string>;

async function parts(bytes: Uint8Array): Promise<{ hashes: Parts; order: string[]; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  const hashes: Parts = new Map();
  const order: string[] = [];
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    order.push(name);
    hashes.set(name, createHash('sha256').update(await f.async('uint8array')).digest('hex'));
  }
  return { hashes, order, zip };
}

function diff(before: Parts, after: Parts): { changed: string[]; added: string[]; removed: string[] } {
  return {
    changed: [...before.keys()].filter((k) => after.has(k) && after.get(k) !== before.get(k)).sort(),
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
  };
}

async function readExcel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => (out[n - 1] = (row.values as unknown[]).slice(1)));
  return out;
}

/** Runs LibreOffice headless with a private profile; fails the test if it does not finish. */
function soffice(args: string[], cwd: string): void {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'okoshko-lo-'));
  try {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`soffice ${args.join(' ')}: ${r.status} ${r.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

describe('the fixture really has the objects we must keep', () => {
  it('holds a pivot table and cache, a chart and drawing, comments, data validation, conditional formatting and a defined name', async () => {
    const { hashes, zip } = await parts(readFileSync(REGIONAL));
    const names = [...hashes.keys()];
    for (const re of [/^xl\/pivotTables\/pivotTable\d+\.xml$/, /^xl\/pivotCache\/pivotCacheDefinition\d+\.xml$/, /^xl\/pivotCache\/pivotCacheRecords\d+\.xml$/, /^xl\/charts\/chart\d+\.xml$/, /^xl\/drawings\/drawing\d+\.xml$/, /^xl\/comments\d*\.xml$/]) {
      expect(names.some((n) => re.test(n))).toBe(true);
    }
    const data = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(data).toContain('<dataValidation ');
    expect(data).toContain('<conditionalFormatting ');
    expect(await zip.file('xl/workbook.xml')!.async('string')).toContain('name="Участники"');
  });
});

describe('patchWorkbookPackage on a LibreOffice workbook with a pivot table, a chart and comments', () => {
  let original: Uint8Array;
  let first: Uint8Array;
  let second: Uint8Array;
  let work: string;

  beforeAll(async () => {
    original = readFileSync(REGIONAL);
    first = await patchWorkbookPackage(original, SHEETS);
    second = await patchWorkbookPackage(first, SHEETS);
    work = mkdtempSync(path.join(os.tmpdir(), 'okoshko-patch-'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('(a) changes exactly the parts it must, adds ours, and keeps every other part and the entry order', async () => {
    const before = await parts(original);
    const after = await parts(first);
    expect(diff(before.hashes, after.hashes)).toEqual({
      changed: ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml'],
      added: ['xl/tables/table1.xml', 'xl/worksheets/_rels/sheet4.xml.rels', 'xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml'],
      removed: [],
    });
    expect(after.order.slice(0, before.order.length)).toEqual(before.order);
  });

  it('(a) only appends to styles.xml, so every s= of the user sheets means what it meant', async () => {
    const text = async (b: Uint8Array) => (await JSZip.loadAsync(b)).file('xl/styles.xml')!.async('string');
    const [was, now] = [await text(original), await text(first)];
    for (const list of ['fonts', 'fills', 'cellXfs']) {
      const inner = (s: string) => new RegExp(`<${list}[^>]*>([\\s\\S]*?)</${list}>`).exec(s)![1];
      expect(inner(now).startsWith(inner(was))).toBe(true);
    }
    expect(now.replace(/<(fonts|fills|cellXfs)[^>]*>[\s\S]*?<\/\1>/g, '')).toBe(was.replace(/<(fonts|fills|cellXfs)[^>]*>[\s\S]*?<\/\1>/g, ''));
  });

  it('(a) keeps the workbook text outside <sheets> and <definedNames> as it was, the active tab included', async () => {
    const text = async (b: Uint8Array) => (await JSZip.loadAsync(b)).file('xl/workbook.xml')!.async('string');
    const strip = (s: string) => s.replace(/<sheets>[\s\S]*<\/sheets>/, '').replace(/<definedNames>[\s\S]*<\/definedNames>/, '');
    const [was, now] = [await text(original), await text(first)];
    expect(strip(now)).toBe(strip(was));
    expect(now).toContain('<definedName function="false" hidden="false" name="Участники" vbProcedure="false">Данные!$C$2:$C$6</definedName>');
    expect(now).toContain('activeTab="0"');
  });

  it('(b) exceljs reads our sheets with their values and the user sheets as they were', async () => {
    const [was, now] = [await readExcel(original), await readExcel(first)];
    expect(now.worksheets.map((w) => w.name)).toEqual(['Данные', 'Сводная', 'Проверка', ...OUR_NAMES]);
    for (const name of ['Данные', 'Сводная', 'Проверка']) expect(rowsOf(now.getWorksheet(name)!)).toEqual(rowsOf(was.getWorksheet(name)!));
    const ours = now.getWorksheet('Проверка (Окошко)')!;
    expect(ours.getCell('A1').value).toBe('Окошко 0.1.0, правила 2025.1, 24.11.2026');
    expect(ours.getRow(2).values).toEqual([undefined, 'Школа', 'Замечание', 'Значение']);
    // exceljs reads a link's relationship target only: the in-workbook link (location=) is checked in the XML.
    expect(ours.getCell('A3').value).toBe('МБОУ СОШ № 1');
    expect(ours.getCell('A4').value).toEqual({ text: 'Форма школы № 2', hyperlink: 'формы/Школа%20№%202.xlsx' });
    const xml = await (await JSZip.loadAsync(first)).file('xl/worksheets/sheet4.xml')!.async('string');
    expect(xml).toContain('<hyperlink ref="A3" location="&apos;Данные&apos;!B2" display="МБОУ СОШ № 1"/>');
    expect(xml).toContain('<hyperlink ref="A4" r:id="rId1" location="&apos;Лист 1&apos;!C3" display="Форма школы № 2"/>');
    expect(ours.getCell('C3').value).toBe(3.5);
    expect(ours.getCell('B4').value).toBe('Доля «2» & <выше> порога "15 %"');
    expect(ours.getCell('C4').value).toBe(true);
    expect(ours.getCell('B5').value).toBe('+1 -2 @все');
    expect(ours.getCell('B3').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE3E1' } });
    expect(ours.getCell('A4').font).toMatchObject({ bold: true, underline: true });
    expect(ours.getCell('B3').alignment).toMatchObject({ vertical: 'top', wrapText: true });
    expect(ours.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(ours.getColumn(2).width).toBe(40);
    expect(ours.getRow(4).height).toBeUndefined(); // one line: Excel's own height
    expect(ours.properties.tabColor).toEqual({ argb: 'FFC00000' });
    const rec = now.getWorksheet('Рекомендации_ 2025_26')!;
    expect(rec.getCell('B2').value).toBe(RECOMMENDATION);
    expect(rec.getRow(2).height).toBe(30);
  });

  it('(e) text that looks like a formula comes back as a string, never a formula', async () => {
    const ours = (await readExcel(first)).getWorksheet('Проверка (Окошко)')!;
    expect(ours.getCell('B3').value).toBe('=SUM(A1)');
    expect(ours.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    const xml = await (await JSZip.loadAsync(first)).file('xl/worksheets/sheet4.xml')!.async('string');
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('<c r="B3" s="');
    expect(xml).toMatch(/<c r="B3" s="\d+" t="inlineStr"><is><t xml:space="preserve">=SUM\(A1\)<\/t><\/is><\/c>/);
  });

  it('(f) leaves the user sheet «Проверка» untouched and names ours differently', async () => {
    const wb = await readExcel(first);
    expect(rowsOf(wb.getWorksheet('Проверка')!)).toEqual([['Своя проверка пользователя'], ['не трогать']]);
    const before = await parts(original);
    const after = await parts(first);
    expect(after.hashes.get('xl/worksheets/sheet3.xml')).toBe(before.hashes.get('xl/worksheets/sheet3.xml'));
  });

  it('adds a table with a unique name and an autofilter over the header and rows', async () => {
    const xml = await (await JSZip.loadAsync(first)).file('xl/tables/table1.xml')!.async('string');
    expect(xml).toContain('id="1" name="Okoshko_Проверка" displayName="Okoshko_Проверка" ref="A2:C5"');
    expect(xml).toContain('<autoFilter ref="A2:C5"/>');
  });

  it('(d) a second patch replaces our sheets: the same parts with the same bytes', async () => {
    const a = await parts(first);
    const b = await parts(second);
    expect(diff(a.hashes, b.hashes)).toEqual({ changed: [], added: [], removed: [] });
    expect(b.order).toEqual(a.order);
    expect((await readExcel(second)).worksheets.map((w) => w.name)).toEqual(['Данные', 'Сводная', 'Проверка', ...OUR_NAMES]);
  });

  it('(d) replacing with fewer sheets removes the old ones with their rels, table and content types', async () => {
    const one = await patchWorkbookPackage(first, [SHEETS[1]]);
    const before = await parts(original);
    const after = await parts(one);
    expect(diff(before.hashes, after.hashes)).toEqual({
      changed: ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml'],
      added: ['xl/worksheets/sheet4.xml'],
      removed: [],
    });
    const zip = await JSZip.loadAsync(one);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).not.toContain('table1.xml');
    expect(types).not.toContain('sheet5.xml');
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook.match(/_okoshko_sheet_/g)).toHaveLength(1);
    expect(workbook).not.toContain('Проверка (Окошко)');
    // With no sheets at all, the package is the user's again, byte for byte, but for the appended styles.
    const none = await parts(await patchWorkbookPackage(first, []));
    expect(diff(before.hashes, none.hashes)).toEqual({ changed: ['xl/styles.xml'], added: [], removed: [] });
  });

  it('(d) after Excel gave our sheet printer settings and a calculation chain, a rerun removes what only ours reached', async () => {
    // What Excel adds when the user prints our sheet and types a formula in it: a printer-settings
    // part reached only from our sheet, and calcChain entries for our sheet (sheetId 4).
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const zip = await JSZip.loadAsync(first);
    const sheetRels = await zip.file('xl/worksheets/_rels/sheet4.xml.rels')!.async('string');
    zip.file(
      'xl/worksheets/_rels/sheet4.xml.rels',
      sheetRels.replace(
        '</Relationships>',
        `<Relationship Id="rId9" Type="${REL}/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rId10" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
      ),
    );
    zip.file('xl/printerSettings/printerSettings1.bin', new Uint8Array([1, 2, 3]));
    zip.file('xl/calcChain.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C7" i="1"/><c r="D3" i="4"/></calcChain>');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', `<Relationship Id="rId99" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const edited = await zip.generateAsync({ type: 'uint8array' });
    const again = await parts(await patchWorkbookPackage(edited, SHEETS));
    const a = await parts(first);
    // The user's drawing (reached from their own sheet too) stays; the rest is as after the first run.
    expect(diff(a.hashes, again.hashes)).toEqual({ changed: [], added: [], removed: [] });
  });

  itWith(LIBREOFFICE, 'LibreOffice открывает книгу с листами Окошка')('(c) LibreOffice opens the result: PDF, CSV of our sheet, and a round-trip that we recognise again', async () => {
    const input = path.join(work, 'отчёт.xlsx');
    writeFileSync(input, first);
    soffice(['--convert-to', 'pdf', '--outdir', work, input], work);
    const pdf = readFileSync(path.join(work, 'отчёт.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(5);

    // Sheet -1: every sheet to its own file, named <file>-<sheet>.csv (UTF-8, comma, quoted text).
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', work, input], work);
    const csv = readFileSync(path.join(work, 'отчёт-Рекомендации_ 2025_26.csv'), 'utf8');
    expect(csv).toContain(RECOMMENDATION);
    const check = readFileSync(path.join(work, 'отчёт-Проверка (Окошко).csv'), 'utf8');
    expect(check).toContain('=SUM(A1)');
    expect(check).toContain('МБОУ СОШ № 1');
    expect(readFileSync(path.join(work, 'отчёт-Проверка.csv'), 'utf8')).toContain('Своя проверка пользователя');

    // LibreOffice rewrites the whole package; our hidden marker names must survive it.
    const again = path.join(work, 'again');
    soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', again, input], work);
    const roundTrip = readFileSync(path.join(again, 'отчёт.xlsx'));
    const wb = await readExcel(roundTrip);
    expect(wb.getWorksheet('Рекомендации_ 2025_26')!.getCell('B2').value).toBe(RECOMMENDATION);
    expect(wb.getWorksheet('Проверка (Окошко)')!.getCell('B3').value).toBe('=SUM(A1)');
    const repatched = await readExcel(await patchWorkbookPackage(roundTrip, SHEETS));
    expect(repatched.worksheets.map((w) => w.name)).toEqual(['Данные', 'Сводная', 'Проверка', ...OUR_NAMES]);
  });
});

describe('patchWorkbookPackage on a workbook written by exceljs with a table', () => {
  it('keeps the user table, gives ours a unique table name and id, and changes only the expected parts', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Школы');
    ws.addTable({ name: 'Проверка', ref: 'A1', columns: [{ name: 'Школа' }, { name: 'Балл' }], rows: [['МБОУ СОШ № 1', 4.1], ['Лицей № 3', 4.6]] });
    wb.addWorksheet('Итоги').getCell('A1').value = 'Итоги района';
    const original = new Uint8Array(await wb.xlsx.writeBuffer());
    const patched = await patchWorkbookPackage(original, SHEETS);
    const before = await parts(original);
    const after = await parts(patched);
    const d = diff(before.hashes, after.hashes);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml']);
    expect(d.added).toEqual(['xl/tables/table2.xml', 'xl/worksheets/_rels/sheet3.xml.rels', 'xl/worksheets/sheet3.xml', 'xl/worksheets/sheet4.xml']);
    const table = await after.zip.file('xl/tables/table2.xml')!.async('string');
    expect(table).toContain('id="2" name="Okoshko_Проверка" displayName="Okoshko_Проверка"');
    const back = await readExcel(patched);
    expect(back.worksheets.map((w) => w.name)).toEqual(['Школы', 'Итоги', 'Проверка', 'Рекомендации_ 2025_26']);
    expect(rowsOf(back.getWorksheet('Школы')!)).toEqual([['Школа', 'Балл'], ['МБОУ СОШ № 1', 4.1], ['Лицей № 3', 4.6]]);
    const again = await parts(await patchWorkbookPackage(patched, SHEETS));
    expect(diff(after.hashes, again.hashes)).toEqual({ changed: [], added: [], removed: [] });
  });
});

describe('patchWorkbookPackage after the user saved our result in another program', () => {
  it('recognises our sheets after exceljs rewrote the book, and shifts the user sheet indexes that follow them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Данные').getCell('A1').value = 'Школа';
    const patched = await patchWorkbookPackage(new Uint8Array(await wb.xlsx.writeBuffer()), SHEETS);
    // The user adds a sheet after ours, with print titles (a name local to that sheet), and leaves it active.
    const user = await readExcel(patched);
    const added = user.addWorksheet('Новый', { pageSetup: { printTitlesRow: '1:1' } });
    added.getCell('A1').value = 'Мой лист';
    user.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 3, visibility: 'visible' }];
    const saved = new Uint8Array(await user.xlsx.writeBuffer());
    const workbookXml = async (b: Uint8Array) => (await JSZip.loadAsync(b)).file('xl/workbook.xml')!.async('string');
    expect(await workbookXml(saved)).toMatch(/name="_xlnm.Print_Titles" localSheetId="3"/);

    const again = await patchWorkbookPackage(saved, SHEETS);
    const back = await readExcel(again);
    expect(back.worksheets.map((w) => w.name)).toEqual(['Данные', 'Новый', 'Проверка', 'Рекомендации_ 2025_26']);
    expect(back.getWorksheet('Новый')!.getCell('A1').value).toBe('Мой лист');
    const xml = await workbookXml(again);
    expect(xml).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="1"[^>]*>(&apos;)?Новый(&apos;)?!\$1:\$1<\/definedName>/);
    expect(xml).toContain('activeTab="1"');
    expect(xml.match(/_okoshko_sheet_\d/g)).toEqual(['_okoshko_sheet_1', '_okoshko_sheet_2']);
  });
});

describe('writeReportIntoWorkbook', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'okoshko-writeback-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('(g) by default writes a copy beside the input and leaves the input byte-identical', async () => {
    const input = path.join(dir, 'Свод района.xlsx');
    copyFileSync(REGIONAL, input);
    const was = hash(input);
    const r = await writeReportIntoWorkbook(input, SHEETS, {});
    expect(r).toEqual({ written: path.join(dir, 'Свод района.okoshko.xlsx') });
    expect(hash(input)).toBe(was);
    expect((await readExcel(readFileSync(r.written))).worksheets.map((w) => w.name)).toContain('Проверка (Окошко)');
    expect(readdirSync(dir).sort()).toEqual(['Свод района.okoshko.xlsx', 'Свод района.xlsx']);
    const out = path.join(dir, 'куда', 'отчёт.xlsx');
    expect((await writeReportIntoWorkbook(input, SHEETS, { out })).written).toBe(out);
    await expect(writeReportIntoWorkbook(input, SHEETS, { out: input })).rejects.toThrow(/не может заменить исходный файл/);
    // A write that fails says so in Russian and leaves no temporary file behind.
    const folder = path.join(dir, 'папка.xlsx');
    mkdirSync(folder);
    await expect(writeReportIntoWorkbook(input, SHEETS, { out: folder })).rejects.toThrow(/^Не удалось записать книгу .*папка\.xlsx: на этом месте папка, а не файл$/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('(g) in place writes atomically, keeps a backup, never overwrites a backup and leaves no temp file', async () => {
    const input = path.join(dir, 'Свод.xlsx');
    copyFileSync(REGIONAL, input);
    const was = hash(input);
    const r1 = await writeReportIntoWorkbook(input, SHEETS, { inPlace: true });
    expect(r1).toEqual({ written: input, backup: path.join(dir, 'Свод.bak.xlsx') });
    expect(hash(r1.backup!)).toBe(was);
    expect(hash(input)).not.toBe(was);
    const r2 = await writeReportIntoWorkbook(input, SHEETS, { inPlace: true });
    expect(r2.backup).not.toBe(r1.backup);
    expect(hash(r1.backup!)).toBe(was);
    expect(existsSync(r2.backup!)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(3);
    // Running again replaced ours: still one copy of each.
    expect((await readExcel(readFileSync(input))).worksheets.map((w) => w.name)).toEqual(['Данные', 'Сводная', 'Проверка', ...OUR_NAMES]);
  });

  it('keeps a macro workbook a macro workbook: same extension, vbaProject untouched', async () => {
    const zip = await JSZip.loadAsync(readFileSync(REGIONAL));
    const vba = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4, 5]);
    zip.file('xl/vbaProject.bin', vba);
    const input = path.join(dir, 'Макросы.xlsm');
    writeFileSync(input, await zip.generateAsync({ type: 'uint8array' }));
    const r = await writeReportIntoWorkbook(input, SHEETS);
    expect(r.written).toBe(path.join(dir, 'Макросы.okoshko.xlsm'));
    const out = await JSZip.loadAsync(readFileSync(r.written));
    expect(await out.file('xl/vbaProject.bin')!.async('uint8array')).toEqual(vba);
  });

  it('refuses what it cannot patch with a Russian message', async () => {
    const files = path.resolve(__dirname, '../fixtures/files');
    const code = async (file: string) => {
      try {
        await writeReportIntoWorkbook(file, SHEETS, { out: path.join(dir, 'x.xlsx') });
        return 'written';
      } catch (e) {
        expect(e).toBeInstanceOf(FileReadError);
        return (e as FileReadError).code;
      }
    };
    expect(await code(path.join(files, 'libreoffice-encrypted.xlsx'))).toBe('file_encrypted');
    expect(await code(path.join(files, 'libreoffice-features.xls'))).toBe('file_legacy_xls');
    expect(await code(path.join(files, 'not-a-zip.xlsx'))).toBe('file_corrupt');
    expect(await code(path.join(files, 'truncated.xlsx'))).toBe('file_corrupt');
    expect(await code(path.join(dir, 'нет такого.xlsx'))).toBe('file_not_found');
    expect(readdirSync(dir)).toEqual([]);
  });
});
