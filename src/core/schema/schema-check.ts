import type { ErrorObject } from 'ajv';
import localizeRu from 'ajv-i18n/localize/ru';

/** One problem in a methodologist's JSON file, located by a JSON pointer. */
export interface SchemaProblem {
  /** JSON pointer into the file, e.g. /sheets/0/columns/3/type. */
  pointer: string;
  /** Russian sentence. */
  message: string;
  /** The schema's keyword that failed and its parameters, for code that must tell problems apart (not by their words). */
  keyword?: string;
  params?: Record<string, unknown>;
}

/** A schema's validator as ajv makes it, compiled at run time or generated at build time (schema-validators.ts). */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `лишнее свойство «${(e.params as { additionalProperty: string }).additionalProperty}»`;
  if (e.keyword === 'enum') return `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return e.message ?? e.keyword;
}

/** Checks a parsed JSON value against a schema's validator; problems in Russian with their pointers. */
export function checkAgainstSchema(validate: SchemaValidator, value: unknown): SchemaProblem[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  localizeRu(errors);
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    const problem = { pointer: e.instancePath || '/', message: describe(e), keyword: e.keyword, params: e.params as Record<string, unknown> };
    const key = problem.pointer + problem.message;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return problems;
}
