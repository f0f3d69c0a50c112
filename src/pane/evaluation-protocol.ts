import type { Grid } from '../core/grid/grid';
import type { SourceOutcome } from '../core/pipeline/outcome';
import type { SourceFailure } from '../core/pipeline/source';
import type { ClassificationSummary } from '../core/pipeline/summary';
import type { ReportSheet } from '../core/report/report-sheet';
import type { RuleBundle } from './rule-bundle';

/**
 * The messages between the pane and its evaluation worker. Everything here survives the structured
 * clone of every browser the pane runs in, IE11's included: plain objects, arrays, strings, numbers,
 * Dates — no Sets or Maps, no class instances, no functions. What the clone changes is put back on
 * arrival (a Grid's Sets, the prototype-less values of records).
 */

/** A Grid with its sheets' percent cells as arrays (IE11 cannot clone a Set). */
export interface WireGrid {
  sheets: (Omit<Grid['sheets'][number], 'percentCells'> & { percentCells?: string[] })[];
}

export interface WireSource {
  key: string;
  name: string;
  folder?: string;
  open?: boolean;
  /** Absent when the worker already holds this key's grid (or the source could not be read). */
  grid?: WireGrid;
  failure?: SourceFailure;
}

/** Carried by the first request after the pane's rules change: the worker loads them as the pane did. */
interface WithRules {
  id: number;
  bundle?: RuleBundle;
}

export interface CheckRequest extends WithRules {
  kind: 'check';
  sources: WireSource[];
  /** Id of the template the user picked. */
  picked?: string;
  now: number;
}

export interface ClassifyRequest extends WithRules {
  kind: 'classify';
  /** The outcomes of the worker's own check with this request id, kept there so they need not cross again… */
  check?: number;
  /** …or the outcomes themselves. */
  outcomes?: SourceOutcome[];
  paramsId?: string;
  reportDate: number;
}

/** A chosen file's bytes, parsed into a grid in the worker (the heaviest step for a big workbook). */
export interface ReadRequest extends WithRules {
  kind: 'read';
  name: string;
  bytes: Uint8Array;
}

export type EvaluationRequest = CheckRequest | ClassifyRequest | ReadRequest;

/** What the pane shows of a classification and the report sheets it writes, in their one order. */
export interface PaneClassification {
  summary: ClassificationSummary;
  sheets: ReportSheet[];
}

export type EvaluationResponse =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number; name: string }
  | { type: 'read'; id: number; grid: WireGrid }
  | { type: 'checked'; id: number; outcomes: SourceOutcome[] }
  | { type: 'classified'; id: number; classification: PaneClassification }
  /** A failure with the error's name (and a pipeline problem's code), so that the pane tells the reasons apart as before. */
  | { type: 'failed'; id: number; name: string; message: string; problem?: unknown };

export function toWireGrid(grid: Grid): WireGrid {
  return {
    sheets: grid.sheets.map(({ percentCells, ...rest }) => {
      if (!percentCells) return rest;
      const cells: string[] = [];
      percentCells.forEach((c) => cells.push(c));
      return { ...rest, percentCells: cells };
    }),
  };
}

export function fromWireGrid(grid: WireGrid): Grid {
  return { sheets: grid.sheets.map(({ percentCells, ...rest }) => (percentCells ? { ...rest, percentCells: new Set(percentCells) } : rest)) };
}
