import { strFromU8, unzipSync } from 'fflate';

/**
 * What an xlsx package says about its hyperlinks, read from its XML as Excel would: a link to a cell of
 * another workbook is its relationship's target and its `location` (ISO/IEC 29500-1, 18.3.1.47), which
 * exceljs's reader drops. `#'Лист'!A1` for a link inside the workbook, `файл.xlsx#'Лист'!A1` outside.
 */
export function hyperlinksOf(bytes: Uint8Array): Map<string, Map<string, string>> {
  const parts = unzipSync(bytes);
  const text = (p: string) => (parts[p] ? strFromU8(parts[p]) : '');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const decode = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const rels = (xml: string) => new Map([...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, decode(attr(m[0], 'Target') ?? '')]));
  const workbookRels = rels(text('xl/_rels/workbook.xml.rels'));
  const out = new Map<string, Map<string, string>>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = decode(attr(m[0], 'name')!);
    const part = `xl/${workbookRels.get(attr(m[0], 'r:id')!)!}`;
    const sheetRels = rels(text(part.replace(/([^/]+)$/, '_rels/$1.rels')));
    const links = new Map<string, string>();
    for (const h of text(part).matchAll(/<hyperlink\b[^>]*>/g)) {
      const id = attr(h[0], 'r:id');
      const location = attr(h[0], 'location');
      links.set(attr(h[0], 'ref')!, `${id ? decodeURI(sheetRels.get(id) ?? '') : ''}${location ? `#${decode(location)}` : ''}`);
    }
    out.set(name, links);
  }
  return out;
}
