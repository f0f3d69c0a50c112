import { evaluateUnit, type PreparedRuleSet } from '../../src/core/rules/engine';
import { rankVprShare2, type RegionFacts } from './hand-facts';

/**
 * The rule sets over the hand-written facts, as classification ran before indicators were data:
 * objectivity first, its schools with signs of non-objective results (`signsAt` markers or more) left
 * out of the ranking, then the other systems.
 * Returns the findings per system.
 */
export async function classifyHandFacts(facts: RegionFacts, sets: readonly PreparedRuleSet[], signsAt: number): Promise<Record<string, number>> {
  const markers = new Map<string, number>();
  const found: Record<string, number> = {};
  const run = async (system: string) => {
    found[system] = 0;
    for (const set of sets.filter((s) => s.file.system === system)) {
      const units = set.file.scope === 'subject' ? facts.subjects.map((u) => ({ id: u.unit.school_id, facts: u })) : facts.schools.map((s) => ({ id: s.school.school_id, facts: s }));
      for (const unit of units) {
        const n = (await evaluateUnit(set, unit.facts as unknown as Record<string, unknown>)).length;
        found[system] += n;
        if (system === 'objectivity') markers.set(unit.id, (markers.get(unit.id) ?? 0) + n);
      }
    }
  };
  await run('objectivity');
  rankVprShare2(facts.schools, new Set([...markers].filter(([, n]) => n >= signsAt).map(([id]) => id)));
  await run('low_results');
  await run('risk_factors');
  return found;
}
