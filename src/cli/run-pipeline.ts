import { isPipelineError, type PipelineError } from '../core/pipeline/errors';
import { type PipelineRun, runPipeline } from '../core/pipeline/run';
import type { RuleLibrary } from '../core/rules/library';
import { fileSources, type SkippedFile } from '../files/file-sources';
import { CliFailure } from './cli-failure';
import { fileJson, filesTotals, header, printJson, ruleProblemsJson, skippedJson } from './output/json';
import { printUnused } from './output/classification';
import { progress } from './progress';

export interface FilesRun {
  run: PipelineRun;
  skipped: SkippedFile[];
}

/**
 * The pipeline over the files and folders named on the command line, with progress on a terminal. When
 * the pipeline stops, the sources that were not read are listed first and the reason follows (in
 * --json, as a document with `error`), exit 2.
 */
export async function runOnFiles(command: string, paths: readonly string[], library: RuleLibrary, options: { json?: boolean; recommend?: boolean; paramsId?: string; reportDate: Date }): Promise<FilesRun> {
  const { inputs, skipped } = fileSources(paths);
  if (inputs.length === 0) throw new CliFailure(`Не найдено ни одной формы (.xlsx, .csv) в: ${paths.join(', ')}`);
  const show = progress(!options.json);
  try {
    const run = await runPipeline(inputs, library, {
      reportDate: options.reportDate,
      paramsId: options.paramsId,
      recommend: options.recommend,
      onProgress: (p) => {
        if (p.stage === 'check') show.file(p.name, p.done, p.total);
        else show.stage(p.stage === 'classify' ? 'Классификация школ' : 'Адресные рекомендации');
      },
    });
    show.stop();
    return { run, skipped };
  } catch (e) {
    show.stop();
    if (!isPipelineError(e)) throw e;
    const outcomes = (e as PipelineError).outcomes ?? [];
    if (options.json) {
      printJson({ ...header(command, 'failed'), error: { ...(e as PipelineError).problem, message: e.message }, totals: filesTotals(outcomes, skipped), files: outcomes.map((o) => fileJson(o)), skipped: skipped.map(skippedJson), ruleProblems: ruleProblemsJson(library.problems) });
      throw new CliFailure('', true);
    }
    printUnused(outcomes, skipped);
    throw new CliFailure(e.message);
  }
}
