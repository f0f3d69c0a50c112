import type { ValidationResult } from '../validate/validate';
import type { IndicatorRow } from './fact-model';

/** Every validated row the facts are built from, by form sheet; rows with errors are left out. */
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

const SHEETS: Record<string, keyof RegionRecords> = {
  'register.schools': 'register',
  'vpr.results': 'vpr',
  'vpr.tasks': 'vprTasks',
  'gia.oge': 'oge',
  'gia.ege': 'ege',
  'gia.medallists': 'medallists',
  'conditions.conditions': 'conditions',
  'observation.procedures': 'observation',
};

export function emptyRegionRecords(): RegionRecords {
  return { register: [], vpr: [], vprTasks: [], oge: [], ege: [], medallists: [], conditions: [], observation: [] };
}

/**
 * Gathers the rows of validated submissions of the region's templates. A school listed by several
 * registers keeps the row of the last one given (the newest year comes last).
 */
export function collectRegionRecords(results: readonly ValidationResult[]): RegionRecords {
  const records = emptyRegionRecords();
  const register = new Map<string, IndicatorRow>();
  for (const result of results) {
    if (!result.template) continue;
    for (const sheet of result.sheets) {
      const target = SHEETS[`${result.template.id}.${sheet.spec.id}`];
      if (!target) continue;
      for (const r of sheet.records) {
        if (r.hasErrors) continue;
        if (target === 'register') register.set(String(r.values.school_id), r.values);
        else records[target].push(r.values);
      }
    }
  }
  records.register = [...register.values()];
  return records;
}
