import { strToU8, zipSync } from 'fflate';
import type { ReportSheet } from '../../core/report/report-sheet';
import { METADATA_SHEET } from '../../core/template/template';
import { CT_RELS, CT_STYLES, CT_WORKSHEET, NS_MAIN, NS_REL, REL_OFFICE_DOCUMENT, REL_STYLES, REL_WORKSHEET } from './package-parts';
import type { WriteNatives } from './package';
import { patchWorkbookPackage } from './patch';
import { MINIMAL_STYLES } from './styles';
import { escText } from './xml-text';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT_WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const CT_CORE = 'application/vnd.openxmlformats-package.core-properties+xml';

/**
 * A workbook of our own: an empty package with our sheets patched in, so that a new report, a
 * municipality's book and the sheets the pane inserts are drawn by the same code as the sheets added
 * to a user's workbook. `report`: a very hidden `_okoshko` sheet says it is a report of Okoshko's, so
 * that a folder checked again sets it aside instead of taking it for a form.
 */
export function newReportWorkbook(sheets: readonly ReportSheet[], report?: string, natives?: WriteNatives): Uint8Array {
  const marker = report !== undefined;
  const parts: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="${CT_RELS}"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/><Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/>` +
        (marker ? `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT_WORKSHEET}"/>` : '') +
        `<Override PartName="/docProps/core.xml" ContentType="${CT_CORE}"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_OFFICE_DOCUMENT}" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    'docProps/core.xml': strToU8(
      `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Окошко</dc:creator></cp:coreProperties>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="${marker ? 1 : 0}"/></bookViews><sheets>` +
        (marker ? `<sheet name="${METADATA_SHEET}" sheetId="1" state="veryHidden" r:id="rId2"/>` : '') +
        `</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_STYLES}" Target="styles.xml"/>` +
        (marker ? `<Relationship Id="rId2" Type="${REL_WORKSHEET}" Target="worksheets/sheet1.xml"/>` : '') +
        `</Relationships>`,
    ),
    'xl/styles.xml': strToU8(MINIMAL_STYLES),
  };
  // exceljs finds worksheets only by the part name sheetN.xml.
  if (marker)
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      `${XML}<worksheet xmlns="${NS_MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>report</t></is></c><c r="B1" t="inlineStr"><is><t>${escText(report)}</t></is></c></row></sheetData></worksheet>`,
    );
  return patchWorkbookPackage(zipSync(parts), sheets, 'отчёт.xlsx', natives);
}
