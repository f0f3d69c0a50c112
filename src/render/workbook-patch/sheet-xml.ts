import { columnLetter, sheetReference } from '../../core/grid/address';
import { type CellRole, HEADER_FILL, headerRowNumber, isReportLink, type ReportLink, roleFill, type ReportSheet, type ReportValue, rowLines } from '../../core/report/report-sheet';
import { fileTarget, NS_MAIN, NS_REL, nextRelId, REL_HYPERLINK, REL_TABLE } from './package-parts';
import type { FontKind, StyleBook } from './styles';
import { escAttr, escText, xmlSafe } from './xml-text';

/** A report sheet as a worksheet part (inline strings: nothing the core wrote becomes a formula) and its table part. */

const MAX_CELL_TEXT = 32767;

/** Text handed on piece by piece: a part is written as it is drawn, never held whole. */
export type Emit = (text: string) => void;

export interface DrawnSheet {
  name: string;
  /** Writes the worksheet part, our style positions as the indexes `styleIndex` gives them in styles.xml. */
  write(styleIndex: readonly number[], emit: Emit): void;
  rels: { id: string; type: string; target: string; external: boolean }[];
  table?: { name: string; xml: (id: number) => string };
  headerRow: number;
}

function cellText(v: string): string {
  const s = xmlSafe(v);
  // No more UTF-16 units than the limit means no more characters either.
  if (s.length <= MAX_CELL_TEXT) return s;
  return Array.from(s).length > MAX_CELL_TEXT ? `${Array.from(s).slice(0, MAX_CELL_TEXT - 1).join('')}…` : s;
}

function inlineString(ref: string, s: number, text: string): string {
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escText(cellText(text))}</t></is></c>`;
}

export function drawSheet(sheet: ReportSheet, name: string, styles: StyleBook, renamed: Map<string, string>, tableName: string | undefined): DrawnSheet {
  const headerRow = headerRowNumber(sheet);
  const ncol = Math.max(1, sheet.columns.length);
  const lastCol = columnLetter(ncol - 1);
  const lastRow = headerRow + sheet.rows.length;
  const rels: DrawnSheet['rels'] = [];
  const relId = nextRelId([]);
  const hyperlinks: string[] = [];
  const headRows: ((styleIndex: readonly number[]) => string)[] = [];
  const useTable = tableName !== undefined && sheet.rows.length > 0 && sheet.columns.length > 0;

  // Table column names must be unique (case-insensitively), non-empty, and equal the header text.
  const headers = sheet.columns.map((c) => c.header);
  if (useTable) {
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const base = xmlSafe(h).replace(/\n/g, ' ').trim() || `Столбец${i + 1}`;
      let n = base;
      for (let k = 2; seen.has(n.toLowerCase()); k++) n = `${base}${k}`;
      seen.add(n.toLowerCase());
      headers[i] = n;
    });
  }

  if (sheet.stamp) {
    const s = styles.use({ font: 'stamp', vertical: 'top', wrap: false });
    const stamp = sheet.stamp;
    headRows.push((index) => `<row r="1">${inlineString('A1', index[s], stamp)}</row>`);
  }
  const hs = styles.use({ font: 'bold', fill: `FF${HEADER_FILL}`, vertical: 'center', wrap: true });
  headRows.push((index) => `<row r="${headerRow}">${headers.map((h, i) => inlineString(`${columnLetter(i)}${headerRow}`, index[hs], h)).join('')}</row>`);

  const letters = sheet.columns.map((_, ci) => columnLetter(ci));
  // First every cell's style and every link, so that styles.xml and the sheet's relationships are final
  // before a row is written; the rows are then drawn one at a time as the zip takes them.
  const cellStyles = new Uint16Array(sheet.rows.length * ncol);
  sheet.rows.forEach((row, ri) => {
    const r = headerRow + 1 + ri;
    sheet.columns.forEach((c, ci) => {
      const v: ReportValue = row.cells[c.key] ?? null;
      const role: CellRole | undefined = row.roles?.[c.key];
      const link = isReportLink(v) ? v : undefined;
      const font: FontKind = link ? (row.bold ? 'linkBold' : 'link') : row.bold ? 'bold' : 'plain';
      const fill = role ? roleFill(sheet, role) : undefined;
      cellStyles[ri * ncol + ci] = styles.use({ font, fill: fill ? `FF${fill}` : undefined, vertical: 'top', wrap: Boolean(c.wrap) });
      if (link) hyperlinks.push(hyperlinkXml(`${letters[ci]}${r}`, link, renamed, () => relId(), rels));
    });
  });
  const drawRows = (styleIndex: readonly number[], emit: Emit) => {
    for (const head of headRows) emit(head(styleIndex));
    sheet.rows.forEach((row, ri) => {
      const r = headerRow + 1 + ri;
      let cells = '';
      sheet.columns.forEach((c, ci) => {
        const ref = `${letters[ci]}${r}`;
        const v: ReportValue = row.cells[c.key] ?? null;
        const s = styleIndex[cellStyles[ri * ncol + ci]];
        if (isReportLink(v)) cells += inlineString(ref, s, v.text);
        else if (v === null || v === undefined) cells += `<c r="${ref}" s="${s}"/>`;
        else if (typeof v === 'number') cells += Number.isFinite(v) ? `<c r="${ref}" s="${s}"><v>${v}</v></c>` : inlineString(ref, s, String(v));
        else if (typeof v === 'boolean') cells += `<c r="${ref}" s="${s}" t="b"><v>${v ? 1 : 0}</v></c>`;
        else cells += inlineString(ref, s, String(v));
      });
      const lines = rowLines(sheet, row);
      const ht = lines > 1 ? ` ht="${15 * lines}" customHeight="1"` : '';
      emit(`<row r="${r}"${ht}>${cells}</row>`);
    });
  };

  const xSplit = Math.max(0, Math.min(sheet.freezeColumns ?? 0, ncol));
  const topLeft = `${columnLetter(xSplit)}${headerRow + 1}`;
  const pane = xSplit > 0
    ? `<pane xSplit="${xSplit}" ySplit="${headerRow}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`
    : `<pane ySplit="${headerRow}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  const tab = sheet.tabColor ? `<tabColor rgb="${escAttr(sheet.tabColor.replace(/^#/, '').toUpperCase().padStart(8, 'F'))}"/>` : '';
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(0, Math.min(255, c.width))}" customWidth="1"/>`).join('');

  let table: DrawnSheet['table'];
  let tableParts = '';
  let autoFilter = '';
  const ref = `A${headerRow}:${lastCol}${lastRow}`;
  if (useTable && tableName) {
    const tableRel = relId();
    table = {
      name: tableName,
      xml: (id) =>
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS_MAIN}" id="${id}" name="${escAttr(tableName)}" displayName="${escAttr(tableName)}" ref="${ref}" totalsRowShown="0">` +
        `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escAttr(h)}"/>`).join('')}</tableColumns>` +
        `<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`,
    };
    rels.push({ id: tableRel, type: REL_TABLE, target: '', external: false });
    tableParts = `<tableParts count="1"><tablePart r:id="${tableRel}"/></tableParts>`;
  } else if (sheet.table && sheet.rows.length > 0) autoFilter = `<autoFilter ref="${ref}"/>`;

  const head =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr>${tab}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>`;
  const tail =
    `</sheetData>` +
    autoFilter +
    (hyperlinks.length ? `<hyperlinks>${hyperlinks.join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    tableParts +
    `</worksheet>`;
  const write = (styleIndex: readonly number[], emit: Emit) => {
    emit(head);
    drawRows(styleIndex, emit);
    emit(tail);
  };
  return { name, write, rels, table, headerRow };
}

function hyperlinkXml(ref: string, link: ReportLink, renamed: Map<string, string>, newId: () => string, rels: DrawnSheet['rels']): string {
  const { file, sheet, cell } = link.target;
  const display = ` display="${escAttr(cellText(link.text))}"`;
  if (file) {
    const id = newId();
    rels.push({ id, type: REL_HYPERLINK, target: fileTarget(file), external: true });
    const location = cell ? ` location="${escAttr(sheetReference(sheet, cell))}"` : '';
    return `<hyperlink ref="${ref}" r:id="${id}"${location}${display}/>`;
  }
  const target = renamed.get(sheet) ?? sheet;
  return `<hyperlink ref="${ref}" location="${escAttr(sheetReference(target, cell ?? 'A1'))}"${display}/>`;
}

