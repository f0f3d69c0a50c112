import { compileExpression, type CompiledExpression, ExpressionError, type ValueKind } from '../expression/expression';
import type { RuleLintCode, RuleLintProblem } from '../rules/lint/problem';
import { escapePointer, listed, suggestion } from '../rules/lint/words';
import { checkAgainstSchema } from '../schema/schema-check';
import { schemaValidators } from '../schema/schema-validators';
import type { Template } from '../template/template';
import {
  type Aggregate,
  type ContextTitles,
  DEFAULT_CONTEXT_TITLES,
  type IndicatorGroupSpec,
  type IndicatorKind,
  type IndicatorSpec,
  type Scalar,
  type SheetSource,
  TABLE_CONTEXT_TITLES,
  type UnitSpec,
} from './definition';
import { PARAMS_PREFIX } from './aggregate';
import { type SheetField, type SheetInfo, sheetsOf } from './sheets';

/** A unit ready to enumerate: its sheet and parent resolved. */
export interface CompiledUnit {
  id: string;
  title: string;
  file?: string;
  sheet: SheetInfo;
  /** Empty for the rows of a foreign table that no unit file groups: each row is a unit. */
  key: string[];
  parent?: CompiledUnit;
  peers: string[];
  cohort?: string;
  name?: string;
  municipality?: string;
  label?: CompiledExpression;
  titles: ContextTitles;
  /** The foreign table's template, for a unit made of its rows without a unit file. */
  table?: string;
}

export interface CompiledSource {
  sheet: SheetInfo;
  fields: { name: string; expr: CompiledExpression }[];
}

export interface CompiledIndicator {
  spec: IndicatorSpec;
  id: string;
  title: string;
  unit?: string;
  kind: IndicatorKind;
  aggregate: Aggregate;
  sources: CompiledSource[];
  filter: { field: string; allowed: Set<Scalar> }[];
  where?: CompiledExpression;
  value?: CompiledExpression;
  values?: { value: CompiledExpression; label?: CompiledExpression }[];
  label?: CompiledExpression;
  part?: CompiledExpression;
  whole?: CompiledExpression;
  weight?: CompiledExpression;
  match?: string[];
  expression?: CompiledExpression;
  among?: CompiledExpression;
  of?: string;
  order: 'descending' | 'ascending';
  years: 'current' | 'all' | number;
  over: 'unit' | 'region';
  /** Names of the unit's facts the indicator reads (expression, among): siblings by id, others as group.indicator. */
  reads: string[];
  hasLabels: boolean;
  /** JSON pointer of the indicator in its group's file; none for the columns of `columns: "*"`. */
  at?: string;
}

export interface CompiledGroup {
  id: string;
  title: string;
  file?: string;
  unit: CompiledUnit;
  quotePreviousYear: boolean;
  indicators: CompiledIndicator[];
  byId: Map<string, CompiledIndicator>;
}

export interface IndicatorDefinitions {
  units: Map<string, CompiledUnit>;
  groups: CompiledGroup[];
}

export interface IndicatorFileInput {
  file: string;
  json: unknown;
}

/** Fact names rules read beside the groups: a group may not take them. */
export const RESERVED_FACTS = ['unit', 'region', 'municipality', 'percentile', 'rank', 'region_weighted', 'municipality_weighted'];
const RESERVED_SUFFIX = /_(prev|series|cohort|back_\d+)$/;

const RECORD_AGGREGATES = new Set<Aggregate>(['first', 'last', 'sum', 'count', 'distinct', 'share', 'mean', 'weighted_mean', 'min', 'max', 'any', 'all', 'list']);
const NUMERIC_VALUE = new Set<Aggregate>(['sum', 'mean', 'weighted_mean', 'min', 'max']);
const KIND_OF_AGGREGATE: Partial<Record<Aggregate, IndicatorKind>> = {
  sum: 'number',
  count: 'number',
  distinct: 'number',
  share: 'number',
  mean: 'number',
  weighted_mean: 'number',
  min: 'number',
  max: 'number',
  any: 'boolean',
  all: 'boolean',
  list: 'list',
  rank: 'rank',
  cumulative_share: 'number',
};

/** The implicit unit of a foreign table no unit file groups: each row, against the table. */
export const tableUnitId = (templateId: string) => `table:${templateId}`;

interface Compiler {
  problems: RuleLintProblem[];
  sheets: Map<string, SheetInfo>;
}

function problem(c: Compiler, code: RuleLintCode, file: string, pointer: string, message: string, group: 'units' | 'indicators', severity: 'error' | 'warning' = 'error'): void {
  c.problems.push({ code, severity, file, pointer, message, group });
}

function sheetOf(c: Compiler, ref: string, file: string, pointer: string, group: 'units' | 'indicators'): SheetInfo | undefined {
  const sheet = c.sheets.get(ref);
  if (!sheet) problem(c, 'unknown_sheet', file, pointer, `листа «${ref}» нет ни в одном шаблоне${suggestion(ref, c.sheets.keys()) || `; есть: ${listed([...c.sheets.keys()])}`}`, group);
  return sheet;
}

function expressionOf(c: Compiler, text: string | undefined, file: string, pointer: string, group: 'units' | 'indicators'): CompiledExpression | undefined {
  if (text === undefined) return undefined;
  try {
    return compileExpression(text);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    problem(c, 'bad_expression', file, pointer, `выражение «${text}»: ${e.message}`, group);
    return undefined;
  }
}

function compileUnit(c: Compiler, input: IndicatorFileInput): CompiledUnit | undefined {
  const shape = checkAgainstSchema(schemaValidators.unit, input.json);
  if (shape.length) {
    for (const p of shape) problem(c, 'schema', input.file, p.pointer, p.message, 'units');
    return undefined;
  }
  const spec = input.json as UnitSpec;
  const sheet = sheetOf(c, spec.from, input.file, '/from', 'units');
  if (!sheet) return undefined;
  let ok = true;
  const field = (name: string | undefined, pointer: string) => {
    if (name === undefined || sheet.fields.has(name)) return;
    ok = false;
    problem(c, 'unknown_field', input.file, pointer, `на листе «${sheet.ref}» нет поля «${name}»${suggestion(name, sheet.fields.keys())}`, 'units');
  };
  spec.key.forEach((k, i) => field(k, `/key/${i}`));
  field(spec.name, '/name');
  field(spec.municipality, '/municipality');
  (spec.peers ?? []).forEach((p, i) => {
    if (!spec.key.includes(p)) {
      ok = false;
      problem(c, 'unknown_field', input.file, `/peers/${i}`, `поле «${p}» не ключевое: сравнимые единицы отличаются только ключевыми полями (${listed(spec.key)})`, 'units');
    }
  });
  if (spec.cohort !== undefined && (!spec.key.includes(spec.cohort) || sheet.fields.get(spec.cohort)?.kind !== 'number')) {
    ok = false;
    problem(c, 'unknown_field', input.file, '/cohort', `поле «${spec.cohort}» должно быть числовым ключевым полем (класс), чтобы найти тех же обучающихся годом ранее`, 'units');
  }
  const label = expressionOf(c, spec.label, input.file, '/label', 'units');
  for (const id of label?.identifiers ?? [])
    if (id !== 'year' && !spec.key.includes(id)) problem(c, 'unknown_field', input.file, '/label', `в подписи единицы «${id}» — не ключевое поле; можно: ${listed([...spec.key, 'year'])}`, 'units');
  if (!ok) return undefined;
  return {
    id: spec.id,
    title: spec.title,
    file: input.file,
    sheet,
    key: spec.key,
    peers: spec.peers ?? [],
    cohort: spec.cohort,
    name: spec.name,
    municipality: spec.municipality,
    label,
    titles: { ...DEFAULT_CONTEXT_TITLES, ...spec.context_titles },
  };
}

function sourcesOf(c: Compiler, from: SheetSource | SheetSource[] | undefined, file: string, pointer: string): CompiledSource[] | undefined {
  if (from === undefined) return [];
  const list = Array.isArray(from) ? from : [from];
  const out: CompiledSource[] = [];
  let ok = true;
  list.forEach((s, i) => {
    const at = Array.isArray(from) ? `${pointer}/${i}` : pointer;
    const ref = typeof s === 'string' ? s : s.sheet;
    const sheet = sheetOf(c, ref, file, typeof s === 'string' ? at : `${at}/sheet`, 'indicators');
    if (!sheet) {
      ok = false;
      return;
    }
    const fields: CompiledSource['fields'] = [];
    for (const [name, text] of Object.entries(typeof s === 'string' ? {} : (s.fields ?? {}))) {
      const expr = expressionOf(c, text, file, `${at}/fields/${escapePointer(name)}`, 'indicators');
      if (!expr) {
        ok = false;
        continue;
      }
      for (const id of expr.identifiers)
        if (!sheet.fields.has(id)) problem(c, 'unknown_field', file, `${at}/fields/${escapePointer(name)}`, `на листе «${sheet.ref}» нет поля «${id}»${suggestion(id, sheet.fields.keys())}`, 'indicators');
      fields.push({ name, expr });
    }
    out.push({ sheet, fields });
  });
  return ok ? out : undefined;
}

/** What a record of these sources holds: the sheets' fields (all of them must have it) and the added ones. */
function recordField(sources: readonly CompiledSource[], name: string): SheetField | { kind: ValueKind } | undefined {
  let found: SheetField | { kind: ValueKind } | undefined;
  for (const s of sources) {
    const own = s.sheet.fields.get(name) ?? (s.fields.some((f) => f.name === name) ? { kind: 'unknown' as ValueKind } : undefined);
    if (!own) return undefined;
    found ??= own;
  }
  return found;
}

const valueKind = (k: IndicatorKind | ValueKind | undefined): ValueKind => (k === 'number' || k === 'text' || k === 'boolean' ? k : 'unknown');

function compileIndicator(c: Compiler, spec: IndicatorSpec, group: IndicatorGroupSpec, groupSources: CompiledSource[] | undefined, file: string, at: string): CompiledIndicator | undefined {
  const recordBased = RECORD_AGGREGATES.has(spec.aggregate);
  const sources = spec.from !== undefined ? sourcesOf(c, spec.from, file, `${at}/from`) : groupSources;
  if (!sources) return undefined;
  if (recordBased && sources.length === 0) {
    problem(c, 'schema', file, `${at}/from`, `показатель «${spec.id}» (${spec.aggregate}) считается по записям: укажите лист в from — у показателя или у группы`, 'indicators');
    return undefined;
  }
  if (!recordBased && spec.from !== undefined)
    problem(c, 'schema', file, `${at}/from`, `показатель «${spec.id}» (${spec.aggregate}) считается не по записям: from ему не нужен`, 'indicators', 'warning');
  let ok = true;
  const match = spec.match;
  for (const [i, m] of (match ?? []).entries())
    if (!recordField(sources, m)) {
      ok = false;
      problem(c, 'unknown_field', file, `${at}/match/${i}`, `у записей нет поля «${m}»`, 'indicators');
    }
  const record = (key: keyof IndicatorSpec): CompiledExpression | undefined => {
    const text = spec[key] as string | undefined;
    const expr = expressionOf(c, text, file, `${at}/${key}`, 'indicators');
    if (text !== undefined && !expr) ok = false;
    for (const id of expr?.identifiers ?? []) {
      if (id.startsWith(PARAMS_PREFIX)) continue;
      const prev = id.startsWith('prev.') ? id.slice(5) : undefined;
      if (prev !== undefined && match && recordField(sources, prev)) continue;
      if (prev === undefined && recordField(sources, id)) continue;
      ok = false;
      const known = [...new Set(sources.flatMap((s) => [...s.sheet.fields.keys(), ...s.fields.map((f) => f.name)]))];
      const why = prev !== undefined && !match ? ': prev.<поле> читается только при match' : suggestion(prev ?? id, known, (k) => (prev !== undefined ? `prev.${k}` : k));
      problem(c, 'unknown_field', file, `${at}/${key}`, `в выражении «${text}» нет такого поля записи: «${id}»${why}`, 'indicators');
    }
    return expr;
  };
  const kindOf = (name: string): ValueKind => valueKind(recordField(sources, name.startsWith('prev.') ? name.slice(5) : name)?.kind);
  const where = record('where');
  const value = record('value');
  const label = record('label');
  const part = record('part');
  const whole = record('whole');
  const weight = record('weight');
  const values = spec.values?.map((v, i) => {
    const one = expressionOf(c, v.value, file, `${at}/values/${i}/value`, 'indicators');
    const named = expressionOf(c, v.label, file, `${at}/values/${i}/label`, 'indicators');
    if (!one) ok = false;
    return { value: one!, ...(named && { label: named }) };
  });
  const numericOperands = [...(NUMERIC_VALUE.has(spec.aggregate) ? [value, ...(values ?? []).map((v) => v.value)] : []), part, whole, weight];
  for (const e of numericOperands) {
    if (!e) continue;
    const k = e.resultKind(kindOf);
    if (k === 'text' || k === 'boolean')
      problem(c, 'not_numeric', file, at, `показатель «${spec.id}» (${spec.aggregate}) агрегирует «${e.text}», а это ${k === 'text' ? 'текст' : 'да/нет'}, не число`, 'indicators');
  }
  const filter: CompiledIndicator['filter'] = [];
  for (const [field, wanted] of Object.entries(spec.filter ?? {})) {
    const pointer = `${at}/filter/${escapePointer(field)}`;
    const info = recordField(sources, field);
    if (!info) {
      ok = false;
      problem(c, 'unknown_field', file, pointer, `у записей нет поля «${field}» для отбора${suggestion(field, new Set(sources.flatMap((s) => [...s.sheet.fields.keys()])))}`, 'indicators');
      continue;
    }
    const list = Array.isArray(wanted) ? wanted : [wanted];
    const allowed = 'values' in info ? info.values : undefined;
    list.forEach((w, i) => {
      if (allowed && !allowed.includes(String(w)))
        problem(c, 'unknown_filter_value', file, Array.isArray(wanted) ? `${pointer}/${i}` : pointer, `значения «${w}» нет среди допустимых значений поля «${field}»${suggestion(String(w), allowed)}; допустимы: ${listed([...allowed])}`, 'indicators');
    });
    filter.push({ field, allowed: new Set(list) });
  }
  const expression = expressionOf(c, spec.expression, file, `${at}/expression`, 'indicators');
  const among = expressionOf(c, spec.among, file, `${at}/among`, 'indicators');
  if ((spec.expression !== undefined && !expression) || (spec.among !== undefined && !among)) ok = false;
  if (!ok) return undefined;
  const kind: IndicatorKind =
    spec.type ??
    KIND_OF_AGGREGATE[spec.aggregate] ??
    (() => {
      const k = (spec.aggregate === 'expression' ? expression : value)?.resultKind((name) => (spec.aggregate === 'expression' ? 'unknown' : kindOf(name)));
      return k === 'text' || k === 'boolean' ? k : 'number';
    })();
  return {
    spec,
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    kind,
    aggregate: spec.aggregate,
    sources: recordBased ? sources : [],
    filter,
    where,
    value,
    values,
    label,
    part,
    whole,
    weight,
    match,
    expression,
    among,
    of: spec.of,
    order: spec.order ?? 'descending',
    years: spec.years ?? 'current',
    over: spec.over ?? 'unit',
    reads: [...(expression?.identifiers ?? []), ...(among?.identifiers ?? []), ...(spec.of !== undefined ? [spec.of] : [])].filter((n) => !n.startsWith(PARAMS_PREFIX)),
    hasLabels: label !== undefined || (values ?? []).some((v) => v.label !== undefined) || spec.aggregate === 'cumulative_share',
    at,
  };
}

/** The `columns: "*"` of a group: every field of the sheet as the unit's record gives it. */
function columnIndicators(source: CompiledSource): CompiledIndicator[] {
  return [...source.sheet.fields.values()].map((f) => ({
    spec: { id: f.code, title: f.title, aggregate: 'first' as const },
    id: f.code,
    title: f.title,
    unit: f.unit,
    kind: f.kind,
    aggregate: 'first' as const,
    sources: [source],
    filter: [],
    value: compileExpression(f.code),
    order: 'descending' as const,
    years: 'current' as const,
    over: 'unit' as const,
    reads: [],
    hasLabels: false,
  }));
}

function compileGroup(c: Compiler, input: IndicatorFileInput, units: Map<string, CompiledUnit>): CompiledGroup | undefined {
  const shape = checkAgainstSchema(schemaValidators.indicators, input.json);
  if (shape.length) {
    for (const p of shape) problem(c, 'schema', input.file, p.pointer, p.message, 'indicators');
    return undefined;
  }
  const spec = input.json as IndicatorGroupSpec;
  const unit = units.get(spec.unit);
  if (!unit) {
    const known = [...units.keys()].filter((k) => !k.startsWith('table:'));
    problem(c, 'unknown_unit', input.file, '/unit', `единицы «${spec.unit}» нет в rules/units${suggestion(spec.unit, known) || (known.length ? `; есть: ${listed(known)}` : '')}`, 'indicators');
    return undefined;
  }
  if (RESERVED_FACTS.includes(spec.id) || RESERVED_SUFFIX.test(spec.id)) {
    problem(c, 'schema', input.file, '/id', `имя «${spec.id}» занято: так называются факты, которые Окошко добавляет само (${listed(RESERVED_FACTS)}, окончания _prev, _series, _cohort, _back_N)`, 'indicators');
    return undefined;
  }
  const groupSources = sourcesOf(c, spec.from, input.file, '/from');
  const indicators: CompiledIndicator[] = [];
  if (spec.columns === '*') {
    if (!groupSources || groupSources.length !== 1) problem(c, 'schema', input.file, '/columns', 'columns: "*" берёт показатели одного листа: укажите в from ровно один лист', 'indicators');
    else indicators.push(...columnIndicators(groupSources[0]));
  }
  const byId = new Map(indicators.map((i) => [i.id, i]));
  (spec.indicators ?? []).forEach((ind, i) => {
    const at = `/indicators/${i}`;
    if (byId.has(ind.id) && !indicators.slice(0, byId.size).includes(byId.get(ind.id)!)) {
      problem(c, 'duplicate_indicator', input.file, `${at}/id`, `показатель «${ind.id}» уже описан в этой группе`, 'indicators');
      return;
    }
    const compiled = compileIndicator(c, ind, spec, groupSources, input.file, at);
    if (!compiled) return;
    const column = byId.get(ind.id);
    if (column) indicators.splice(indicators.indexOf(column), 1, compiled);
    else indicators.push(compiled);
    byId.set(ind.id, compiled);
  });
  return { id: spec.id, title: spec.title, file: input.file, unit, quotePreviousYear: spec.quote_previous_year === true, indicators, byId };
}

/** Units of the foreign tables no unit file reads: each row a unit, its columns the group `row`. */
function tableUnits(templates: readonly Template[], c: Compiler, declared: Iterable<CompiledUnit>): { units: CompiledUnit[]; groups: CompiledGroup[] } {
  const covered = new Set([...declared].map((u) => u.sheet.template.id));
  const units: CompiledUnit[] = [];
  const groups: CompiledGroup[] = [];
  for (const t of templates) {
    if (t.kind !== 'foreign' || covered.has(t.id)) continue;
    const sheet = c.sheets.get(`${t.id}.${t.sheets[0].id}`)!;
    const unit: CompiledUnit = { id: tableUnitId(t.id), title: t.title, sheet, key: [], peers: [], titles: TABLE_CONTEXT_TITLES, table: t.id };
    const indicators = columnIndicators({ sheet, fields: [] });
    units.push(unit);
    groups.push({ id: 'row', title: t.title, unit, quotePreviousYear: false, indicators, byId: new Map(indicators.map((i) => [i.id, i])) });
  }
  return { units, groups };
}

/** Cycles between a unit's expression indicators: each reported once, where it closes. */
function checkCycles(c: Compiler, groups: readonly CompiledGroup[]): void {
  for (const g of groups) {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (ind: CompiledIndicator, path: string[]): void => {
      state.set(ind.id, 'open');
      for (const name of ind.reads) {
        const next = !name.includes('.') ? g.byId.get(name) : name.startsWith(`${g.id}.`) ? g.byId.get(name.slice(g.id.length + 1)) : undefined;
        if (!next) continue;
        if (state.get(next.id) === 'open') {
          const cycle = [...path.slice(path.indexOf(next.id)), next.id].map((n) => `«${n}»`).join(' → ');
          problem(c, 'indicator_cycle', g.file ?? '', ind.at ?? '/', `показатели ссылаются друг на друга по кругу: ${cycle}`, 'indicators');
        } else if (!state.has(next.id)) visit(next, [...path, next.id]);
      }
      state.set(ind.id, 'done');
    };
    for (const ind of g.indicators) if (!state.has(ind.id)) visit(ind, [ind.id]);
  }
}

/**
 * Units and indicator groups compiled against the templates: sheets, fields, expressions and filter
 * values resolved; each broken file becomes located Russian problems and is left out, the rest compile.
 * References to other facts (group.indicator) are checked by the catalogue, which knows them all.
 */
export function compileIndicators(unitFiles: readonly IndicatorFileInput[], groupFiles: readonly IndicatorFileInput[], templates: readonly Template[]): { definitions: IndicatorDefinitions; problems: RuleLintProblem[] } {
  const c: Compiler = { problems: [], sheets: sheetsOf(templates) };
  const units = new Map<string, CompiledUnit>();
  const parents = new Map<string, { parent: string; file: string }>();
  for (const input of unitFiles) {
    const unit = compileUnit(c, input);
    if (!unit) continue;
    if (units.has(unit.id)) {
      problem(c, 'schema', input.file, '/id', `единица «${unit.id}» уже описана в файле ${units.get(unit.id)!.file}`, 'units');
      continue;
    }
    units.set(unit.id, unit);
    const parent = (input.json as UnitSpec).parent;
    if (parent !== undefined) parents.set(unit.id, { parent, file: input.file });
  }
  for (const [id, { parent, file }] of parents) {
    const unit = units.get(id)!;
    const p = units.get(parent);
    const missing = p ? p.key.filter((k) => !unit.key.includes(k)) : [];
    if (!p || missing.length || parent === id) {
      units.delete(id);
      problem(c, 'unknown_unit', file, '/parent', !p ? `единицы «${parent}» нет в rules/units` : parent === id ? 'единица не может входить сама в себя' : `ключевых полей единицы «${parent}» (${listed(missing)}) нет в key`, 'units');
    } else unit.parent = p;
  }
  for (const unit of units.values()) {
    const seen = new Set<CompiledUnit>();
    for (let u: CompiledUnit | undefined = unit; u; u = u.parent) {
      if (seen.has(u)) {
        problem(c, 'unknown_unit', unit.file ?? '', '/parent', `единицы входят друг в друга по кругу: ${[...seen].map((x) => `«${x.id}»`).join(' → ')}`, 'units');
        unit.parent = undefined;
        break;
      }
      seen.add(u);
    }
  }
  const tables = tableUnits(templates, c, units.values());
  for (const u of tables.units) units.set(u.id, u);
  const groups: CompiledGroup[] = [...tables.groups];
  for (const input of groupFiles) {
    const g = compileGroup(c, input, units);
    if (!g) continue;
    const twin = groups.find((x) => x.id === g.id && x.unit === g.unit);
    if (twin) {
      problem(c, 'schema', input.file, '/id', `группа «${g.id}» единицы «${g.unit.id}» уже описана в файле ${twin.file}`, 'indicators');
      continue;
    }
    groups.push(g);
  }
  checkCycles(c, groups);
  return { definitions: { units, groups }, problems: c.problems };
}
