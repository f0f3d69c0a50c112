import { pipelineMessage } from '../messages/pipeline';
import type { SourceOutcome } from './outcome';

/** Why the pipeline cannot go on: a code with the fields that explain it; the Russian sentence comes from messages/pipeline.ts. */
export type PipelineProblem =
  /** No register of the region's schools and no foreign table among the readable forms. */
  | { code: 'nothing_to_classify' }
  /** The year's register could not be read, or has no row without errors. */
  | { code: 'register_unusable'; year: number; files: { name: string; reason: string }[] }
  /** Registers are given only for other years. */
  | { code: 'register_other_year'; year: number; registers: { name: string; years: number[] }[] }
  /** No usable parameter file: the one asked for is missing or broken, or several fit and none was chosen. */
  | { code: 'no_params'; asked?: string; available: string[] }
  /** No unit of rules/units is made of the register's sheet: there is nothing to evaluate rules for. */
  | { code: 'no_units'; sheet: string }
  /** No rule set for the region's schools loaded without errors. */
  | { code: 'no_rule_sets' }
  /** No table rule set is written (without errors) for the foreign table given. */
  | { code: 'no_table_rules'; table: string }
  /** No recommendation catalogue loaded without errors. */
  | { code: 'no_catalogue'; problems: string[] };

export type PipelineProblemCode = PipelineProblem['code'];

export class PipelineError extends Error {
  override name = 'PipelineError';
  /** What the sources came to before the pipeline stopped, when it got that far. */
  outcomes?: SourceOutcome[];

  constructor(readonly problem: PipelineProblem) {
    super(pipelineMessage(problem));
    // Compiled to ES5, a subclass of Error loses its prototype: instanceof would miss it.
    Object.setPrototypeOf(this, PipelineError.prototype);
  }

  get code(): PipelineProblemCode {
    return this.problem.code;
  }
}

export function isPipelineError(e: unknown): e is PipelineError {
  return e instanceof PipelineError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'PipelineError');
}
