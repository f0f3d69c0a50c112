/** Operators json-rules-engine lacks, registered on every engine Okoshko makes. */

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numbers = (x: unknown): number[] | undefined => (Array.isArray(x) ? x.filter(isNumber) : undefined);

export interface OkoshkoOperator {
  name: string;
  /** How the explanation says it, between the fact and the threshold. */
  phrase: string;
  evaluate(factValue: unknown, value: unknown): boolean;
}

export const OKOSHKO_OPERATORS: readonly OkoshkoOperator[] = [
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

export const ENGINE_OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

export const OPERATOR_NAMES: readonly string[] = [...ENGINE_OPERATORS, ...OKOSHKO_OPERATORS.map((o) => o.name)];

export const DECORATOR_NAMES: readonly string[] = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];
