import { xmlSafe } from './xml-text';

/** Names Excel accepts for sheets and tables, and the sheet a reference names. */

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A name Excel accepts for a sheet: ≤ 31 characters, none of []:*?/\, not starting or ending with '. */
export function sanitizeSheetName(name: string): string {
  let s = xmlSafe(name).replace(/\n/g, ' ').replace(FORBIDDEN_SHEET_CHARS, '_').trim();
  s = s.replace(/^'+|'+$/g, '');
  if (!s) s = 'Окошко';
  if (s.toLowerCase() === 'history') s = 'History_';
  return Array.from(s).slice(0, 31).join('').replace(/'+$/, '');
}

export function withSuffix(base: string, suffix: string): string {
  const room = 31 - Array.from(suffix).length;
  return Array.from(base).slice(0, room).join('').replace(/'+$/, '').trimEnd() + suffix;
}

/** The sheet name a formula or a defined name refers to: 'Мой лист'!A1 or Лист!A1. */
export function referencedSheet(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, '');
  if (f.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'!/.exec(f);
    return m ? m[1].replace(/''/g, "'") : undefined;
  }
  const m = /^([^!'"(),;]+)!/.exec(f);
  return m ? m[1] : undefined;
}

export function sanitizeTableName(name: string): string {
  // Letters are the characters that have case (no \p{L} in the IE11 webview); digits, _ and . stay.
  const isLetter = (c: string) => c.toLowerCase() !== c.toUpperCase();
  let s = '';
  for (const c of Array.from(name)) s += isLetter(c) || /[0-9_.]/.test(c) ? c : '_';
  if (!isLetter(s.charAt(0)) && s.charAt(0) !== '_') s = `_${s}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(s) || /^[RrCc]$/.test(s) || /^[Rr]\d*[Cc]\d*$/.test(s)) s = `_${s}`;
  return s.slice(0, 250);
}
