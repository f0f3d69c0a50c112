import type { ValidationResult } from '../validate/validate';
import type { IndicatorRow } from './aggregate';

/**
 * The rows indicators read, by «template.sheet», from validated submissions; rows with errors are left
 * out (the report lists them). Several submissions of one form add up, in the order given.
 */
export function collectRecords(results: readonly ValidationResult[]): Map<string, IndicatorRow[]> {
  const records = new Map<string, IndicatorRow[]>();
  for (const result of results) {
    if (!result.template) continue;
    for (const sheet of result.sheets) {
      const ref = `${result.template.id}.${sheet.spec.id}`;
      const rows = records.get(ref) ?? [];
      for (const r of sheet.records) if (!r.hasErrors) rows.push(r.values);
      records.set(ref, rows);
    }
  }
  return records;
}
