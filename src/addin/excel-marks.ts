/// <reference types="office-js" />
import type { HighlightTarget, Highlighting } from '../pane/pane';
import { excelApi } from './excel-api';

export type { HighlightTarget, Highlighting } from '../pane/pane';

/** Fills of the cells «Проверить» marks, by severity (Excel's own light red and yellow). */
export const HIGHLIGHT_FILLS: Record<'error' | 'warning', string> = { error: '#FFC7CE', warning: '#FFEB9C' };
/** Cells marked at most: each needs its original fill read one by one (ExcelApi 1.1 reads a single cell's fill). */
export const MAX_HIGHLIGHT_CELLS = 2000;

const SINGLE_CELL = /^\$?[A-Z]{1,3}\$?\d{1,7}$/;

/**
 * Marks the issues' cells with a fill by severity (an error wins over a warning in the same cell),
 * having read their original fills first. Never changes a value. Three syncs whatever the number of
 * cells: the sheet names, the original fills of every cell (one bulk load), the fills.
 */
export async function highlightCells(context: Excel.RequestContext, targets: readonly HighlightTarget[], limit = MAX_HIGHLIGHT_CELLS): Promise<Highlighting> {
  const byKey = new Map<string, HighlightTarget>();
  for (const t of targets) {
    if (!SINGLE_CELL.test(t.cell)) continue;
    const key = `${t.sheet}\u0000${t.cell.replace(/\$/g, '')}`;
    const had = byKey.get(key);
    if (!had || (had.severity === 'warning' && t.severity === 'error')) byKey.set(key, { ...t, cell: t.cell.replace(/\$/g, '') });
  }
  // Errors first, so a cap leaves warnings unmarked before errors.
  const all = [...byKey.values()].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'));
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const present = new Set(worksheets.items.map((w) => w.name));
  const wanted = all.filter((t) => present.has(t.sheet));
  const chosen = wanted.slice(0, Math.max(0, limit));
  if (!chosen.length) return { cells: [], skipped: all.length, syncs: 1 };

  // Cells grouped per sheet: one getItem each, then one fill load per cell, all in one sync.
  const patterns = excelApi('1.9');
  const sheets = new Map<string, Excel.Worksheet>();
  const loaded = chosen.map((t) => {
    let ws = sheets.get(t.sheet);
    if (!ws) sheets.set(t.sheet, (ws = worksheets.getItem(t.sheet)));
    const range = ws.getRange(t.cell);
    range.load(patterns ? 'format/fill/color,format/fill/pattern' : 'format/fill/color');
    return { t, range };
  });
  await context.sync();

  const cells: Highlighting['cells'] = loaded.map(({ t, range }) => {
    const fill = range.format.fill;
    // Without fill.pattern (ExcelApi 1.9) a cell without fill reads as white: it is restored as «no fill».
    const none = patterns ? fill.pattern === 'None' : !fill.color || fill.color.toUpperCase() === '#FFFFFF';
    return { sheet: t.sheet, cell: t.cell, original: none ? null : fill.color, color: HIGHLIGHT_FILLS[t.severity] };
  });
  for (let i = 0; i < cells.length; i++) loaded[i].range.format.fill.color = cells[i].color;
  await context.sync();
  return { cells, skipped: all.length - cells.length, syncs: 3 };
}

/**
 * «Снять отметки»: gives the marked cells back their original fills (clear() where there was none).
 * A cell whose fill the user changed since is left as it is; so is a sheet that is gone. Three syncs.
 * Returns how many cells were restored.
 */
export async function unhighlightCells(context: Excel.RequestContext, highlighting: Highlighting): Promise<{ restored: number; kept: number; syncs: number }> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const present = new Set(worksheets.items.map((w) => w.name));
  const sheets = new Map<string, Excel.Worksheet>();
  const loaded = highlighting.cells
    .filter((c) => present.has(c.sheet))
    .map((c) => {
      let ws = sheets.get(c.sheet);
      if (!ws) sheets.set(c.sheet, (ws = worksheets.getItem(c.sheet)));
      const range = ws.getRange(c.cell);
      range.load('format/fill/color');
      return { c, range };
    });
  if (!loaded.length) return { restored: 0, kept: highlighting.cells.length, syncs: 1 };
  await context.sync();
  let restored = 0;
  for (const { c, range } of loaded) {
    if ((range.format.fill.color ?? '').toUpperCase() !== c.color.toUpperCase()) continue;
    if (c.original === null) range.format.fill.clear();
    else range.format.fill.color = c.original;
    restored++;
  }
  await context.sync();
  return { restored, kept: highlighting.cells.length - restored, syncs: 3 };
}
