import type { IndicatorRow } from './hand-fact-model';

/** The rows the hand-written facts were built from, by the form sheet they came from. */
export interface RegionRecords {
  register: IndicatorRow[];
  vpr: IndicatorRow[];
  vprTasks: IndicatorRow[];
  oge: IndicatorRow[];
  ege: IndicatorRow[];
  medallists: IndicatorRow[];
  conditions: IndicatorRow[];
  observation: IndicatorRow[];
}

/** The records of the pipeline (by «template.sheet») in the shape the hand-written facts read. */
export function handRecords(sheets: ReadonlyMap<string, readonly IndicatorRow[]>): RegionRecords {
  const rows = (ref: string) => [...(sheets.get(ref) ?? [])];
  return {
    register: rows('register.schools'),
    vpr: rows('vpr.results'),
    vprTasks: rows('vpr.tasks'),
    oge: rows('gia.oge'),
    ege: rows('gia.ege'),
    medallists: rows('gia.medallists'),
    conditions: rows('conditions.conditions'),
    observation: rows('observation.procedures'),
  };
}
