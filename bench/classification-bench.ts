import path from 'node:path';
import type { IndicatorRow } from '../src/core/indicators/aggregate';
import { IndicatorModel } from '../src/core/indicators/model';
import { checkSources } from '../src/core/pipeline/check';
import { regionData } from '../src/core/pipeline/region-data';
import { allFindings, classifyUnits } from '../src/core/rules/classify';
import { NotCompilable } from '../src/core/rules/compiled-rules';
import type { PreparedRuleSet } from '../src/core/rules/engine';
import { paramValue } from '../src/core/rules/params';
import { readyRules } from '../src/core/rules/rule-folder';
import { fileSources } from '../src/files/file-sources';
import { PACKAGE_ROOT } from '../src/files/package-root';
import { BUNDLED_RULES, readRuleLibrary } from '../src/files/rule-library';
import { classifyHandFacts } from './baseline/hand-classify';
import { buildRegionFacts } from './baseline/hand-facts';
import { handRecords } from './baseline/hand-records';
import { handwrittenRules } from './handwritten-rules';

/** The sample region's records repeated `copies` times under new school ids: realistic data at any scale. */
function scaled(sheets: ReadonlyMap<string, readonly IndicatorRow[]>, copies: number): Map<string, IndicatorRow[]> {
  const out = new Map<string, IndicatorRow[]>();
  for (const [ref, rows] of sheets) out.set(ref, Array.from({ length: copies }, (_, k) => rows.map((r) => (typeof r.school_id === 'string' ? { ...r, school_id: `${r.school_id}-${k}` } : r))).flat());
  return out;
}

export interface ClassificationBench {
  schools: number;
  works: number;
  /** Facts computed by TypeScript (as before indicators were data), then the rule sets over them: on json-rules-engine, and compiled. Rules alone, facts not counted. */
  handFactsSeconds: number;
  engineOnHandFactsSeconds: number;
  engineOnHandFactsFindings: number;
  compiledOnHandFactsSeconds: number;
  compiledOnHandFactsFindings: number;
  /** The baseline: the same rules as TypeScript predicates over the TypeScript facts. */
  handwrittenSeconds: number;
  handwrittenFindings: number;
  /** Now: indicators defined in rules/indicators, computed as the rules read them, and the same rule sets, systems rolled up. */
  dataSeconds: number;
  dataFindings: number;
  /** The same, every rule on json-rules-engine instead of compiled: what the compiled evaluator saves. */
  dataOnEngineSeconds: number;
  dataOnEngineFindings: number;
}

/** The set with every rule left to json-rules-engine, as if none compiled. */
const leftToEngine = (set: PreparedRuleSet): PreparedRuleSet => ({ ...set, compiled: set.file.rules.map(() => undefined), notCompiled: set.file.rules.map((r) => new NotCompilable('эталон', r.name)) });

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

/** Classifies `schools` schools three ways on the same records: hand-written predicates, rules over TypeScript facts, rules over data-defined indicators. */
export async function benchClassification(schools: number): Promise<ClassificationBench> {
  const library = readRuleLibrary(BUNDLED_RULES);
  const rules = readyRules(library.folder, library.facts, 'sample-region', library.systems);
  const region = path.join(PACKAGE_ROOT, 'samples', 'sample-region');
  const data = regionData(await checkSources(fileSources([path.join(region, '2024'), path.join(region, '2025')]).inputs, { templates: library.templates }))!;
  const base = data.sheets.get('register.schools')!.length;
  const sheets = scaled(data.sheets, Math.ceil(schools / base));

  let t = process.hrtime.bigint();
  const facts = buildRegionFacts(handRecords(sheets), data.year);
  const handFactsSeconds = seconds(t);

  const hand = handwrittenRules(rules.params!);
  t = process.hrtime.bigint();
  let handwrittenFindings = 0;
  const markers = new Map<string, number>();
  for (const u of facts.subjects) markers.set(u.unit.school_id, (markers.get(u.unit.school_id) ?? 0) + hand.objectivityWork(u).length);
  for (const s of facts.schools) markers.set(s.school.school_id, (markers.get(s.school.school_id) ?? 0) + hand.objectivitySchool(s).length);
  for (const k of markers.values()) handwrittenFindings += k;
  for (const s of facts.schools) handwrittenFindings += hand.lowResults(s).length + hand.riskFactors(s).length;
  const handwrittenSeconds = seconds(t);

  // The hand-written facts were ranked without the markers above: rank again for each rule sets' run.
  const rulesOnHandFacts = async (ready: readonly PreparedRuleSet[]) => {
    const fresh = buildRegionFacts(handRecords(sheets), data.year);
    const start = process.hrtime.bigint();
    const found = await classifyHandFacts(fresh, ready, paramValue(rules.params!.params, 'objectivity.levels.signs') as number);
    return { seconds: seconds(start), findings: Object.values(found).reduce((a, b) => a + b, 0) };
  };
  const onEngine = await rulesOnHandFacts(rules.sets.map(leftToEngine));
  const compiled = await rulesOnHandFacts(rules.sets);

  t = process.hrtime.bigint();
  const model = new IndicatorModel(library.indicators, sheets, data.year);
  const { classifications } = await classifyUnits(model, library.indicators.units.get('school')!, rules.sets, library.systems, rules.params!);
  const dataSeconds = seconds(t);
  const dataFindings = classifications.reduce((n, c) => n + allFindings(c).length, 0);

  t = process.hrtime.bigint();
  const reference = await classifyUnits(new IndicatorModel(library.indicators, sheets, data.year), library.indicators.units.get('school')!, rules.sets.map(leftToEngine), library.systems, rules.params!);
  const dataOnEngineSeconds = seconds(t);
  const dataOnEngineFindings = reference.classifications.reduce((n, c) => n + allFindings(c).length, 0);
  return { schools: facts.schools.length, works: facts.subjects.length, handFactsSeconds, engineOnHandFactsSeconds: onEngine.seconds, engineOnHandFactsFindings: onEngine.findings, compiledOnHandFactsSeconds: compiled.seconds, compiledOnHandFactsFindings: compiled.findings, handwrittenSeconds, handwrittenFindings, dataSeconds, dataFindings, dataOnEngineSeconds, dataOnEngineFindings };
}
