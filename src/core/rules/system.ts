import { checkAgainstSchema } from '../schema/schema-check';
import { schemaValidators } from '../schema/schema-validators';
import type { RuleLintProblem } from './lint/problem';
import { listed } from './lint/words';

/**
 * Types of the systems (направления) of rules/systems/*.json, schema rules/schema/system.schema.json:
 * what each system's findings come to for a unit — statuses, counts, levels, profiles — and how.
 */

export type OutcomeKind = 'count' | 'flag' | 'list' | 'statuses' | 'ladder' | 'grades' | 'profile';

export interface Choice {
  id: string;
  title: string;
}

export interface OutcomeSpec {
  id: string;
  kind: OutcomeKind;
  title: string;
  short?: string;
  where?: Record<string, string>;
  field?: string;
  values?: Choice[];
  by?: string;
  grades?: Choice[];
  of?: string;
  steps?: { id: string; title: string; at_least: number | { param: string } }[];
  grade?: string;
  column?: { title: string; width?: number; wrap?: boolean };
  summary?: true | string;
}

export interface SystemSpec {
  id: string;
  title: string;
  description?: string;
  color?: string;
  explain?: 'all' | 'none' | Record<string, string>;
  outcomes: OutcomeSpec[];
  /** Lists approved by an order: a section of the sheet «Приложение к приказу» each. */
  appendices?: { outcome: string; value?: string; title: string; basis?: string }[];
  /** Region indicators of the federal assessment of management mechanisms (МУКО) pooled from school indicators. */
  muko?: { indicator: string; title?: string; basis?: string }[];
}

export interface LoadedSystem {
  spec: SystemSpec;
  file: string;
}

/** Outcomes that need an earlier one (ladder of a count, profile of grades) and what kind that must be. */
const NEEDS: Partial<Record<OutcomeKind, OutcomeKind>> = { ladder: 'count', profile: 'grades' };

function semanticProblems(spec: SystemSpec, file: string): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  const add = (pointer: string, message: string, code: RuleLintProblem['code'] = 'unknown_outcome') => problems.push({ code, severity: 'error', file, pointer, message, group: 'systems' });
  const seen = new Map<string, OutcomeSpec>();
  spec.outcomes.forEach((o, i) => {
    if (seen.has(o.id)) add(`/outcomes/${i}/id`, `итог «${o.id}» уже описан выше`, 'schema');
    const need = NEEDS[o.kind];
    if (need) {
      const of = o.of !== undefined ? seen.get(o.of) : undefined;
      if (!of || of.kind !== need)
        add(`/outcomes/${i}/of`, `итог «${o.id}» (${o.kind}) строится по итогу вида ${need}, описанному выше; ${of ? `«${o.of}» — вида ${of.kind}` : `итога «${o.of}» выше нет`}${seen.size ? `; выше описаны: ${listed([...seen.keys()])}` : ''}`);
      else if (o.kind === 'profile' && !(of.grades ?? []).some((g) => g.id === o.grade))
        add(`/outcomes/${i}/grade`, `уровня «${o.grade}» нет среди уровней итога «${of.id}»: ${listed((of.grades ?? []).map((g) => g.id))}`);
    }
    seen.set(o.id, o);
  });
  (spec.appendices ?? []).forEach((a, i) => {
    const o = seen.get(a.outcome);
    const choices = o?.kind === 'statuses' ? o.values : o?.kind === 'ladder' ? o.steps : undefined;
    if (!o || o.summary === undefined) add(`/appendices/${i}/outcome`, `итога «${a.outcome}» со сводкой (summary) в направлении нет`);
    else if (choices && !choices.some((c) => c.id === a.value)) add(`/appendices/${i}/value`, `у итога «${a.outcome}» нет значения «${a.value ?? ''}»; есть: ${listed(choices.map((c) => c.id))}`);
  });
  return problems;
}

/** The systems that load, each checked against its schema and its own references; the broken ones are left out with their problems. */
export function loadSystems(files: readonly { file: string; json: unknown }[]): { systems: LoadedSystem[]; problems: RuleLintProblem[] } {
  const systems: LoadedSystem[] = [];
  const problems: RuleLintProblem[] = [];
  for (const f of files) {
    const shape = checkAgainstSchema(schemaValidators.system, f.json);
    if (shape.length) {
      for (const p of shape) problems.push({ code: 'schema', severity: 'error', file: f.file, pointer: p.pointer, message: p.message, group: 'systems' });
      continue;
    }
    const spec = f.json as SystemSpec;
    const own = semanticProblems(spec, f.file);
    const twin = systems.find((s) => s.spec.id === spec.id);
    if (twin) own.push({ code: 'schema', severity: 'error', file: f.file, pointer: '/id', message: `направление «${spec.id}» уже описано в файле ${twin.file}`, group: 'systems' });
    problems.push(...own);
    if (!own.length) systems.push({ spec, file: f.file });
  }
  return { systems, problems };
}
