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

/** The name our sheet gets beside the user's: its own, or «Проверка (Окошко)», «Проверка (Окошко 2)», … when a user's sheet has it. */
export function freeSheetName(base: string, taken: ReadonlySet<string>, withSuffix: (base: string, suffix: string) => string = (b, x) => b + x): string {
  let name = base;
  if (taken.has(name.toLowerCase())) name = withSuffix(base, OUR_NAME_SUFFIX);
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = withSuffix(base, ` (Окошко ${k})`);
  return name;
}

/** Whether a sheet's name is one of ours as freeSheetName gives it, for one of the names we write. */
export function mayBeOurs(sheetName: string, ourNames: readonly string[]): boolean {
  const base = sheetName.toLowerCase().replace(/ \(окошко( \d+)?\)$/, '');
  return ourNames.some((n) => n.toLowerCase() === base);
}
