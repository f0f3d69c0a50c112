/**
 * Bytes → text without TextDecoder, which the IE11 webview lacks. The streaming decoders keep a
 * character cut between two chunks whole, so a zip part can be decoded as it inflates.
 */

const REPLACEMENT = 0xfffd;
const BOM = 0xfeff;
const SINK_SIZE = 8192;

/** Collects UTF-16 code units and turns them into strings a block at a time (fromCharCode per unit is slow). */
class CodeUnits {
  private readonly units = new Uint16Array(SINK_SIZE);
  private length = 0;
  private parts: string[] = [];

  push(unit: number): void {
    if (this.length === SINK_SIZE) this.flush();
    this.units[this.length++] = unit;
  }

  pushCodePoint(code: number): void {
    if (code < 0x10000) {
      this.push(code);
    } else {
      code -= 0x10000;
      this.push(0xd800 + (code >> 10));
      this.push(0xdc00 + (code & 0x3ff));
    }
  }

  take(): string {
    this.flush();
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    return text;
  }

  private flush(): void {
    if (this.length === 0) return;
    // apply() takes an array-like in ES5; a typed-array view avoids copying into an Array.
    this.parts.push(String.fromCharCode.apply(null, this.units.subarray(0, this.length) as unknown as number[]));
    this.length = 0;
  }
}

/**
 * UTF-8 as the WHATWG Encoding Standard decodes it: a malformed sequence becomes U+FFFD (or, when
 * strict, fails), exactly where TextDecoder would put it, so the two agree on any input.
 */
export class Utf8Decoder {
  private needed = 0;
  private seen = 0;
  private code = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private readonly out = new CodeUnits();
  /** A strict decoder stops at the first malformed sequence and says so here. */
  failed = false;

  constructor(private readonly strict = false) {}

  write(bytes: Uint8Array, final = false): string {
    const out = this.out;
    for (let i = 0; i < bytes.length && !this.failed; i++) {
      const b = bytes[i];
      if (this.needed === 0) {
        if (b < 0x80) {
          out.push(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          this.needed = 1;
          this.code = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) this.lower = 0xa0;
          if (b === 0xed) this.upper = 0x9f;
          this.needed = 2;
          this.code = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) this.lower = 0x90;
          if (b === 0xf4) this.upper = 0x8f;
          this.needed = 3;
          this.code = b & 0x07;
        } else {
          this.malformed();
        }
        continue;
      }
      if (b < this.lower || b > this.upper) {
        this.reset();
        this.malformed();
        i--; // the byte that broke the sequence starts the next one
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.code = (this.code << 6) | (b & 0x3f);
      if (++this.seen === this.needed) {
        out.pushCodePoint(this.code);
        this.reset();
      }
    }
    if (final && this.needed !== 0) {
      this.reset();
      this.malformed();
    }
    return out.take();
  }

  private reset(): void {
    this.needed = 0;
    this.seen = 0;
    this.code = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  private malformed(): void {
    if (this.strict) this.failed = true;
    else this.out.push(REPLACEMENT);
  }
}

/** UTF-16 of either byte order; an odd last byte is dropped and lone surrogates pass through, as iconv-lite does. */
export class Utf16Decoder {
  private pending = -1;
  private readonly out = new CodeUnits();

  constructor(private readonly bigEndian: boolean) {}

  write(bytes: Uint8Array, final = false): string {
    let i = 0;
    if (this.pending >= 0 && bytes.length > 0) {
      this.out.push(this.unit(this.pending, bytes[0]));
      this.pending = -1;
      i = 1;
    }
    for (; i + 1 < bytes.length; i += 2) this.out.push(this.unit(bytes[i], bytes[i + 1]));
    if (i < bytes.length) this.pending = bytes[i];
    if (final) this.pending = -1;
    return this.out.take();
  }

  private unit(first: number, second: number): number {
    return this.bigEndian ? (first << 8) | second : first | (second << 8);
  }
}

/** Windows-1251 from 0x80 to 0xFF, as iconv-lite maps it (0x98 is unassigned). */
const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\ufffd™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї' +
  'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';

export function decodeWindows1251(bytes: Uint8Array): string {
  const out = new CodeUnits();
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out.push(b < 0x80 ? b : CP1251_HIGH.charCodeAt(b - 0x80));
  }
  return out.take();
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  const decoder = new Utf8Decoder(true);
  const text = decoder.write(bytes, true);
  return decoder.failed ? undefined : text;
}

/** A second BOM right after the first is dropped too, as TextDecoder and iconv-lite drop it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/**
 * Bytes → text. A BOM decides (UTF-8, or UTF-16 of either byte order as Excel's «Текст Юникод»
 * writes); otherwise text that is valid UTF-8 is UTF-8, and anything else is taken for
 * Windows-1251, which is what Russian Excel writes when it saves "CSV (разделители — запятые)".
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return withoutBom(new Utf8Decoder().write(bytes.subarray(3), true));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return withoutBom(new Utf16Decoder(false).write(bytes.subarray(2), true));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return withoutBom(new Utf16Decoder(true).write(bytes.subarray(2), true));
  const utf8 = strictUtf8(bytes);
  return utf8 !== undefined ? utf8 : decodeWindows1251(bytes);
}
