/**
 * Number formats, decided as exceljs decides them, so that a cell is a date or a percentage in
 * this reader exactly when it is in exceljs's.
 */

/** Excel's built-in formats by id, those exceljs knows in every locale (the East Asian date ids are not among them). */
const BUILT_IN: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export function builtInFormat(id: number): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUILT_IN, id) ? BUILT_IN[id] : undefined;
}

/** A custom format code as styles.xml holds it, its backslash escapes dropped (`0\%` → `0%`). */
export function unescapeFormatCode(code: string): string {
  return code.replace(/[\\](.)/g, '$1');
}

/** A date or time format: a date or time letter outside [colour/locale] brackets and "quoted" text. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** A format that shows a percent sign, so the cell's number is a fraction (0.25 shown as 25 %). */
export function isPercentFormat(code: string): boolean {
  return code.indexOf('%') >= 0;
}
