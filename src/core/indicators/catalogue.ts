import { plural } from '../messages/numbers';
import { type CompiledGroup, type CompiledUnit, type IndicatorDefinitions, tableUnitId } from './compile';
import type { IndicatorKind } from './definition';
import { CONTEXT_FACTS, type ContextFact, isPooled } from './model';

/** What a fact's path means, for explanations and for the linter. */
export interface FactPath {
  title: string;
  unit?: string;
  kind?: IndicatorKind | 'series';
}

export interface FactInfo {
  title: string;
  /** Known paths (without `$.`); a context fact such as `region` lists `conditions.vacancy_rate`. */
  paths: Record<string, FactPath>;
  /** Explanations quote this fact's value a year earlier (the fact `<name>_prev`). */
  quotePreviousYear?: boolean;
}

/** The facts rules of each unit may read, by unit id. */
export type FactCatalogue = Map<string, Record<string, FactInfo>>;

/** A system's outcomes as facts: what later systems and the linter see. */
export interface OutcomeFacts {
  id: string;
  title: string;
  outcomes: { id: string; title: string }[];
}

/** How many years back `<group>_back_<n>` is offered to the linter (any number is read when the data has it). */
export const MAX_YEARS_BACK = 5;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function groupPaths(g: CompiledGroup, retitle: (title: string) => string = (t) => t, keepUnit = true): Record<string, FactPath> {
  const paths: Record<string, FactPath> = {};
  for (const i of g.indicators) paths[i.id] = { title: retitle(i.title), ...(keepUnit && i.unit !== undefined && { unit: i.unit }), kind: i.kind };
  return paths;
}

function contextInfo(fact: ContextFact, unit: CompiledUnit, groups: readonly CompiledGroup[]): FactInfo {
  const words: Record<ContextFact, string> = {
    region: unit.titles.mean,
    municipality: 'среднее по муниципалитету',
    percentile: unit.titles.percentile,
    rank: `${unit.titles.rank} (1 — наибольшее значение)`,
    region_weighted: unit.titles.weighted,
    municipality_weighted: 'по муниципалитету в целом',
  };
  const weighted = fact === 'region_weighted' || fact === 'municipality_weighted';
  const paths: Record<string, FactPath> = {};
  for (const g of groups)
    for (const i of g.indicators) {
      if (i.kind !== 'number' || (weighted && !isPooled(i))) continue;
      const keepUnit = fact !== 'percentile' && fact !== 'rank';
      paths[`${g.id}.${i.id}`] = { title: `${i.title}, ${words[fact]}`, ...(keepUnit && i.unit !== undefined && { unit: i.unit }), kind: fact === 'rank' ? 'rank' : 'number' };
    }
  return { title: capital(words[fact].replace(/ \(.*\)$/, '')), paths };
}

/** Every fact of a unit: its groups in every year form, its key, its context, its parents' groups, the systems' outcomes. */
function unitFacts(defs: IndicatorDefinitions, unit: CompiledUnit, systems: readonly OutcomeFacts[]): Record<string, FactInfo> {
  const groups = defs.groups.filter((g) => g.unit === unit);
  const facts: Record<string, FactInfo> = {};
  facts.unit = {
    title: unit.title,
    paths: { ...Object.fromEntries(unit.key.map((k) => [k, { title: unit.sheet.fields.get(k)?.title ?? k }])), year: { title: 'Год' } },
  };
  for (const g of groups) {
    facts[g.id] = { title: g.title, paths: groupPaths(g), ...(g.quotePreviousYear && { quotePreviousYear: true }) };
    facts[`${g.id}_prev`] = { title: `${g.title} прошлого года`, paths: groupPaths(g, (t) => `${t} (прошлый год)`) };
    for (let n = 2; n <= MAX_YEARS_BACK; n++) {
      const ago = `${plural(n, 'год', 'года', 'лет')} назад`;
      facts[`${g.id}_back_${n}`] = { title: `${g.title} ${ago}`, paths: groupPaths(g, (t) => `${t} (${ago})`) };
    }
    const series = groupPaths(g);
    for (const p of Object.values(series)) p.kind = 'series';
    facts[`${g.id}_series`] = { title: `${g.title} по годам`, paths: series };
    if (unit.cohort) facts[`${g.id}_cohort`] = { title: `${g.title}: те же обучающиеся годом ранее`, paths: groupPaths(g, (t) => `${t} (те же обучающиеся годом ранее)`) };
  }
  for (const fact of CONTEXT_FACTS) facts[fact] = contextInfo(fact, unit, groups);
  for (let p = unit.parent; p; p = p.parent) {
    const parent = p;
    const own = defs.groups.find((x) => x.unit === parent && x.id === parent.id);
    if (own && !(own.id in facts)) facts[own.id] = { title: own.title, paths: groupPaths(own) };
  }
  for (const s of systems) if (!(s.id in facts)) facts[s.id] = { title: s.title, paths: Object.fromEntries(s.outcomes.map((o) => [o.id, { title: o.title }])) };
  return facts;
}

/** Every fact rules may read, per unit, with the titles explanations use; built from the indicator files. */
export function factCatalogue(defs: IndicatorDefinitions, systems: readonly OutcomeFacts[] = []): FactCatalogue {
  return new Map([...defs.units.values()].map((u) => [u.id, unitFacts(defs, u, systems)]));
}

/** The unit a rule set is evaluated for: its scope, or for `table` the rows of its template. */
export function unitOfSet(set: { scope?: unknown; template?: unknown }): string | undefined {
  if (set.scope === 'table') return typeof set.template === 'string' ? tableUnitId(set.template) : undefined;
  return typeof set.scope === 'string' ? set.scope : undefined;
}

/** The facts a rule set of this scope (and template) may read. */
export function factsOfSet(catalogue: FactCatalogue, set: { scope?: unknown; template?: unknown }): Record<string, FactInfo> | undefined {
  const unit = unitOfSet(set);
  return unit === undefined ? undefined : catalogue.get(unit);
}
