import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Grid, GridSheet } from '../../src/core/grid/grid';

type SheetJson = Omit<GridSheet, 'percentCells'> & { percentCells?: string[] };

/** A grid kept as JSON under test/fixtures/grids (what a reader would produce). */
export function gridFixture(name: string): Grid {
  const json = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'grids', name), 'utf8')) as { sheets: SheetJson[] };
  return { sheets: json.sheets.map((s) => ({ ...s, percentCells: s.percentCells && new Set(s.percentCells) })) };
}

export function jsonFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'grids', name), 'utf8')) as T;
}
