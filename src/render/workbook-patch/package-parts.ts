import { elements, type XmlElement } from './xml-text';

/** Package paths, relationships and content types of an OOXML package (ECMA-376 part 2). */

export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
export const REL_WORKSHEET = `${NS_REL}/worksheet`;
export const REL_TABLE = `${NS_REL}/table`;
export const REL_HYPERLINK = `${NS_REL}/hyperlink`;
export const REL_OFFICE_DOCUMENT = `${NS_REL}/officeDocument`;
export const REL_STYLES = `${NS_REL}/styles`;
export const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
export const CT_RELS = 'application/vnd.openxmlformats-package.relationships+xml';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';


export function resolveTarget(sourcePart: string, target: string): string {
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

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  el: XmlElement;
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relationships(xml: string): Relationship[] {
  return elements(xml, 'Relationship').map((el) => ({
    el,
    id: el.attrs.get('Id') ?? '',
    type: el.attrs.get('Type') ?? '',
    target: el.attrs.get('Target') ?? '',
    external: el.attrs.get('TargetMode') === 'External',
  }));
}

export function nextRelId(used: Iterable<string>): () => string {
  const taken = new Set(used);
  let n = 1;
  return () => {
    while (taken.has(`rId${n}`)) n++;
    taken.add(`rId${n}`);
    return `rId${n}`;
  };
}

/** Relationship target for a file beside the report: forward slashes, URI-escaped where needed. */
export function fileTarget(file: string): string {
  let t = file.replace(/\\/g, '/').replace(/[%#\s[\]^`{}|<>"]/g, (c) => encodeURIComponent(c));
  // Absolute paths (normally the links are relative to the report) become file: URIs.
  if (/^[A-Za-z]:\//.test(t)) t = `file:///${t}`;
  else if (t.startsWith('//')) t = `file:${t}`;
  return t;
}

