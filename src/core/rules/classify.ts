import { evaluateUnit, type Finding, type PreparedRuleSet } from './engine';
import type { SchoolFact } from './fact-model';
import { rankVprShare2, type RegionFacts } from './facts';
import { paramValue } from './params';
import type { ParamsFile } from './rule-set';

export type ObjectivityLevel = 'signs' | 'attention';

export const OBJECTIVITY_LEVEL_TITLES: Record<ObjectivityLevel, string> = {
  signs: 'признаки необъективности',
  attention: 'зона внимания',
};

export const RISK_LEVEL_TITLES = { high: 'высокий', medium: 'средний' } as const;

/** Every area's verdict on one school, each with the findings that explain it. */
export interface SchoolClassification {
  school: SchoolFact;
  lowResults: { shnor: boolean; shnsu: boolean; findings: Finding[] };
  riskFactors: { levels: Record<string, 'high' | 'medium'>; profile: string[]; findings: Finding[] };
  objectivity: { markers: number; level: ObjectivityLevel | null; findings: Finding[] };
}

/** ШНОР, ШНСУ, both or none, as an official writes it. */
export function lowResultsStatus(c: SchoolClassification['lowResults']): string {
  return [c.shnor && 'ШНОР', c.shnsu && 'ШНСУ'].filter(Boolean).join(', ');
}

function levelOf(markers: number, params: ParamsFile): ObjectivityLevel | null {
  const signs = paramValue(params.params, 'objectivity.levels.signs');
  const attention = paramValue(params.params, 'objectivity.levels.attention');
  if (typeof signs === 'number' && markers >= signs) return 'signs';
  if (typeof attention === 'number' && markers >= attention) return 'attention';
  return null;
}

/**
 * Classifies every school of the region. Objectivity goes first: its markers are facts for the other
 * areas, and schools with markers leave the ranking of ВПР results (the «500+» selection does so).
 */
export async function classifyRegion(facts: RegionFacts, sets: readonly PreparedRuleSet[], params: ParamsFile): Promise<SchoolClassification[]> {
  const result = new Map<string, SchoolClassification>(
    facts.schools.map((s) => [s.school.school_id, {
      school: s.school,
      lowResults: { shnor: false, shnsu: false, findings: [] },
      riskFactors: { levels: {}, profile: [], findings: [] },
      objectivity: { markers: 0, level: null, findings: [] },
    }]),
  );
  const run = async (area: string, apply: (c: SchoolClassification, f: Finding) => void) => {
    for (const set of sets.filter((s) => s.file.area === area && s.file.scope !== 'table')) {
      const units = set.file.scope === 'subject' ? facts.subjects.map((u) => ({ id: u.unit.school_id, facts: u })) : facts.schools.map((s) => ({ id: s.school.school_id, facts: s }));
      for (const unit of units) {
        const c = result.get(unit.id);
        if (!c) continue;
        for (const finding of await evaluateUnit(set, unit.facts as unknown as Record<string, unknown>)) apply(c, finding);
      }
    }
  };

  await run('objectivity', (c, f) => c.objectivity.findings.push(f));
  for (const s of facts.schools) {
    const c = result.get(s.school.school_id)!;
    c.objectivity.markers = c.objectivity.findings.length;
    c.objectivity.level = levelOf(c.objectivity.markers, params);
    s.objectivity = { markers: c.objectivity.markers, level: c.objectivity.level };
  }
  rankVprShare2(facts.schools, new Set([...result.values()].filter((c) => c.objectivity.markers > 0).map((c) => c.school.school_id)));

  await run('low_results', (c, f) => {
    c.lowResults.findings.push(f);
    if (f.event.status === 'ШНОР') c.lowResults.shnor = true;
    if (f.event.status === 'ШНСУ') c.lowResults.shnsu = true;
  });
  await run('risk_factors', (c, f) => {
    c.riskFactors.findings.push(f);
    const factor = f.event.factor;
    if (factor && f.event.level && c.riskFactors.levels[factor] !== 'high') c.riskFactors.levels[factor] = f.event.level;
  });
  for (const c of result.values()) c.riskFactors.profile = Object.entries(c.riskFactors.levels).filter(([, l]) => l === 'high').map(([f]) => f);
  return [...result.values()];
}

/** Russian names of the risk factors, as the high-level rules of the sets label them. */
export function riskFactorTitles(sets: readonly PreparedRuleSet[]): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const s of sets) for (const r of s.file.rules) if (r.event.params.factor && r.event.params.level === 'high') titles[r.event.params.factor] = r.event.params.label;
  return titles;
}
