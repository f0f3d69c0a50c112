/** String surgery on the package parts we must edit, so that the rest of their text stays as it was written. */

// eslint-disable-next-line no-control-regex
const NEEDS_MENDING = /[\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ESCAPING = /[&<>]/;

/** Drops characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(s: string): string {
  // Nearly every text a report writes is clean: a test instead of three passes that copy it.
  if (!NEEDS_MENDING.test(s)) return s;
  const text = s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  // Lone surrogates, found by hand: the IE11 webview cannot parse a lookbehind.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    out += text[i];
  }
  return out;
}

export function escText(s: string): string {
  const safe = xmlSafe(s);
  if (!NEEDS_ESCAPING.test(safe)) return safe;
  return safe.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

export interface XmlElement {
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

export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.set(m[1], unescape(m[2] ?? m[3] ?? ''));
  return out;
}

/** Elements with this local name (any prefix) in `xml`, not nested in one another. */
export function elements(xml: string, local: string, from = 0, to = xml.length): XmlElement[] {
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
export function innerEnd(el: XmlElement): number {
  return el.innerStart + (el.inner ?? '').length;
}

export function firstElement(xml: string, local: string): XmlElement | undefined {
  return elements(xml, local)[0];
}

/** Prefix (with colon) the root element uses, e.g. '' or 'x:'. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${local}[\\s/>]`).exec(xml);
  return m?.[1] ?? '';
}

/** Sets (or adds) an attribute in a start tag, keeping the rest of the tag as written. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.]/g, '\\.')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escAttr(value)}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${escAttr(value)}"$1`);
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = xml;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Inserts children before the end tag of `el`, expanding an empty-element tag when needed. */
export function appendChildrenEdit(el: XmlElement, children: string, attrs: Record<string, string> = {}): Edit {
  let tag = el.tag;
  for (const [k, v] of Object.entries(attrs)) tag = setAttr(tag, k, v);
  if (el.inner === undefined) {
    const open = tag.replace(/\s*\/>$/, '>');
    return { start: el.start, end: el.end, text: `${open}${children}</${el.qname}>` };
  }
  return { start: el.start, end: el.end, text: `${tag}${el.inner}${children}</${el.qname}>` };
}

