import { checkAgainstSchema } from '../../schema/schema-check';
import { schemaValidators } from '../../schema/schema-validators';
import type { RuleLintProblem } from './problem';

const validateParamsShape = schemaValidators.params;

/** Lints a params file (rules/params/*.json) against its schema. */
export function lintParams(json: unknown, file: string): RuleLintProblem[] {
  return checkAgainstSchema(validateParamsShape, json).map((p) => ({ code: 'schema', severity: 'error', file, pointer: p.pointer, message: p.message }));
}

