import type { IndicatorDefinitions } from '../../indicators/compile';
import type { RecommendationCatalogue } from '../../recommend/catalogue';
import { systemOrder, systemsReadBy } from '../classify';
import type { RuleSetFile } from '../rule-set';
import type { LoadedSystem } from '../system';
import type { RuleLintProblem } from './problem';
import { escapePointer, isObject, listed, suggestion } from './words';

/** Event fields against the outcomes of the set's system: a status or a level its system does not know. */
function eventProblems(set: { file: string; json: unknown }, system: LoadedSystem): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  const json = set.json as Partial<RuleSetFile>;
  const read = system.spec.outcomes.filter((o) => o.kind === 'statuses' || o.kind === 'grades');
  const countsAll = system.spec.outcomes.some((o) => (o.kind === 'count' || o.kind === 'flag' || o.kind === 'list') && !o.where);
  (json.rules ?? []).forEach((rule, i) => {
    const params = isObject(rule?.event) && isObject(rule.event.params) ? rule.event.params : undefined;
    if (!params) return;
    const at = `/rules/${i}/event/params`;
    const add = (pointer: string, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ code: 'unknown_outcome', severity, file: set.file, ...(typeof rule.name === 'string' && { rule: rule.name }), pointer, message, group: 'sets' });
    let counted = countsAll;
    for (const o of read) {
      const field = o.kind === 'statuses' ? o.field! : o.by!;
      if (params[field] === undefined) continue;
      counted = true;
      if (o.kind === 'statuses') {
        const ids = o.values!.map((v) => v.id);
        if (!ids.includes(String(params[field]))) add(`${at}/${escapePointer(field)}`, `у направления «${system.spec.id}» нет статуса «${params[field]}»${suggestion(String(params[field]), ids) || `; есть: ${listed(ids)}`}`);
      } else {
        const grades = o.grades!.map((g) => g.id);
        const grade = params[o.field!];
        if (grade === undefined) add(at, `у находки с «${o.by}» направление «${system.spec.id}» ждёт и уровень «${o.field}»: ${listed(grades)}`);
        else if (!grades.includes(String(grade))) add(`${at}/${escapePointer(o.field!)}`, `у направления «${system.spec.id}» нет уровня «${grade}»${suggestion(String(grade), grades) || `; есть: ${listed(grades)}`}`);
      }
    }
    if (!counted) add(at, `находка правила не войдёт ни в один итог направления «${system.spec.id}»: нужно поле ${listed(read.map((o) => (o.kind === 'statuses' ? o.field! : o.by!)))}`, 'warning');
  });
  return problems;
}

/** Systems that read each other's outcomes in a circle can be evaluated in no order: each set of them is named. */
function cycleProblems(sets: readonly { file: string; json: unknown }[], systems: readonly LoadedSystem[], defs: IndicatorDefinitions): RuleLintProblem[] {
  const ids = new Set(systems.map((s) => s.spec.id));
  const valid = sets.filter((s) => isObject(s.json) && Array.isArray(s.json.rules) && typeof (s.json.system ?? s.json.area) === 'string');
  const systemOf = (s: { json: unknown }) => String((s.json as { system?: unknown; area?: unknown }).system ?? (s.json as { area?: unknown }).area);
  const reads = new Map<string, Set<string>>();
  for (const s of valid) {
    const own = systemOf(s);
    const r = reads.get(own) ?? new Set<string>();
    for (const x of systemsReadBy({ file: { ...(s.json as RuleSetFile), system: own } }, defs, ids)) r.add(x);
    reads.set(own, r);
  }
  const { cycle } = systemOrder([...ids], reads);
  if (!cycle.length) return [];
  const circle = cycle.filter((id) => [...(reads.get(id) ?? [])].some((r) => cycle.includes(r)));
  return valid
    .filter((s) => circle.includes(systemOf(s)) && [...systemsReadBy({ file: { ...(s.json as RuleSetFile), system: systemOf(s) } }, defs, ids)].some((r) => circle.includes(r)))
    .map((s) => ({
      code: 'system_cycle' as const,
      severity: 'error' as const,
      file: s.file,
      pointer: (s.json as { system?: unknown }).system !== undefined ? '/system' : '/area',
      message: `направления читают итоги друг друга по кругу (${circle.map((c) => `«${c}»`).join(', ')}): их не в каком порядке считать`,
      group: 'sets' as const,
    }));
}

/** The catalogue's systems and steps: levels of a system and municipal at_least name what the systems declare. */
function catalogueProblems(catalogue: RecommendationCatalogue, file: string, systems: readonly LoadedSystem[]): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  const ids = systems.map((s) => s.spec.id);
  const add = (pointer: string, message: string) => problems.push({ code: 'unknown_system', severity: 'error', file, pointer, message, group: 'recommendations' });
  const stepsOf = (id: string) => systems.find((s) => s.spec.id === id)?.spec.outcomes.find((o) => o.kind === 'ladder')?.steps?.map((s) => s.id);
  const checkStep = (system: string, step: string, pointer: string, systemPointer: string) => {
    if (!ids.includes(system)) return add(systemPointer, `направления «${system}» нет в rules/systems${suggestion(system, ids) || `; есть: ${listed(ids)}`}`);
    const steps = stepsOf(system);
    if (!steps) return add(systemPointer, `у направления «${system}» нет ступеней (итога ladder)`);
    if (!steps.includes(step)) add(pointer, `у направления «${system}» нет ступени «${step}»${suggestion(step, steps) || `; есть: ${listed(steps)}`}`);
  };
  for (const [system, steps] of Object.entries(catalogue.levels ?? {})) for (const step of Object.keys(steps)) checkStep(system, step, `/levels/${escapePointer(system)}/${escapePointer(step)}`, `/levels/${escapePointer(system)}`);
  catalogue.recommendations.forEach((r, i) => {
    if (!ids.includes(r.area) && r.area !== 'municipal') add(`/recommendations/${i}/area`, `направления «${r.area}» нет в rules/systems${suggestion(r.area, ids) || `; есть: ${listed([...ids, 'municipal'])}`}`);
  });
  (catalogue.municipal ?? []).forEach((m, i) => {
    const at = `/municipal/${i}/when`;
    if (m.when.objectivity_level !== undefined) checkStep('objectivity', m.when.objectivity_level, `${at}/objectivity_level`, `${at}/objectivity_level`);
    for (const [system, step] of Object.entries(m.when.at_least ?? {})) checkStep(system, step, `${at}/at_least/${escapePointer(system)}`, `${at}/at_least/${escapePointer(system)}`);
    if (m.when.area !== undefined && !ids.includes(m.when.area)) add(`${at}/area`, `направления «${m.when.area}» нет в rules/systems${suggestion(m.when.area, ids)}`);
  });
  return problems;
}

/** What systems hold that only the whole folder shows: events their outcomes cannot read, cycles, and the catalogue's references to them. */
export function lintSystems(
  sets: readonly { file: string; json: unknown }[],
  systems: readonly LoadedSystem[],
  defs: IndicatorDefinitions,
  catalogue?: { catalogue: RecommendationCatalogue; file: string },
): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  for (const s of sets) {
    const id = isObject(s.json) ? (s.json.system ?? s.json.area) : undefined;
    const system = systems.find((x) => x.spec.id === id);
    if (system) problems.push(...eventProblems(s, system));
  }
  problems.push(...cycleProblems(sets, systems, defs));
  if (catalogue) problems.push(...catalogueProblems(catalogue.catalogue, catalogue.file, systems));
  return problems;
}
