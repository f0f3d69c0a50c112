import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { FileReadError } from '../../read/read-error';

/**
 * The parts of a zip package, in their order: those we do not change are written back with the same
 * bytes, in the same place; changed parts keep their place, new ones go last.
 */
export interface Package {
  /** Part names in the order of the zip. */
  readonly order: string[];
  bytes(part: string): Uint8Array | undefined;
  text(part: string): string | undefined;
  /** The part's name as the package spells it (names are case-insensitive in OOXML). */
  find(part: string): string | undefined;
  has(part: string): boolean;
  /** Every part name, folders excluded. */
  parts(): string[];
}

export function openPackage(bytes: Uint8Array, fileName: string): Package {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new FileReadError('file_corrupt', fileName, 'zip-архив книги повреждён', { cause: e });
  }
  const order = Object.keys(entries);
  const lower = new Map(order.map((n) => [n.toLowerCase(), n]));
  const texts = new Map<string, string>();
  return {
    order,
    bytes: (part) => entries[part],
    text(part) {
      if (!(part in entries)) return undefined;
      let t = texts.get(part);
      if (t === undefined) texts.set(part, (t = strFromU8(entries[part])));
      return t;
    },
    find: (part) => (part in entries ? part : lower.get(part.toLowerCase())),
    has: (part) => part in entries,
    parts: () => order.filter((n) => !n.endsWith('/')),
  };
}

/** A part's new text: whole, or written piece by piece (a report sheet of 100,000 rows is never held whole). */
export type PartText = string | ((emit: (text: string) => void) => void);

/** Text gathered before it is encoded and compressed: large enough to keep deflate busy, small beside a sheet. */
const CHUNK_CHARS = 1 << 16;

/**
 * The package with `removed` parts gone, `writes` put in (in place when they replace a part, else last),
 * compressed as it is written: what is held is the zip being made, not the text of its parts.
 */
export function writePackage(pkg: Package, removed: ReadonlySet<string>, writes: ReadonlyMap<string, PartText>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const put = (name: string, body: Uint8Array | PartText) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    if (typeof body === 'function') {
      let pending = '';
      body((text) => {
        pending += text;
        if (pending.length < CHUNK_CHARS) return;
        file.push(strToU8(pending));
        pending = '';
      });
      file.push(strToU8(pending), true);
    } else file.push(typeof body === 'string' ? strToU8(body) : body, true);
  };
  const written = new Set<string>();
  for (const name of pkg.order) {
    if (removed.has(name)) continue;
    const changed = writes.get(name);
    put(name, changed === undefined ? pkg.bytes(name)! : changed);
    written.add(name);
  }
  // A part of an earlier run's sheet, removed above, may come back under the same name: last, as new.
  for (const [name, text] of writes) if (!written.has(name)) put(name, text);
  zip.end();
  if (failure) throw failure;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
