/**
 * Text as OOXML stores it (ST_Xstring): a character XML cannot hold, such as a carriage return,
 * is written `_x000D_`, and a literal `_x` before four hex digits is itself escaped as `_x005F_`.
 * Upper-case hex only, as exceljs decodes it and Excel writes it.
 */
export function unescapeXString(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
