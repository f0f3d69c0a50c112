import zlib from 'node:zlib';
import type { ReadOptions } from '../read';
import type { WriteNatives } from '../render/workbook-patch';

const crc32 = typeof zlib.crc32 === 'function' ? (bytes: Uint8Array, previous: number) => zlib.crc32(bytes, previous) : undefined;

/** Node's own decoder and checksum (zlib.crc32 since Node 20.15), faster than the reader's portable ones. */
export const READ_NATIVES: ReadOptions = { nativeUtf8: TextDecoder, ...(crc32 && { nativeCrc32: crc32 }) };

/** Node's zlib deflate, several times faster than fflate's, and its checksum. */
export const WRITE_NATIVES: WriteNatives = {
  deflateChunk: (bytes, final) => zlib.deflateRawSync(bytes, { level: 6, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  ...(crc32 && { crc32 }),
};
