import { SaxesParser } from 'saxes';
import { formatCount, type NativeUtf8Decoder } from '../limits';
import { FileReadError } from '../read-error';
import { Utf16Decoder, Utf8Decoder } from '../text-decode';
import type { ZipPackage } from './package';

/**
 * One XML part of the package, parsed as it inflates. Elements reach the handler by their local
 * name (`x:row` → `row`): some generators prefix the spreadsheet namespace, and what a reader
 * needs is where an element stands, not its prefix.
 */
export interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  text(text: string): void;
  close(name: string): void;
}

/** A DOCTYPE is where entities are declared (billion laughs, external files); no part of an xlsx has one. */
const DOCTYPE = '<!DOCTYPE';
/** Markup escapes text at most tenfold (&#x10FFFF;), and a tag's attributes are short. */
const RUN_PER_TEXT = 10;
const RUN_MARGIN = 4096;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

interface TextStream {
  write(bytes: Uint8Array, final?: boolean): string;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The host's decoder as a stream; the BOM was taken off already, so a second one stays text, as with the reader's own. */
function nativeStream(Decoder: NativeUtf8Decoder): TextStream {
  const decoder = new Decoder('utf-8', { ignoreBOM: true });
  return { write: (bytes, final) => decoder.decode(bytes, { stream: !final }) };
}

class XmlPartReader {
  private readonly parser = new SaxesParser();
  private decoder: TextStream | undefined;
  private head: Uint8Array = new Uint8Array(0);
  private tail = '';
  private sinceMarkup = 0;
  private readonly maxRun: number;

  constructor(
    private readonly pkg: ZipPackage,
    private readonly part: string,
    handler: XmlHandler,
  ) {
    const maxText = pkg.limits.textLength;
    this.maxRun = maxText * RUN_PER_TEXT + RUN_MARGIN;
    const text = (value: string): void => {
      if (value.length > maxText) throw this.tooLong();
      handler.text(value);
    };
    this.parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes));
    this.parser.on('closetag', (tag) => handler.close(localName(tag.name)));
    this.parser.on('text', text);
    this.parser.on('cdata', text);
    this.parser.on('doctype', () => {
      throw this.doctype();
    });
    this.parser.on('error', (e) => {
      throw this.pkg.corrupt(`часть ${this.part} не является правильным XML`, e);
    });
  }

  write(bytes: Uint8Array): void {
    if (!this.decoder) {
      this.head = concat(this.head, bytes);
      if (this.head.length < 3) return;
      bytes = this.chooseDecoder();
    }
    this.feed(this.decoder!.write(bytes));
  }

  end(): void {
    const rest = this.decoder ? new Uint8Array(0) : this.chooseDecoder();
    this.feed(this.decoder!.write(rest, true));
    this.parser.close();
  }

  /** The byte order mark decides, as the XML standard has it; without one a part is UTF-8. */
  private chooseDecoder(): Uint8Array {
    const h = this.head;
    if (h[0] === 0xff && h[1] === 0xfe) {
      this.decoder = new Utf16Decoder(false);
      return h.subarray(2);
    }
    if (h[0] === 0xfe && h[1] === 0xff) {
      this.decoder = new Utf16Decoder(true);
      return h.subarray(2);
    }
    this.decoder = this.pkg.nativeUtf8 ? nativeStream(this.pkg.nativeUtf8) : new Utf8Decoder();
    return h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? h.subarray(3) : h;
  }

  private feed(text: string): void {
    if (text === '') return;
    // The tail of the chunk before catches a DOCTYPE cut in two, without copying the chunk.
    if (text.indexOf(DOCTYPE) >= 0 || (this.tail + text.slice(0, DOCTYPE.length - 1)).indexOf(DOCTYPE) >= 0) throw this.doctype();
    const keep = DOCTYPE.length - 1;
    this.tail = text.length >= keep ? text.slice(-keep) : (this.tail + text).slice(-keep);
    this.checkRuns(text);
    this.parser.write(text);
  }

  /**
   * Refuses a stretch without markup longer than any text a cell may hold, before saxes gathers
   * it into one string; a chunk no longer than the limit cannot hide one inside itself.
   */
  private checkRuns(text: string): void {
    const first = text.indexOf('<');
    if (first < 0) {
      this.sinceMarkup += text.length;
      if (this.sinceMarkup > this.maxRun) throw this.tooLong();
      return;
    }
    if (this.sinceMarkup + first > this.maxRun) throw this.tooLong();
    if (text.length > this.maxRun) {
      for (let at = first; at >= 0; ) {
        const next = text.indexOf('<', at + 1);
        if ((next < 0 ? text.length : next) - at - 1 > this.maxRun) throw this.tooLong();
        at = next;
      }
    }
    this.sinceMarkup = text.length - text.lastIndexOf('<') - 1;
  }

  private tooLong(): FileReadError {
    return new FileReadError('file_limit', this.pkg.fileName, `текст в части ${this.part} длиннее ${formatCount(this.pkg.limits.textLength)} символов`);
  }

  private doctype(): FileReadError {
    return new FileReadError('file_limit', this.pkg.fileName, 'в файле объявлены сущности XML (DOCTYPE) — такие файлы не читаются');
  }
}

/** Streams one part of the package through the handler. */
export function readXmlPart(pkg: ZipPackage, part: string, handler: XmlHandler): void {
  const reader = new XmlPartReader(pkg, part, handler);
  pkg.read(part, (chunk) => reader.write(chunk));
  reader.end();
}

/** The attribute whatever its namespace prefix (`r:id` is `ns1:id` to some writers). */
export function prefixedAttribute(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in attributes) {
    if (Object.prototype.hasOwnProperty.call(attributes, key) && key.indexOf(':') > 0 && localName(key) === name) return attributes[key];
  }
  return undefined;
}
