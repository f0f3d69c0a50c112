/** CRC-32 as zip stores it (IEEE 802.3, reflected), fed a chunk at a time. */

import type { NativeCrc32 } from '../limits';

const TABLE = ((): Int32Array => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export class Crc32 {
  private crc = -1;

  update(bytes: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    this.crc = c;
  }

  /** The checksum as an unsigned 32-bit number, as the zip headers hold it. */
  get value(): number {
    return (this.crc ^ -1) >>> 0;
  }
}

/** The same checksum by the host's own function. */
export class NativeCrc32Stream {
  private crc = 0;

  constructor(private readonly native: NativeCrc32) {}

  update(bytes: Uint8Array): void {
    this.crc = this.native(bytes, this.crc);
  }

  get value(): number {
    return this.crc >>> 0;
  }
}
