import { checkAgainstSchema } from '../../schema/schema-check';
import { schemaValidators } from '../../schema/schema-validators';
import { type FactCatalogue, type FactInfo, factsOfSet, unitOfSet } from '../../indicators/catalogue';
import { compileRuleSet } from '../compiled-rules';
import { compilePath } from '../fact-path';
import { DECORATOR_NAMES } from '../operators';
import { paramValue, resolveParams } from '../params';
import type { ParamsFile, RuleSetFile } from '../rule-set';
import type { LoadedSystem } from '../system';
import type { RuleLintCode, RuleLintProblem, RuleLintSeverity } from './problem';
import { describeValue, escapePointer, has, isNumber, isObject, type Json, listed, ruleAt, suggestion } from './words';

const validateRuleSetShape = schemaValidators.ruleSet;

export interface RuleSetLintContext {
  file: string;
  /** The region's parameters the set is checked against; undefined when there is no params file (every reference is then unknown). */
  params: ParamsFile['params'] | undefined;
  /** Name of the params file, for messages. */
  paramsFile?: string;
  catalogue: FactCatalogue;
  /** Ids of the recommendation catalogue; undefined when there is no catalogue (every listed id is then unknown). */
  recommendationIds: ReadonlySet<string> | undefined;
  operators: readonly string[];
  decorators?: readonly string[];
  /** The systems the set may name; undefined when unknown (not checked). */
  systems?: readonly LoadedSystem[];
}

/** Decorators that leave the value side as the operator itself expects it. */
const VALUE_KEEPING_DECORATORS = new Set(['someFact', 'everyFact', 'not']);
const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const PAIR_OPERATORS: Record<string, string> = {
  between: 'список из двух чисел [от, до]',
  countAtLeast: 'список из двух чисел [порог, сколько случаев]',
  shareAtLeast: 'список из двух чисел [порог, доля случаев в %]',
  lastYearsAtLeast: 'список из двух чисел [порог, сколько последних лет]',
  lastYearsAtMost: 'список из двух чисел [порог, сколько последних лет]',
  runOfYearsAtLeast: 'список из двух чисел [порог, сколько лет подряд]',
  runOfYearsAtMost: 'список из двух чисел [порог, сколько лет подряд]',
  changeOverYearsAtLeast: 'список из двух чисел [за сколько лет, на сколько]',
  changeOverYearsAtMost: 'список из двух чисел [за сколько лет, на сколько]',
};

interface SetLint {
  json: Json;
  ctx: RuleSetLintContext;
  facts: Record<string, FactInfo> | undefined;
  /** How messages name the set's unit: «единицы «ОО» (scope: school)». */
  scopeWords: string;
  operators: Set<string>;
  decorators: Set<string>;
  named: Set<string>;
  /** Named-condition references: from a rule (from undefined) or a named condition. */
  references: { from: string | undefined; to: string; pointer: string }[];
  problems: RuleLintProblem[];
}

function add(l: SetLint, code: RuleLintCode, pointer: string, message: string, rule?: string, severity: RuleLintSeverity = 'error'): void {
  l.problems.push({ code, severity, file: l.ctx.file, ...(rule !== undefined ? { rule } : {}), pointer, message });
}

/** The value of a condition with its parameter references replaced; undefined when a reference names nothing. */
function resolvedValue(value: unknown, params: ParamsFile['params'] | undefined): { ok: true; value: unknown } | { ok: false } {
  if (isObject(value)) {
    // Only a well-formed reference resolves; any other object is the schema's business.
    if (typeof value.param !== 'string' || Object.keys(value).length !== 1) return { ok: false };
    const v = params ? paramValue(params, value.param) : undefined;
    return v === undefined ? { ok: false } : { ok: true, value: v };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const x of value) {
      const r = resolvedValue(x, params);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

function checkFactAndPath(l: SetLint, node: Json, at: string, rule: string | undefined): void {
  if (!l.facts || typeof node.fact !== 'string') return;
  const fact = node.fact;
  if (!has(l.facts, fact)) {
    const known = Object.keys(l.facts);
    // Every group comes a year back, N years back and as a series: the list names the groups once.
    const listedFacts = known.filter((k) => !/_(prev|series|cohort|back_\d+)$/.test(k));
    add(l, 'unknown_fact', `${at}/fact`, `неизвестный факт «${fact}» для правил ${l.scopeWords}${suggestion(fact, known) || `; известны: ${listed(listedFacts)} (и каждая группа как <группа>_prev, _series, _back_N)`}`, rule);
    return;
  }
  const path = node.path;
  if (typeof path !== 'string' || path === '$' || !path.startsWith('$')) return;
  const info = l.facts[fact];
  const known = Object.keys(info.paths);
  const dotted = path.startsWith('$.') ? path.slice(2) : undefined;
  if (dotted !== undefined && has(info.paths, dotted)) return;
  const written = dotted ?? path.slice(1);
  // A nested path (region: conditions.vacancy_rate) is compared with its siblings by the last part.
  const cut = written.lastIndexOf('.');
  const prefix = cut >= 0 ? written.slice(0, cut + 1) : '';
  const siblings = known.filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('.')).map((p) => p.slice(prefix.length));
  const hint =
    (prefix && siblings.length ? suggestion(written.slice(prefix.length), siblings, (p) => `$.${prefix}${p}`) : suggestion(written, known, (p) => `$.${p}`)) ||
    (known.length ? `; известны: ${listed(known, (p) => `$.${p}`)}` : '');
  const form = dotted === undefined ? ' (путь пишется как «$.показатель»)' : '';
  add(l, 'unknown_path', `${at}/path`, `у факта «${fact}» (${info.title}) нет пути «${path}»${form}${hint}`, rule);
}

function checkOperatorAndValue(l: SetLint, node: Json, at: string, rule: string | undefined): void {
  if (typeof node.operator !== 'string') return;
  const written = node.operator;
  const parts = written.split(':');
  const operator = parts.pop()!;
  const decorators = parts;
  for (const d of decorators) {
    if (!l.decorators.has(d))
      add(l, 'unknown_decorator', `${at}/operator`, `неизвестный декоратор «${d}» в «${written}»${suggestion(d, l.decorators) || `; есть: ${listed([...l.decorators])}`}`, rule);
  }
  if (!l.operators.has(operator)) {
    const what = operator === '' ? `в «${written}» не указан оператор` : `неизвестный оператор «${operator}»`;
    add(l, 'unknown_operator', `${at}/operator`, `${what}${suggestion(operator, l.operators) || `; есть: ${listed([...l.operators], undefined, 20)}`}`, rule);
    return;
  }
  const raw = node.value;
  const literals = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => isNumber(v) && v !== 0);
  if (literals.length && (NUMERIC_OPERATORS.has(operator) || has(PAIR_OPERATORS, operator) || operator === 'inWorstShare'))
    add(l, 'literal_threshold', `${at}/value`, `число ${literals.join(', ')} записано в самом правиле: порог региона лучше взять из файла параметров — {"param": "…"}`, rule, 'warning');
  if (isObject(raw) && has(raw, 'fact')) {
    checkFactAndPath(l, raw, `${at}/value`, rule);
    return;
  }
  if (!has(node, 'value') || decorators.some((d) => !VALUE_KEEPING_DECORATORS.has(d))) return;
  const resolved = resolvedValue(raw, l.ctx.params);
  if (!resolved.ok) return;
  const value = resolved.value;
  const via = isObject(raw) && typeof raw.param === 'string' ? `параметр «${raw.param}» — ` : 'значение — ';
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value)) add(l, 'in_without_array', `${at}/value`, `оператор «${operator}» сравнивает со списком, а ${via}${describeValue(value)}; запишите список: [${JSON.stringify(value)}]`, rule);
  } else if (has(PAIR_OPERATORS, operator)) {
    const pair = Array.isArray(value) && value.length === 2 && isNumber(value[0]) && isNumber(value[1]);
    if (!pair) add(l, 'bad_operator_value', `${at}/value`, `оператор «${operator}» ожидает ${PAIR_OPERATORS[operator]}, а ${via}${describeValue(value)}`, rule);
    else if (operator === 'between' && (value as number[])[0] > (value as number[])[1])
      add(l, 'bad_operator_value', `${at}/value`, `у оператора «between» нижняя граница ${(value as number[])[0]} больше верхней ${(value as number[])[1]}`, rule);
  } else if (operator === 'inWorstShare') {
    if (!isNumber(value) || value <= 0 || value > 100) add(l, 'bad_operator_value', `${at}/value`, `оператор «inWorstShare» ожидает долю в процентах (больше 0 и не больше 100), а ${via}${describeValue(value)}`, rule);
  } else if (NUMERIC_OPERATORS.has(operator)) {
    if (!isNumber(value)) add(l, 'bad_operator_value', `${at}/value`, `оператор «${operator}» сравнивает с числом, а ${via}${describeValue(value)}`, rule);
  }
}

function walkCondition(l: SetLint, node: unknown, at: string, rule: string | undefined, owner: string | undefined, depth = 0): void {
  if (!isObject(node) || depth > 200) return;
  for (const op of ['all', 'any'] as const) {
    if (has(node, op)) {
      const list = node[op];
      if (Array.isArray(list)) list.forEach((c, i) => walkCondition(l, c, `${at}/${op}/${i}`, rule, owner, depth + 1));
      return;
    }
  }
  if (has(node, 'not')) {
    walkCondition(l, node.not, `${at}/not`, rule, owner, depth + 1);
    return;
  }
  if (has(node, 'condition')) {
    const name = node.condition;
    if (typeof name !== 'string') return;
    if (!l.named.has(name)) {
      const known = [...l.named];
      const hint = suggestion(name, known) || (known.length ? `; описаны: ${listed(known)}` : '; раздела conditions в наборе нет');
      add(l, 'undefined_condition', `${at}/condition`, `именованное условие «${name}» не описано в разделе conditions${hint}`, rule);
    } else l.references.push({ from: owner, to: name, pointer: `${at}/condition` });
    return;
  }
  checkFactAndPath(l, node, at, rule);
  checkOperatorAndValue(l, node, at, rule);
}

function checkNamedConditions(l: SetLint): void {
  const conditions = l.json.conditions;
  if (!isObject(conditions)) return;
  const edges = new Map<string, { to: string; pointer: string }[]>();
  for (const r of l.references) if (r.from !== undefined) edges.set(r.from, [...(edges.get(r.from) ?? []), r]);
  // Cycles: a named condition that reaches itself would make json-rules-engine recurse for ever.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const e of edges.get(name) ?? []) {
      if (state.get(e.to) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(e.to)), e.to].map((n) => `«${n}»`).join(' → ');
        add(l, 'circular_condition', e.pointer, `именованные условия ссылаются друг на друга по кругу: ${cycle}`);
      } else if (!state.has(e.to)) visit(e.to);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(conditions)) if (!state.has(name)) visit(name);
  // Unused: not reachable from any rule.
  const used = new Set<string>();
  const reach = (name: string): void => {
    if (used.has(name)) return;
    used.add(name);
    for (const e of edges.get(name) ?? []) reach(e.to);
  };
  for (const r of l.references) if (r.from === undefined) reach(r.to);
  for (const name of Object.keys(conditions))
    if (!used.has(name)) add(l, 'unused_condition', `/conditions/${escapePointer(name)}`, `именованное условие «${name}» не используется ни одним правилом`, undefined, 'warning');
}

function checkRules(l: SetLint): void {
  const rules = l.json.rules;
  if (!Array.isArray(rules)) return;
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const at = `/rules/${i}`;
    const name = typeof rule.name === 'string' ? rule.name : undefined;
    if (name !== undefined) {
      if (seen.has(name)) add(l, 'duplicate_rule_name', `${at}/name`, `правило «${name}» уже описано выше (/rules/${seen.get(name)})`, name);
      else seen.set(name, i);
    }
    walkCondition(l, rule.conditions, `${at}/conditions`, name, undefined);
    const event = rule.event;
    const ids = isObject(event) && isObject(event.params) ? event.params.recommendations : undefined;
    if (!Array.isArray(ids)) return;
    ids.forEach((id, k) => {
      if (typeof id !== 'string') return;
      const pointer = `${at}/event/params/recommendations/${k}`;
      if (!l.ctx.recommendationIds)
        add(l, 'unknown_recommendation', pointer, `рекомендации «${id}» нет: каталога рекомендаций (rules/recommendations) нет`, name);
      else if (!l.ctx.recommendationIds.has(id))
        add(l, 'unknown_recommendation', pointer, `рекомендации «${id}» нет в каталоге рекомендаций${suggestion(id, l.ctx.recommendationIds)}`, name);
    });
  });
}

function checkParams(l: SetLint): void {
  const { missing } = resolveParams(l.json, l.ctx.params ?? {});
  const where = l.ctx.paramsFile ? ` в файле параметров «${l.ctx.paramsFile}»` : '';
  for (const m of missing) {
    let message: string;
    if (!l.ctx.params) message = `параметр «${m.param}» не найти: файла параметров (rules/params) нет`;
    else {
      const parent = m.param.includes('.') ? paramValue(l.ctx.params, m.param.slice(0, m.param.lastIndexOf('.'))) : l.ctx.params;
      const siblings = isObject(parent) ? Object.keys(parent) : [];
      const prefix = m.param.includes('.') ? m.param.slice(0, m.param.lastIndexOf('.') + 1) : '';
      const last = m.param.slice(prefix.length);
      message = `параметр «${m.param}» не найден${where}${suggestion(last, siblings, (s) => prefix + s)}`;
    }
    add(l, 'unknown_param', m.pointer, message, ruleAt(l.json, m.pointer));
  }
}

function checkEffective(l: SetLint): void {
  const e = l.json.effective;
  if (!isObject(e) || typeof e.from !== 'string' || typeof e.to !== 'string') return;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (date.test(e.from) && date.test(e.to) && e.from > e.to) add(l, 'bad_effective_period', '/effective/to', `набор действует с ${e.from}, а заканчивает действовать раньше — ${e.to}`);
}

const TOP_LEVEL_POINTER = /^\/rules\/\d+\/conditions$|^\/conditions\/[^/]+$/;
const TOP_LEVEL_MESSAGE = 'условие верхнего уровня должно быть all, any, not или {"condition": "имя"}: одиночное сравнение оберните в {"all": [...]}';

/** Lints one rule-set file: JSON Schema, then facts, paths, operators, parameters, conditions and recommendations. */
export function lintRuleSet(json: unknown, context: RuleSetLintContext): RuleLintProblem[] {
  const problems: RuleLintProblem[] = checkAgainstSchema(validateRuleSetShape, json).map((p) => ({
    code: 'schema' as const,
    severity: 'error' as const,
    file: context.file,
    ...(ruleAt(json, p.pointer) !== undefined ? { rule: ruleAt(json, p.pointer) } : {}),
    pointer: p.pointer,
    message: TOP_LEVEL_POINTER.test(p.pointer) && p.keyword === 'required' && p.params?.missingProperty === 'all' ? TOP_LEVEL_MESSAGE : p.message,
  }));
  if (!isObject(json)) return problems;
  const facts = factsOfSet(context.catalogue, json);
  const unit = unitOfSet(json);
  const tables = [...context.catalogue.keys()].filter((k) => k.startsWith('table:')).map((k) => k.slice(6));
  if (json.scope === 'table' && typeof json.template === 'string' && !facts)
    problems.push({ code: 'unknown_template', severity: 'error', file: context.file, pointer: '/template', message: `шаблона чужой таблицы «${json.template}» нет${tables.length ? `; есть: ${listed(tables)}` : ''}` });
  else if (typeof json.scope === 'string' && json.scope !== 'table' && !facts) {
    const known = [...context.catalogue.keys()].filter((k) => !k.startsWith('table:'));
    problems.push({ code: 'unknown_unit', severity: 'error', file: context.file, pointer: '/scope', message: `единицы «${json.scope}» нет в rules/units${suggestion(json.scope, known) || (known.length ? `; есть: ${listed([...known, 'table'])}` : '')}` });
  }
  const system = typeof json.system === 'string' ? json.system : typeof json.area === 'string' ? json.area : undefined;
  if (context.systems && system !== undefined && !context.systems.some((s) => s.spec.id === system)) {
    const known = context.systems.map((s) => s.spec.id);
    problems.push({ code: 'unknown_system', severity: 'error', file: context.file, pointer: json.system !== undefined ? '/system' : '/area', message: `направления «${system}» нет в rules/systems${suggestion(system, known) || (known.length ? `; есть: ${listed(known)}` : '')}` });
  }
  const unitTitle = facts?.unit?.title;
  const l: SetLint = {
    json,
    ctx: context,
    scopeWords: json.scope === 'table' ? 'строк таблицы (scope: table)' : `единицы «${unitTitle ?? unit}» (scope: ${unit})`,
    facts,
    operators: new Set(context.operators),
    decorators: new Set(context.decorators ?? DECORATOR_NAMES),
    named: new Set(isObject(json.conditions) ? Object.keys(json.conditions) : []),
    references: [],
    problems,
  };
  checkEffective(l);
  if (isObject(json.conditions))
    for (const [name, condition] of Object.entries(json.conditions)) walkCondition(l, condition, `/conditions/${escapePointer(name)}`, undefined, name);
  checkRules(l);
  checkNamedConditions(l);
  checkParams(l);
  checkCompiles(l);
  return problems;
}

/** A rule the compiled evaluator cannot take still runs, on json-rules-engine: say so, since it is many times slower. */
function checkCompiles(l: SetLint): void {
  if (l.problems.some((p) => p.severity === 'error') || !Array.isArray(l.json.rules)) return;
  const { notCompiled } = compileRuleSet(l.json as unknown as RuleSetFile, compilePath);
  for (const e of notCompiled) {
    const i = (l.json.rules as Json[]).findIndex((r) => isObject(r) && r.name === e.rule);
    add(l, 'engine_fallback', `/rules/${i}/conditions`, `правило «${e.rule}» проверяется медленнее, через json-rules-engine: ${e.message}`, e.rule, 'warning');
  }
}

