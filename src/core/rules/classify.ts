import { type CompiledUnit, type IndicatorDefinitions } from '../indicators/compile';
import { unitOfSet } from '../indicators/catalogue';
import type { IndicatorModel, Unit } from '../indicators/model';
import { factsReached } from '../indicators/reads';
import { evaluateUnit, type Finding, type FindingAbout, type PreparedRuleSet } from './engine';
import { keyTitles, rollUp, type SystemResult } from './rollup';
import type { ParamsFile } from './rule-set';
import type { LoadedSystem } from './system';

/** Who a classification is about and whom recommendations go to: a school, or a table's row. */
export interface SchoolRef {
  school_id: string;
  name: string;
  municipality: string;
  [field: string]: unknown;
}

/** Every system's verdict on one unit, each with the findings that explain it. */
export interface SchoolClassification {
  school: SchoolRef;
  unit: Unit;
  /** By system id, in the systems' order. */
  systems: Record<string, SystemResult>;
}

/** The systems a classification used, in the order reports show them, with the titles of their keys (risk factors). */
export interface SystemsUsed {
  systems: LoadedSystem[];
  /** The order they were evaluated in: a system after every system whose outcomes its rules read. */
  order: string[];
  keyTitles: Record<string, Record<string, string>>;
}

/** Every finding of a unit, system after system in the order reports show them. */
export function allFindings(c: SchoolClassification): Finding[] {
  return Object.values(c.systems).flatMap((r) => r.findings);
}

/** Whether `unit` is `root` or lies within it (a work within its school). */
function rootOf(unit: Unit, root: CompiledUnit): Unit | undefined {
  for (let u: Unit | undefined = unit; u; u = u.parent) if (u.kind === root) return u;
  return undefined;
}

/** The systems a set's rules read the outcomes of, through the facts and the indicators behind them. */
export function systemsReadBy(set: Pick<PreparedRuleSet, 'file'>, defs: IndicatorDefinitions, systemIds: ReadonlySet<string>): Set<string> {
  const unit = defs.units.get(unitOfSet(set.file) ?? '');
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.fact === 'string') {
      const reached = unit ? factsReached(defs, unit, n.fact, typeof n.path === 'string' ? n.path : '') : new Set([n.fact]);
      for (const f of reached) if (systemIds.has(f) && f !== set.file.system) out.add(f);
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(set.file.conditions);
  walk((set.file.rules ?? []).map((r) => r?.conditions));
  return out;
}

/**
 * The order systems are evaluated in: each after the systems whose outcomes it reads, otherwise in the
 * order given. Systems in a cycle are left out and named.
 */
export function systemOrder(ids: readonly string[], reads: ReadonlyMap<string, ReadonlySet<string>>): { order: string[]; cycle: string[] } {
  const order: string[] = [];
  const left = [...ids];
  while (left.length) {
    const next = left.find((id) => [...(reads.get(id) ?? [])].every((r) => !left.includes(r) || r === id));
    if (next === undefined) return { order, cycle: left };
    order.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return { order, cycle: [] };
}

function schoolRef(model: IndicatorModel, unit: Unit, index: number): SchoolRef {
  const own = model.groupsOf(unit.kind).find((g) => g.id === unit.kind.id);
  const values: Record<string, unknown> = {};
  if (own) {
    const group = model.facts(unit)[own.id] as Record<string, unknown>;
    for (const ind of own.indicators) values[ind.id] = group[ind.id];
  }
  const id = unit.kind.key.length ? unit.key[unit.kind.key[0]] : (unit.record.school_id ?? `строка ${index + 1}`);
  return { ...values, school_id: String(values.school_id ?? id), name: String(values.name ?? unit.name), municipality: String(values.municipality ?? unit.municipality) };
}

function about(unit: Unit, root: CompiledUnit): FindingAbout | undefined {
  if (unit.kind === root) return undefined;
  const work: Record<string, string | number> = {};
  for (const k of unit.kind.key) work[k] = unit.key[k] as string | number;
  work.year = unit.year;
  const label = unit.kind.label?.evaluate((n) => (n === 'year' ? unit.year : unit.key[n]));
  return { work, title: label === null || label === undefined ? '' : String(label) };
}

/**
 * Classifies every unit of `root` (the region's schools, or a table's rows): each system's sets run over
 * their units — a work's findings go to its school — in the order the systems read each other's
 * outcomes; each system's findings roll up into its outcomes, which later systems read as facts.
 */
export async function classifyUnits(
  model: IndicatorModel,
  root: CompiledUnit,
  sets: readonly PreparedRuleSet[],
  systems: readonly LoadedSystem[],
  params: ParamsFile,
): Promise<{ classifications: SchoolClassification[]; used: SystemsUsed }> {
  const defs = model.definitions;
  const units = model.units(root);
  const applies = (s: PreparedRuleSet) => {
    const kind = defs.units.get(unitOfSet(s.file) ?? '');
    for (let k = kind; k; k = k.parent) if (k === root) return true;
    return false;
  };
  const mine = sets.filter(applies);
  const present = systems.filter((sys) => mine.some((s) => s.file.system === sys.spec.id));
  const ids = new Set(present.map((s) => s.spec.id));
  const reads = new Map(present.map((sys) => [sys.spec.id, new Set(mine.filter((s) => s.file.system === sys.spec.id).flatMap((s) => [...systemsReadBy(s, defs, ids)]))]));
  const { order } = systemOrder([...ids], reads);
  const results = new Map<string, Map<string, SystemResult>>();
  for (const id of order) {
    const system = present.find((s) => s.spec.id === id)!;
    const findings = new Map<string, Finding[]>(units.map((u) => [u.keyText, []]));
    for (const set of mine.filter((s) => s.file.system === id)) {
      const kind = defs.units.get(unitOfSet(set.file)!)!;
      for (const unit of model.units(kind)) {
        const owner = rootOf(unit, root);
        if (!owner) continue;
        findings.get(owner.keyText)!.push(...(await evaluateUnit(set, model.facts(unit, set.reads), about(unit, root))));
        model.release(unit);
      }
    }
    const byUnit = new Map(units.map((u) => [u.keyText, rollUp(system, findings.get(u.keyText)!, params)]));
    model.setOutcomes(id, root, new Map([...byUnit].map(([k, r]) => [k, r.outcomes])));
    results.set(id, byUnit);
  }
  const shown = present.filter((s) => order.includes(s.spec.id));
  const classifications = units.map((u, i) => ({
    school: schoolRef(model, u, i),
    unit: u,
    systems: Object.fromEntries(shown.map((s) => [s.spec.id, results.get(s.spec.id)!.get(u.keyText)!])),
  }));
  const titles = Object.fromEntries(shown.map((s) => [s.spec.id, keyTitles(s, mine.filter((x) => x.file.system === s.spec.id).map((x) => x.file))]));
  return { classifications, used: { systems: shown, order, keyTitles: titles } };
}
