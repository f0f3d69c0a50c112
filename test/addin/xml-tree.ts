/**
 * A small strict XML reader for the manifest check: elements, attributes, text; throws on anything
 * not well formed. The official validator (office-addin-manifest validate) needs the network.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`unknown entity ${m}`);
    return ENTITIES[e];
  });

export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at offset ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(text[i] ?? '')) i++;
      if (text.startsWith('<?', i)) i = text.indexOf('?>', i) + 2 || fail('unclosed <?');
      else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected <');
    i++;
    const name = /^[\w:.-]+/.exec(text.slice(i))?.[0] ?? fail('expected a name');
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(text[i])) i++;
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [], text: '' };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const m = /^([\w:.-]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(text.slice(i)) ?? fail('bad attribute');
      if (m[1] in attrs) fail(`duplicate attribute ${m[1]}`);
      attrs[m[1]] = decode(m[3] ?? m[4]);
      i += m[0].length;
    }
    const children: XmlElement[] = [];
    let content = '';
    for (;;) {
      if (i >= text.length) fail(`unclosed <${name}>`);
      if (text.startsWith('<!--', i)) {
        i = text.indexOf('-->', i) + 3;
        continue;
      }
      if (text.startsWith('</', i)) {
        const close = `</${name}`;
        if (!text.startsWith(close, i)) fail(`expected ${close}>`);
        i += close.length;
        while (/\s/.test(text[i])) i++;
        if (text[i] !== '>') fail('expected >');
        i++;
        return { name, attrs, children, text: decode(content).trim() };
      }
      if (text[i] === '<') children.push(element());
      else {
        const next = text.indexOf('<', i);
        content += text.slice(i, next < 0 ? text.length : next);
        i = next < 0 ? text.length : next;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== text.length) fail('content after the root element');
  return root;
}

/** Every element below `root` (itself included) whose local name is `name`. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name.replace(/^.*:/, '') === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name.replace(/^.*:/, '') === name);
}
