import type { GridSheet } from '../../src/core/grid/grid';
import { readGrid } from '../../src/read';
import { MAIN_NS, oneSheet, packageParts, REL_NS, stylesXml, todaysGrid, worksheetXml, xlsxPackage, zipParts } from './helpers/packages';

/**
 * Packages as other writers make them — generators that leave out what Excel always writes,
 * Excel's own newer parts — written part by part, each read into the grid it means.
 */

function sheetOf(bytes: Uint8Array): GridSheet {
  const grid = readGrid(bytes, 'выгрузка.xlsx');
  expect(grid.sheets).toHaveLength(1);
  return grid.sheets[0];
}

const DATE_STYLES = stylesXml(['<xf numFmtId="0"/>', '<xf numFmtId="14"/>', '<xf numFmtId="164"/>'], '<numFmt numFmtId="164" formatCode="0.0%"/>');

describe('the one reader on what exceljs does not read', () => {
  it('reads inline strings: plain, rich, escaped, with a phonetic guide left out', async () => {
    const bytes = oneSheet(
      '<sheetData><row r="1">' +
        '<c r="A1" t="inlineStr"><is><t>Школа № 1</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><r><t xml:space="preserve">Школа </t></r><r><rPr><b/></rPr><t>№ 2</t></r></is></c>' +
        '<c r="C1" t="inlineStr"><is><t>первая_x000D_\nвторая</t></is></c>' +
        '<c r="D1" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c>' +
        '<c r="E1" t="inlineStr"><is><t></t></is></c>' +
        '<c r="F1" t="inlineStr"><is><t>&lt;5&gt; &amp; _x005F_x0041_</t></is></c>' +
        '</row></sheetData>',
    );
    expect(sheetOf(bytes).rows).toStrictEqual([['Школа № 1', 'Школа № 2', 'первая\r\nвторая', '東京', null, '<5> & _x0041_']]);
    // exceljs leaves _x000D_ as it is in inline text, and takes the end of <rPh> for the end of the cell,
    // losing it and the rest of its row.
    expect(await todaysGrid(bytes, 'выгрузка.xlsx')).toMatchObject({ sheets: [{ rows: [['Школа № 1', 'Школа № 2', 'первая_x000D_\nвторая']] }] });
  });

  it('reads rows and cells without r, each following the one before', async () => {
    const bytes = oneSheet(
      '<sheetData><row><c t="inlineStr"><is><t>Школа</t></is></c><c t="inlineStr"><is><t>Балл</t></is></c></row>' +
        '<row><c t="inlineStr"><is><t>Школа № 1</t></is></c><c><v>61.5</v></c></row>' +
        '<row r="5"><c r="B5"><v>70</v></c><c><v>71</v></c></row><row><c><v>1</v></c></row></sheetData>',
    );
    expect(sheetOf(bytes).rows).toStrictEqual([['Школа', 'Балл'], ['Школа № 1', 61.5], [], [], [null, 70, 71], [1]]);
    // A row without r is row NaN to exceljs, which then fails.
    expect(await todaysGrid(bytes, 'выгрузка.xlsx')).toEqual({ code: 'file_corrupt' });
  });

  it('reads a workbook without docProps or content types for them', () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'Данные', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }], docProps: false });
    expect(sheetOf(bytes)).toMatchObject({ name: 'Данные', rows: [[1]] });
  });

  it('reads a workbook whose docProps/app.xml has mc:AlternateContent, as Excel 2016 writes it', () => {
    const app =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
      '<Application>Microsoft Excel</Application><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="C:\\Формы\\"/></mc:Choice></mc:AlternateContent>' +
      '<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Данные</vt:lpstr></vt:vector></TitlesOfParts></Properties>';
    const bytes = xlsxPackage({ sheets: [{ name: 'Данные', body: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>' }], parts: { 'docProps/app.xml': app } });
    expect(sheetOf(bytes).rows).toEqual([[2]]);
  });

  it('reads the worksheet next to a chartsheet, and a workbook whose only sheet is a chart has none', () => {
    const bytes = xlsxPackage({
      sheets: [
        { name: 'Диаграмма', chart: true },
        { name: 'Данные', body: '<sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData>' },
      ],
    });
    expect(sheetOf(bytes)).toMatchObject({ name: 'Данные', rows: [[3]] });
    expect(() => readGrid(xlsxPackage({ sheets: [{ name: 'Диаграмма', chart: true }] }), 'диаграмма.xlsx')).toThrow('в книге нет ни одного листа');
  });

  it('skips dialog sheets and Excel 4 macro sheets, which hold no table', () => {
    const parts = packageParts({ sheets: [{ name: 'Данные', body: '<sheetData><row r="1"><c r="A1"><v>4</v></c></row></sheetData>' }] });
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string).replace('</sheets>', '<sheet name="Диалог" sheetId="8" r:id="rId8"/><sheet name="Макро" sheetId="9" r:id="rId9"/></sheets>');
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId8" Type="${REL_NS}/dialogsheet" Target="dialogsheets/sheet1.xml"/>` +
        '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>',
    );
    parts['xl/dialogsheets/sheet1.xml'] = `<?xml version="1.0"?><dialogsheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>8</v></c></row></sheetData></dialogsheet>`;
    parts['xl/macrosheets/sheet1.xml'] = `<?xml version="1.0"?><xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData></xm:macrosheet>`;
    expect(sheetOf(zipParts(parts))).toMatchObject({ name: 'Данные', rows: [[4]] });
  });

  it('reads a sheet with conditional formatting by icon sets, in the sheet and in its x14 extension', () => {
    const body =
      '<sheetData><row r="1"><c r="A1"><v>10</v></c></row><row r="2"><c r="A2"><v>50</v></c></row></sheetData>' +
      '<conditionalFormatting sqref="A1:A2"><cfRule type="iconSet" priority="1"><iconSet iconSet="3Arrows"><cfvo type="percent" val="0"/><cfvo type="percent" val="33"/><cfvo type="percent" val="67"/></iconSet></cfRule></conditionalFormatting>' +
      '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>' +
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="iconSet" priority="2" id="{00000000-0000-0000-0000-000000000001}">' +
      '<x14:iconSet iconSet="3Triangles" custom="1"><x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>33</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>67</xm:f></x14:cfvo>' +
      '<x14:cfIcon iconSet="3Triangles" iconId="0"/><x14:cfIcon iconSet="NoIcons" iconId="0"/><x14:cfIcon iconSet="3Triangles" iconId="2"/></x14:iconSet></x14:cfRule>' +
      '<xm:sqref>A1:A2</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>';
    expect(sheetOf(oneSheet(body)).rows).toEqual([[10], [50]]);
  });

  it('reads a sheet whose data validation lists a table column, the table beside it', () => {
    const body =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Школа</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Школа № 1</t></is></c></row></sheetData>' +
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="B2:B1048576"><formula1>INDIRECT("Школы[Школа]")</formula1></dataValidation></dataValidations>' +
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>';
    const parts = packageParts({ sheets: [{ name: 'Лист1', body }] });
    parts['xl/worksheets/_rels/sheet1.xml.rels'] =
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/table" Target="../tables/table1.xml"/></Relationships>`;
    parts['xl/tables/table1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><table xmlns="${MAIN_NS}" id="1" name="Школы" displayName="Школы" ref="A1:A2"><autoFilter ref="A1:A2"/><tableColumns count="1"><tableColumn id="1" name="Школа"/></tableColumns></table>`;
    expect(sheetOf(zipParts(parts)).rows).toEqual([['Школа'], ['Школа № 1']]);
  });
});

describe('the one reader on what other writers do differently', () => {
  it('reads ISO dates (t="d") as dates in a date format and as serials in another', () => {
    const bytes = oneSheet(
      '<sheetData><row r="1"><c r="A1" t="d" s="1"><v>2024-03-15T00:00:00</v></c><c r="B1" t="d" s="1"><v>2024-03-15T10:30:15.250</v></c>' +
        '<c r="C1" t="d"><v>2024-03-15</v></c><c r="D1" t="d"><v>не дата</v></c></row></sheetData>',
      { styles: DATE_STYLES },
    );
    expect(sheetOf(bytes).rows).toStrictEqual([[new Date(Date.UTC(2024, 2, 15)), new Date(Date.UTC(2024, 2, 15, 10, 30, 15, 250)), 45366, 'не дата']]);
  });

  it('reads date1904="true" as the 1904 date system, as LibreOffice may write it', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1" s="1"><v>43904</v></c></row></sheetData>', { styles: DATE_STYLES, workbookPr: 'date1904="true"' });
    expect(sheetOf(bytes).rows).toStrictEqual([[new Date(Date.UTC(2024, 2, 15))]]);
    const visible = oneSheet('<sheetData><row r="1"><c r="A1" s="1"><v>45366</v></c></row></sheetData>', { styles: DATE_STYLES, workbookPr: 'date1904="false"' });
    expect(sheetOf(visible).rows).toStrictEqual([[new Date(Date.UTC(2024, 2, 15))]]);
  });

  it('reads elements with a namespace prefix, as the .NET Open XML SDK writes them', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }], sharedStrings: ['Школа'] });
    parts['xl/worksheets/sheet1.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row></x:sheetData>` +
      '<x:mergeCells><x:mergeCell ref="C1:D1"/></x:mergeCells></x:worksheet>';
    parts['xl/workbook.xml'] = `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}"><x:sheets><x:sheet name="Лист1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
    expect(sheetOf(zipParts(parts))).toStrictEqual({ name: 'Лист1', hidden: false, rows: [['Школа', 5]], merges: [{ top: 0, left: 2, bottom: 0, right: 3 }], percentCells: new Set() });
  });

  it('reads strict OOXML, whose namespaces and relationship types differ', () => {
    const strict = 'http://purl.oclc.org/ooxml';
    const parts: Record<string, string> = {
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
      '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${strict}/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${strict}/spreadsheetml/main" xmlns:r="${strict}/officeDocument/relationships"><workbookPr dateCompatibility="1"/><sheets><sheet name="Строгий" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels':
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${strict}/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${strict}/officeDocument/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="${strict}/spreadsheetml/main"><si><t>Школа</t></si></sst>`,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${strict}/spreadsheetml/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    };
    expect(sheetOf(zipParts(parts))).toMatchObject({ name: 'Строгий', rows: [['Школа']] });
  });

  it('finds the parts by their relationships, wherever they are and however their case', async () => {
    const parts = packageParts({ sheets: [{ name: 'Данные', part: 'xl/data/Schools.xml', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }], sharedStrings: ['Школа'] });
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace('Target="data/Schools.xml"', 'Target="/XL/DATA/schools.xml"');
    const bytes = zipParts(parts);
    expect(sheetOf(bytes).rows).toEqual([['Школа']]);
    // exceljs looks only for xl/worksheets/sheetN.xml and finds no sheet.
    expect(await todaysGrid(bytes, 'выгрузка.xlsx')).toEqual({ code: 'file_corrupt' });
  });

  it('reads a shared string of runs, one with no text, an empty one and one with neither text nor runs', () => {
    const sst =
      `<?xml version="1.0"?><sst xmlns="${MAIN_NS}"><si><r><t>Лицей </t></r><r><rPr><i/></rPr></r><r><t>№ 3</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>` +
      '<si><t/></si><si/><si><t>a_x000A_b</t><phoneticPr fontId="1"/></si></sst>';
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row></sheetData>', {
      sharedStrings: { xml: sst },
    });
    expect(sheetOf(bytes).rows).toStrictEqual([['Лицей № 3', '', null, 'a\nb']]);
  });

  it('keeps the later of two cells given for the same place, even a blank one', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="B1"><v>20</v></c><c r="C1" s="1"/></row></sheetData>');
    expect(sheetOf(bytes).rows).toStrictEqual([[1, 20]]);
  });

  it('lists percent cells by the format of the cell, not of its row or column, and only numbers', () => {
    const bytes = oneSheet(
      '<sheetData><row r="1" s="2" customFormat="1"><c r="A1" s="2"><v>0.25</v></c><c r="B1"><v>0.5</v></c><c r="C1" s="2" t="e"><v>#DIV/0!</v></c><c r="D1" s="2" t="str"><v>25 %</v></c></row></sheetData>',
      { styles: DATE_STYLES },
    );
    expect(sheetOf(bytes)).toMatchObject({ rows: [[0.25, 0.5, { error: '#DIV/0!' }, '25 %']], percentCells: new Set(['A1']) });
  });

  it('reads text in CDATA and around comments as the text it is', () => {
    const bytes = oneSheet('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<Школа>]]> № <!-- примечание -->1</t></is></c></row></sheetData>');
    expect(sheetOf(bytes).rows).toStrictEqual([['<Школа> № 1']]);
  });

  it('reads an .xlsm the same way', () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'Макрос', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }], parts: { 'xl/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) } });
    expect(readGrid(bytes, 'форма.xlsm').sheets[0].rows).toEqual([[1]]);
  });

  it('reads a part in UTF-16, as the XML standard allows', () => {
    const parts = packageParts({ sheets: [{ name: 'Лист1' }] });
    const xml = worksheetXml('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ёлка</t></is></c></row></sheetData>').replace('UTF-8', 'UTF-16');
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    expect(sheetOf(zipParts(parts)).rows).toEqual([['Ёлка']]);
  });
});
