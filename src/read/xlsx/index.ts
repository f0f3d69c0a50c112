import type { Grid } from '../../core/grid/grid';
import { readLimits, type ReadOptions } from '../limits';
import { ZipPackage } from './package';
import { readSharedStrings } from './shared-strings';
import { readWorksheet, type SheetContext } from './sheet';
import { NO_FORMATS, readCellFormats } from './styles';
import { readWorkbook } from './workbook';

/**
 * Every worksheet of an .xlsx or .xlsm package, in tab order, with values as Excel last
 * calculated them: the grid exceljs gives, read one part at a time within the limits.
 */
export function readXlsxGrid(bytes: Uint8Array, name: string, options?: ReadOptions): Grid {
  const pkg = ZipPackage.open(bytes, name, readLimits(options), { nativeUtf8: options?.nativeUtf8, nativeCrc32: options?.nativeCrc32 });
  const book = readWorkbook(pkg);
  const seen = new Set<string>();
  for (const sheet of book.sheets) {
    // Excel compares sheet names regardless of case; two alike would make "the sheet «Школы»" ambiguous.
    const key = sheet.name.toLowerCase();
    if (seen.has(key)) throw pkg.corrupt(`в книге два листа с именем «${sheet.name}»`);
    seen.add(key);
  }
  if (book.sheets.length === 0) throw pkg.corrupt('в книге нет ни одного листа');
  const context: SheetContext = {
    pkg,
    sharedStrings: book.sharedStringsPart === undefined ? undefined : readSharedStrings(pkg, book.sharedStringsPart),
    formats: book.stylesPart === undefined ? NO_FORMATS : readCellFormats(pkg, book.stylesPart),
    date1904: book.date1904,
    cells: 0,
  };
  return { sheets: book.sheets.map((sheet) => readWorksheet(sheet, context)) };
}
