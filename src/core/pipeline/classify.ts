import type { CompiledUnit } from '../indicators/compile';
import { IndicatorModel, type RecordsBySheet } from '../indicators/model';
import { collectRecords } from '../indicators/records';
import { classifyUnits, type SchoolClassification, type SystemsUsed } from '../rules/classify';
import type { RuleLibrary } from '../rules/library';
import { findParams, type RuleLintProblem } from '../rules/lint';
import { forUnit, type ReadyRules, readyRulesFor } from '../rules/rule-folder';
import type { RuleSetFile } from '../rules/rule-set';
import { type Appendices, appendices } from '../cycle/appendices';
import { type ExecutionReadback, mergeExecution } from '../cycle/execution';
import { listChanges, type ListChanges } from '../cycle/list-changes';
import { type MukoRow, mukoIndicatorRows } from '../cycle/muko';
import { planVsFact, type TargetReport } from '../targets/plan-fact';
import type { Template } from '../template/template';
import type { Coverage } from './coverage';
import { PipelineError } from './errors';
import { isChecked, type SourceOutcome } from './outcome';
import { regionData } from './region-data';
import { latestDataYear } from './years';

export interface ClassifyOptions {
  /** The parameter file asked for; otherwise the one the applicable sets are written for. */
  paramsId?: string;
  now?: Date;
}

/** What every classification holds: its units' verdicts, the systems behind them and their indicators. */
interface ClassificationBase {
  year: number;
  classifications: SchoolClassification[];
  systems: SystemsUsed;
  /** The indicators the rules read, for inspection (okoshko indicators). */
  model: IndicatorModel;
  unit: CompiledUnit;
  rules: ReadyRules;
  /** Errors of the rule files that were left out. */
  ruleProblems: RuleLintProblem[];
}

/** The region's schools classified for one year, with what the classification was made of. */
export interface RegionClassification extends ClassificationBase {
  kind: 'region';
  prevYear: number;
  coverage: Coverage;
  /** Plan against fact of the target passports (rules/targets). */
  targets: TargetReport;
  /** Last year's lists against this year's, when last year's register was given. */
  changes?: ListChanges;
  /** Last year's plan read back from the workbooks given, merged by measure. */
  execution?: ExecutionReadback;
  /** Last year's classifications by the same rules, when last year's register was given. */
  previous?: SchoolClassification[];
  /** The lists approved by an order, against last year's approved list or classification. */
  appendices: Appendices;
  /** The systems' МУКО region indicators, this year and last (read from the model before it forgets). */
  muko: MukoRow[];
}

/** A foreign table (open data) classified row by row against its own distribution, or by the units a unit file groups its rows into. */
export interface TableRunClassification extends ClassificationBase {
  kind: 'table';
  template: Template;
}

export type Classification = RegionClassification | TableRunClassification;

/** The rules for what `applies` to, or a PipelineError saying why there are none. */
function rulesFor(library: RuleLibrary, applies: (s: Partial<RuleSetFile>) => boolean, asked: string | undefined, missing: () => PipelineError): { rules: ReadyRules; problems: RuleLintProblem[] } {
  const rules = readyRulesFor(library.folder, library.facts, applies, asked, library.systems);
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
 * Last year classified by the same rules from the same records and last year's register, and its
 * lists compared with this year's.
 */
async function previousLists(
  library: RuleLibrary,
  sheets: RecordsBySheet,
  prevYear: number,
  root: CompiledUnit,
  rules: ReadyRules,
  used: SystemsUsed,
  current: { year: number; classifications: SchoolClassification[] },
): Promise<{ changes: ListChanges; classifications: SchoolClassification[] } | undefined> {
  const model = new IndicatorModel(library.indicators, sheets, prevYear, rules.params!.params);
  if (!model.units(root).length) return undefined;
  const { classifications } = await classifyUnits(model, root, rules.sets, library.systems, rules.params!);
  model.forget();
  return { changes: listChanges(used, { year: prevYear, yearsRead: model.years, classifications }, current), classifications };
}

/**
 * Classifies what the checked sources describe: the region's schools when a register is given (for
 * the latest year of the forms), otherwise the first foreign table some rule set is written for.
 */
export async function classifyOutcomes(outcomes: readonly SourceOutcome[], library: RuleLibrary, options: ClassifyOptions = {}): Promise<Classification> {
  const defs = library.indicators;
  const data = regionData(outcomes, options);
  if (data) {
    const registerSheet = [...data.sheets.keys()].find((ref) => outcomes.some((o) => o.template?.sheets.some((s) => s.register && `${o.template!.id}.${s.id}` === ref)))!;
    const root = [...defs.units.values()].find((u) => u.sheet.ref === registerSheet);
    if (!root) throw new PipelineError({ code: 'no_units', sheet: registerSheet });
    const { rules, problems } = rulesFor(library, forUnit(defs, root), options.paramsId, () => new PipelineError({ code: 'no_rule_sets' }));
    const model = new IndicatorModel(defs, data.sheets, data.year, rules.params!.params);
    const { classifications, used } = await classifyUnits(model, root, rules.sets, library.systems, rules.params!);
    const targets = planVsFact(library.targets, model, root, data.year);
    const muko = mukoIndicatorRows(library.muko, used, model, root, data.year);
    model.forget();
    const previous = data.prevSheets && (await previousLists(library, data.prevSheets, data.prevYear, root, rules, used, { year: data.year, classifications }));
    const execution = mergeExecution(outcomes.flatMap((o) => o.plans ?? []), data.year);
    const lists = appendices(used, { year: data.year, classifications }, { year: data.prevYear, ...(previous && { classifications: previous.classifications }) }, outcomes.flatMap((o) => o.appendices ?? []));
    return {
      kind: 'region', year: data.year, prevYear: data.prevYear, classifications, systems: used, model, unit: root, coverage: data.coverage, targets,
      appendices: lists, muko, ...(previous && { changes: previous.changes, previous: previous.classifications }), ...(execution && { execution }), rules, ruleProblems: problems,
    };
  }
  const checked = outcomes.filter(isChecked);
  const tables = [...new Set(checked.filter((o) => o.template?.kind === 'foreign').map((o) => o.template!))];
  if (tables.length === 0) throw new PipelineError({ code: 'nothing_to_classify' });
  const roots = [...defs.units.values()].filter((u) => !u.parent && tables.includes(u.sheet.template));
  const covered = (u: CompiledUnit) => library.folder.sets.some((s) => forUnit(defs, u)(s.json as Partial<RuleSetFile>));
  const root = roots.find(covered) ?? roots[0];
  const template = root?.sheet.template ?? tables[0];
  const { rules, problems } = rulesFor(library, root ? forUnit(defs, root) : () => false, options.paramsId, () => new PipelineError({ code: 'no_table_rules', table: template.title }));
  const year = latestDataYear(checked) ?? (options.now ?? new Date()).getFullYear();
  const model = new IndicatorModel(defs, collectRecords(checked.map((o) => o.result!)), year, rules.params!.params);
  const { classifications, used } = await classifyUnits(model, root!, rules.sets, library.systems, rules.params!);
  model.forget();
  return { kind: 'table', year, template, classifications, systems: used, model, unit: root!, rules, ruleProblems: problems };
}
