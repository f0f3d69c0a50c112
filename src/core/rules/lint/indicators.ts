import type { MukoIndicator } from '../../cycle/muko';
import type { CompiledExpression } from '../../expression/expression';
import { PARAMS_PREFIX } from '../../indicators/aggregate';
import type { FactCatalogue } from '../../indicators/catalogue';
import { unitOfSet } from '../../indicators/catalogue';
import type { CompiledIndicator, IndicatorDefinitions } from '../../indicators/compile';
import { CONTEXT_FACTS } from '../../indicators/model';
import { paramValue } from '../params';
import type { TargetPassport } from '../../targets/passport';
import type { RuleLintProblem } from './problem';
import { isObject, listed, suggestion } from './words';

const YEAR_FORM = /_(prev|series|cohort|back_\d+)$/;

/** The names an indicator's expression or ranking reads that are no fact of its unit: group.indicator, or a sibling by id. */
function unknownReferences(defs: IndicatorDefinitions, catalogue: FactCatalogue): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  for (const g of defs.groups) {
    const facts = catalogue.get(g.unit.id) ?? {};
    for (const ind of g.indicators) {
      const texts: [string, string | undefined][] = [['expression', ind.spec.expression], ['among', ind.spec.among], ['of', ind.spec.of]];
      for (const [field, text] of texts) {
        if (text === undefined) continue;
        const names = field === 'of' ? [text] : (field === 'expression' ? ind.expression : ind.among)?.identifiers ?? [];
        for (const name of names) {
          if (name.startsWith(PARAMS_PREFIX)) continue;
          const pointer = `${ind.at ?? '/'}/${field}`;
          const add = (message: string) => problems.push({ code: 'unknown_indicator', severity: 'error', file: g.file ?? '', pointer, message, group: 'indicators' });
          const dot = name.indexOf('.');
          if (dot < 0) {
            if (!g.byId.has(name)) add(`в группе «${g.id}» нет показателя «${name}»${suggestion(name, g.byId.keys()) || `; показатель другой группы пишется как группа.показатель`}`);
            else if (field === 'of' && g.byId.get(name)!.kind !== 'number') add(`место считается по числовому показателю, а «${name}» — не число`);
            continue;
          }
          const fact = name.slice(0, dot);
          const path = name.slice(dot + 1);
          if (!facts[fact]) add(`у единицы «${g.unit.id}» нет факта «${fact}» (в «${text}»)${suggestion(fact, Object.keys(facts)) || `; есть: ${listed(Object.keys(facts))}`}`);
          else if (!facts[fact].paths[path]) add(`у факта «${fact}» нет показателя «${path}» (в «${text}»)${suggestion(path, Object.keys(facts[fact].paths))}`);
        }
      }
    }
  }
  return problems;
}

/** Every (group, indicator) a fact path names, whatever year form or context it is read in. */
function indicatorOf(fact: string, path: string): [string, string | undefined] {
  const parts = path.replace(/^\$\.?/, '').split('.').filter(Boolean);
  if ((CONTEXT_FACTS as readonly string[]).includes(fact)) return [parts[0] ?? '', parts[1]];
  return [fact.replace(YEAR_FORM, ''), parts[0]?.replace(/_labels$/, '')];
}

/**
 * Indicators no rule set or target reads, directly or through another indicator: a methodologist's leftover.
 * The group named as its unit (the school's own data) describes the unit in reports and texts, and
 * the columns a group takes with `columns: "*"` come with their form: neither is reported.
 */
function unusedIndicators(defs: IndicatorDefinitions, sets: readonly { file: string; json: unknown }[], targets: readonly TargetPassport[], muko: readonly MukoIndicator[]): RuleLintProblem[] {
  const used = indicatorsRead(defs, sets, targets);
  for (const m of muko) used.add(`${m.group.unit.id}|${m.group.id}|${m.indicator.id}`);
  const problems: RuleLintProblem[] = [];
  for (const g of defs.groups) {
    if (g.id === g.unit.id || !g.file) continue;
    if (used.has(`${g.unit.id}|${g.id}|*`)) continue;
    for (const ind of g.indicators)
      if (ind.at !== undefined && !used.has(`${g.unit.id}|${g.id}|${ind.id}`))
        problems.push({ code: 'unused_indicator', severity: 'warning', file: g.file, pointer: `${ind.at}/id`, message: `показатель «${g.id}.${ind.id}» не читает ни один набор правил, целевой показатель и показатель МУКО`, group: 'indicators' });
  }
  return problems;
}

/** `unit|group|indicator` (or `|*` for a whole group) of every indicator the sets and target passports read, directly or through other indicators. */
function indicatorsRead(defs: IndicatorDefinitions, sets: readonly { file: string; json: unknown }[], targets: readonly TargetPassport[] = []): Set<string> {
  const used = new Set<string>();
  const mark = (unit: string, group: string, ind: string | undefined) => used.add(`${unit}|${group}|${ind ?? '*'}`);
  for (const p of targets) for (const t of p.targets) mark(t.group.unit.id, t.group.id, t.indicator.id);
  for (const s of sets) {
    if (!isObject(s.json)) continue;
    const unit = defs.units.get(unitOfSet(s.json) ?? '');
    if (!unit) continue;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!isObject(node)) return;
      if (typeof node.fact === 'string') {
        const path = typeof node.path === 'string' ? node.path : '';
        for (let u: typeof unit | undefined = unit; u; u = u.parent) {
          const [g, i] = indicatorOf(node.fact, path);
          mark(u.id, g, i);
        }
      }
      for (const v of Object.values(node)) walk(v);
    };
    walk(s.json.conditions);
    walk(s.json.rules);
  }
  // What the used indicators read is used too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of defs.groups)
      for (const ind of g.indicators) {
        if (!used.has(`${g.unit.id}|${g.id}|${ind.id}`) && !used.has(`${g.unit.id}|${g.id}|*`)) continue;
        for (const name of ind.reads) {
          const dot = name.indexOf('.');
          const [group, id] = dot < 0 ? [g.id, name] : indicatorOf(name.slice(0, dot), name.slice(dot + 1));
          for (let u: typeof g.unit | undefined = g.unit; u; u = u.parent) {
            const key = `${u.id}|${group}|${id ?? '*'}`;
            if (!used.has(key)) {
              used.add(key);
              grew = true;
            }
          }
        }
      }
  }
  return used;
}

/** The parameters an indicator's expressions read, each with the field that reads it. */
function paramsRead(ind: CompiledIndicator): { field: string; param: string }[] {
  const fields: [string, CompiledExpression | undefined][] = [
    ['where', ind.where], ['value', ind.value], ['label', ind.label], ['part', ind.part], ['whole', ind.whole], ['weight', ind.weight], ['expression', ind.expression], ['among', ind.among],
  ];
  (ind.values ?? []).forEach((v, i) => fields.push([`values/${i}/value`, v.value], [`values/${i}/label`, v.label]));
  return fields.flatMap(([field, e]) => (e?.identifiers ?? []).filter((n) => n.startsWith(PARAMS_PREFIX)).map((n) => ({ field, param: n.slice(PARAMS_PREFIX.length) })));
}

/** A parameter an indicator reads that the parameters file of a set reading the indicator does not hold. */
function missingParams(defs: IndicatorDefinitions, sets: readonly { file: string; json: unknown }[], params: readonly { id: string; json: unknown }[]): RuleLintProblem[] {
  const problems: RuleLintProblem[] = [];
  const seen = new Set<string>();
  for (const s of sets) {
    if (!isObject(s.json)) continue;
    const id = typeof s.json.params === 'string' ? s.json.params : params.length === 1 ? params[0].id : undefined;
    const file = params.find((p) => p.id === id);
    if (!file || !isObject(file.json) || !isObject(file.json.params)) continue;
    const read = indicatorsRead(defs, [s]);
    for (let u = defs.units.get(unitOfSet(s.json) ?? ''); u; u = u.parent)
      for (const g of defs.groups.filter((x) => x.unit === u))
        for (const ind of g.indicators) {
          if (!read.has(`${g.unit.id}|${g.id}|${ind.id}`) && !read.has(`${g.unit.id}|${g.id}|*`)) continue;
          for (const { field, param } of paramsRead(ind)) {
            const key = `${g.file}|${ind.id}|${field}|${param}|${id}`;
            if (seen.has(key) || paramValue(file.json.params, param) !== undefined) continue;
            seen.add(key);
            problems.push({
              code: 'unknown_param',
              severity: 'error',
              file: g.file ?? '',
              pointer: `${ind.at ?? '/'}/${field}`,
              message: `показатель «${g.id}.${ind.id}» читает параметр «${param}», которого нет в файле параметров «${id}»`,
              group: 'indicators',
            });
          }
        }
  }
  return problems;
}

/** What indicator files hold that only the whole folder shows: references between facts and indicators no rule reads, parameters the region lacks. */
export function lintIndicators(
  defs: IndicatorDefinitions,
  catalogue: FactCatalogue,
  sets: readonly { file: string; json: unknown }[],
  params: readonly { id: string; json: unknown }[] = [],
  targets: readonly TargetPassport[] = [],
  muko: readonly MukoIndicator[] = [],
): RuleLintProblem[] {
  return [...unknownReferences(defs, catalogue), ...unusedIndicators(defs, sets, targets, muko), ...missingParams(defs, sets, params)];
}
