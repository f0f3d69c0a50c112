import path from 'node:path';
import { classifyRegion } from '../src/core/rules/classify';
import { factCatalogue } from '../src/core/rules/fact-catalogue';
import { buildRegionFacts, rankVprShare2, type RegionFacts } from '../src/core/rules/facts';
import { readyRules } from '../src/core/rules/rule-folder';
import { checkSources } from '../src/core/pipeline/check';
import { regionData } from '../src/core/pipeline/region-data';
import { fileSources } from '../src/files/file-sources';
import { BUNDLED_RULES, readRuleLibrary } from '../src/files/rule-library';
import { PACKAGE_ROOT } from '../src/files/package-root';
import { handwrittenRules } from './handwritten-rules';

/** The sample region's facts repeated `copies` times under new school ids: realistic facts at any scale. */
function scaled(facts: RegionFacts, copies: number): RegionFacts {
  const schools: RegionFacts['schools'] = [];
  const subjects: RegionFacts['subjects'] = [];
  for (let k = 0; k < copies; k++) {
    const id = (s: string) => `${s}-${k}`;
    const renamed = new Map(facts.schools.map((s) => [s.school.school_id, { ...s.school, school_id: id(s.school.school_id) }]));
    for (const s of facts.schools) schools.push({ ...s, school: renamed.get(s.school.school_id)!, vpr: { ...s.vpr }, objectivity: { ...s.objectivity } });
    for (const u of facts.subjects) subjects.push({ ...u, unit: { ...u.unit, school_id: id(u.unit.school_id) }, school: renamed.get(u.unit.school_id)! });
  }
  rankVprShare2(schools);
  return { ...facts, schools, subjects };
}

export interface ClassificationBench {
  schools: number;
  works: number;
  engineSeconds: number;
  handwrittenSeconds: number;
  engineFindings: number;
  handwrittenFindings: number;
}

/** Classifies `schools` schools with the rule sets and with the same rules written by hand, on the same facts. */
export async function benchClassification(schools: number): Promise<ClassificationBench> {
  const library = readRuleLibrary(BUNDLED_RULES);
  const rules = readyRules(library.folder, factCatalogue(library.templates), 'sample-region');
  const region = path.join(PACKAGE_ROOT, 'samples', 'sample-region');
  const data = regionData(await checkSources(fileSources([path.join(region, '2024'), path.join(region, '2025')]).inputs, { templates: library.templates }))!;
  const base = buildRegionFacts(data.records, data.year);
  const facts = scaled(base, Math.ceil(schools / base.schools.length));

  const hand = handwrittenRules(rules.params!);
  let t = process.hrtime.bigint();
  let handwrittenFindings = 0;
  const markers = new Map<string, number>();
  const mark = (id: string, k: number) => markers.set(id, (markers.get(id) ?? 0) + k);
  for (const u of facts.subjects) mark(u.unit.school_id, hand.objectivityWork(u).length);
  for (const s of facts.schools) mark(s.school.school_id, hand.objectivitySchool(s).length);
  rankVprShare2(facts.schools, new Set([...markers].filter(([, k]) => k > 0).map(([id]) => id)));
  for (const k of markers.values()) handwrittenFindings += k;
  for (const s of facts.schools) handwrittenFindings += hand.lowResults(s).length + hand.riskFactors(s).length;
  const handwrittenSeconds = Number(process.hrtime.bigint() - t) / 1e9;

  t = process.hrtime.bigint();
  const classified = await classifyRegion(facts, rules.sets, rules.params!);
  const engineSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const engineFindings = classified.reduce((sum, c) => sum + c.lowResults.findings.length + c.riskFactors.findings.length + c.objectivity.findings.length, 0);
  return { schools: facts.schools.length, works: facts.subjects.length, engineSeconds, handwrittenSeconds, engineFindings, handwrittenFindings };
}
