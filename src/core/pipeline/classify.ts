import { classifyRegion, type SchoolClassification } from '../rules/classify';
import { factCatalogue } from '../rules/fact-catalogue';
import { buildRegionFacts } from '../rules/facts';
import type { RuleLibrary } from '../rules/library';
import { findParams, type RuleLintProblem } from '../rules/lint';
import { forSchools, forTables, type ReadyRules, readyRulesFor } from '../rules/rule-folder';
import type { RuleSetFile } from '../rules/rule-set';
import { classifyTable, foreignTables, type TableClassification } from '../rules/table-classify';
import type { Template } from '../template/template';
import type { Coverage } from './coverage';
import { PipelineError } from './errors';
import { isChecked, type SourceOutcome } from './outcome';
import { regionData } from './region-data';

export interface ClassifyOptions {
  /** The parameter file asked for; otherwise the one the applicable sets are written for. */
  paramsId?: string;
  now?: Date;
}

/** The region's schools classified for one year, with what the classification was made of. */
export interface RegionClassification {
  kind: 'region';
  year: number;
  prevYear: number;
  classifications: SchoolClassification[];
  coverage: Coverage;
  rules: ReadyRules;
  /** Errors of the rule files that were left out. */
  ruleProblems: RuleLintProblem[];
}

/** A foreign table (open data) classified row by row against its own distribution. */
export interface TableRunClassification {
  kind: 'table';
  template: Template;
  rows: TableClassification[];
  rules: ReadyRules;
  ruleProblems: RuleLintProblem[];
}

export type Classification = RegionClassification | TableRunClassification;

/** The rules for what `applies` to, or a PipelineError saying why there are none. */
function rulesFor(library: RuleLibrary, applies: (s: Partial<RuleSetFile>) => boolean, asked: string | undefined, missing: () => PipelineError): { rules: ReadyRules; problems: RuleLintProblem[] } {
  const rules = readyRulesFor(library.folder, factCatalogue(library.templates), applies, asked);
  const used = new Set([...library.folder.sets, ...library.folder.params].map((f) => f.file));
  const problems = rules.problems.filter((p) => p.severity === 'error' && (used.has(p.file) || p.group === 'sets' || p.group === 'params'));
  if (!rules.params) {
    const available = library.folder.params.map((p) => p.id);
    throw new PipelineError({ code: 'no_params', ...(asked !== undefined && { asked }), available: asked !== undefined && findParams(library.folder.params, asked) ? [] : available });
  }
  if (!rules.sets.some((s) => applies(s.file))) throw missing();
  return { rules, problems };
}

/**
 * Classifies what the checked sources describe: the region's schools when a register is given (for
 * the latest year of the forms), otherwise the first foreign table some table rule set is written for.
 */
export async function classifyOutcomes(outcomes: readonly SourceOutcome[], library: RuleLibrary, options: ClassifyOptions = {}): Promise<Classification> {
  const data = regionData(outcomes, options);
  if (data) {
    const { rules, problems } = rulesFor(library, forSchools, options.paramsId, () => new PipelineError({ code: 'no_rule_sets' }));
    const facts = buildRegionFacts(data.records, data.year);
    const classifications = await classifyRegion(facts, rules.sets, rules.params!);
    return { kind: 'region', year: data.year, prevYear: data.prevYear, classifications, coverage: data.coverage, rules, ruleProblems: problems };
  }
  const tables = foreignTables(outcomes.filter(isChecked).map((o) => o.result));
  if (tables.size === 0) throw new PipelineError({ code: 'nothing_to_classify' });
  const ids = [...tables.keys()];
  const titleOf = (id: string) => library.templates.find((t) => t.id === id)?.title ?? id;
  const { rules, problems } = rulesFor(library, forTables(ids), options.paramsId, () => new PipelineError({ code: 'no_table_rules', table: titleOf(ids[0]) }));
  const id = ids.find((x) => rules.sets.some((s) => s.file.scope === 'table' && s.file.template === x))!;
  const template = library.templates.find((t) => t.id === id)!;
  return { kind: 'table', template, rows: await classifyTable(id, tables.get(id)!, rules.sets), rules, ruleProblems: problems };
}
