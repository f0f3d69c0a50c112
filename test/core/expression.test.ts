import { compileExpression, ExpressionError } from '../../src/core/expression/expression';

const run = (text: string, values: Record<string, number | string | boolean | null>) =>
  compileExpression(text).evaluate((n) => (Object.prototype.hasOwnProperty.call(values, n) ? values[n] : undefined));

describe('expression language', () => {
  it('computes a derived share with the ternary guard', () => {
    expect(run('participants > 0 ? 100 * n2 / participants : null', { participants: 20, n2: 5 })).toBe(25);
    expect(run('participants > 0 ? 100 * n2 / participants : null', { participants: 0, n2: 0 })).toBeNull();
  });

  it('lists the indicators an expression reads', () => {
    expect(compileExpression('n2 + n3 + n4 + n5 == participants').identifiers).toEqual(['n2', 'n3', 'n4', 'n5', 'participants']);
  });

  it('compares sums of fractions without floating-point noise', () => {
    expect(run('a + b == c', { a: 0.1, b: 0.2, c: 0.3 })).toBe(true);
    expect(run('a + b <= c', { a: 0.1, b: 0.2, c: 0.3 })).toBe(true);
  });

  it('propagates a missing value instead of guessing', () => {
    expect(run('a + 1', { a: null })).toBeNull();
    expect(run('a <= b', { a: 1, b: null })).toBeNull();
    expect(run('a / b', { a: 1, b: 0 })).toBeNull();
  });

  it('short-circuits logic with three values', () => {
    expect(run('a > 1 && b > 1', { a: 0, b: null })).toBe(false);
    expect(run('a > 1 || b > 1', { a: 2, b: null })).toBe(true);
    expect(run('a > 1 && b > 1', { a: 2, b: null })).toBeNull();
  });

  it('offers whitelisted functions', () => {
    expect(run('max(a, b, 3)', { a: 1, b: 7 })).toBe(7);
    expect(run('round(a, 1)', { a: 2.345 })).toBe(2.3);
    expect(run('coalesce(a, b)', { a: null, b: 4 })).toBe(4);
    expect(run('isblank(a)', { a: null })).toBe(true);
  });

  it.each(['a.constructor', 'this', 'a; b', '[1, 2]', 'x = 1', 'constructor(1)', 'toString()', 'process.exit(1)', '__proto__', 'a.__proto__', 'a[0]', "a['b']", 'a.b()'])(
    'refuses %s: no JavaScript names, computed members, assignment or unknown call',
    (text) => {
      expect(() => compileExpression(text)).toThrow(ExpressionError);
    },
  );

  it('reads group.indicator as one name, which the scope looks up as it is', () => {
    const e = compileExpression('vpr.quality - region.vpr.quality');
    expect(e.identifiers).toEqual(['vpr.quality', 'region.vpr.quality']);
    expect(run('vpr.quality - region.vpr.quality', { 'vpr.quality': 70, 'region.vpr.quality': 52.5 })).toBe(17.5);
    expect(run("lower(subject) + ', ' + grade", { subject: 'Русский язык', grade: 5 })).toBe('русский язык, 5');
  });

  it('explains a syntax error in Russian with its position', () => {
    try {
      compileExpression('n2 + * 3');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      expect((e as ExpressionError).message).toMatch(/синтаксическая ошибка/);
      expect((e as ExpressionError).position).toBeGreaterThan(0);
    }
  });
});
