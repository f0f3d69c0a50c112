/**
 * How Okoshko knows its own sheets in a user's workbook, the same for the file host and the Office.js
 * adapter: the sheet holds a table whose name starts with «Okoshko_» (both write one over each report
 * sheet), or — in workbooks written by the file host — a hidden defined name `_okoshko_sheet_<n>` refers
 * to it, which follows the sheet through renames, Excel's and LibreOffice's round-trips. A user's sheet
 * that merely has our name has neither, and is never touched.
 */

export const OUR_TABLE_PREFIX = 'Okoshko_';
/** Prefix of the hidden defined names that mark our sheets. */
export const OUR_SHEET_MARKER = '_okoshko_sheet_';
/** Suffix that tells our sheet from the user's sheet of the same name. */
export const OUR_NAME_SUFFIX = ' (Окошко)';

export function isOurTableName(name: string | undefined): boolean {
  return typeof name === 'string' && name.toLowerCase().indexOf(OUR_TABLE_PREFIX.toLowerCase()) === 0;
}

/** The table name our report sheet gets: Okoshko_ and the sheet's table (Okoshko_Recommendations). */
export function ourTableName(table: string): string {
  return `${OUR_TABLE_PREFIX}${table}`;
}
