import path from 'node:path';
import { checkSources, type PipelineRun, type RegionClassification, runPipeline, type SourceOutcome } from '../../src/core/pipeline';
import type { RuleLibrary } from '../../src/core/rules/library';
import { fileSources } from '../../src/files/file-sources';
import { readRuleLibrary } from '../../src/files/rule-library';
import { REGION } from './planted';
import { REPO } from './templates';

export const RULES = path.join(REPO, 'rules');

let cached: RuleLibrary | undefined;

/** The bundled rules folder, loaded once per test file. */
export function bundledLibrary(): RuleLibrary {
  if (!cached) cached = readRuleLibrary(RULES);
  return cached;
}

/** Files and folders checked as the command line checks them, records kept. */
export function checkFiles(paths: readonly string[], library = bundledLibrary()): Promise<SourceOutcome[]> {
  return checkSources(fileSources(paths).inputs, { templates: library.templates });
}

export const SAMPLE_YEARS = [path.join(REGION, '2024'), path.join(REGION, '2025')];

/** The sample region's 2024 and 2025 forms through the whole pipeline, as `okoshko run` does it. */
export async function sampleRegionRun(reportDate = new Date(2025, 8, 1)): Promise<PipelineRun & { classification: RegionClassification }> {
  const run = await runPipeline(fileSources(SAMPLE_YEARS).inputs, bundledLibrary(), { reportDate, recommend: true, paramsId: 'sample-region' });
  if (run.classification.kind !== 'region') throw new Error('the sample region is not classified as a region');
  return run as PipelineRun & { classification: RegionClassification };
}
