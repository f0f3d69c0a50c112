import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

/** The package with `removed` parts gone, `writes` put in (in place when they replace a part, else last). */
export function writePackage(pkg: Package, removed: ReadonlySet<string>, writes: ReadonlyMap<string, string>): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (const name of pkg.order) {
    if (removed.has(name)) continue;
    const changed = writes.get(name);
    out[name] = changed === undefined ? pkg.bytes(name)! : strToU8(changed);
  }
  for (const [name, text] of writes) if (!(name in out)) out[name] = strToU8(text);
  return zipSync(out, { level: 6 });
}
