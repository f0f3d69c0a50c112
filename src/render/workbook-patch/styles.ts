import { NS_MAIN } from './package-parts';
import { appendChildrenEdit, applyEdits, type Edit, elements, firstElement, rootPrefix, type XmlElement } from './xml-text';

/** Our roles as fonts, fills and cell formats appended to the user's styles.xml (a second run reuses them). */

export type FontKind = 'plain' | 'bold' | 'stamp' | 'link' | 'linkBold';

export interface StyleKey {
  font: FontKind;
  fill?: string;
  vertical: 'top' | 'center';
  wrap: boolean;
}

export class StyleBook {
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

export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
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
export function appendStyles(styles: string, book: StyleBook): { xml: string; index: number[] } {
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

