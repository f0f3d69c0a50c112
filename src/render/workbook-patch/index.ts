/** Writing report sheets as OOXML parts: into the user's workbook (patch) or a new one (new-workbook). */
export { newReportWorkbook } from './new-workbook';
export { isOurTableName, OUR_NAME_SUFFIX, OUR_SHEET_MARKER, OUR_TABLE_PREFIX } from './ours';
export type { WriteNatives } from './package';
export { patchWorkbookPackage } from './patch';
export { sanitizeSheetName } from './sheet-names';
export { xmlSafe } from './xml-text';
