import type { ExpressionValue } from '../expression/expression';
import type { IndicatorValue } from '../validate/value';
import type { CompiledIndicator } from './compile';

export type IndicatorRow = Record<string, IndicatorValue>;

/** What an indicator comes to for one unit and year, with what explanations and pooled context need. */
export interface IndicatorResult {
  value: unknown;
  /** The record(s) behind the value: a string for min, max, first, sum; one per element for list. */
  labels?: string | string[] | null;
  /** share: Σ part and Σ whole; weighted_mean: Σ value·weight and Σ weight — the region pools them. */
  part?: number;
  whole?: number;
}

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** How an expression names a parameter of the region: `params.` and its dotted path in the parameters file. */
export const PARAMS_PREFIX = 'params.';

/** The region's parameter at a dotted path, null when it is not there or not a plain value. */
export type ParamReader = (dotted: string) => ExpressionValue;

/** One scope for every record in turn: a record's fields, prev.<field> of the same record a year earlier, params.<path>. */
export class RecordScope {
  row: IndicatorRow = {};
  prev: IndicatorRow | undefined;
  constructor(private readonly param?: ParamReader) {}
  readonly read = (name: string): ExpressionValue | undefined => {
    if (name.length > 5 && name.charCodeAt(4) === 46 && name.startsWith('prev.')) return this.prev ? this.prev[name.slice(5)] : null;
    if (name.startsWith(PARAMS_PREFIX)) return this.param ? this.param(name.slice(PARAMS_PREFIX.length)) : null;
    return this.row[name];
  };
  at(row: IndicatorRow, prev?: IndicatorRow): (name: string) => ExpressionValue | undefined {
    this.row = row;
    this.prev = prev;
    return this.read;
  }
}

const text = (v: ExpressionValue): string | null => (v === null ? null : String(v));

/** An indicator over the records chosen for one unit and year (`prevs`: the same record a year earlier, for match). */
export function aggregateRecords(ind: CompiledIndicator, rows: readonly IndicatorRow[], prevs?: readonly (IndicatorRow | undefined)[], param?: ParamReader): IndicatorResult {
  const s = new RecordScope(param);
  const at = (i: number) => s.at(rows[i], prevs?.[i]);
  const value = (i: number) => ind.value!.evaluate(at(i));
  const label = (i: number) => (ind.label ? text(ind.label.evaluate(at(i))) : null);
  const n = rows.length;
  switch (ind.aggregate) {
    case 'first':
    case 'last': {
      if (!n) return { value: null, ...(ind.hasLabels && { labels: null }) };
      const i = ind.aggregate === 'first' ? 0 : n - 1;
      return { value: value(i), ...(ind.hasLabels && { labels: label(i) }) };
    }
    case 'sum': {
      let sum = 0;
      const labels: string[] = [];
      for (let i = 0; i < n; i++) {
        sum += num(value(i)) ?? 0;
        const l = ind.hasLabels ? label(i) : null;
        if (l !== null) labels.push(l);
      }
      return { value: sum, ...(ind.hasLabels && { labels: labels.length ? labels.join(', ') : null }) };
    }
    case 'count':
      return { value: n };
    case 'distinct': {
      const seen = new Set<unknown>();
      for (let i = 0; i < n; i++) {
        const v = value(i);
        if (v !== null) seen.add(v);
      }
      return { value: seen.size };
    }
    case 'share': {
      let part = 0;
      let whole = 0;
      for (let i = 0; i < n; i++) {
        const scope = at(i);
        part += num(ind.part!.evaluate(scope)) ?? 0;
        whole += num(ind.whole!.evaluate(scope)) ?? 0;
      }
      return { value: whole > 0 ? (100 * part) / whole : null, part, whole };
    }
    case 'mean': {
      let sum = 0;
      let k = 0;
      for (let i = 0; i < n; i++) {
        const v = num(value(i));
        if (v === null) continue;
        sum += v;
        k++;
      }
      return { value: k ? sum / k : null };
    }
    case 'weighted_mean': {
      let part = 0;
      let whole = 0;
      for (let i = 0; i < n; i++) {
        const v = num(value(i));
        const w = num(ind.weight!.evaluate(at(i)));
        if (v === null || w === null || w <= 0) continue;
        part += v * w;
        whole += w;
      }
      return { value: whole > 0 ? part / whole : null, part, whole };
    }
    case 'min':
    case 'max': {
      // Every value of every record: the first extreme wins, and its label names it.
      const choices = ind.values ?? [{ value: ind.value!, label: ind.label }];
      const better = ind.aggregate === 'min' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
      let best: number | null = null;
      let named: string | null = null;
      for (let i = 0; i < n; i++) {
        const scope = at(i);
        for (const choice of choices) {
          const v = num(choice.value.evaluate(scope));
          if (v === null || (best !== null && !better(v, best))) continue;
          best = v;
          named = choice.label ? text(choice.label.evaluate(scope)) : null;
        }
      }
      return { value: best, ...(ind.hasLabels && { labels: named }) };
    }
    case 'any':
    case 'all': {
      if (!n) return { value: null };
      let hits = 0;
      for (let i = 0; i < n; i++) if (value(i) === true) hits++;
      return { value: ind.aggregate === 'any' ? hits > 0 : hits === n };
    }
    case 'list': {
      const values: unknown[] = [];
      const labels: string[] = [];
      for (let i = 0; i < n; i++) {
        const v = value(i);
        if (v === null) continue;
        values.push(v);
        if (ind.label) labels.push(label(i) ?? '');
      }
      return { value: values, ...(ind.hasLabels && { labels }) };
    }
  }
  return { value: null };
}

/** Records of the sources kept by the indicator's filter and condition. */
export function kept(ind: CompiledIndicator, row: IndicatorRow, scope: RecordScope): boolean {
  for (const f of ind.filter) if (!f.allowed.has(row[f.field] as string)) return false;
  return !ind.where || ind.where.evaluate(scope.at(row)) === true;
}
