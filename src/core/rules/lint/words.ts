/** Small helpers of the linter: JSON shapes, pointers, and the Russian of suggestions and lists. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The rule a pointer of a rule-set file is inside, by its name. */
export function ruleAt(json: unknown, pointer: string): string | undefined {
  const m = /^\/rules\/(\d+)(\/|$)/.exec(pointer);
  if (!m || !isObject(json) || !Array.isArray(json.rules)) return undefined;
  const rule = json.rules[Number(m[1])];
  return isObject(rule) && typeof rule.name === 'string' ? rule.name : undefined;
}

/** Edit distance where swapping two neighbouring letters counts as one edit (vrp → vpr). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** "; возможно, имелось в виду «x»" when a known name is close to the unknown one. */
export function suggestion(word: string, known: Iterable<string>, quote: (s: string) => string = (s) => s): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === word.toLowerCase() ? 0 : distance(word, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  // Short names differ by one letter from many others: only a difference of case counts for them.
  const allowed = word.length < 3 ? 0 : Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= allowed ? `; возможно, имелось в виду «${quote(best)}»` : '';
}

export function listed(names: string[], quote: (s: string) => string = (s) => s, max = 12): string {
  const shown = names.slice(0, max).map((n) => `«${quote(n)}»`).join(', ');
  return names.length > max ? `${shown} и ещё ${names.length - max}` : shown;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'number') return `число ${v}`;
  if (typeof v === 'string') return `строка «${v}»`;
  if (typeof v === 'boolean') return `логическое значение ${v}`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return `список из ${v.length} элементов`;
  return 'объект';
}

