import jsep from 'jsep';

/**
 * The safe expression language of templates and rules: arithmetic, comparisons, logic, the ternary
 * and a few whitelisted functions over named indicators. Parsed by jsep, interpreted here over the
 * AST; no text is ever turned into code.
 */

export type ExpressionValue = number | string | boolean | null;

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
    // Compiled to ES5, a subclass of Error loses its prototype: instanceof would miss it.
    Object.setPrototypeOf(this, ExpressionError.prototype);
  }
}

export interface CompiledExpression {
  readonly text: string;
  /** Indicator names the expression reads. */
  readonly identifiers: readonly string[];
  evaluate(scope: (name: string) => ExpressionValue | undefined): ExpressionValue;
  /** What the expression gives, told from its shape and the kinds of the names it reads. */
  resultKind(kindOf: (name: string) => ValueKind): ValueKind;
}

export type ValueKind = 'number' | 'text' | 'boolean' | 'unknown';

const NUMBER_FUNCTIONS = new Set(['min', 'max', 'abs', 'round', 'sum']);

function kindOfNode(node: Node, kindOf: (name: string) => ValueKind): ValueKind {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value;
      return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : typeof v === 'boolean' ? 'boolean' : 'unknown';
    }
    case 'Identifier':
    case 'MemberExpression': {
      const name = dottedName(node);
      return name === undefined ? 'unknown' : kindOf(name);
    }
    case 'UnaryExpression':
      return (node as jsep.UnaryExpression).operator === '!' ? 'boolean' : 'number';
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (b.operator !== '+') return ['-', '*', '/', '%'].includes(b.operator) ? 'number' : 'boolean';
      const sides = [kindOfNode(b.left, kindOf), kindOfNode(b.right, kindOf)];
      return sides.includes('text') ? 'text' : sides.every((k) => k === 'number') ? 'number' : 'unknown';
    }
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      const a = kindOfNode(c.consequent, kindOf);
      return a === kindOfNode(c.alternate, kindOf) ? a : 'unknown';
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const name = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '';
      if (NUMBER_FUNCTIONS.has(name)) return 'number';
      if (name === 'lower') return 'text';
      if (name === 'isblank') return 'boolean';
      for (const a of call.arguments) {
        const k = kindOfNode(a, kindOf);
        if (k !== 'unknown') return k;
      }
      return 'unknown';
    }
  }
  return 'unknown';
}

type Fn = (args: ExpressionValue[]) => ExpressionValue;

const numeric = (args: ExpressionValue[]): number[] | null =>
  args.some((a) => typeof a !== 'number') ? null : (args as number[]);

const FUNCTIONS = new Map<string, Fn>(Object.entries({
  min: (a) => (numeric(a) && a.length ? Math.min(...(a as number[])) : null),
  max: (a) => (numeric(a) && a.length ? Math.max(...(a as number[])) : null),
  abs: (a) => (typeof a[0] === 'number' ? Math.abs(a[0]) : null),
  round: (a) => {
    if (typeof a[0] !== 'number') return null;
    const f = 10 ** (typeof a[1] === 'number' ? a[1] : 0);
    return Math.round(a[0] * f) / f;
  },
  sum: (a) => (numeric(a) ? (a as number[]).reduce((s, x) => s + x, 0) : null),
  coalesce: (a) => a.find((x) => x !== null) ?? null,
  isblank: (a) => a[0] === null,
  lower: (a) => (typeof a[0] === 'string' ? a[0].toLowerCase() : null),
} satisfies Record<string, Fn>));

export const EXPRESSION_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||']);

/** Equality tolerant to the rounding of percentages computed from counts. */
function same(a: ExpressionValue, b: ExpressionValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

function binary(op: string, l: ExpressionValue, r: ExpressionValue): ExpressionValue {
  if (op === '==' || op === '!=') {
    if (l === null || r === null) return null;
    return op === '==' ? same(l, r) : !same(l, r);
  }
  if (l === null || r === null) return null;
  if (op === '+' && (typeof l === 'string' || typeof r === 'string')) return String(l) + String(r);
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (typeof l !== typeof r) return null;
    if (op === '<') return l < r;
    if (op === '<=') return l < r || same(l, r);
    if (op === '>') return l > r;
    return l > r || same(l, r);
  }
  if (typeof l !== 'number' || typeof r !== 'number') return null;
  switch (op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '/': return r === 0 ? null : l / r;
    case '%': return r === 0 ? null : l % r;
  }
  return null;
}

type Node = jsep.Expression;

/** Names an expression may never read: they reach JavaScript's objects, not indicators. */
const FORBIDDEN_NAMES = new Set(['constructor', 'prototype', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/** `a.b.c` as one name: indicators of other groups are read as group.indicator. */
function dottedName(node: Node): string | undefined {
  if (node.type === 'Identifier') {
    const name = (node as jsep.Identifier).name;
    return FORBIDDEN_NAMES.has(name) ? undefined : name;
  }
  const m = node as jsep.MemberExpression;
  if (node.type !== 'MemberExpression' || m.computed || m.property.type !== 'Identifier') return undefined;
  const head = dottedName(m.object);
  const tail = (m.property as jsep.Identifier).name;
  return head === undefined || FORBIDDEN_NAMES.has(tail) ? undefined : `${head}.${tail}`;
}
type Evaluator = (scope: (name: string) => ExpressionValue | undefined) => ExpressionValue;

function build(node: Node, text: string, ids: Set<string>): Evaluator {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value;
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return () => v;
      throw new ExpressionError(`недопустимое значение ${(node as jsep.Literal).raw}`, text);
    }
    case 'Identifier':
    case 'MemberExpression': {
      const name = dottedName(node);
      if (name === undefined) throw new ExpressionError('недопустимая конструкция: можно только имя показателя или группа.показатель', text);
      ids.add(name);
      return (scope) => scope(name) ?? null;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      const arg = build(u.argument, text, ids);
      if (u.operator === '-') return (s) => { const v = arg(s); return typeof v === 'number' ? -v : null; };
      if (u.operator === '+') return (s) => { const v = arg(s); return typeof v === 'number' ? v : null; };
      if (u.operator === '!') return (s) => { const v = arg(s); return v === null ? null : !v; };
      throw new ExpressionError(`недопустимая операция «${u.operator}»`, text);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!BINARY.has(b.operator)) throw new ExpressionError(`недопустимая операция «${b.operator}»`, text);
      const l = build(b.left, text, ids);
      const r = build(b.right, text, ids);
      if (b.operator === '&&') return (s) => { const a = l(s); if (a === false) return false; const c = r(s); if (c === false) return false; return a === null || c === null ? null : Boolean(a) && Boolean(c); };
      if (b.operator === '||') return (s) => { const a = l(s); if (a === true) return true; const c = r(s); if (c === true) return true; return a === null || c === null ? null : Boolean(a) || Boolean(c); };
      const op = b.operator;
      return (s) => binary(op, l(s), r(s));
    }
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      const test = build(c.test, text, ids);
      const yes = build(c.consequent, text, ids);
      const no = build(c.alternate, text, ids);
      return (s) => { const t = test(s); return t === null ? null : t ? yes(s) : no(s); };
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const name = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '';
      const fn = FUNCTIONS.get(name);
      if (!fn) throw new ExpressionError(`неизвестная функция «${name || '?'}»; доступны: ${EXPRESSION_FUNCTIONS.join(', ')}`, text);
      const args = call.arguments.map((a) => build(a, text, ids));
      return (s) => fn(args.map((a) => a(s)));
    }
  }
  throw new ExpressionError(`недопустимая конструкция (${node.type})`, text);
}

export function compileExpression(text: string): CompiledExpression {
  let ast: Node;
  try {
    ast = jsep(text);
  } catch (e) {
    const err = e as Error & { index?: number };
    throw new ExpressionError(`синтаксическая ошибка: ${err.message}`, text, err.index);
  }
  const ids = new Set<string>();
  const evaluate = build(ast, text, ids);
  return { text, identifiers: [...ids], evaluate, resultKind: (kindOf) => kindOfNode(ast, kindOf) };
}
