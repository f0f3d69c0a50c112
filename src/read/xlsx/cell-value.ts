import type { CellValue } from '../../core/grid/grid';
import { unescapeXString } from './ooxml-string';

const MS_PER_DAY = 24 * 3600 * 1000;
/** The serial of 1970-01-01 in the 1900 date system, and how much later the 1904 system starts. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_OFFSET = 1462;

/**
 * A date serial as a Date whose UTC fields are the wall-clock date and time Excel shows, computed
 * as exceljs's excelToDate computes it, to the millisecond. Like exceljs it ignores Excel's
 * fictitious 29 February 1900, so serials before 1 March 1900 come out a day early.
 */
export function serialToDate(serial: number, date1904: boolean): CellValue {
  const date = new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0)) * MS_PER_DAY));
  return Number.isNaN(date.getTime()) ? null : date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `t="d"` holds an ISO 8601 date; Excel reads it as the serial of that wall-clock time. */
function isoToSerial(text: string, date1904: boolean): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const n = (i: number): number => (m[i] === undefined ? 0 : parseInt(m[i], 10));
  const ms = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), m[7] === undefined ? 0 : parseInt((m[7] + '00').slice(0, 3), 10));
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_OFFSET : 0);
}

function numberValue(serial: number, isDate: boolean, date1904: boolean): CellValue {
  if (!Number.isFinite(serial)) return null;
  return isDate ? serialToDate(serial, date1904) : serial;
}

/**
 * The value of a cell from its type (`t`) and the text of its `<v>`, for every type but shared
 * and inline strings, which need the tables around the cell. A formula's `<v>` is its cached
 * result and is read the same way: text and errors stay text and errors in a date format, and only
 * numbers become dates.
 */
export function typedValue(type: string | undefined, text: string, isDate: boolean, date1904: boolean): CellValue {
  switch (type) {
    case 'str':
      return unescapeXString(text);
    case 'b': {
      const word = text.trim();
      if (word === 'true') return true;
      if (word === 'false') return false;
      return parseInt(text, 10) !== 0;
    }
    case 'e':
      return { error: text };
    case 'd': {
      const serial = isoToSerial(text, date1904);
      return serial === undefined ? text : numberValue(serial, isDate, date1904);
    }
    default:
      // parseFloat, as exceljs: "1e3" is 1000 and " 12" is 12.
      return numberValue(parseFloat(text), isDate, date1904);
  }
}
