import { Inflate } from 'fflate';
import { formatBytes, formatCount, type ReadLimits, type ReadOptions } from '../limits';
import { FileReadError } from '../read-error';
import { Utf8Decoder } from '../text-decode';
import { Crc32, NativeCrc32Stream } from './crc32';
import { concatBytes } from './bytes';

/**
 * The zip container of an xlsx: its central directory read by hand, and one part at a time
 * inflated in small steps, so that the bytes a part really produces — not the sizes its headers
 * claim — are held against the limits before anything reads them.
 */

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const ZIP64_EXTRA = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes fed to the inflater at a time: at deflate's 1032:1 at most, a step yields some 8 MB. */
const INFLATE_STEP = 8 * 1024;
const STORED_STEP = 64 * 1024;
/** Small parts may compress far better than a workbook's sheets do; the ratio is held against them only past this. */
const RATIO_CHECK_FROM = 1024 * 1024;

/** Why an entry name is refused: it would leave the package or mean two different parts on different systems. */
function unsafeName(name: string): boolean {
  if (name === '' || name.charAt(0) === '/' || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) return true;
  if (/^[A-Za-z]:/.test(name)) return true;
  const segments = name.split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '.' || s === '..') return true;
    // A folder entry ends with "/", leaving one empty segment at the end.
    if (s === '' && i !== segments.length - 1) return true;
  }
  return false;
}

/** Names without the UTF-8 flag are code page 437 by the zip standard; xlsx part names are ASCII, so bytes map one to one. */
function entryName(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new Utf8Decoder().write(bytes, true);
  let name = '';
  for (let i = 0; i < bytes.length; i++) name += String.fromCharCode(bytes[i]);
  return name;
}

/** A part as the zip holds it, compressed: what a new package copies when the part is unchanged. */
export interface StoredPart {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

export class ZipPackage {
  private readonly entries = new Map<string, ZipEntry>();
  /** Every entry, folders too, in the order of the directory. */
  private readonly order: ZipEntry[] = [];
  private unpacked = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly fileName: string,
    readonly limits: ReadLimits,
    private readonly natives: Pick<ReadOptions, 'nativeUtf8' | 'nativeCrc32'>,
  ) {
    this.readDirectory();
  }

  static open(bytes: Uint8Array, fileName: string, limits: ReadLimits, natives: Pick<ReadOptions, 'nativeUtf8' | 'nativeCrc32'> = {}): ZipPackage {
    return new ZipPackage(bytes, fileName, limits, natives);
  }

  get nativeUtf8(): ReadOptions['nativeUtf8'] {
    return this.natives.nativeUtf8;
  }

  /** The part as stored, found regardless of case, as part names in a package are compared. */
  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /** The entry names as stored, folders included, in the order of the directory. */
  names(): string[] {
    return this.order.map((e) => e.name);
  }

  /** The part's name as stored, found regardless of case. */
  nameOf(part: string): string | undefined {
    return this.entries.get(part.toLowerCase())?.name;
  }

  /** The entry's compressed bytes as they are, when a new package can copy them (not encrypted, a known method). */
  stored(name: string): StoredPart | undefined {
    const entry = this.order.find((e) => e.name === name);
    if (!entry || entry.flags & FLAG_ENCRYPTED || (entry.method !== STORED && entry.method !== DEFLATED)) return undefined;
    if (entry.name.charAt(entry.name.length - 1) === '/') return { name, method: STORED, crc: 0, size: 0, data: new Uint8Array(0) };
    return { name, method: entry.method, crc: entry.crc, size: entry.size, data: this.compressedData(entry) };
  }

  /** The whole inflated part, under the same limits and checks as `read`. */
  bytesOf(part: string): Uint8Array {
    const chunks: Uint8Array[] = [];
    this.read(part, (c) => chunks.push(c.slice()));
    return concatBytes(chunks);
  }

  /**
   * Inflates a part and hands its bytes on in chunks as they come; throws a FileReadError when the
   * part is damaged or crosses a limit, before the chunk that crosses it is handed on.
   */
  read(part: string, onChunk: (chunk: Uint8Array) => void): void {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) throw this.corrupt(`в архиве нет части ${part}`);
    if (entry.flags & FLAG_ENCRYPTED) throw this.corrupt(`часть ${entry.name} зашифрована средствами zip`);
    if (entry.size > this.limits.entryBytes) throw this.entryTooLarge(entry);
    const data = this.compressedData(entry);
    const crc = this.natives.nativeCrc32 ? new NativeCrc32Stream(this.natives.nativeCrc32) : new Crc32();
    let produced = 0;
    let consumed = 0;
    // What the reader of the chunks throws is its own failure, not damage to the deflate stream.
    let readerFailure: { error: unknown } | undefined;
    const accept = (chunk: Uint8Array): void => {
      produced += chunk.length;
      this.unpacked += chunk.length;
      if (produced > this.limits.entryBytes) throw this.entryTooLarge(entry);
      if (this.unpacked > this.limits.unpackedBytes) {
        throw this.limit(`распакованный размер больше ${formatBytes(this.limits.unpackedBytes)}`);
      }
      if (produced > RATIO_CHECK_FROM && produced > this.limits.compressionRatio * consumed) {
        throw this.limit(`степень сжатия части ${entry.name} больше ${formatCount(this.limits.compressionRatio)}:1`);
      }
      crc.update(chunk);
      if (chunk.length === 0) return;
      try {
        onChunk(chunk);
      } catch (e) {
        readerFailure = { error: e };
        throw e;
      }
    };
    if (entry.method === STORED) {
      if (entry.size !== entry.compressedSize) throw this.corrupt(`размер части ${entry.name} не совпадает с записанным в архиве`);
      for (let at = 0; at < data.length; at += STORED_STEP) {
        consumed = Math.min(data.length, at + STORED_STEP);
        accept(data.subarray(at, consumed));
      }
    } else if (entry.method === DEFLATED) {
      const inflate = new Inflate((chunk) => accept(chunk));
      try {
        if (data.length === 0) inflate.push(data, true);
        for (let at = 0; at < data.length; at += INFLATE_STEP) {
          consumed = Math.min(data.length, at + INFLATE_STEP);
          inflate.push(data.subarray(at, consumed), consumed === data.length);
        }
      } catch (e) {
        if (e instanceof FileReadError || (readerFailure && readerFailure.error === e)) throw e;
        throw this.corrupt(`часть ${entry.name} не распаковывается`, e);
      }
    } else {
      throw this.corrupt(`часть ${entry.name} сжата неизвестным способом (${entry.method})`);
    }
    if (produced !== entry.size) throw this.corrupt(`размер части ${entry.name} не совпадает с записанным в архиве`);
    if (crc.value !== entry.crc) throw this.corrupt(`часть ${entry.name} повреждена: не совпадает контрольная сумма`);
  }

  private compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.localHeaderOffset;
    if (at + LOCAL_SIZE > this.bytes.length || this.u32(at) !== LOCAL_SIGNATURE) {
      throw this.corrupt(`заголовок части ${entry.name} не найден: архив обрезан или повреждён`);
    }
    const start = at + LOCAL_SIZE + this.u16(at + 26) + this.u16(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw this.corrupt(`часть ${entry.name} обрывается: архив обрезан`);
    return this.bytes.subarray(start, end);
  }

  private readDirectory(): void {
    const eocd = this.findEndOfDirectory();
    let count = this.u16(eocd + 10);
    let size = this.u32(eocd + 12);
    let offset = this.u32(eocd + 16);
    const disk = this.u16(eocd + 4);
    if (disk !== 0 && disk !== 0xffff) throw this.corrupt('многотомный zip-архив не поддерживается');
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const zip64 = this.zip64EndOfDirectory(eocd);
      count = this.u64(zip64 + 32);
      size = this.u64(zip64 + 40);
      offset = this.u64(zip64 + 48);
    }
    if (count > this.limits.entries) throw this.limit(`в архиве больше ${formatCount(this.limits.entries)} частей`);
    if (offset + size > this.bytes.length) throw this.corrupt('оглавление zip выходит за конец файла: архив обрезан');
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (at + CENTRAL_SIZE > this.bytes.length || this.u32(at) !== CENTRAL_SIGNATURE) throw this.corrupt('оглавление zip повреждено');
      const flags = this.u16(at + 8);
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const commentLength = this.u16(at + 32);
      const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
      if (next > this.bytes.length) throw this.corrupt('оглавление zip повреждено');
      const name = entryName(this.bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength), (flags & FLAG_UTF8) !== 0);
      if (unsafeName(name)) throw this.corrupt(`в архиве часть с недопустимым именем «${name}»`);
      const sizes = { size: this.u32(at + 24), compressedSize: this.u32(at + 20), localHeaderOffset: this.u32(at + 42) };
      this.readZip64Sizes(at + CENTRAL_SIZE + nameLength, extraLength, sizes);
      const key = name.toLowerCase();
      if (this.entries.has(key)) throw this.corrupt(`в архиве две части с именем «${name}»`);
      const entry = { name, flags, method: this.u16(at + 10), crc: this.u32(at + 16), ...sizes };
      this.order.push(entry);
      if (name.charAt(name.length - 1) !== '/') this.entries.set(key, entry);
      at = next;
    }
  }

  private findEndOfDirectory(): number {
    const last = this.bytes.length - EOCD_SIZE;
    const first = Math.max(0, last - 0xffff);
    for (let at = last; at >= first; at--) {
      if (this.bytes[at] === 0x50 && this.u32(at) === EOCD_SIGNATURE && at + EOCD_SIZE + this.u16(at + 20) <= this.bytes.length) return at;
    }
    throw this.corrupt('не найдено оглавление zip: архив обрезан или это не книга Excel');
  }

  private zip64EndOfDirectory(eocd: number): number {
    const locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator < 0 || this.u32(locator) !== ZIP64_LOCATOR_SIGNATURE) throw this.corrupt('оглавление zip64 не найдено');
    const at = this.u64(locator + 8);
    if (at + 56 > this.bytes.length || this.u32(at) !== ZIP64_EOCD_SIGNATURE) throw this.corrupt('оглавление zip64 повреждено');
    return at;
  }

  /** A field of 0xFFFFFFFF in the directory means the real value is in the zip64 extra field, in this order. */
  private readZip64Sizes(at: number, length: number, sizes: { size: number; compressedSize: number; localHeaderOffset: number }): void {
    const end = at + length;
    while (at + 4 <= end) {
      const id = this.u16(at);
      const fieldEnd = at + 4 + this.u16(at + 2);
      if (fieldEnd > end) break;
      if (id === ZIP64_EXTRA) {
        let p = at + 4;
        const take = (value: number): number => {
          if (value !== 0xffffffff) return value;
          if (p + 8 > fieldEnd) throw this.corrupt('оглавление zip64 повреждено');
          const wide = this.u64(p);
          p += 8;
          return wide;
        };
        sizes.size = take(sizes.size);
        sizes.compressedSize = take(sizes.compressedSize);
        sizes.localHeaderOffset = take(sizes.localHeaderOffset);
        return;
      }
      at = fieldEnd;
    }
  }

  private u16(at: number): number {
    return this.bytes[at] | (this.bytes[at + 1] << 8);
  }

  private u32(at: number): number {
    return (this.bytes[at] | (this.bytes[at + 1] << 8) | (this.bytes[at + 2] << 16) | (this.bytes[at + 3] << 24)) >>> 0;
  }

  private u64(at: number): number {
    const high = this.u32(at + 4);
    // Beyond 2^53 a number loses bytes; no real package comes near, so it is damage.
    if (high > 0x1fffff) throw this.corrupt('оглавление zip64 повреждено');
    return high * 0x100000000 + this.u32(at);
  }

  private entryTooLarge(entry: ZipEntry): FileReadError {
    return this.limit(`распакованная часть ${entry.name} больше ${formatBytes(this.limits.entryBytes)}`);
  }

  private limit(detail: string): FileReadError {
    return new FileReadError('file_limit', this.fileName, detail);
  }

  corrupt(detail: string, cause?: unknown): FileReadError {
    const technical = cause === undefined ? undefined : cause instanceof Error ? cause.message : String(cause);
    return new FileReadError('file_corrupt', this.fileName, detail, { cause, technical });
  }
}
