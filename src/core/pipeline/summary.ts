import { ruleProblemText } from '../rules/lint';
import type { Classification } from './classify';
import type { Coverage } from './coverage';
import type { Recommendations } from './recommend';

/** What a classification found, counted, for a screen, a pane or a program: the same numbers everywhere. */
export type ClassificationSummary =
  | {
      kind: 'region';
      year: number;
      schools: number;
      shnor: number;
      shnsu: number;
      objectivitySigns: number;
      objectivityAttention: number;
      highRiskFactors: number;
      coverage: Coverage;
      /** Addressed recommendations, when there was a catalogue. */
      recommendations?: { rows: number; schools: number; municipal: number };
      /** Rule files left out and what the catalogue could not do, in Russian. */
      problems: string[];
    }
  | {
      kind: 'table';
      /** The table's template title. */
      title: string;
      rows: number;
      /** Rows with at least one conclusion. */
      flagged: number;
      /** Rows per conclusion, by its label. */
      labels: { label: string; rows: number }[];
      problems: string[];
    };

/** The same problem for many schools is listed once; at most this many are listed. */
const MAX_LISTED_PROBLEMS = 20;

export function classificationSummary(c: Classification, recommendations?: Recommendations): ClassificationSummary {
  const problems = c.ruleProblems.map(ruleProblemText);
  if (c.kind === 'table') {
    const labels: { label: string; rows: number }[] = [];
    for (const r of c.rows)
      for (const f of r.findings) {
        const known = labels.find((l) => l.label === f.event.label);
        if (known) known.rows++;
        else labels.push({ label: f.event.label, rows: 1 });
      }
    return { kind: 'table', title: c.template.title, rows: c.rows.length, flagged: c.rows.filter((r) => r.findings.length > 0).length, labels, problems };
  }
  const schools = c.classifications;
  const count = (f: (s: (typeof schools)[number]) => boolean) => schools.filter(f).length;
  if (recommendations) {
    const lines = recommendations.problems.map((p) => `рекомендация «${p.id}»${p.schoolId ? `, ОО ${p.schoolId}` : p.municipality ? `, ${p.municipality}` : ''}: ${p.message}`);
    problems.push(...lines.filter((x, i) => lines.indexOf(x) === i).slice(0, MAX_LISTED_PROBLEMS));
  }
  const rows = recommendations?.rows;
  return {
    kind: 'region',
    year: c.year,
    schools: schools.length,
    shnor: count((s) => s.lowResults.shnor),
    shnsu: count((s) => s.lowResults.shnsu),
    objectivitySigns: count((s) => s.objectivity.level === 'signs'),
    objectivityAttention: count((s) => s.objectivity.level === 'attention'),
    highRiskFactors: count((s) => s.riskFactors.profile.length > 0),
    coverage: c.coverage,
    ...(rows && { recommendations: { rows: rows.length, schools: new Set(rows.filter((r) => r.schoolId).map((r) => r.schoolId)).size, municipal: rows.filter((r) => !r.schoolId).length } }),
    problems,
  };
}
