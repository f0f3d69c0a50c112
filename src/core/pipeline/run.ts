import type { RuleLibrary } from '../rules/library';
import { type CheckOptions, sourceChecking } from './check';
import { type Classification, classifyOutcomes, type ClassifyOptions } from './classify';
import { PipelineError } from './errors';
import type { SourceOutcome } from './outcome';
import { recommend, type Recommendations } from './recommend';
import type { SourceInput } from './source';

export interface PipelineOptions extends Omit<CheckOptions, 'templates'>, ClassifyOptions {
  reportDate: Date;
  /**
   * Address recommendations: `true` — the catalogue is required (PipelineError no_catalogue without it);
   * `available` — when the rules have a catalogue (the pane); classification alone does not need them.
   */
  recommend?: boolean | 'available';
  /** Called after each source is checked, then once classification starts. */
  onProgress?: (step: { stage: 'check'; done: number; total: number; name: string } | { stage: 'classify' } | { stage: 'recommend' }) => void;
}

/** The whole flow for one set of sources: check, classify, address recommendations. */
export interface PipelineRun {
  outcomes: SourceOutcome[];
  classification: Classification;
  recommendations?: Recommendations;
}

/**
 * Every host's one call: the sources are checked (registers first), the region (or a foreign table)
 * is classified, and the classifications become addressed recommendations. Fails with PipelineError
 * when there is nothing to classify or no rules to do it with; the outcomes are then in `error.outcomes`.
 */
export async function runPipeline(inputs: readonly SourceInput[], library: RuleLibrary, options: PipelineOptions): Promise<PipelineRun> {
  const checking = await sourceChecking(inputs, { ...options, templates: library.templates, keepRecords: true });
  for (let done = 0; checking.upcoming; done++) {
    options.onProgress?.({ stage: 'check', done, total: checking.total, name: checking.upcoming.name });
    await checking.step();
  }
  const outcomes = checking.outcomes();
  try {
    options.onProgress?.({ stage: 'classify' });
    const classified = await classifyChecked(outcomes, library, options);
    for (const o of outcomes) delete o.result;
    return { outcomes, ...classified };
  } catch (e) {
    if (e instanceof PipelineError) e.outcomes = outcomes;
    throw e;
  }
}

/** Classification and recommendations of sources already checked (the pane checks first, then classifies on demand). */
export async function classifyChecked(outcomes: readonly SourceOutcome[], library: RuleLibrary, options: Omit<PipelineOptions, keyof CheckOptions>): Promise<Omit<PipelineRun, 'outcomes'>> {
  const classification = await classifyOutcomes(outcomes, library, options);
  if (!options.recommend) return { classification };
  if (!library.catalogue) {
    if (options.recommend === 'available') return { classification };
    throw new PipelineError({ code: 'no_catalogue', problems: library.problems.filter((p) => p.code === 'catalogue' || p.code === 'json_syntax').map((p) => `${p.file} ${p.pointer}: ${p.message}`) });
  }
  options.onProgress?.({ stage: 'recommend' });
  return { classification, recommendations: recommend(classification, library.catalogue, options.reportDate) };
}
