import { evaluateUnit, type Finding, type PreparedRuleSet } from './engine';
import type { IndicatorRow } from './fact-model';
import { mean, percentileOf } from './statistics';
import type { ValidationResult } from '../validate/validate';

/** Facts of one row of a foreign table: the row, where it stands in the table, and the table's means. */
export interface TableRowFacts {
  row: IndicatorRow;
  percentile: Record<string, number | null>;
  table: Record<string, number | null>;
}

export interface TableClassification {
  row: IndicatorRow;
  findings: Finding[];
}

/** Rows without errors of the foreign tables (open data) among validation results, by template id. */
export function foreignTables(results: readonly ValidationResult[]): Map<string, IndicatorRow[]> {
  const tables = new Map<string, IndicatorRow[]>();
  for (const r of results) {
    if (r.template?.kind !== 'foreign') continue;
    const rows = r.sheets[0]?.records.filter((x) => !x.hasErrors).map((x) => x.values) ?? [];
    tables.set(r.template.id, [...(tables.get(r.template.id) ?? []), ...rows]);
  }
  return tables;
}

/** Every row's facts, relative to the table's own distribution (the city's schools, for Moscow). */
export function buildTableFacts(rows: readonly IndicatorRow[]): TableRowFacts[] {
  const codes = new Set(rows.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] === 'number')));
  const sorted = new Map([...codes].map((k) => [k, rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b)]));
  const table = Object.fromEntries([...codes].map((k) => [k, mean(sorted.get(k)!)]));
  return rows.map((row) => ({
    row,
    table,
    percentile: Object.fromEntries([...codes].map((k) => [k, typeof row[k] === 'number' ? percentileOf(sorted.get(k)!, row[k] as number) : null])),
  }));
}

/** Runs the table-scope sets written for this template over every row. */
export async function classifyTable(templateId: string, rows: readonly IndicatorRow[], sets: readonly PreparedRuleSet[]): Promise<TableClassification[]> {
  const mine = sets.filter((s) => s.file.scope === 'table' && s.file.template === templateId);
  const out: TableClassification[] = [];
  for (const facts of buildTableFacts(rows)) {
    const findings: Finding[] = [];
    for (const set of mine) findings.push(...(await evaluateUnit(set, facts as unknown as Record<string, unknown>)));
    out.push({ row: facts.row, findings });
  }
  return out;
}
