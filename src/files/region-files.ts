import type { IndicatorRow } from '../core/rules/fact-model';
import { collectRegionRecords, type RegionRecords } from '../core/rules/region-records';
import { foreignTables } from '../core/rules/table-classify';
import type { Template } from '../core/template';
import { expandSubmissionPaths } from './submission-files';
import { type FileOutcome, validateFiles } from './validate-files';

export interface RegionData {
  outcomes: FileOutcome[];
  records: RegionRecords;
  /** Rows without errors of foreign tables (open data), by template id. */
  tables: Map<string, IndicatorRow[]>;
}

/** Validates a region's forms (files or folders) and gathers their rows for the facts. */
export async function readRegion(paths: readonly string[], templates: readonly Template[], onFileDone?: (o: FileOutcome) => void): Promise<RegionData> {
  const outcomes = await validateFiles(expandSubmissionPaths(paths), { templates, keepRecords: true, onFileDone });
  const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const tables = foreignTables(results);
  const records = collectRegionRecords(results);
  for (const o of outcomes) delete o.result;
  return { outcomes, records, tables };
}
