import { createHash } from 'node:crypto';
import path from 'node:path';
import { checkSources, runPipeline } from '../../src/core/pipeline';
import { classificationSheet } from '../../src/core/report/classification-sheets';
import { recommendationsSheet } from '../../src/core/report/recommendations-sheet';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { targetsSheet } from '../../src/core/report/targets-sheet';
import { effectivenessSheet } from '../../src/core/report/effectiveness-sheet';
import { mukoSheet } from '../../src/core/report/muko-sheet';
import { appendixSheet } from '../../src/core/report/appendix-sheet';
import { executionSheet } from '../../src/core/report/execution-sheet';
import type { ExecutionAnalysis } from '../../src/core/cycle/measure-effect';
import { regionMuko } from '../../src/core/pipeline/report';
import type { Finding } from '../../src/core/rules/engine';
import { fileSources } from '../../src/files/file-sources';
import { readRuleLibrary } from '../../src/files/rule-library';
import { REGION } from '../helpers/planted';
import { REPO } from '../helpers/templates';

/**
 * What the sample region's 2024–2025 forms come to — every classification with its explanation, every
 * addressed recommendation, and a hash of each report sheet — in a form that does not depend on how the
 * code computes it. test/golden/sample-region.json holds it as it was before a refactor.
 */
export interface Golden {
  /** Per checked file (relative to the sample region): each issue as «code sheet!cell sentence». */
  issues: Record<string, string[]>;
  schools: unknown[];
  recommendations: unknown[];
  /** Plan against fact of the sample region's target passport. */
  targets: unknown[];
  /** 2024's lists against 2025's. */
  changes: unknown[];
  /** The 2024 plan as it came back (samples/sample-region/отчёт-2024): each measure's status and its system's findings then and now. */
  execution: unknown[];
  sheets: Record<string, string>;
}

export const GOLDEN_FILE = path.join(__dirname, 'sample-region.json');
export const REPORT_DATE = new Date(2025, 8, 1);

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** A sheet as a reader sees it: headers, then each row's cells and fills in column order, whatever the code's keys. */
function sheetDigest(sheet: ReportSheet): string {
  const headers = sheet.columns.map((c) => c.header);
  const rows = sheet.rows.map((r) => sheet.columns.map((c) => [r.cells[c.key] ?? null, r.roles?.[c.key] ?? null]));
  return hash({ headers, rows });
}

/** The marks' places named from the sample region's folder, so that the digest is the same on every machine. */
function relativeSources(a: ExecutionAnalysis): ExecutionAnalysis {
  const rel = (f: string) => path.relative(REGION, f).split(path.sep).join('/');
  return { ...a, rows: a.rows.map((r) => ({ ...r, execution: { ...r.execution, marks: r.execution.marks.map((m) => ({ ...m, at: { ...m.at, source: rel(m.at.source) } })) } })) };
}

export async function sampleRegionGolden(): Promise<Golden> {
  const library = readRuleLibrary(path.join(REPO, 'rules'));
  const run = await runPipeline(fileSources([path.join(REGION, '2024'), path.join(REGION, '2025'), path.join(REGION, 'отчёт-2024'), path.join(REGION, 'согласование-2025')]).inputs, library, { reportDate: REPORT_DATE, recommend: true, paramsId: 'sample-region' });
  const incoming = await checkSources(fileSources([path.join(REGION, 'incoming')]).inputs, { templates: library.templates });
  const issues = Object.fromEntries(
    [...run.outcomes, ...incoming].filter((o) => o.status !== 'own').map((o) => [
      path.relative(REGION, o.source.name).split(path.sep).join('/'),
      o.status === 'unreadable' ? [`unreadable ${o.failure!.code}`] : o.report.issues.map((i) => `${i.code} ${i.sheet ?? ''}!${i.cell ?? ''} ${i.message}`),
    ]),
  );
  if (run.classification.kind !== 'region' || !run.recommendations) throw new Error('the sample region is not classified as a region');
  const { classifications } = run.classification;
  const recommendations = run.recommendations.rows;
  const finding = (f: Finding) => ({ ruleSet: f.ruleSet, rule: f.rule, work: f.work ?? null, event: f.event, explanation: f.explanation });
  const schools = [...classifications]
    .sort((a, b) => a.school.school_id.localeCompare(b.school.school_id))
    .map((c) => ({
      school: c.school.school_id,
      systems: Object.fromEntries(Object.entries(c.systems).map(([id, r]) => [id, { outcomes: r.outcomes, findings: r.findings.map(finding) }])),
    }));
  const sheets = {
    recommendations: sheetDigest(recommendationsSheet(recommendations, 'stamp')),
    classification: sheetDigest(classificationSheet(classifications, run.classification.systems, 'stamp')),
    targets: sheetDigest(targetsSheet(run.classification.targets, 'stamp')),
    effectiveness: sheetDigest(effectivenessSheet(run.classification.changes!, 'stamp', {})),
    execution: sheetDigest(executionSheet(relativeSources(run.recommendations.execution!), 'stamp', () => undefined)),
    appendix: sheetDigest(appendixSheet(run.classification.appendices, 'stamp')),
    muko: sheetDigest(mukoSheet(regionMuko(run.classification, run.recommendations), 'stamp', {})),
  };
  return { issues, schools, recommendations: recommendations.map((r) => ({ ...r })), targets: run.classification.targets.rows.map((r) => ({ ...r })), changes: run.classification.changes!.rows.map((r) => ({ ...r })),
    execution: run.recommendations.execution!.rows.map((r) => ({ key: r.execution.key, status: r.execution.status, system: r.system ?? null, before: r.before ?? null, after: r.after ?? null, improved: r.improved ?? null })),
    sheets,
  };
}
