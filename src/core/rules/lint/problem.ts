/** The problems the linter of the methodologist's rule files reports: a code, the file, the rule and the JSON pointer, in Russian. */

export type RuleLintCode =
  /** The file is not valid JSON (with line and column). */
  | 'json_syntax'
  /** The file or folder could not be read. */
  | 'unreadable_file'
  /** A JSON Schema violation (rule-set, params or rule-cases schema). */
  | 'schema'
  | 'unknown_fact'
  | 'unknown_path'
  /** A table-scope set names a template that is not loaded (or is not a foreign table). */
  | 'unknown_template'
  | 'unknown_operator'
  | 'unknown_decorator'
  /** in / notIn compared with something that is not a list (after resolving a parameter reference). */
  | 'in_without_array'
  /** between, countAtLeast, shareAtLeast, inWorstShare or a numeric comparison with a value of the wrong shape. */
  | 'bad_operator_value'
  | 'unknown_param'
  | 'unknown_recommendation'
  | 'duplicate_rule_name'
  | 'undefined_condition'
  | 'circular_condition'
  /** Warning: a named condition no rule uses. */
  | 'unused_condition'
  /** effective.from is later than effective.to. */
  | 'bad_effective_period'
  /** Two rule-set files with the same id. */
  | 'duplicate_rule_set'
  /** A file nested deeper than rule files ever are, or larger: refused before it is walked. */
  | 'too_deep'
  | 'too_large'
  /** A template or recommendation catalogue that does not load (its schema or its meaning). */
  | 'template'
  | 'catalogue'
  /** Warning: another valid catalogue is in use. */
  | 'catalogue_unused'
  /** Rule cases: the set, a rule of it, or the params file they name does not exist; a case name repeats. */
  | 'unknown_rule_set'
  | 'unknown_rule'
  | 'unknown_params_file'
  | 'duplicate_case_name'
  /** Units and indicators: a sheet, field, unit, indicator, system or outcome that does not exist. */
  | 'unknown_sheet'
  | 'unknown_field'
  | 'unknown_unit'
  | 'unknown_indicator'
  | 'unknown_system'
  | 'unknown_outcome'
  /** An expression that does not parse or uses what the language lacks. */
  | 'bad_expression'
  /** A sum, mean, share, min or max over text or yes/no. */
  | 'not_numeric'
  /** A filter value that is not among the field's allowed values. */
  | 'unknown_filter_value'
  | 'duplicate_indicator'
  | 'indicator_cycle'
  /** Systems that read each other's outcomes in a circle. */
  | 'system_cycle'
  /** Warning: an indicator no rule, explanation or recommendation reads. */
  | 'unused_indicator'
  /** Warning: a number written in a rule where a region's parameter belongs. */
  | 'literal_threshold'
  /** Warning: a rule set no rule case exercises. */
  | 'no_cases'
  /** Warning: a rule the compiled evaluator cannot take, which json-rules-engine runs instead. */
  | 'engine_fallback';

export type RuleLintSeverity = 'error' | 'warning';

export interface RuleLintProblem {
  code: RuleLintCode;
  severity: RuleLintSeverity;
  file: string;
  /** The rule's name, when the problem is inside a rule. */
  rule?: string;
  /** JSON pointer into the file, e.g. /rules/3/conditions/all/1/fact; "/" for the whole file. */
  pointer: string;
  /** Russian sentence. */
  message: string;
  /** json_syntax: where in the text, 1-based. */
  line?: number;
  column?: number;
  /** The folder of the rules the file is in, for a file that could not be read at all. */
  group?: 'templates' | 'units' | 'indicators' | 'systems' | 'sets' | 'params' | 'cases' | 'recommendations' | 'targets';
}

/** A problem as one Russian line: file, rule, place, what is wrong. */
export function ruleProblemText(p: RuleLintProblem): string {
  return `${p.file}${p.rule ? `, правило «${p.rule}»` : ''} ${p.pointer}: ${p.message}`;
}

