import { cellAddress } from '../../core/grid/address';
import type { CellValue, GridSheet, MergedRange } from '../../core/grid/grid';
import { MAX_COLUMNS } from './cell-reference';
import { forEachMergeSlave } from './merges';

/**
 * A sheet's cells gathered as they stream in, then packed into the grid's rows: the rows end at
 * the last row with a value, the rows before it that have none are `[]`, and each row ends at its
 * last value, with null in the gaps. Cells usually come in order and are simply pushed; a cell
 * out of order or given twice takes its place, the later one winning.
 */
export class GridSheetBuilder {
  private readonly rows: (CellValue[] | undefined)[] = [];
  /** Percent-formatted numbers by row × MAX_COLUMNS + column: cheaper than addresses until the end. */
  private readonly percent = new Set<number>();
  private readonly merges: MergedRange[] = [];

  set(row: number, col: number, value: CellValue, percent: boolean): void {
    let cells = this.rows[row];
    if (!cells) {
      if (value === null) return;
      cells = [];
      this.rows[row] = cells;
    }
    if (col >= cells.length) {
      if (value === null) return;
      while (cells.length < col) cells.push(null);
      cells.push(value);
    } else {
      cells[col] = value;
      this.percent.delete(row * MAX_COLUMNS + col);
    }
    if (percent) this.percent.add(row * MAX_COLUMNS + col);
  }

  merge(range: MergedRange): void {
    this.merges.push(range);
  }

  /** The ranges merged so far, in the order the sheet lists them. */
  get mergedRanges(): readonly MergedRange[] {
    return this.merges;
  }

  /** The sheet; a merged range keeps its value in its top-left cell only. The merges must not overlap. */
  build(name: string, hidden: boolean): GridSheet {
    forEachMergeSlave(this.rows, this.merges, (r, c) => {
      const cells = this.rows[r]!;
      cells[c] = null;
      this.percent.delete(r * MAX_COLUMNS + c);
    });
    const rows: CellValue[][] = [];
    let last = -1;
    for (let r = 0; r < this.rows.length; r++) {
      const cells = this.rows[r];
      if (!cells) continue;
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      if (cells.length > 0) last = r;
    }
    for (let r = 0; r <= last; r++) rows.push(this.rows[r] ?? []);
    const percentCells = new Set<string>();
    const keys: number[] = [];
    this.percent.forEach((key) => keys.push(key));
    keys.sort((a, b) => a - b);
    for (const key of keys) percentCells.add(cellAddress(Math.floor(key / MAX_COLUMNS), key % MAX_COLUMNS));
    return { name, hidden, rows, merges: this.merges, percentCells };
  }
}
