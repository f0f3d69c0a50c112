import type { FactInfo } from '../indicators/catalogue';
import { formatValue } from '../messages/phrases';
import { plural as counted } from '../messages/numbers';
import { changeOverYears, OKOSHKO_OPERATORS } from './operators';

const yearsWord = (n: number) => counted(n, 'год', 'года', 'лет');

/** One leaf condition that held: which fact, what it was, against what. */
export interface HeldCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  /** The fact the threshold was read from, when the rule compares with another fact (the city's mean). */
  valueFact?: { fact: string; path?: string };
}

type ResultNode = Record<string, unknown>;

/** The leaves that made a fired rule fire: every child of a held `all`, the held children of an `any`; guards under `not` are left out. */
export function heldConditions(node: unknown, facts: Record<string, unknown>): HeldCondition[] {
  const n = node as ResultNode;
  if (!n || typeof n !== 'object') return [];
  if (Array.isArray(n.all)) return (n.all as ResultNode[]).flatMap((c) => heldConditions(c, facts));
  if (Array.isArray(n.any)) return (n.any as ResultNode[]).filter((c) => c.result === true).flatMap((c) => heldConditions(c, facts));
  if ('not' in n) return [];
  if (typeof n.condition === 'string') return [];
  if (typeof n.fact === 'string' && n.result === true) {
    const ref = n.value as { fact?: unknown; path?: unknown } | null;
    const valueFact = ref && typeof ref === 'object' && typeof ref.fact === 'string' ? { fact: ref.fact, path: typeof ref.path === 'string' ? ref.path : undefined } : undefined;
    return [{ fact: n.fact, path: n.path as string | undefined, operator: n.operator as string, value: n.valueResult ?? n.value, factValue: n.factResult, ...(valueFact && { valueFact }) }];
  }
  return [];
}

const THRESHOLD_PHRASES: Record<string, string> = {
  greaterThanInclusive: 'при пороге',
  greaterThan: 'при пороге более',
  lessThan: 'при пороге менее',
  lessThanInclusive: 'при пороге не более',
  notEqual: 'при недопустимом значении',
};

function pathKey(path?: string): string {
  return (path ?? '').replace(/^\$\.?/, '');
}

/** The sibling `<key>_<suffix>` of a fact path: labels and last year's value travel beside the value. */
function sibling(facts: Record<string, unknown>, fact: string, path: string | undefined, suffix: string): unknown {
  const parts = pathKey(path).split('.').filter(Boolean);
  let node = facts[fact] as Record<string, unknown> | undefined;
  for (const p of parts.slice(0, -1)) node = node?.[p] as Record<string, unknown> | undefined;
  const last = parts[parts.length - 1];
  return last && node && typeof node === 'object' ? node[`${last}_${suffix}`] : undefined;
}

/** Last year's value of the fact, for facts whose group says explanations quote it. */
function previous(facts: Record<string, unknown>, c: HeldCondition, known?: Record<string, FactInfo>): unknown {
  if (!known?.[c.fact]?.quotePreviousYear) return undefined;
  let node = facts[`${c.fact}_prev`] as Record<string, unknown> | null | undefined;
  for (const p of pathKey(c.path).split('.').filter(Boolean)) node = node?.[p] as Record<string, unknown> | undefined;
  return node;
}

/** «в каждом из последних 3 лет» takes the genitive plural whatever the number; one year is «в последнем году». */
const lastYears = (n: number) => (n === 1 ? 'в последнем году' : `в каждом из последних ${n} лет`);

const SERIES_PHRASES: Record<string, (a: string, b: number) => string> = {
  lastYearsAtLeast: (t, n) => `не меньше ${t} ${lastYears(n)}`,
  lastYearsAtMost: (t, n) => `не больше ${t} ${lastYears(n)}`,
  runOfYearsAtLeast: (t, n) => `не меньше ${t} ${yearsWord(n)} подряд`,
  runOfYearsAtMost: (t, n) => `не больше ${t} ${yearsWord(n)} подряд`,
};

function sentence(c: HeldCondition, facts: Record<string, unknown>, known?: Record<string, FactInfo>): string {
  const info = known?.[c.fact]?.paths[pathKey(c.path)];
  const title = info?.title ?? (c.path ? `${c.fact}.${pathKey(c.path)}` : c.fact);
  const unit = info?.unit;
  const labels = sibling(facts, c.fact, c.path, 'labels');
  if (c.operator === 'countAtLeast' || c.operator === 'shareAtLeast') {
    const [threshold, n] = c.value as [number, number];
    const xs = (c.factValue as number[]) ?? [];
    const names = Array.isArray(labels) ? labels : [];
    const over = xs.map((x, i) => ({ x, name: names[i] ?? `№ ${i + 1}` })).filter((e) => typeof e.x === 'number' && e.x >= threshold);
    const need = c.operator === 'countAtLeast' ? `нужно не меньше ${n}` : `нужно не меньше ${formatValue(n, '%')} случаев`;
    return `${title}: ${over.map((e) => `${e.name} — ${formatValue(e.x, unit)}`).join('; ')} при пороге ${formatValue(threshold, unit)} (${need})`;
  }
  if (c.operator in SERIES_PHRASES || c.operator === 'changeOverYearsAtLeast' || c.operator === 'changeOverYearsAtMost') {
    const xs = Array.isArray(c.factValue) ? (c.factValue as unknown[]) : [];
    const names = Array.isArray(labels) ? labels : [];
    const years = xs.map((x, i) => `${names[i] ?? `№ ${i + 1}`} — ${formatValue(x, unit)}`).join('; ');
    const [a, b] = c.value as [number, number];
    if (c.operator in SERIES_PHRASES) return `${title}: ${years} — ${SERIES_PHRASES[c.operator](formatValue(a, unit), b)}`;
    const change = changeOverYears(c.factValue, a);
    const bound = c.operator === 'changeOverYearsAtLeast' ? 'не меньше' : 'не больше';
    return `${title}: ${years} — изменение за ${yearsWord(a)} ${formatValue(change ?? null, unit)} при пороге ${bound} ${formatValue(b, unit)}`;
  }
  if (c.operator === 'inWorstShare') {
    const r = c.factValue as { rank: number; of: number };
    return `${title}: ${r.rank}-е место из ${r.of} — в худших ${formatValue(c.value, '%')} региона`;
  }
  const where = typeof labels === 'string' && labels ? ` (${labels})` : '';
  if (c.operator === 'between') {
    const [lo, hi] = c.value as [number, number];
    return `${title}${where} — ${formatValue(c.factValue, unit)}, в пределах от ${formatValue(lo, unit)} до ${formatValue(hi, unit)}`;
  }
  if (c.operator === 'equal' || typeof c.factValue === 'boolean') return `${title}${where}: ${formatValue(c.factValue)}`;
  const phrase = THRESHOLD_PHRASES[c.operator] ?? OKOSHKO_OPERATORS.find((o) => o.name === c.operator)?.phrase ?? c.operator;
  const prev = previous(facts, c, known);
  const before = typeof prev === 'number' ? `; годом ранее — ${formatValue(prev, unit)}` : '';
  const from = c.valueFact ? ` (${(known?.[c.valueFact.fact]?.paths[pathKey(c.valueFact.path)]?.title ?? c.valueFact.fact).toLowerCase()})` : '';
  return `${title}${where} — ${formatValue(c.factValue, unit)} ${phrase} ${formatValue(c.value, unit)}${from}${before}`;
}

/** The Russian explanation of a finding: each condition that held, with values and thresholds, but the unit's key. */
export function explainFinding(held: HeldCondition[], facts: Record<string, unknown>, known?: Record<string, FactInfo>): string {
  // The unit's own key (grade, subject) selects which comparison applies; the finding's label already names it.
  return held
    .filter((c) => c.fact !== 'unit')
    .map((c) => sentence(c, facts, known))
    .join('; ');
}
