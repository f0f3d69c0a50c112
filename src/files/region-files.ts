import { collectRegionRecords, type RegionRecords } from '../core/rules/region-records';
import type { Template } from '../core/template';
import { expandSubmissionPaths } from './submission-files';
import { type FileOutcome, validateFiles } from './validate-files';

/** Validates a region's forms (files or folders) and gathers their rows for the facts. */
export async function readRegion(paths: readonly string[], templates: readonly Template[], onFileDone?: (o: FileOutcome) => void): Promise<{ outcomes: FileOutcome[]; records: RegionRecords }> {
  const outcomes = await validateFiles(expandSubmissionPaths(paths), { templates, keepRecords: true, onFileDone });
  const records = collectRegionRecords(outcomes.flatMap((o) => (o.result ? [o.result] : [])));
  for (const o of outcomes) delete o.result;
  return { outcomes, records };
}
