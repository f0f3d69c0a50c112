import { builtInFormat, isDateFormat, isPercentFormat, unescapeFormatCode } from './number-formats';
import type { ZipPackage } from './package';
import { readXmlPart } from './xml';

const DATE = 1;
const PERCENT = 2;

/** What a cell's style index (its `s`) says of its number: shown as a date, as a percentage, or neither. */
export class CellFormats {
  constructor(private readonly flags: readonly number[]) {}

  /**
   * Style 0 and a missing `s` mean no format, as exceljs has it: it looks a style up only for a
   * non-zero index. Excel's own style 0 is always General.
   */
  isDate(style: number): boolean {
    return style > 0 && ((this.flags[style] ?? 0) & DATE) !== 0;
  }

  isPercent(style: number): boolean {
    return style > 0 && ((this.flags[style] ?? 0) & PERCENT) !== 0;
  }
}

export const NO_FORMATS = new CellFormats([]);

function flagsOf(code: string | undefined): number {
  if (code === undefined) return 0;
  return (isDateFormat(code) ? DATE : 0) | (isPercentFormat(code) ? PERCENT : 0);
}

/** styles.xml: the custom number formats and, for each cell format (`cellXfs/xf`), its number format. */
export function readCellFormats(pkg: ZipPackage, part: string): CellFormats {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let depth = 0;
  let section = '';
  readXmlPart(pkg, part, {
    open(name, attributes) {
      depth++;
      if (depth === 2) {
        section = name;
      } else if (depth === 3 && section === 'numFmts' && name === 'numFmt') {
        const code = attributes.formatCode;
        if (code !== undefined) custom.set(parseInt(attributes.numFmtId, 10), unescapeFormatCode(code));
      } else if (depth === 3 && section === 'cellXfs' && name === 'xf') {
        formatIds.push(parseInt(attributes.numFmtId, 10));
      }
    },
    text() {},
    close() {
      if (depth === 2) section = '';
      depth--;
    },
  });
  // A custom format may take a built-in id; custom wins, as in exceljs. Id 0 (General) and a missing id mean no format.
  return new CellFormats(formatIds.map((id) => (id ? flagsOf(custom.get(id) || builtInFormat(id)) : 0)));
}
