import fc from 'fast-check';
import { escAttr, escText, xmlSafe } from '../../src/render/workbook-patch/xml-text';

/** What XML 1.0 allows in text: tab, newline, carriage return, and from U+0020 on, without surrogates and U+FFFE/U+FFFF. */
const allowed = (code: number) => code === 0x9 || code === 0xa || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;

/** The reading of the standard, character by character: what a report cell may carry (controls go first, so surrogates they parted pair up). */
function reference(s: string): string {
  let out = '';
  const units = [...s.replace(/\r\n?/g, '\n')].filter((ch) => ch.length === 2 || (ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff) || allowed(ch.charCodeAt(0))).join('');
  for (const ch of units) {
    const code = ch.codePointAt(0)!;
    if (ch.length === 2 || allowed(code)) out += ch;
  }
  return out;
}

// Strings of the characters that need care (controls, CR, lone and paired surrogates, U+FFFE) among plain ones.
const tricky = fc.array(
  fc.oneof(
    fc.constantFrom('\u0000', '\u0008', '\u000b', '\u000c', '\r', '\r\n', '\n', '\t', '\u001f', '\ud83d', '\ude00', '\ud83d\ude00', '\ufffe', '\uffff', '&', '<', '>', '"', "'"),
    fc.string({ unit: 'grapheme', maxLength: 5 }),
    fc.string({ unit: 'binary', maxLength: 5 }),
  ),
  { maxLength: 20 },
).map((parts) => parts.join(''));

describe('text written into report cells', () => {
  it('keeps exactly what XML 1.0 can carry, with line ends as LF, for any string', () => {
    fc.assert(fc.property(tricky, (s) => expect(xmlSafe(s)).toBe(reference(s))), { numRuns: 5000 });
  });

  it('returns clean text as the same string', () => {
    const clean = 'ШНОР: доля «2» — 34,5 %, 2024–2025\nследующая строка\tи табуляция 😀';
    expect(xmlSafe(clean)).toBe(clean);
    expect(escText(clean)).toBe(clean);
  });

  it('escapes markup in text and quotes, line ends and tabs in attributes', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const safe = reference(s);
        expect(escText(s)).toBe(safe.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
        expect(escAttr(s)).toBe(escText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;'));
      }),
      { numRuns: 2000 },
    );
  });
});
