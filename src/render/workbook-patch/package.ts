import { strFromU8, strToU8, type ZipInputFile, Zip, ZipDeflate } from 'fflate';
import { type NativeCrc32, readLimits } from '../../read/limits';
import { Crc32, NativeCrc32Stream } from '../../read/xlsx/crc32';
import { concatBytes } from '../../read/xlsx/bytes';
import { type StoredPart, ZipPackage } from '../../read/xlsx/package';

/**
 * The parts of a zip package, in their order: those we do not change are written back with the same
 * bytes, in the same place; changed parts keep their place, new ones go last.
 */
export interface Package {
  /** Part names in the order of the zip. */
  readonly order: string[];
  /** A part's compressed bytes as stored, copied as they are when it is unchanged. */
  stored(part: string): StoredPart | undefined;
  bytes(part: string): Uint8Array | undefined;
  text(part: string): string | undefined;
  /** The part's name as the package spells it (names are case-insensitive in OOXML). */
  find(part: string): string | undefined;
  has(part: string): boolean;
  /** Every part name, folders excluded. */
  parts(): string[];
}

/** A package read by the reader's zip, with its limits: a part is inflated only when it is read. */
export function openPackage(bytes: Uint8Array, fileName: string, natives?: WriteNatives): Package {
  const zip = ZipPackage.open(bytes, fileName, readLimits(), natives?.crc32 && { nativeCrc32: natives.crc32 });
  const order = zip.names();
  const texts = new Map<string, string>();
  return {
    order,
    stored: (part) => zip.stored(part),
    bytes: (part) => (zip.has(part) ? zip.bytesOf(part) : undefined),
    text(part) {
      if (!zip.has(part)) return undefined;
      let t = texts.get(part);
      if (t === undefined) texts.set(part, (t = strFromU8(zip.bytesOf(part))));
      return t;
    },
    find: (part) => zip.nameOf(part),
    has: (part) => zip.has(part),
    parts: () => order.filter((n) => !n.endsWith('/')),
  };
}

/** A part's new text: whole, or written piece by piece (a report sheet of 100,000 rows is never held whole). */
export type PartText = string | ((emit: (text: string) => void) => void);

/** Text gathered before it is encoded and compressed: large enough to keep deflate busy, small beside a sheet. */
const CHUNK_CHARS = 1 << 16;
/** Each native chunk starts a new dictionary and costs a call into the host: fewer, larger ones. */
const NATIVE_CHUNK_CHARS = 1 << 20;

/**
 * The host's own deflate (Node's zlib), several times faster than fflate's: raw deflate of one chunk,
 * ended by a sync flush, or by the final block for the last one. Chunks compressed apart and so
 * joined are one valid deflate stream.
 */
export interface WriteNatives {
  readonly deflateChunk: (bytes: Uint8Array, final: boolean) => Uint8Array;
  readonly crc32?: NativeCrc32;
}

/** A zip entry compressed chunk by chunk by the host's deflate. */
class NativeDeflate implements ZipInputFile {
  readonly compression = 8;
  size = 0;
  ondata?: ZipInputFile['ondata'];
  private readonly sum: Crc32 | NativeCrc32Stream;

  constructor(
    readonly filename: string,
    private readonly natives: WriteNatives,
  ) {
    this.sum = natives.crc32 ? new NativeCrc32Stream(natives.crc32) : new Crc32();
  }

  get crc(): number {
    return this.sum.value;
  }

  push(bytes: Uint8Array, final = false): void {
    this.size += bytes.length;
    this.sum.update(bytes);
    this.ondata!(null, this.natives.deflateChunk(bytes, final) as Uint8Array<ArrayBuffer>, final);
  }
}

/** An unchanged part: its compressed bytes, checksum and size as the original zip holds them. */
function copied(part: StoredPart): ZipInputFile & { send(): void } {
  const file: ZipInputFile & { send(): void } = {
    filename: part.name,
    size: part.size,
    crc: part.crc,
    compression: part.method,
    send: () => file.ondata!(null, part.data as Uint8Array<ArrayBuffer>, true),
  };
  return file;
}

/**
 * The package with `removed` parts gone, `writes` put in (in place when they replace a part, else last),
 * compressed as it is written: what is held is the zip being made, not the text of its parts. Parts
 * not changed are copied compressed, as they are.
 */
export function writePackage(pkg: Package, removed: ReadonlySet<string>, writes: ReadonlyMap<string, PartText>, natives?: WriteNatives): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const chunkChars = natives ? NATIVE_CHUNK_CHARS : CHUNK_CHARS;
  const put = (name: string, body: Uint8Array | PartText) => {
    const file = natives ? new NativeDeflate(name, natives) : new ZipDeflate(name, { level: 6 });
    zip.add(file);
    if (typeof body === 'function') {
      let pending = '';
      body((text) => {
        pending += text;
        if (pending.length < chunkChars) return;
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
    const stored = changed === undefined ? pkg.stored(name) : undefined;
    if (stored) {
      const file = copied(stored);
      zip.add(file);
      file.send();
    } else put(name, changed === undefined ? pkg.bytes(name)! : changed);
    written.add(name);
  }
  // A part of an earlier run's sheet, removed above, may come back under the same name: last, as new.
  for (const [name, text] of writes) if (!written.has(name)) put(name, text);
  zip.end();
  if (failure) throw failure;
  return concatBytes(chunks);
}
