import type { CompiledGroup, CompiledUnit, IndicatorDefinitions } from './compile';
import { CONTEXT_FACTS } from './model';

const YEAR_FORM = /_(prev|series|cohort|back_\d+)$/;

function groupOf(defs: IndicatorDefinitions, unit: CompiledUnit, id: string): CompiledGroup | undefined {
  const own = defs.groups.find((x) => x.unit === unit && x.id === id);
  if (own) return own;
  for (let u = unit.parent; u; u = u.parent) if (u.id === id) return defs.groups.find((x) => x.unit === u && x.id === id);
  return undefined;
}

/**
 * Every fact name a rule reading `fact` at `path` reaches, through the expressions and rankings of
 * the indicators it reads: a rank among schools without markers reads the fact `objectivity`.
 */
export function factsReached(defs: IndicatorDefinitions, unit: CompiledUnit, fact: string, path: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (u: CompiledUnit, name: string, at: string): void => {
    const key = `${u.id}|${name}|${at}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.add(name);
    const parts = at.split('.').filter(Boolean);
    const context = (CONTEXT_FACTS as readonly string[]).includes(name);
    const g = groupOf(defs, u, context ? (parts[0] ?? '') : name.replace(YEAR_FORM, ''));
    if (!g) return;
    const id = context ? parts[1] : parts[0];
    const inds = id !== undefined ? [g.byId.get(id)].filter((i) => i !== undefined) : g.indicators;
    for (const i of inds)
      for (const read of i.reads) {
        const dot = read.indexOf('.');
        if (dot < 0) visit(g.unit, g.id, read);
        else visit(g.unit, read.slice(0, dot), read.slice(dot + 1));
      }
  };
  visit(unit, fact, path.replace(/^\$\.?/, ''));
  return out;
}
