import { type CellValue, isCellError, isDate } from '../grid/grid';
import type { ColumnSpec, IndicatorType } from '../template/template';
import { normalizeLabel } from '../template/label';

/** A typed indicator value. Dates are ISO strings (YYYY-MM-DD) so facts stay plain JSON. */
export type IndicatorValue = number | string | boolean | null;

export type TypedCell =
  | { ok: true; value: IndicatorValue }
  | { ok: false; problem: 'type' | 'excel_error' };

export const TYPE_NAMES: Record<IndicatorType, string> = {
  integer: 'целое число',
  number: 'число',
  percent: 'процент',
  boolean: 'да или нет',
  list: 'значение из списка',
  text: 'текст',
  date: 'дата',
  school_id: 'код ОО',
};

const SPACES = /[\s\u00a0\u2007\u202f]+/g;
const NUMBER_TEXT = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** «1 234,5», «0,25», «12.5» → number; anything else → undefined. */
export function parseNumberText(text: string): number | undefined {
  const t = text.replace(SPACES, '').replace(/[−–]/g, '-');
  if (!NUMBER_TEXT.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

const TRUE_WORDS = new Set(['да', 'yes', 'true', 'истина', '1', 'д', '+']);
const FALSE_WORDS = new Set(['нет', 'no', 'false', 'ложь', '0', 'н', '-']);

function parseBoolean(raw: string | number | boolean): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : undefined;
  const t = normalizeLabel(raw);
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parseDate(raw: string | number): string | undefined {
  if (typeof raw === 'number') {
    if (raw < 1 || raw > 2958465) return undefined;
    return isoDate(new Date(EXCEL_EPOCH + Math.round(raw) * 86400000));
  }
  const t = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(\s.*)?$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return isoDate(date);
}

function toNumber(raw: Exclude<CellValue, null>): { n: number; percentSign: boolean } | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { n: raw, percentSign: false } : undefined;
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim();
  const percentSign = t.endsWith('%');
  const n = parseNumberText(percentSign ? t.slice(0, -1) : t);
  return n === undefined ? undefined : { n, percentSign };
}

/** Column rules compiled once: list lookup and pattern. */
export interface ColumnTyping {
  column: ColumnSpec;
  listLookup?: Map<string, string>;
  pattern?: RegExp;
}

export function columnTyping(column: ColumnSpec): ColumnTyping {
  return {
    column,
    listLookup: column.values ? new Map(column.values.map((v) => [normalizeLabel(v), v])) : undefined,
    pattern: column.pattern ? new RegExp(column.pattern) : undefined,
  };
}

/**
 * Types one cell by its column. A blank cell yields null; the caller decides what blank means.
 * `percentFormatted`: the cell shows a percent format, so its number is a fraction.
 */
export function typeCell(raw: CellValue, typing: ColumnTyping, percentFormatted = false): TypedCell {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  if (isCellError(raw)) return { ok: false, problem: 'excel_error' };
  const column = typing.column;
  const fail: TypedCell = { ok: false, problem: 'type' };
  switch (column.type) {
    case 'integer':
    case 'number':
    case 'percent': {
      const parsed = toNumber(raw);
      if (!parsed) return fail;
      let n = parsed.n;
      if (column.type === 'percent' && !parsed.percentSign && (percentFormatted || column.percentInput === 'fraction')) n *= 100;
      if (column.type !== 'percent' && parsed.percentSign) return fail;
      if (column.type === 'integer') {
        if (Math.abs(n - Math.round(n)) > 1e-9) return fail;
        n = Math.round(n);
      }
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (isDate(raw)) return fail;
      const b = parseBoolean(raw);
      return b === undefined ? fail : { ok: true, value: b };
    }
    case 'list': {
      if (isDate(raw) || typeof raw === 'boolean') return fail;
      const v = typing.listLookup?.get(normalizeLabel(String(raw)));
      return v === undefined ? fail : { ok: true, value: v };
    }
    case 'date': {
      if (isDate(raw)) return Number.isNaN(raw.getTime()) ? fail : { ok: true, value: isoDate(raw) };
      if (typeof raw === 'boolean') return fail;
      const d = parseDate(raw);
      return d === undefined ? fail : { ok: true, value: d };
    }
    case 'school_id':
    case 'text': {
      const text = isDate(raw) ? isoDate(raw) : String(raw).trim();
      if (typing.pattern && !typing.pattern.test(text)) return fail;
      return { ok: true, value: text };
    }
  }
}

/** How a value looks in a message: as the user typed it. */
export function displayValue(raw: CellValue): string | number | boolean | null {
  if (raw === null) return null;
  if (isDate(raw)) return isoDate(raw);
  if (isCellError(raw)) return raw.error;
  return raw;
}
