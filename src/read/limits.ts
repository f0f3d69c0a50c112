/**
 * How much a file may demand of the reader. A hostile or broken file is refused as soon as it
 * crosses one of these, before it can exhaust memory or time; the defaults leave real forms far
 * below them (a 40,000 × 40 sheet is some 60 MB of XML and 1.6 million cells).
 */
export interface ReadLimits {
  /** Bytes of the file itself, as the file host refuses before reading. */
  readonly fileBytes: number;
  /** Bytes inflated from all the parts of a workbook together. */
  readonly unpackedBytes: number;
  /** Bytes inflated from one part. */
  readonly entryBytes: number;
  /** Inflated bytes per compressed byte of a part; a zip bomb's ratio runs to a thousand. */
  readonly compressionRatio: number;
  /** Parts in one zip package. */
  readonly entries: number;
  /** Characters of one cell's text or one shared string; Excel itself stops at 32,767. */
  readonly textLength: number;
  /** Characters of one line of a CSV or text file. */
  readonly csvLineLength: number;
  /** Cells with a value in the whole file. */
  readonly cells: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  fileBytes: 200 * 1024 * 1024,
  unpackedBytes: 512 * 1024 * 1024,
  entryBytes: 256 * 1024 * 1024,
  compressionRatio: 200,
  entries: 50_000,
  textLength: 100_000,
  csvLineLength: 1_000_000,
  cells: 10_000_000,
};

/** A platform's UTF-8 decoder class, as the host finds it (TextDecoder): the reader's own gives the same text, several times slower. */
export type NativeUtf8Decoder = new (label: 'utf-8', options: { ignoreBOM: boolean }) => { decode(bytes: Uint8Array, options: { stream: boolean }): string };

export interface ReadOptions {
  /** Tighter or looser limits than the defaults (a test's small zip bomb). */
  readonly limits?: Partial<ReadLimits>;
  /** The host's own UTF-8 decoder, for the parts of a workbook; absent in the IE11 webview. */
  readonly nativeUtf8?: NativeUtf8Decoder;
  /** The host's own CRC-32 of zip (Node's zlib.crc32: the checksum of a chunk, continued from the one before); the reader's own is several times slower. */
  readonly nativeCrc32?: NativeCrc32;
}

export type NativeCrc32 = (bytes: Uint8Array, previous: number) => number;

export function readLimits(options?: ReadOptions): ReadLimits {
  const limits: { -readonly [K in keyof ReadLimits]: number } = { ...DEFAULT_READ_LIMITS };
  const given = options?.limits ?? {};
  for (const key of Object.keys(limits) as (keyof ReadLimits)[]) {
    const value = given[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/** 1000000 → "1 000 000", as a Russian text writes a count. */
export function formatCount(n: number): string {
  return String(Math.floor(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Bytes as whole megabytes for a message; below one megabyte, as bytes. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${formatCount(Math.round(mb))} МБ` : `${formatCount(bytes)} байт`;
}
