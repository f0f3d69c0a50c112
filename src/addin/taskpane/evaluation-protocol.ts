import type { Grid } from '../../core/grid';
import type { ValidationResult } from '../../core/validate';
import type { ValidationReport } from '../../core/validation-report';
import type { RuleBundle } from './rule-bundle';
import type { RegionClassification } from './workflow';

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
  /** The client's key for the source: its grid crosses once, later checks name it by key. */
  key: number;
  name: string;
  open?: boolean;
  /** Absent when the worker already holds this key's grid. */
  grid?: WireGrid;
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
  /** The results of the worker's own check with this request id, kept there so they need not cross again… */
  check?: number;
  /** …or the results themselves. */
  results?: ValidationResult[];
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

export interface CheckedWire {
  result: ValidationResult;
  report: ValidationReport;
}

export type EvaluationResponse =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number; name: string }
  | { type: 'read'; id: number; grid: WireGrid }
  | { type: 'checked'; id: number; checked: CheckedWire[] }
  | { type: 'classified'; id: number; classification: RegionClassification }
  /** A failure with the error's name, so that the pane tells ClassificationUnavailable from the rest as before. */
  | { type: 'failed'; id: number; name: string; message: string };

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

/**
 * Records' values as validate made them, without a prototype (an indicator code such as «constructor»
 * must not find Object's): the clone gives them Object's. Mends the results in place.
 */
export function reviveResults(results: ValidationResult[]): ValidationResult[] {
  for (const result of results)
    for (const sheet of result.sheets)
      for (const record of sheet.records) {
        const values = Object.create(null) as typeof record.values;
        for (const code of Object.keys(record.values)) values[code] = record.values[code];
        record.values = values;
      }
  return results;
}
