/** Operators json-rules-engine lacks, registered on every engine Okoshko makes. */

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numbers = (x: unknown): number[] | undefined => (Array.isArray(x) ? x.filter(isNumber) : undefined);

export interface OkoshkoOperator {
  name: string;
  /** How the explanation says it, between the fact and the threshold. */
  phrase: string;
  evaluate(factValue: unknown, value: unknown): boolean;
}

const BASIC_OPERATORS: readonly OkoshkoOperator[] = [
  {
    name: 'between',
    phrase: 'в пределах',
    evaluate: (f, v) => isNumber(f) && Array.isArray(v) && isNumber(v[0]) && isNumber(v[1]) && f >= v[0] && f <= v[1],
  },
  {
    name: 'countAtLeast',
    phrase: 'не меньше порога хотя бы в стольких случаях',
    evaluate: (f, v) => {
      const xs = numbers(f);
      return !!xs && Array.isArray(v) && isNumber(v[0]) && isNumber(v[1]) && xs.filter((x) => x >= v[0]).length >= v[1];
    },
  },
  {
    name: 'shareAtLeast',
    phrase: 'не меньше порога в такой доле случаев',
    evaluate: (f, v) => {
      const xs = numbers(f);
      if (!xs || xs.length === 0 || !Array.isArray(v) || !isNumber(v[0]) || !isNumber(v[1])) return false;
      return (100 * xs.filter((x) => x >= v[0]).length) / xs.length >= v[1];
    },
  },
  {
    name: 'inWorstShare',
    phrase: 'входит в худшую долю региона',
    evaluate: (f, v) => {
      const r = f as { rank?: unknown; of?: unknown } | null;
      return !!r && isNumber(r.rank) && isNumber(r.of) && isNumber(v) && r.rank <= Math.ceil((r.of * v) / 100);
    },
  },
];

/** [threshold, n] and [n, delta] of the operators over a series of years. */
const pair = (v: unknown): [number, number] | undefined => (Array.isArray(v) && isNumber(v[0]) && isNumber(v[1]) ? [v[0], v[1]] : undefined);
const series = (f: unknown): (number | null)[] | undefined => (Array.isArray(f) ? f.map((x) => (isNumber(x) ? x : null)) : undefined);

function lastYears(f: unknown, v: unknown, holds: (x: number, t: number) => boolean): boolean {
  const xs = series(f);
  const p = pair(v);
  if (!xs || !p || p[1] < 1 || xs.length < p[1]) return false;
  return xs.slice(xs.length - p[1]).every((x) => x !== null && holds(x, p[0]));
}

function runOfYears(f: unknown, v: unknown, holds: (x: number, t: number) => boolean): boolean {
  const xs = series(f);
  const p = pair(v);
  if (!xs || !p || p[1] < 1) return false;
  let run = 0;
  for (const x of xs) {
    run = x !== null && holds(x, p[0]) ? run + 1 : 0;
    if (run >= p[1]) return true;
  }
  return false;
}

/** This year's value less the value n years earlier; undefined when either is missing. */
export function changeOverYears(f: unknown, n: number): number | undefined {
  const xs = series(f);
  if (!xs || !Number.isInteger(n) || n < 1 || xs.length <= n) return undefined;
  const now = xs[xs.length - 1];
  const then = xs[xs.length - 1 - n];
  return now === null || then === null ? undefined : now - then;
}

/** Operators over a series of years (the fact <group>_series): the value of each year read, the oldest first. */
export const SERIES_OPERATORS: readonly OkoshkoOperator[] = [
  { name: 'lastYearsAtLeast', phrase: 'не меньше порога в каждом из последних лет', evaluate: (f, v) => lastYears(f, v, (x, t) => x >= t) },
  { name: 'lastYearsAtMost', phrase: 'не больше порога в каждом из последних лет', evaluate: (f, v) => lastYears(f, v, (x, t) => x <= t) },
  { name: 'runOfYearsAtLeast', phrase: 'не меньше порога столько лет подряд', evaluate: (f, v) => runOfYears(f, v, (x, t) => x >= t) },
  { name: 'runOfYearsAtMost', phrase: 'не больше порога столько лет подряд', evaluate: (f, v) => runOfYears(f, v, (x, t) => x <= t) },
  {
    name: 'changeOverYearsAtLeast',
    phrase: 'изменение за годы не меньше порога',
    evaluate: (f, v) => {
      const p = pair(v);
      const d = p && changeOverYears(f, p[0]);
      return d !== undefined && d !== null && d >= p![1];
    },
  },
  {
    name: 'changeOverYearsAtMost',
    phrase: 'изменение за годы не больше порога',
    evaluate: (f, v) => {
      const p = pair(v);
      const d = p && changeOverYears(f, p[0]);
      return d !== undefined && d !== null && d <= p![1];
    },
  },
];

export const ENGINE_OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

export const OKOSHKO_OPERATORS: readonly OkoshkoOperator[] = [...BASIC_OPERATORS, ...SERIES_OPERATORS];

export const OPERATOR_NAMES: readonly string[] = [...ENGINE_OPERATORS, ...OKOSHKO_OPERATORS.map((o) => o.name)];

export const DECORATOR_NAMES: readonly string[] = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];
