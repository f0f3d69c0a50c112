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

/** The tables of each sheet of an xlsx package, by name, with their ranges. */
export function tablesOf(bytes: Uint8Array): Map<string, { name: string; ref: string }[]> {
  const parts = unzipSync(bytes);
  const text = (p: string) => (parts[p] ? strFromU8(parts[p]) : '');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const rels = (xml: string) => new Map([...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target') ?? '']));
  const workbookRels = rels(text('xl/_rels/workbook.xml.rels'));
  const out = new Map<string, { name: string; ref: string }[]>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const part = `xl/${workbookRels.get(attr(m[0], 'r:id')!)!}`;
    const sheetRels = rels(text(part.replace(/([^/]+)$/, '_rels/$1.rels')));
    const tables = [...text(part).matchAll(/<tablePart\b[^>]*>/g)].map((t) => {
      const target = sheetRels.get(attr(t[0], 'r:id')!)!;
      const xml = text(`xl/tables/${target.split('/').pop()}`);
      const root = /<table\b[^>]*>/.exec(xml)![0];
      return { name: attr(root, 'name')!, ref: attr(root, 'ref')! };
    });
    out.set(attr(m[0], 'name')!.replace(/&apos;/g, "'").replace(/&amp;/g, '&'), tables);
  }
  return out;
}

/** The parts that belong to the named sheets alone: the worksheet, its rels and its tables. */
export function partsOfSheets(bytes: Uint8Array, names: readonly string[]): Set<string> {
  const parts = unzipSync(bytes);
  const text = (p: string) => (parts[p] ? strFromU8(parts[p]) : '');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const rels = (xml: string) => new Map([...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target') ?? '']));
  const workbookRels = rels(text('xl/_rels/workbook.xml.rels'));
  const out = new Set<string>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    if (!names.includes(attr(m[0], 'name')!)) continue;
    const part = `xl/${workbookRels.get(attr(m[0], 'r:id')!)!}`;
    const relsPart = part.replace(/([^/]+)$/, '_rels/$1.rels');
    out.add(part);
    if (parts[relsPart]) out.add(relsPart);
    for (const target of rels(text(relsPart)).values()) if (target.startsWith('../tables/')) out.add(`xl/tables/${target.split('/').pop()}`);
  }
  return out;
}
