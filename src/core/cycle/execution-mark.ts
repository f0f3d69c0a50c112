import { type CellValue, isCellError, isDate } from '../grid/grid';

/**
 * «Отметка о выполнении» as officials type it: «выполнено», «выполнено частично», «не выполнено»,
 * a date, «+», «да», blank — and the МОУО's «согласовано» / «не согласовано» the same way. Each becomes a typed status; anything else is left unrecognised, for a
 * warning with its cell, never guessed.
 */

export type MarkStatus = 'done' | 'partly' | 'not_done' | 'blank';

export type MarkReading = { status: MarkStatus; date?: Date } | { status: 'unrecognised' };

const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'()[\].,;:!?]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const DATE = /(?:^|\s)(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?=[\s.,;)]|$)/;

function dateIn(text: string): Date | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3].length === 2 ? `20${m[3]}` : m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

const NOT_DONE = /^(не\s?(выполнен[оаы]?|исполнен[оаы]?|сделан[оаы]?|проведен[оаы]?|реализован[оаы]?|согласован[оаы]?)|нет|отменен[оаы]?|-|–|—|[x×✗✘])$/;
const PARTLY = /^(частично|выполнен[оаы]? частично|частично выполнен[оаы]?|исполнен[оаы]? частично|частично исполнен[оаы]?|в работе|в процессе|выполняется|исполняется|начат[оаы]?)$/;
const DONE = /^(выполнен[оаы]?|исполнен[оаы]?|сделан[оаы]?|проведен[оаы]?|реализован[оаы]?|согласован[оаы]?|да|\+|v|✓|✔|ok|ок)$/;

function readText(raw: string): MarkReading {
  const spaced = ` ${raw.toLowerCase().replace(/\s+/g, ' ')} `;
  const date = dateIn(spaced);
  const text = normalize(date ? spaced.replace(DATE, ' ') : raw);
  if (!text && !date) return { status: 'blank' };
  const words = date ? ` ${text} `.replace(/\s(от|с|г|года?)(?=\s)/g, ' ').replace(/\s+/g, ' ').trim() : text;
  if (!words) return date ? { status: 'done', date } : { status: 'unrecognised' };
  for (const [pattern, status] of [[NOT_DONE, 'not_done'], [PARTLY, 'partly'], [DONE, 'done']] as const)
    if (pattern.test(words)) return { status, ...(date && { date }) };
  return { status: 'unrecognised' };
}

/** A cell of the mark column as a status: a date cell means carried out on that date; a number or an error is not a mark. */
export function readMark(value: CellValue): MarkReading {
  if (value === null || value === undefined) return { status: 'blank' };
  if (isDate(value)) return { status: 'done', date: value };
  if (typeof value === 'boolean') return { status: value ? 'done' : 'not_done' };
  if (isCellError(value) || typeof value === 'number') return { status: 'unrecognised' };
  return readText(value);
}
