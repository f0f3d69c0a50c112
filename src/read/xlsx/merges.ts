import type { MergedRange } from '../../core/grid/grid';
import { columnIndex, rowIndex } from './cell-reference';

/**
 * Merged ranges swept row by row. A sheet may hold many thousands of merges, and one may span a
 * million rows: these sweeps cost in proportion to the merges and the cells there are, never to
 * the area a merge claims.
 */

/** `A1:C2` (or a single `B5`) → 0-based inclusive range; undefined when it is no range. */
export function parseRange(ref: string): MergedRange | undefined {
  const colon = ref.indexOf(':');
  const from = colon < 0 ? ref : ref.slice(0, colon);
  const to = colon < 0 ? ref : ref.slice(colon + 1);
  const top = rowIndex(from);
  const left = columnIndex(from);
  const bottom = rowIndex(to);
  const right = columnIndex(to);
  if (top < 0 || left < 0 || bottom < 0 || right < 0) return undefined;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

function byTop(merges: readonly MergedRange[]): MergedRange[] {
  return merges.slice().sort((a, b) => a.top - b.top);
}

/** Index at which a range of this left edge goes in ranges sorted by left. */
function insertionPoint(active: readonly MergedRange[], left: number): number {
  let lo = 0;
  let hi = active.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (active[mid].left < left) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ranges that cover the current row, sorted by left edge. While no two ranges overlap, the
 * ranges covering one row are disjoint in columns, so neighbours in this order are all that a
 * new range can collide with, and a column falls in at most one of them.
 */
class ActiveRanges {
  readonly ranges: MergedRange[] = [];
  private lowestBottom = Infinity;

  /** Drops the ranges that end above this row. */
  advanceTo(row: number): void {
    if (this.lowestBottom >= row) return;
    let kept = 0;
    this.lowestBottom = Infinity;
    for (const range of this.ranges) {
      if (range.bottom < row) continue;
      this.ranges[kept++] = range;
      if (range.bottom < this.lowestBottom) this.lowestBottom = range.bottom;
    }
    this.ranges.length = kept;
  }

  /** Adds the range, or returns the one it overlaps. */
  add(range: MergedRange): MergedRange | undefined {
    const at = insertionPoint(this.ranges, range.left);
    const before = this.ranges[at - 1];
    if (before && before.right >= range.left) return before;
    const after = this.ranges[at];
    if (after && after.left <= range.right) return after;
    this.ranges.splice(at, 0, range);
    if (range.bottom < this.lowestBottom) this.lowestBottom = range.bottom;
    return undefined;
  }

  /** The range holding this column, if any. */
  at(col: number): MergedRange | undefined {
    const i = insertionPoint(this.ranges, col + 1) - 1;
    const range = this.ranges[i];
    return range && range.right >= col ? range : undefined;
  }
}

/** Two merges that share a cell, which Excel calls damage and exceljs refuses; undefined when there are none. */
export function findOverlap(merges: readonly MergedRange[]): [MergedRange, MergedRange] | undefined {
  const active = new ActiveRanges();
  for (const range of byTop(merges)) {
    active.advanceTo(range.top);
    const other = active.add(range);
    if (other) return [other, range];
  }
  return undefined;
}

/**
 * Calls back for every cell within a row's length that a merge hides (all but its top-left one). The merges must
 * not overlap. Per row it walks whichever is fewer, the row's cells or the merges over it.
 */
export function forEachMergeSlave(
  rows: readonly (readonly unknown[] | undefined)[],
  merges: readonly MergedRange[],
  slave: (row: number, col: number) => void,
): void {
  if (merges.length === 0) return;
  const pending = byTop(merges);
  const active = new ActiveRanges();
  let next = 0;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells || cells.length === 0) continue;
    active.advanceTo(r);
    while (next < pending.length && pending[next].top <= r) {
      const range = pending[next++];
      if (range.bottom >= r) active.add(range);
    }
    if (active.ranges.length === 0) continue;
    const isMaster = (range: MergedRange, c: number): boolean => range.top === r && range.left === c;
    if (cells.length <= active.ranges.length) {
      for (let c = 0; c < cells.length; c++) {
        const range = active.at(c);
        if (range && !isMaster(range, c)) slave(r, c);
      }
    } else {
      for (const range of active.ranges) {
        const last = Math.min(range.right, cells.length - 1);
        for (let c = range.left; c <= last; c++) if (!isMaster(range, c)) slave(r, c);
      }
    }
  }
}
