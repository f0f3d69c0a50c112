import { OKOSHKO_OPERATORS, OPERATOR_NAMES } from '../../src/core/rules/operators';

const op = (name: string) => OKOSHKO_OPERATORS.find((o) => o.name === name)!.evaluate;

describe('Okoshko operators', () => {
  it('between holds inside the bounds, bounds included', () => {
    expect(op('between')(30, [30, 40])).toBe(true);
    expect(op('between')(40, [30, 40])).toBe(true);
    expect(op('between')(40.1, [30, 40])).toBe(false);
    expect(op('between')(null, [30, 40])).toBe(false);
  });

  it('countAtLeast counts elements at or over the threshold', () => {
    expect(op('countAtLeast')([41, 30, 12], [30, 2])).toBe(true);
    expect(op('countAtLeast')([41, 29.9, 12], [30, 2])).toBe(false);
    expect(op('countAtLeast')([], [30, 1])).toBe(false);
    expect(op('countAtLeast')(undefined, [30, 1])).toBe(false);
  });

  it('shareAtLeast compares the share of elements over the threshold (share of subjects)', () => {
    expect(op('shareAtLeast')([40, 35], [30, 100])).toBe(true);
    expect(op('shareAtLeast')([40, 20], [30, 100])).toBe(false);
    expect(op('shareAtLeast')([40, 20], [30, 50])).toBe(true);
    expect(op('shareAtLeast')([], [30, 0])).toBe(false);
  });

  it('inWorstShare takes the worst share of the region by rank, rounding the quota up', () => {
    expect(op('inWorstShare')({ rank: 40, of: 400 }, 10)).toBe(true);
    expect(op('inWorstShare')({ rank: 41, of: 400 }, 10)).toBe(false);
    expect(op('inWorstShare')({ rank: 38, of: 375 }, 10)).toBe(true);
    expect(op('inWorstShare')(null, 10)).toBe(false);
  });

  it('lists engine and Okoshko operators for the linter', () => {
    expect(OPERATOR_NAMES).toEqual(expect.arrayContaining(['greaterThanInclusive', 'in', 'between', 'countAtLeast', 'shareAtLeast', 'inWorstShare']));
  });
});
