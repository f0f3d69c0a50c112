import type { CompiledGroup, CompiledIndicator, IndicatorDefinitions } from '../indicators/compile';
import type { RuleLintProblem } from '../rules/lint/problem';
import { checkAgainstSchema } from '../schema/schema-check';
import { schemaValidators } from '../schema/schema-validators';

/**
 * Target passports of rules/targets/*.json (schema rules/schema/targets.schema.json): which school
 * indicator, for whom, which way and how much per year — what a project's «Целевые показатели»
 * table says (seed 004), checked against the indicator files.
 */

export type TargetLevel = 'school' | 'participants' | 'municipality' | 'region';
export type TargetDirection = 'at_most' | 'at_least';

export interface Target {
  id: string;
  title: string;
  group: CompiledGroup;
  indicator: CompiledIndicator;
  level: TargetLevel;
  school?: string;
  municipality?: string;
  direction: TargetDirection;
  /** Plan by year. */
  plan: Map<number, number>;
  basis?: string;
}

export interface TargetPassport {
  id: string;
  title: string;
  file: string;
  basis?: string;
  participants: { title: string; schools: string[] };
  targets: Target[];
}

interface TargetSpec {
  id: string;
  title?: string;
  indicator: string;
  level: TargetLevel;
  school?: string;
  municipality?: string;
  direction: TargetDirection;
  plan: Record<string, number>;
  basis?: string;
}

interface PassportSpec {
  id: string;
  title: string;
  basis?: string;
  participants?: { title?: string; schools: string[] };
  targets: TargetSpec[];
}

/** The passports that load, each checked against its schema and the indicators; a broken target is left out with its problem, a broken file whole. */
export function loadTargets(inputs: readonly { file: string; json: unknown }[], defs: IndicatorDefinitions): { passports: TargetPassport[]; problems: RuleLintProblem[] } {
  const problems: RuleLintProblem[] = [];
  const passports: TargetPassport[] = [];
  const add = (file: string, pointer: string, code: RuleLintProblem['code'], message: string) => problems.push({ code, severity: 'error', file, pointer, message, group: 'targets' });
  const schoolGroups = defs.groups.filter((g) => !g.unit.parent && g.unit.key.length > 0);
  for (const input of inputs) {
    const shape = checkAgainstSchema(schemaValidators.targets, input.json);
    if (shape.length) {
      for (const p of shape) add(input.file, p.pointer, 'schema', p.message);
      continue;
    }
    const spec = input.json as PassportSpec;
    const twin = passports.find((p) => p.id === spec.id);
    if (twin) {
      add(input.file, '/id', 'schema', `паспорт «${spec.id}» уже загружен из файла ${twin.file}`);
      continue;
    }
    const targets: Target[] = [];
    spec.targets.forEach((t, i) => {
      const at = `/targets/${i}`;
      if (targets.some((x) => x.id === t.id)) return add(input.file, `${at}/id`, 'schema', `показатель № ${t.id} уже есть в паспорте выше`);
      const [groupId, indicatorId] = t.indicator.split('.');
      const group = schoolGroups.find((g) => g.id === groupId);
      const indicator = group?.byId.get(indicatorId);
      if (!group || !indicator) {
        const known = schoolGroups.map((g) => g.id).join(', ');
        return add(input.file, `${at}/indicator`, 'unknown_indicator', group ? `в группе «${groupId}» нет показателя «${indicatorId}»` : `нет группы показателей школы «${groupId}»; есть: ${known}`);
      }
      if (indicator.kind !== 'number') return add(input.file, `${at}/indicator`, 'not_numeric', `показатель «${t.indicator}» — не число: плановое значение с ним не сравнить`);
      if (t.level === 'participants' && !spec.participants) return add(input.file, `${at}/level`, 'schema', 'показатель задан участникам проекта, а в паспорте нет списка participants');
      targets.push({
        id: t.id,
        title: t.title ?? indicator.title,
        group,
        indicator,
        level: t.level,
        ...(t.school !== undefined && { school: t.school }),
        ...(t.municipality !== undefined && { municipality: t.municipality }),
        direction: t.direction,
        plan: new Map(Object.keys(t.plan).map((y) => [Number(y), t.plan[y]])),
        ...(t.basis !== undefined && { basis: t.basis }),
      });
    });
    passports.push({
      id: spec.id,
      title: spec.title,
      file: input.file,
      ...(spec.basis !== undefined && { basis: spec.basis }),
      participants: { title: spec.participants?.title ?? 'Участники проекта', schools: spec.participants?.schools ?? [] },
      targets,
    });
  }
  return { passports, problems };
}
