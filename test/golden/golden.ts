import { createHash } from 'node:crypto';
import path from 'node:path';
import { addressRecommendations } from '../../src/core/recommend/address';
import { loadCatalogue } from '../../src/core/recommend/catalogue';
import { classificationSheet } from '../../src/core/report/classification-sheets';
import { recommendationsSheet } from '../../src/core/report/recommendations-sheet';
import { classifyRegion, riskFactorTitles } from '../../src/core/rules/classify';
import { factCatalogue } from '../../src/core/rules/fact-catalogue';
import { buildRegionFacts } from '../../src/core/rules/facts';
import { readyRules } from '../../src/core/rules/rule-folder';
import { readRegion } from '../../src/files/region-files';
import { loadRuleFolder, readRuleJson } from '../../src/files/rule-files';
import { REGION } from '../helpers/planted';
import { bundledTemplates, REPO } from '../helpers/templates';

/**
 * What the sample region's 2024–2025 forms come to — every classification with its explanation, every
 * addressed recommendation, and a hash of each report sheet — in a form that does not depend on how the
 * code computes it. test/golden/sample-region.json holds it as it was before a refactor.
 */
export interface Golden {
  /** Per checked file (relative to the sample region): each issue as «code sheet!cell». */
  issues: Record<string, string[]>;
  schools: unknown[];
  recommendations: unknown[];
  sheets: Record<string, string>;
}

export const GOLDEN_FILE = path.join(__dirname, 'sample-region.json');
export const REPORT_DATE = new Date(2025, 8, 1);

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

export async function sampleRegionGolden(): Promise<Golden> {
  const templates = bundledTemplates();
  const rules = readyRules(loadRuleFolder(path.join(REPO, 'rules')), factCatalogue(templates), 'sample-region');
  const { records, outcomes } = await readRegion([path.join(REGION, '2024'), path.join(REGION, '2025')], templates);
  const incoming = await readRegion([path.join(REGION, 'incoming')], templates);
  outcomes.push(...incoming.outcomes);
  const issues = Object.fromEntries(
    outcomes.map((o) => [path.relative(REGION, o.file).split(path.sep).join('/'), o.failure ? [`unreadable ${o.failure.code}`] : o.report!.issues.map((i) => `${i.code} ${i.sheet ?? ''}!${i.cell ?? ''} ${i.message}`)]),
  );
  const classifications = await classifyRegion(buildRegionFacts(records), rules.sets, rules.params!);
  const read = readRuleJson(path.join(REPO, 'rules', 'recommendations', 'default.json'));
  if (!read.ok) throw new Error(read.problem.message);
  const loaded = loadCatalogue(read.json);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const recommendations = addressRecommendations(classifications, loaded.catalogue, rules.params!, REPORT_DATE);
  const finding = (f: (typeof classifications)[number]['lowResults']['findings'][number]) => ({ ruleSet: f.ruleSet, rule: f.rule, work: f.work ?? null, event: f.event, explanation: f.explanation });
  const schools = [...classifications]
    .sort((a, b) => a.school.school_id.localeCompare(b.school.school_id))
    .map((c) => ({
      school: c.school.school_id,
      lowResults: { shnor: c.lowResults.shnor, shnsu: c.lowResults.shnsu, findings: c.lowResults.findings.map(finding) },
      objectivity: { markers: c.objectivity.markers, level: c.objectivity.level, findings: c.objectivity.findings.map(finding) },
      riskFactors: { levels: c.riskFactors.levels, profile: c.riskFactors.profile, findings: c.riskFactors.findings.map(finding) },
    }));
  const sheets = {
    recommendations: hash(recommendationsSheet(recommendations, 'stamp').rows),
    classification: hash(classificationSheet(classifications, riskFactorTitles(rules.sets), 'stamp').rows),
  };
  return { issues, schools, recommendations: recommendations.map((r) => ({ ...r })), sheets };
}
