import JSZip from 'jszip';
import { sheetReference, columnLetter } from '../core/address';
import { type CellRole, headerRowNumber, isReportLink, type ReportLink, type ReportSheet, type ReportValue, rowLines } from '../core/report/report-sheet';
import { FileReadError } from './file-error';
import { sniffFileKind } from './file-kind';
import { HEADER_COLOR, ROLE_COLORS } from '../render/report-workbook';

/**
 * Puts Okoshko's report sheets into the user's own xlsx (or xlsm) by editing only the package parts
 * it must, so that pivot tables, charts, Power Query, validation, comments and macros stay exactly
 * as they were (DESIGN.md §3, §5 «Nothing is lost»).
 *
 * Changed parts: `[Content_Types].xml`, the workbook part and its rels, `styles.xml` (entries
 * appended only). Added parts: one worksheet (+ its rels) per report sheet and one table part per
 * report table. Every other part keeps its uncompressed bytes and its place in the zip.
 *
 * Our sheets are marked by hidden workbook-level defined names `_okoshko_sheet_<n>` that refer to
 * cell A1 of each of our sheets. A reference (not a string constant) follows the sheet when the
 * user renames or moves it, survives Excel's and LibreOffice's round-trips, and turns into #REF!
 * when the user deletes our sheet — then the marker is simply dropped on the next run.
 */

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_TABLE = `${NS_REL}/table`;
const REL_HYPERLINK = `${NS_REL}/hyperlink`;
const REL_OFFICE_DOCUMENT = `${NS_REL}/officeDocument`;
const REL_STYLES = `${NS_REL}/styles`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const CT_RELS = 'application/vnd.openxmlformats-package.relationships+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** Prefix of the hidden defined names that mark our sheets. */
export const OUR_SHEET_MARKER = '_okoshko_sheet_';
/** Suffix that tells our sheet from the user's sheet of the same name. */
export const OUR_NAME_SUFFIX = ' (Окошко)';
const MAX_CELL_TEXT = 32767;

// ---------------------------------------------------------------------------------------------
// XML text helpers: string surgery on the parts we must edit, so the rest of their text stays.

/** Drops characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function escText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

interface XmlElement {
  start: number;
  end: number;
  /** The whole start tag (or the empty-element tag). */
  tag: string;
  /** Qualified name as written, with its prefix. */
  qname: string;
  attrs: Map<string, string>;
  /** Text between the start and end tags; undefined for an empty-element tag. */
  inner?: string;
  innerStart: number;
}

function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.set(m[1], unescape(m[2] ?? m[3] ?? ''));
  return out;
}

/** Elements with this local name (any prefix) in `xml`, not nested in one another. */
function elements(xml: string, local: string, from = 0, to = xml.length): XmlElement[] {
  const re = new RegExp(`<((?:[\\w.-]+:)?${local})(?=[\\s/>])[^>]*?(/?)>`, 'g');
  re.lastIndex = from;
  const out: XmlElement[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < to) {
    const tag = m[0];
    const qname = m[1];
    const start = m.index;
    const afterTag = start + tag.length;
    if (m[2] === '/') {
      out.push({ start, end: afterTag, tag, qname, attrs: parseAttrs(tag.slice(1 + qname.length)), innerStart: afterTag });
      continue;
    }
    const close = xml.indexOf(`</${qname}`, afterTag);
    if (close < 0) throw new Error(`незакрытый элемент <${qname}>`);
    const closeEnd = xml.indexOf('>', close) + 1;
    out.push({ start, end: closeEnd, tag, qname, attrs: parseAttrs(tag.slice(1 + qname.length)), inner: xml.slice(afterTag, close), innerStart: afterTag });
    re.lastIndex = closeEnd;
  }
  return out;
}

/** Where the end tag of an element with content starts. */
function innerEnd(el: XmlElement): number {
  return el.innerStart + (el.inner ?? '').length;
}

function firstElement(xml: string, local: string): XmlElement | undefined {
  return elements(xml, local)[0];
}

/** Prefix (with colon) the root element uses, e.g. '' or 'x:'. */
function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${local}[\\s/>]`).exec(xml);
  return m?.[1] ?? '';
}

/** Sets (or adds) an attribute in a start tag, keeping the rest of the tag as written. */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.]/g, '\\.')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escAttr(value)}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${escAttr(value)}"$1`);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = xml;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Inserts children before the end tag of `el`, expanding an empty-element tag when needed. */
function appendChildrenEdit(el: XmlElement, children: string, attrs: Record<string, string> = {}): Edit {
  let tag = el.tag;
  for (const [k, v] of Object.entries(attrs)) tag = setAttr(tag, k, v);
  if (el.inner === undefined) {
    const open = tag.replace(/\s*\/>$/, '>');
    return { start: el.start, end: el.end, text: `${open}${children}</${el.qname}>` };
  }
  return { start: el.start, end: el.end, text: `${tag}${el.inner}${children}</${el.qname}>` };
}

// ---------------------------------------------------------------------------------------------
// Package paths and relationships.

function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = sourcePart.split('/').slice(0, -1);
  for (const seg of decodeURIComponentSafe(target).split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  el: XmlElement;
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relationships(xml: string): Relationship[] {
  return elements(xml, 'Relationship').map((el) => ({
    el,
    id: el.attrs.get('Id') ?? '',
    type: el.attrs.get('Type') ?? '',
    target: el.attrs.get('Target') ?? '',
    external: el.attrs.get('TargetMode') === 'External',
  }));
}

function nextRelId(used: Iterable<string>): () => string {
  const taken = new Set(used);
  let n = 1;
  return () => {
    while (taken.has(`rId${n}`)) n++;
    taken.add(`rId${n}`);
    return `rId${n}`;
  };
}

/** Relationship target for a file beside the report: forward slashes, URI-escaped where needed. */
function fileTarget(file: string): string {
  let t = file.replace(/\\/g, '/').replace(/[%#\s[\]^`{}|<>"]/g, (c) => encodeURIComponent(c));
  // Absolute paths (normally the links are relative to the report) become file: URIs.
  if (/^[A-Za-z]:\//.test(t)) t = `file:///${t}`;
  else if (t.startsWith('//')) t = `file:${t}`;
  return t;
}

// ---------------------------------------------------------------------------------------------
// Names.

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A name Excel accepts for a sheet: ≤ 31 characters, none of []:*?/\, not starting or ending with '. */
export function sanitizeSheetName(name: string): string {
  let s = xmlSafe(name).replace(/\n/g, ' ').replace(FORBIDDEN_SHEET_CHARS, '_').trim();
  s = s.replace(/^'+|'+$/g, '');
  if (!s) s = 'Окошко';
  if (s.toLowerCase() === 'history') s = 'History_';
  return Array.from(s).slice(0, 31).join('').replace(/'+$/, '');
}

function withSuffix(base: string, suffix: string): string {
  const room = 31 - Array.from(suffix).length;
  return Array.from(base).slice(0, room).join('').replace(/'+$/, '').trimEnd() + suffix;
}

/** The sheet name a formula or a defined name refers to: 'Мой лист'!A1 or Лист!A1. */
function referencedSheet(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, '');
  if (f.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'!/.exec(f);
    return m ? m[1].replace(/''/g, "'") : undefined;
  }
  const m = /^([^!'"(),;]+)!/.exec(f);
  return m ? m[1] : undefined;
}

function sanitizeTableName(name: string): string {
  let s = name.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_]/u.test(s)) s = `_${s}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(s) || /^[RrCc]$/.test(s) || /^[Rr]\d*[Cc]\d*$/.test(s)) s = `_${s}`;
  return s.slice(0, 250);
}

// ---------------------------------------------------------------------------------------------
// Styles: our roles as cellXfs appended to the user's styles.xml.

type FontKind = 'plain' | 'bold' | 'stamp' | 'link' | 'linkBold';

interface StyleKey {
  font: FontKind;
  fill?: string;
  vertical: 'top' | 'center';
  wrap: boolean;
}

class StyleBook {
  readonly keys: StyleKey[] = [];
  private readonly byKey = new Map<string, number>();

  /** Position of the style among ours; becomes an `s=` index once appended. */
  use(k: StyleKey): number {
    const id = `${k.font}|${k.fill ?? ''}|${k.vertical}|${k.wrap}`;
    let i = this.byKey.get(id);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(k);
      this.byKey.set(id, i);
    }
    return i;
  }
}

const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * Index of an existing entry written exactly as ours (appended by an earlier run, or the same by
 * chance): reusing it keeps a second run from growing styles.xml.
 */
function reuse(list: XmlElement, children: XmlElement[], xml: string): number | undefined {
  const inner = list.inner ?? '';
  const i = children.findIndex((c) => inner.slice(c.start, c.end) === xml);
  return i < 0 ? undefined : i;
}

/** Appends our fonts, fills and cell formats; returns the edited text and the `s=` of each key. */
function appendStyles(styles: string, book: StyleBook): { xml: string; index: number[] } {
  if (book.keys.length === 0) return { xml: styles, index: [] };
  const p = rootPrefix(styles, 'styleSheet');
  const fontsEl = firstElement(styles, 'fonts');
  const fillsEl = firstElement(styles, 'fills');
  const xfsEl = firstElement(styles, 'cellXfs');
  if (!fontsEl || !fillsEl || !xfsEl) throw new Error('в styles.xml нет списка шрифтов, заливок или форматов ячеек');
  const fonts = elements(fontsEl.inner ?? '', 'font');
  const fills = elements(fillsEl.inner ?? '', 'fill');
  const xfs = elements(xfsEl.inner ?? '', 'xf');

  // Our fonts follow the user's default font (its size, face and theme scheme).
  const base = fonts[0]?.inner ?? '';
  const keep = (local: string) => elements(base, local).map((e) => e.tag.replace(/^<[\w.-]+:/, `<${p}`)).join('');
  const baseTail = ['sz', 'name', 'family', 'charset', 'scheme'].map((l) => ({ l, x: keep(l) }));
  const tail = (withColor: string) => {
    const sz = baseTail[0].x || `<${p}sz val="11"/>`;
    const name = baseTail[1].x || `<${p}name val="Calibri"/>`;
    return sz + withColor + name + baseTail[2].x + baseTail[3].x + baseTail[4].x;
  };
  const fontXml: Record<FontKind, string> = {
    plain: `<${p}font>${tail('')}</${p}font>`,
    bold: `<${p}font><${p}b/>${tail('')}</${p}font>`,
    stamp: `<${p}font><${p}i/>${tail(`<${p}color rgb="FF595959"/>`)}</${p}font>`,
    link: `<${p}font><${p}u/>${tail(`<${p}color rgb="FF0563C1"/>`)}</${p}font>`,
    linkBold: `<${p}font><${p}b/><${p}u/>${tail(`<${p}color rgb="FF0563C1"/>`)}</${p}font>`,
  };

  const newFonts: string[] = [];
  const fontIds = new Map<FontKind, number>();
  const newFills: string[] = [];
  // Fills 0 and 1 are reserved by Excel (none, gray125); a package without them gets them first.
  if (fills.length < 1) newFills.push(`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`);
  if (fills.length < 2) newFills.push(`<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`);
  const fillIds = new Map<string, number>();
  const newXfs: string[] = [];
  const index: number[] = [];
  for (const k of book.keys) {
    let fontId = fontIds.get(k.font);
    if (fontId === undefined) {
      fontId = reuse(fontsEl, fonts, fontXml[k.font]) ?? fonts.length + newFonts.push(fontXml[k.font]) - 1;
      fontIds.set(k.font, fontId);
    }
    let fillId = 0;
    if (k.fill) {
      const known = fillIds.get(k.fill);
      if (known === undefined) {
        const xml = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${k.fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
        fillId = reuse(fillsEl, fills, xml) ?? fills.length + newFills.push(xml) - 1;
        fillIds.set(k.fill, fillId);
      } else fillId = known;
    }
    const xf =
      `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0" applyFont="1"${k.fill ? ' applyFill="1"' : ''} applyAlignment="1">` +
      `<${p}alignment vertical="${k.vertical}"${k.wrap ? ' wrapText="1"' : ''}/></${p}xf>`;
    index.push(reuse(xfsEl, xfs, xf) ?? xfs.length + newXfs.push(xf) - 1);
  }
  const edits: Edit[] = [];
  if (newFonts.length) edits.push(appendChildrenEdit(fontsEl, newFonts.join(''), { count: String(fonts.length + newFonts.length) }));
  if (newXfs.length) edits.push(appendChildrenEdit(xfsEl, newXfs.join(''), { count: String(xfs.length + newXfs.length) }));
  if (newFills.length) edits.push(appendChildrenEdit(fillsEl, newFills.join(''), { count: String(fills.length + newFills.length) }));
  return { xml: applyEdits(styles, edits), index };
}

// ---------------------------------------------------------------------------------------------
// Worksheet and table parts.

interface DrawnSheet {
  name: string;
  xml: string;
  rels: { id: string; type: string; target: string; external: boolean }[];
  table?: { name: string; xml: (id: number) => string };
  headerRow: number;
}

function cellText(v: string): string {
  const s = xmlSafe(v);
  return Array.from(s).length > MAX_CELL_TEXT ? `${Array.from(s).slice(0, MAX_CELL_TEXT - 1).join('')}…` : s;
}

function inlineString(ref: string, s: number, text: string): string {
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escText(cellText(text))}</t></is></c>`;
}

function drawSheet(sheet: ReportSheet, name: string, styles: StyleBook, renamed: Map<string, string>, tableName: string | undefined): DrawnSheet {
  const headerRow = headerRowNumber(sheet);
  const ncol = Math.max(1, sheet.columns.length);
  const lastCol = columnLetter(ncol - 1);
  const lastRow = headerRow + sheet.rows.length;
  const rels: DrawnSheet['rels'] = [];
  const relId = nextRelId([]);
  const hyperlinks: string[] = [];
  const rowsXml: string[] = [];
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
    rowsXml.push(`<row r="1">${inlineString('A1', s, sheet.stamp)}</row>`);
  }
  const hs = styles.use({ font: 'bold', fill: HEADER_COLOR, vertical: 'center', wrap: true });
  rowsXml.push(`<row r="${headerRow}">${headers.map((h, i) => inlineString(`${columnLetter(i)}${headerRow}`, hs, h)).join('')}</row>`);

  sheet.rows.forEach((row, ri) => {
    const r = headerRow + 1 + ri;
    const cells: string[] = [];
    sheet.columns.forEach((c, ci) => {
      const ref = `${columnLetter(ci)}${r}`;
      const v: ReportValue = row.cells[c.key] ?? null;
      const role: CellRole | undefined = row.roles?.[c.key];
      const link = isReportLink(v) ? v : undefined;
      const font: FontKind = link ? (row.bold ? 'linkBold' : 'link') : row.bold ? 'bold' : 'plain';
      const s = styles.use({ font, fill: role ? ROLE_COLORS[role] : undefined, vertical: 'top', wrap: Boolean(c.wrap) });
      if (link) {
        cells.push(inlineString(ref, s, link.text));
        hyperlinks.push(hyperlinkXml(ref, link, renamed, () => relId(), rels));
      } else if (v === null || v === undefined) cells.push(`<c r="${ref}" s="${s}"/>`);
      else if (typeof v === 'number') {
        cells.push(Number.isFinite(v) ? `<c r="${ref}" s="${s}"><v>${v}</v></c>` : inlineString(ref, s, String(v)));
      } else if (typeof v === 'boolean') cells.push(`<c r="${ref}" s="${s}" t="b"><v>${v ? 1 : 0}</v></c>`);
      else cells.push(inlineString(ref, s, String(v)));
    });
    const lines = rowLines(sheet, row);
    const ht = lines > 1 ? ` ht="${15 * lines}" customHeight="1"` : '';
    rowsXml.push(`<row r="${r}"${ht}>${cells.join('')}</row>`);
  });

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

  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr>${tab}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rowsXml.join('')}</sheetData>` +
    autoFilter +
    (hyperlinks.length ? `<hyperlinks>${hyperlinks.join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    tableParts +
    `</worksheet>`;
  return { name, xml, rels, table, headerRow };
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

// ---------------------------------------------------------------------------------------------
// The patch.

interface WorkbookSheet {
  el: XmlElement;
  name: string;
  sheetId: number;
  rid: string;
}

function unsupported(fileName: string, detail: string): FileReadError {
  return new FileReadError('file_unsupported', fileName, detail);
}

/**
 * Returns the user's workbook with our report sheets added (or replaced, if an earlier run added
 * them). The input is not modified.
 */
export async function patchWorkbookPackage(original: Uint8Array, sheets: readonly ReportSheet[], fileName = ''): Promise<Uint8Array> {
  // An OLE file is an encrypted package or a legacy .xls: the sniffer says which, in Russian.
  if (sniffFileKind(original, fileName || 'книга.xlsx') !== 'xlsx') throw new FileReadError('file_corrupt', fileName, 'это не zip-архив');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(original, { checkCRC32: true, createFolders: false });
  } catch (e) {
    throw new FileReadError('file_corrupt', fileName, 'zip-архив книги повреждён', { cause: e });
  }
  const readText = async (part: string): Promise<string | undefined> => zip.file(part)?.async('string');
  const existing = new Set(Object.keys(zip.files).filter((n) => !zip.files[n].dir));
  const findPart = (part: string): string | undefined => {
    if (existing.has(part)) return part;
    const lower = part.toLowerCase();
    return [...existing].find((n) => n.toLowerCase() === lower);
  };

  const contentTypesPart = findPart('[Content_Types].xml');
  const rootRels = await readText(findPart('_rels/.rels') ?? '_rels/.rels');
  if (!contentTypesPart || !rootRels) throw new FileReadError('file_corrupt', fileName, 'в архиве нет описания частей книги');
  const mainRel = relationships(rootRels).find((r) => r.type === REL_OFFICE_DOCUMENT || r.type.endsWith('/officeDocument'));
  const workbookPart = mainRel && findPart(resolveTarget('', mainRel.target));
  if (!workbookPart) throw new FileReadError('file_corrupt', fileName, 'в архиве нет книги');
  if (workbookPart.endsWith('.bin')) throw unsupported(fileName, 'это двоичная книга Excel (.xlsb): сохраните её как .xlsx');
  const workbookRelsPart = relsPathOf(workbookPart);
  let workbook = (await readText(workbookPart)) ?? '';
  let workbookRels = (await readText(findPart(workbookRelsPart) ?? workbookRelsPart)) ?? '';
  let contentTypes = (await readText(contentTypesPart)) ?? '';
  if (workbook.includes(STRICT_MAIN)) throw unsupported(fileName, 'книга сохранена в формате «Strict Open XML»: сохраните её как обычную книгу Excel (.xlsx)');
  if (!workbookRels) throw new FileReadError('file_corrupt', fileName, 'в архиве нет связей книги');
  const protection = firstElement(workbook, 'workbookProtection');
  if (protection && /^(1|true)$/.test(protection.attrs.get('lockStructure') ?? '')) {
    throw unsupported(fileName, 'структура книги защищена: снимите защиту (Рецензирование → Защитить книгу) и повторите');
  }

  const wbPrefix = rootPrefix(workbook, 'workbook');
  const relPrefix = (() => {
    const m = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${NS_REL.replace(/[./]/g, '\\$&')}["']`).exec(workbook);
    return m?.[1];
  })();

  // --- What is there now.
  const sheetsEl = firstElement(workbook, 'sheets');
  if (!sheetsEl || sheetsEl.inner === undefined) throw new FileReadError('file_corrupt', fileName, 'в книге нет списка листов');
  const sheetList: WorkbookSheet[] = elements(sheetsEl.inner, 'sheet').map((el) => {
    const shifted = { ...el, start: el.start + sheetsEl.innerStart, end: el.end + sheetsEl.innerStart };
    const ridKey = [...el.attrs.keys()].find((k) => k.endsWith(':id'));
    return { el: shifted, name: el.attrs.get('name') ?? '', sheetId: Number(el.attrs.get('sheetId') ?? 0), rid: ridKey ? el.attrs.get(ridKey) ?? '' : '' };
  });
  const definedNamesEl = firstElement(workbook, 'definedNames');
  const definedNames = definedNamesEl?.inner !== undefined
    ? elements(definedNamesEl.inner, 'definedName').map((el) => ({ ...el, start: el.start + definedNamesEl.innerStart, end: el.end + definedNamesEl.innerStart }))
    : [];
  const rels = relationships(workbookRels);

  // --- Our sheets from an earlier run.
  const markers = definedNames.filter((d) => (d.attrs.get('name') ?? '').toLowerCase().startsWith(OUR_SHEET_MARKER) && !d.attrs.has('localSheetId'));
  const oursByName = new Set(markers.map((d) => referencedSheet(unescape(d.inner ?? ''))).filter((n): n is string => Boolean(n)));
  const oldOurs = sheetList.filter((s) => oursByName.has(s.name));
  const oldIdx = new Set(oldOurs.map((s) => sheetList.indexOf(s)));
  const kept = sheetList.filter((s) => !oldOurs.includes(s));
  const newIndexOf = (oldIndex: number): number | undefined => (oldIdx.has(oldIndex) ? undefined : sheetList.slice(0, oldIndex).filter((_, i) => !oldIdx.has(i)).length);

  // Our old sheets go with their rels and every part only they reach (tables, and after an
  // Excel round-trip printer settings, drawings, comments); parts others reach stay.
  const removedParts = new Set<string>();
  const removedRelIds = new Set<string>();
  const refs = new Map<string, { relsPart: string; id: string }[]>();
  for (const relsPart of existing) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsPart);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    for (const r of relationships((await readText(relsPart)) ?? '')) {
      if (r.external) continue;
      const target = findPart(resolveTarget(source, r.target));
      if (target) refs.set(target, [...(refs.get(target) ?? []), { relsPart, id: r.id }]);
    }
  }
  const workbookRelsActual = findPart(workbookRelsPart) ?? workbookRelsPart;
  const stillReached = (part: string) =>
    (refs.get(part) ?? []).some((r) => !removedParts.has(r.relsPart) && !(r.relsPart === workbookRelsActual && removedRelIds.has(r.id)));
  const queue: string[] = [];
  for (const s of oldOurs) {
    const rel = rels.find((r) => r.id === s.rid);
    if (!rel) continue;
    removedRelIds.add(rel.id);
    const part = findPart(resolveTarget(workbookPart, rel.target));
    if (part) queue.push(part);
  }
  while (queue.length) {
    const part = queue.shift()!;
    if (removedParts.has(part) || part === workbookPart) continue;
    removedParts.add(part);
    const relsPart = findPart(relsPathOf(part));
    if (!relsPart) continue;
    removedParts.add(relsPart);
    for (const r of relationships((await readText(relsPart)) ?? '')) {
      if (r.external) continue;
      const t = findPart(resolveTarget(part, r.target));
      if (t && !removedParts.has(t) && !stillReached(t)) queue.push(t);
    }
  }
  // A calculation chain that lists cells of a removed sheet makes Excel "repair" the book: drop
  // it (Excel rebuilds it on the next calculation).
  const removedSheetIds = new Set(oldOurs.map((s) => s.sheetId));
  const calcRel = rels.find((r) => r.type.endsWith('/calcChain'));
  const calcPart = calcRel && removedSheetIds.size ? findPart(resolveTarget(workbookPart, calcRel.target)) : undefined;
  if (calcRel && calcPart) {
    let sheetId = 0;
    for (const c of elements((await readText(calcPart)) ?? '', 'c')) {
      if (c.attrs.has('i')) sheetId = Number(c.attrs.get('i'));
      if (removedSheetIds.has(sheetId)) {
        removedParts.add(calcPart);
        removedRelIds.add(calcRel.id);
        break;
      }
    }
  }

  // --- Names for our new sheets: never one of the user's sheets.
  const userNames = new Set(kept.map((s) => s.name.toLowerCase()));
  const taken = new Set(userNames);
  const renamed = new Map<string, string>();
  const names = sheets.map((sh) => {
    const base = sanitizeSheetName(sh.name);
    let name = base;
    if (taken.has(name.toLowerCase())) name = withSuffix(base, OUR_NAME_SUFFIX);
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = withSuffix(base, ` (Окошко ${k})`);
    taken.add(name.toLowerCase());
    if (name !== sh.name) renamed.set(sh.name, name);
    return name;
  });

  // --- Table names and ids unique in the workbook.
  const tableNames = new Set<string>();
  let maxTableId = 0;
  const ctOverrides = elements(contentTypes, 'Override');
  for (const o of ctOverrides) {
    if (o.attrs.get('ContentType') !== CT_TABLE) continue;
    const part = findPart((o.attrs.get('PartName') ?? '').replace(/^\//, ''));
    if (!part || removedParts.has(part)) continue;
    const root = firstElement((await readText(part)) ?? '', 'table');
    if (!root) continue;
    maxTableId = Math.max(maxTableId, Number(root.attrs.get('id') ?? 0));
    for (const k of ['name', 'displayName']) if (root.attrs.get(k)) tableNames.add(root.attrs.get(k)!.toLowerCase());
  }
  for (const d of definedNames) if (d.attrs.get('name')) tableNames.add(d.attrs.get('name')!.toLowerCase());

  // --- Draw our sheets.
  const styleBook = new StyleBook();
  const drawn = sheets.map((sh, i) => {
    let tableName: string | undefined;
    if (sh.table) {
      const base = sanitizeTableName(sh.table);
      tableName = base;
      for (let k = 2; tableNames.has(tableName.toLowerCase()); k++) tableName = `${base}_${k}`;
      tableNames.add(tableName.toLowerCase());
    }
    return drawSheet(sh, names[i], styleBook, renamed, tableName);
  });

  // --- Styles.
  const relsAfterRemoval = rels.filter((r) => !removedRelIds.has(r.id));
  const stylesRel = relsAfterRemoval.find((r) => r.type === REL_STYLES);
  let stylesPart = stylesRel ? findPart(resolveTarget(workbookPart, stylesRel.target)) : undefined;
  const newRelId = nextRelId(relsAfterRemoval.map((r) => r.id));
  const relAdds: string[] = [];
  const ctAdds: string[] = [];
  const writes = new Map<string, string>();
  let stylesXml = stylesPart ? await readText(stylesPart) : undefined;
  if (!stylesPart || stylesXml === undefined) {
    stylesPart = resolveTarget(workbookPart, 'styles.xml');
    stylesXml = MINIMAL_STYLES;
    relAdds.push(`<Relationship Id="${newRelId()}" Type="${REL_STYLES}" Target="styles.xml"/>`);
    ctAdds.push(`<Override PartName="/${stylesPart}" ContentType="${CT_STYLES}"/>`);
  }
  const { xml: newStyles, index: styleIndex } = appendStyles(stylesXml, styleBook);
  if (newStyles !== stylesXml || !existing.has(stylesPart)) writes.set(stylesPart, newStyles);

  // --- New parts: the smallest free numbers, so a second run reuses the first run's names.
  const occupied = new Set([...existing].filter((p) => !removedParts.has(p)).map((p) => p.toLowerCase()));
  const freePart = (dir: string, stem: string): string => {
    for (let n = 1; ; n++) {
      const p = `${dir}/${stem}${n}.xml`;
      // A stray rels part of a missing part would become ours: skip that number too.
      if (!occupied.has(p.toLowerCase()) && !occupied.has(relsPathOf(p).toLowerCase())) {
        occupied.add(p.toLowerCase());
        return p;
      }
    }
  };
  const xlDir = workbookPart.split('/').slice(0, -1).join('/');
  const prefixDir = xlDir ? `${xlDir}/` : '';
  const hasRelsDefault = elements(contentTypes, 'Default').some((d) => (d.attrs.get('Extension') ?? '').toLowerCase() === 'rels');
  let maxSheetId = Math.max(0, ...kept.map((s) => s.sheetId));
  const sheetAdds: string[] = [];
  const nameAdds: string[] = [];
  const rPrefix = relPrefix ?? 'r';
  drawn.forEach((d, i) => {
    const part = freePart(`${prefixDir}worksheets`, 'sheet');
    const relsPart = relsPathOf(part);
    const sheetRels: string[] = [];
    // Our style positions become indexes after the user's cellXfs (only cell tags match: text has no '<').
    const xml = d.xml.replace(/(<c r="[A-Z]+\d+" s=")(\d+)"/g, (_, head: string, k: string) => `${head}${styleIndex[Number(k)]}"`);
    for (const r of d.rels) {
      if (r.type === REL_TABLE && d.table) {
        const tablePart = freePart(`${prefixDir}tables`, 'table');
        writes.set(tablePart, d.table.xml(++maxTableId));
        ctAdds.push(`<Override PartName="/${tablePart}" ContentType="${CT_TABLE}"/>`);
        sheetRels.push(`<Relationship Id="${r.id}" Type="${REL_TABLE}" Target="../tables/${tablePart.split('/').pop()}"/>`);
      } else {
        sheetRels.push(`<Relationship Id="${r.id}" Type="${r.type}" Target="${escAttr(r.target)}" TargetMode="External"/>`);
      }
    }
    if (sheetRels.length) {
      writes.set(relsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels.join('')}</Relationships>`);
      if (!hasRelsDefault) ctAdds.push(`<Override PartName="/${relsPart}" ContentType="${CT_RELS}"/>`);
    }
    writes.set(part, xml);
    ctAdds.push(`<Override PartName="/${part}" ContentType="${CT_WORKSHEET}"/>`);
    const rid = newRelId();
    relAdds.push(`<Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="${escAttr(part.slice(prefixDir.length))}"/>`);
    sheetAdds.push(`<${wbPrefix}sheet name="${escAttr(d.name)}" sheetId="${++maxSheetId}" ${rPrefix}:id="${rid}"/>`);
    const localId = kept.length + i;
    nameAdds.push(`<${wbPrefix}definedName name="${OUR_SHEET_MARKER}${i + 1}" hidden="1">${escText(sheetReference(d.name, '$A$1'))}</${wbPrefix}definedName>`);
    nameAdds.push(`<${wbPrefix}definedName name="_xlnm.Print_Titles" localSheetId="${localId}">${escText(sheetReference(d.name, `$${d.headerRow}:$${d.headerRow}`))}</${wbPrefix}definedName>`);
  });

  // --- workbook.xml: the <sheets> list, our defined names, tab indexes shifted by removed sheets.
  const wbEdits: Edit[] = [];
  for (const s of oldOurs) wbEdits.push({ start: s.el.start, end: s.el.end, text: '' });
  const sheetsClose = innerEnd(sheetsEl);
  wbEdits.push({ start: sheetsClose, end: sheetsClose, text: sheetAdds.join('') });
  const keptNames: typeof definedNames = [];
  for (const d of definedNames) {
    const local = d.attrs.get('localSheetId');
    const isMarker = markers.includes(d);
    if (isMarker || (local !== undefined && oldIdx.has(Number(local)))) {
      wbEdits.push({ start: d.start, end: d.end, text: '' });
      continue;
    }
    keptNames.push(d);
    if (local !== undefined && oldIdx.size) {
      const n = newIndexOf(Number(local));
      if (n !== undefined && n !== Number(local)) wbEdits.push({ start: d.start, end: d.start + d.tag.length, text: setAttr(d.tag, 'localSheetId', String(n)) });
    }
  }
  if (definedNamesEl) {
    if (nameAdds.length || keptNames.length) {
      const closeAt = definedNamesEl.inner === undefined ? undefined : innerEnd(definedNamesEl);
      if (closeAt === undefined) wbEdits.push({ start: definedNamesEl.start, end: definedNamesEl.end, text: `<${wbPrefix}definedNames>${nameAdds.join('')}</${wbPrefix}definedNames>` });
      else wbEdits.push({ start: closeAt, end: closeAt, text: nameAdds.join('') });
    } else wbEdits.push({ start: definedNamesEl.start, end: definedNamesEl.end, text: '' });
  } else if (nameAdds.length) {
    // Schema order: sheets, functionGroups, externalReferences, definedNames.
    const after = firstElement(workbook, 'externalReferences') ?? firstElement(workbook, 'functionGroups') ?? sheetsEl;
    wbEdits.push({ start: after.end, end: after.end, text: `<${wbPrefix}definedNames>${nameAdds.join('')}</${wbPrefix}definedNames>` });
  }
  if (oldIdx.size) {
    const total = kept.length + drawn.length;
    for (const v of elements(workbook, 'workbookView')) {
      let tag = v.tag;
      for (const a of ['activeTab', 'firstSheet']) {
        const cur = v.attrs.get(a);
        if (cur === undefined) continue;
        const n = newIndexOf(Number(cur)) ?? Math.min(Number(cur), Math.max(0, total - 1));
        if (n !== Number(cur)) tag = setAttr(tag, a, String(n));
      }
      if (tag !== v.tag) wbEdits.push({ start: v.start, end: v.start + v.tag.length, text: tag });
    }
  }
  if (!relPrefix && drawn.length) {
    const root = new RegExp(`<${wbPrefix.replace('.', '\\.')}workbook\\b[^>]*>`).exec(workbook);
    if (root) wbEdits.push({ start: root.index, end: root.index + root[0].length, text: root[0].replace(/>$/, ` xmlns:r="${NS_REL}">`) });
  }
  workbook = applyEdits(workbook, wbEdits);

  // --- workbook rels and content types.
  const relsEdits: Edit[] = rels.filter((r) => removedRelIds.has(r.id)).map((r) => ({ start: r.el.start, end: r.el.end, text: '' }));
  const relsRoot = firstElement(workbookRels, 'Relationships');
  if (!relsRoot) throw new FileReadError('file_corrupt', fileName, 'связи книги повреждены');
  const relsClose = relsRoot.inner === undefined ? undefined : innerEnd(relsRoot);
  if (relsClose === undefined) relsEdits.push({ start: relsRoot.start, end: relsRoot.end, text: relsRoot.tag.replace(/\s*\/>$/, '>') + relAdds.join('') + `</${relsRoot.qname}>` });
  else relsEdits.push({ start: relsClose, end: relsClose, text: relAdds.join('') });
  workbookRels = applyEdits(workbookRels, relsEdits);

  const removedNames = new Set([...removedParts].map((p) => `/${p}`.toLowerCase()));
  const ctEdits: Edit[] = ctOverrides.filter((o) => removedNames.has((o.attrs.get('PartName') ?? '').toLowerCase())).map((o) => ({ start: o.start, end: o.end, text: '' }));
  const typesRoot = firstElement(contentTypes, 'Types');
  if (!typesRoot || typesRoot.inner === undefined) throw new FileReadError('file_corrupt', fileName, 'описание типов частей повреждено');
  const typesClose = innerEnd(typesRoot);
  ctEdits.push({ start: typesClose, end: typesClose, text: ctAdds.join('') });
  contentTypes = applyEdits(contentTypes, ctEdits);

  // --- The package: existing entries keep their place; changed ones keep it too; new ones go last.
  for (const p of removedParts) zip.remove(p);
  const put = (part: string, text: string) => zip.file(part, text, { createFolders: false });
  put(workbookPart, workbook);
  put(findPart(workbookRelsPart) ?? workbookRelsPart, workbookRels);
  put(contentTypesPart, contentTypes);
  for (const [part, text] of writes) put(part, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
