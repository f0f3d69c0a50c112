import type { ExpressionValue } from '../expression/expression';
import { aggregateRecords, type IndicatorResult, type IndicatorRow, kept, num, PARAMS_PREFIX, type ParamReader, RecordScope } from './aggregate';
import type { CompiledGroup, CompiledIndicator, CompiledSource, CompiledUnit, IndicatorDefinitions } from './compile';
import { type FactView, hasFact, makeView, viewPrototype, type ViewReaders } from './fact-view';
import { partOfTotal } from '../messages/phrases';
import { paramValue } from '../rules/params';
import { mean, percentileOf } from './statistics';

/** Every validated record the indicators read, by «template.sheet»; rows with errors are left out. */
export type RecordsBySheet = ReadonlyMap<string, readonly IndicatorRow[]>;

/** One unit of a year: a school, a ВПР work of a school, a row of a table. */
export interface Unit {
  kind: CompiledUnit;
  /** Set by the model: what it computed for the unit. */
  cache?: AddressCache;
  /** The key fields' values. */
  key: IndicatorRow;
  keyText: string;
  year: number;
  /** The first record of the unit's own sheet. */
  record: IndicatorRow;
  parent?: Unit;
  name: string;
  municipality: string;
}

/** What is known of one address: its indicators by year and its cohort. */
export interface AddressCache {
  generation: number;
  results: Map<number, Map<CompiledIndicator, IndicatorResult>>;
  cohort?: Address | null;
}

/** Where a view reads: an address and a year. */
interface Place {
  addr: Address;
  year: number;
}

/** A unit's place in any year: the same key a year earlier is the same school's work then. */
type Address = Pick<Unit, 'kind' | 'key' | 'keyText' | 'municipality'> & { record?: IndicatorRow; parent?: Address; cache?: AddressCache };

export type Outcomes = Record<string, unknown>;

/** How a source's records are found for units of a kind: the fields matched, the index, and whether they are the unit's whole key. */
interface SourceLookup {
  fields: string[];
  index: RecordIndex;
  wholeKey: boolean;
}

const SEP = '\u0001';
const keyTextOf = (values: readonly unknown[]) => values.map((v) => (v === null || v === undefined ? '' : String(v))).join(SEP);

/** keyTextOf of a record's fields, without the arrays: it runs for every record of every index. */
function keyOf(record: IndicatorRow, fields: readonly string[]): string {
  let text = '';
  for (let i = 0; i < fields.length; i++) {
    const v = record[fields[i]];
    if (i > 0) text += SEP;
    if (v !== null && v !== undefined) text += String(v);
  }
  return text;
}

const NONE: IndicatorRow[] = [];

/** A source's records by year ('*' for a sheet without years), then by the key text of the fields matched. */
type RecordIndex = Map<string, Map<string, IndicatorRow[]>>;

/** Context facts: name → how a numeric indicator of the population comes to one number for the unit. */
export const CONTEXT_FACTS = ['region', 'municipality', 'percentile', 'rank', 'region_weighted', 'municipality_weighted'] as const;
export type ContextFact = (typeof CONTEXT_FACTS)[number];

/** Indicators whose region value is a pooled one: Σ part / Σ whole over the units. */
export const isPooled = (ind: CompiledIndicator) => ind.aggregate === 'share' || ind.aggregate === 'weighted_mean';

/**
 * The indicators of a region for one classification year, computed when first read: each unit's groups
 * for this year, a year back, the series of every year read, the same pupils a year earlier (cohort),
 * and the context of the municipality and the region. Pure: it reads the records it is given.
 */
export class IndicatorModel {
  /** Every year read, oldest first, up to the classification year and without gaps. */
  readonly years: number[];
  private readonly groupsByUnit = new Map<string, CompiledGroup[]>();
  private readonly indexes = new Map<string, RecordIndex>();
  private readonly lookups = new Map<CompiledSource, Map<string, SourceLookup>>();
  private readonly unitCache = new Map<string, Unit[]>();
  private cache = new Map<string, unknown>();
  private readonly prototypes = new Map<object, Map<string, FactView>>();
  private addressCaches = new Map<string, AddressCache>();
  private generation = 0;
  private readonly resolvers = new Map<string, Map<string, (addr: Address, year: number) => unknown>>();
  private readonly outcomes = new Map<string, Map<string, Outcomes>>();

  private readonly param: ParamReader;
  private readonly filterScope: RecordScope;

  /** `params`: the region's parameters, which indicators read as params.<path>. */
  constructor(
    readonly definitions: IndicatorDefinitions,
    private readonly records: RecordsBySheet,
    readonly year: number,
    params: Record<string, unknown> = {},
  ) {
    this.param = (dotted) => {
      const v = paramValue(params, dotted);
      return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
    };
    this.filterScope = new RecordScope(this.param);
    for (const g of definitions.groups) this.groupsByUnit.set(g.unit.id, [...(this.groupsByUnit.get(g.unit.id) ?? []), g]);
    let first = year;
    for (const [ref, rows] of records) {
      if (!this.sheetHasYear(ref)) continue;
      for (const r of rows) if (typeof r.year === 'number' && Number.isInteger(r.year) && r.year < first && r.year > year - 50) first = r.year;
    }
    this.years = [];
    for (let y = first; y <= year; y++) this.years.push(y);
  }

  private sheetHasYear(ref: string): boolean {
    for (const u of this.definitions.units.values()) if (u.sheet.ref === ref) return u.sheet.hasYear;
    for (const g of this.definitions.groups) for (const i of g.indicators) for (const s of i.sources) if (s.sheet.ref === ref) return s.sheet.hasYear;
    return false;
  }

  groupsOf(kind: CompiledUnit): CompiledGroup[] {
    return this.groupsByUnit.get(kind.id) ?? [];
  }

  private memo<T>(key: string, make: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = make();
    this.cache.set(key, v);
    return v;
  }

  /** The units of a kind in a year, in the order of their sheet's records; a child unit needs its parent. */
  units(kind: CompiledUnit, year: number = this.year): Unit[] {
    const cacheKey = `${kind.id}${SEP}${kind.key.length ? year : ''}`;
    const known = this.unitCache.get(cacheKey);
    if (known) return known;
    const rows = this.records.get(kind.sheet.ref) ?? [];
    const out: Unit[] = [];
    if (kind.key.length === 0) {
      if (year === this.year) rows.forEach((r, i) => out.push({ kind, key: {}, keyText: `#${i}`, year, record: r, name: String(r.name ?? ''), municipality: '' }));
    } else {
      const parents = kind.parent ? new Map(this.units(kind.parent, year).map((u) => [u.keyText, u])) : undefined;
      const seen = new Set<string>();
      for (const r of rows) {
        if (kind.sheet.hasYear && r.year !== year) continue;
        const values = kind.key.map((k) => r[k]);
        if (values.some((v) => v === null || v === undefined)) continue;
        const keyText = keyTextOf(values);
        if (seen.has(keyText)) continue;
        const parent = parents?.get(keyTextOf(kind.parent!.key.map((k) => r[k])));
        if (parents && !parent) continue;
        seen.add(keyText);
        out.push({
          kind,
          key: Object.fromEntries(kind.key.map((k) => [k, r[k]])),
          keyText,
          year,
          record: r,
          parent,
          name: kind.name ? String(r[kind.name] ?? '') : (parent?.name ?? ''),
          municipality: kind.municipality ? String(r[kind.municipality] ?? '') : (parent?.municipality ?? ''),
        });
      }
    }
    this.unitCache.set(cacheKey, out);
    return out;
  }

  /** What rules read for a unit of the classification year: the facts named (every fact when none are). */
  facts(unit: Unit, names?: readonly string[]): Record<string, unknown> {
    const resolve = this.resolversOf(unit.kind);
    const facts: Record<string, unknown> = {};
    for (const name of names ?? resolve.keys()) {
      const r = resolve.get(name);
      if (r) facts[name] = r(unit, unit.year);
    }
    return facts;
  }

  /** A system's outcomes for units of a kind (by key), visible to later systems as the fact named by its id. */
  setOutcomes(system: string, kind: CompiledUnit, byKey: ReadonlyMap<string, Outcomes>): void {
    const all = this.outcomes.get(system) ?? new Map<string, Outcomes>();
    for (const [k, v] of byKey) all.set(`${kind.id}${SEP}${k}`, v);
    this.outcomes.set(system, all);
    // Indicators may read outcomes (rank among schools without markers): what was read before is stale.
    this.cache = new Map();
    this.addressCaches = new Map();
    this.generation++;
    this.resolvers.clear();
  }

  /**
   * Lets go of every value computed so far, once the classification is done: at a region of
   * 40,000 schools they are most of the memory the run holds. What is read again is computed again.
   */
  forget(): void {
    this.cache = new Map();
    this.addressCaches = new Map();
    this.indexes.clear();
    this.lookups.clear();
    this.generation++;
    for (const units of this.unitCache.values()) for (const u of units) u.cache = undefined;
  }

  /**
   * Lets go of what was computed for one unit once its rules have run: a region's means and ranks stay,
   * so what its members gave them is not held for every member at once.
   */
  release(unit: Unit): void {
    this.addressCaches.delete(`${unit.kind.id}${SEP}${unit.keyText}`);
    unit.cache = undefined;
  }

  private cacheOf(addr: Address): AddressCache {
    if (addr.cache && addr.cache.generation === this.generation) return addr.cache;
    const name = `${addr.kind.id}${SEP}${addr.keyText}`;
    let c = this.addressCaches.get(name);
    if (!c) {
      c = { generation: this.generation, results: new Map() };
      this.addressCaches.set(name, c);
    }
    addr.cache = c;
    return c;
  }

  private outcomeOf(system: string, addr: Address | undefined): Outcomes | undefined {
    const all = this.outcomes.get(system);
    for (let a = addr; a && all; a = a.parent) {
      const o = all.get(`${a.kind.id}${SEP}${a.keyText}`);
      if (o) return o;
    }
    return undefined;
  }

  // ————— records —————

  /** A source's records by year and by the values of `fields`, with the fields the source adds (exam: 'ОГЭ'). */
  private index(source: CompiledSource, fields: readonly string[]): RecordIndex {
    const sheet = source.sheet;
    const name = `${sheet.ref}${SEP}${fields.join(',')}${SEP}${source.fields.map((f) => `${f.name}=${f.expr.text}`).join(SEP)}`;
    let idx = this.indexes.get(name);
    if (idx) return idx;
    idx = new Map();
    for (const row of this.records.get(sheet.ref) ?? []) {
      let r = row;
      if (source.fields.length) {
        r = { ...row };
        for (const f of source.fields) r[f.name] = f.expr.evaluate((n) => row[n]);
      }
      // As text, as before: a year written as text finds the same records as the number.
      const year = sheet.hasYear ? String(r.year) : '*';
      let ofYear = idx.get(year);
      if (!ofYear) idx.set(year, (ofYear = new Map()));
      const k = keyOf(r, fields);
      const list = ofYear.get(k);
      if (list) list.push(r);
      else ofYear.set(k, [r]);
    }
    this.indexes.set(name, idx);
    return idx;
  }

  private yearsFor(ind: CompiledIndicator, year: number): number[] {
    if (ind.years === 'current') return [year];
    const from = ind.years === 'all' ? this.years[0] : year - ind.years + 1;
    const out: number[] = [];
    for (let y = Math.min(from, year); y <= year; y++) out.push(y);
    return out;
  }

  /** Found once per source, kind and whether the indicator is over the region's peers: rules read it for every unit. */
  private lookup(source: CompiledSource, kind: CompiledUnit, overRegion: boolean): SourceLookup {
    let bySource = this.lookups.get(source);
    if (!bySource) this.lookups.set(source, (bySource = new Map()));
    const name = overRegion ? `${SEP}${kind.id}` : kind.id;
    let found = bySource.get(name);
    if (!found) {
      const fields = (overRegion ? kind.peers : kind.key).filter((f) => source.sheet.fields.has(f));
      found = { fields, index: this.index(source, fields), wholeKey: !overRegion && fields.length === kind.key.length };
      bySource.set(name, found);
    }
    return found;
  }

  private sourceRows(source: CompiledSource, ind: CompiledIndicator, addr: Address, years: readonly number[]): IndicatorRow[] {
    if (addr.kind.key.length === 0) return source.sheet.ref === addr.kind.sheet.ref && addr.record && years.includes(this.year) ? [addr.record] : [];
    const { fields, index, wholeKey } = this.lookup(source, addr.kind, ind.over === 'region');
    const kt = wholeKey ? addr.keyText : keyOf(addr.key, fields);
    if (!source.sheet.hasYear) return index.get('*')?.get(kt) ?? NONE;
    return years.length === 1 ? (index.get(String(years[0]))?.get(kt) ?? NONE) : years.flatMap((y) => index.get(String(y))?.get(kt) ?? NONE);
  }

  /** The records an indicator reads for a unit and year, and for `match` the same record a year earlier. */
  private candidates(ind: CompiledIndicator, addr: Address, year: number): { rows: IndicatorRow[]; prevs?: (IndicatorRow | undefined)[] } {
    const years = this.yearsFor(ind, year);
    const rows: IndicatorRow[] = [];
    for (const source of ind.sources) for (const r of this.sourceRows(source, ind, addr, years)) if (kept(ind, r, this.filterScope)) rows.push(r);
    if (!ind.match) return { rows };
    const before = new Map<string, IndicatorRow>();
    for (const r of this.candidates({ ...ind, match: undefined, years: 'current' }, addr, year - 1).rows) before.set(keyTextOf(ind.match.map((f) => r[f])), r);
    return { rows, prevs: rows.map((r) => before.get(keyTextOf(ind.match!.map((f) => r[f])))) };
  }

  // ————— indicators —————

  /** One indicator of a group for a unit and year, computed once. */
  result(group: CompiledGroup, ind: CompiledIndicator, addr: Address, year: number): IndicatorResult {
    const results = this.cacheOf(addr).results;
    let ofYear = results.get(year);
    if (!ofYear) results.set(year, (ofYear = new Map()));
    const known = ofYear.get(ind);
    if (known) return known;
    let r: IndicatorResult;
    if (ind.aggregate === 'expression') r = { value: ind.expression!.evaluate(this.scope(group, addr, year)) };
    else if (ind.aggregate === 'rank') r = { value: this.ranking(group, ind, addr, year).get(addr.keyText) ?? null };
    else if (ind.aggregate === 'cumulative_share') r = this.cumulativeShares(group, ind, addr, year).get(addr.keyText) ?? { value: null, labels: null };
    else if (ind.over === 'region')
      // The same for every comparable unit: computed once per group of peers, not once per unit.
      r = this.memo(`o${SEP}${group.unit.id}${SEP}${group.id}${SEP}${ind.id}${SEP}${year}${SEP}${keyTextOf(addr.kind.peers.map((p) => addr.key[p]))}`, () => {
        const c = this.candidates(ind, addr, year);
        return aggregateRecords(ind, c.rows, c.prevs, this.param);
      });
    else {
      const c = this.candidates(ind, addr, year);
      r = aggregateRecords(ind, c.rows, c.prevs, this.param);
    }
    ofYear.set(ind, r);
    return r;
  }

  /** Names an expression of a group reads: a sibling by its id, any other fact by its path. */
  private scope(group: CompiledGroup, addr: Address, year: number): (name: string) => ExpressionValue | undefined {
    return (name) => {
      if (name.startsWith(PARAMS_PREFIX)) return this.param(name.slice(PARAMS_PREFIX.length));
      const dot = name.indexOf('.');
      if (dot < 0) {
        const sibling = group.byId.get(name);
        return sibling ? (this.result(group, sibling, addr, year).value as ExpressionValue) : undefined;
      }
      const parts = name.split('.');
      let node: unknown = this.resolversOf(addr.kind).get(parts.shift()!)?.(addr, year);
      for (const part of parts) {
        if (node === null || typeof node !== 'object' || !hasFact(node, part)) return undefined;
        node = (node as Record<string, unknown>)[part];
      }
      return node === undefined || typeof node === 'object' ? (node === null ? null : undefined) : (node as ExpressionValue);
    };
  }

  /** The units comparable to this one in a year: its kind, with the same peer fields. */
  private population(addr: Address, year: number): Unit[] {
    const peers = addr.kind.peers;
    if (!peers.length) return this.units(addr.kind, year);
    const kt = keyTextOf(peers.map((p) => addr.key[p]));
    return this.memo(`p${SEP}${addr.kind.id}${SEP}${year}${SEP}${kt}`, () => this.units(addr.kind, year).filter((u) => keyTextOf(peers.map((p) => u.key[p])) === kt));
  }

  private ranking(group: CompiledGroup, ind: CompiledIndicator, addr: Address, year: number): Map<string, { rank: number; of: number }> {
    const peersKey = keyTextOf(addr.kind.peers.map((p) => addr.key[p]));
    return this.memo(`k${SEP}${group.id}${SEP}${ind.id}${SEP}${addr.kind.id}${SEP}${year}${SEP}${peersKey}`, () => {
      const of = group.byId.get(ind.of!);
      const ranks = new Map<string, { rank: number; of: number }>();
      if (!of) return ranks;
      const valued = this.population(addr, year)
        .map((u) => ({ u, v: num(this.result(group, of, u, year).value) }))
        .filter((x): x is { u: Unit; v: number } => x.v !== null);
      const ranked = valued.filter((x) => !ind.among || ind.among.evaluate(this.scope(group, x.u, year)) === true);
      const sign = ind.order === 'ascending' ? 1 : -1;
      ranked.sort((a, b) => sign * (a.v - b.v));
      ranked.forEach((x, i) => ranks.set(x.u.keyText, { rank: i + 1, of: valued.length }));
      return ranks;
    });
  }

  /**
   * Per unit, the share (%) of its peers' total that the units ranked strictly above it hold: units
   * tied with it are not above it, so ties come into a group together. Null where the total is 0. The
   * label gives the unit's own value and the total («24 из 88 чел.»), which explanations quote.
   */
  private cumulativeShares(group: CompiledGroup, ind: CompiledIndicator, addr: Address, year: number): Map<string, IndicatorResult> {
    const peersKey = keyTextOf(addr.kind.peers.map((p) => addr.key[p]));
    return this.memo(`c${SEP}${group.id}${SEP}${ind.id}${SEP}${addr.kind.id}${SEP}${year}${SEP}${peersKey}`, () => {
      const of = group.byId.get(ind.of!);
      const shares = new Map<string, IndicatorResult>();
      if (!of) return shares;
      const valued = this.population(addr, year)
        .filter((u) => !ind.among || ind.among.evaluate(this.scope(group, u, year)) === true)
        .map((u) => ({ u, v: num(this.result(group, of, u, year).value) }))
        .filter((x): x is { u: Unit; v: number } => x.v !== null);
      const sign = ind.order === 'ascending' ? 1 : -1;
      valued.sort((a, b) => sign * (a.v - b.v));
      const total = valued.reduce((s, x) => s + x.v, 0);
      let above = 0;
      for (let i = 0; i < valued.length; ) {
        let j = i;
        let tied = 0;
        for (; j < valued.length && valued[j].v === valued[i].v; j++) tied += valued[j].v;
        const labels = partOfTotal(valued[i].v, total, of.unit);
        for (let k = i; k < j; k++) shares.set(valued[k].u.keyText, { value: total > 0 ? (100 * above) / total : null, labels });
        above += tied;
        i = j;
      }
      return shares;
    });
  }

  /** The prototype of a kind of view of a group or unit kind, made once: found by object, as it is asked for once per fact read. */
  private prototype<S>(owner: object, kind: string, readers: () => ViewReaders<S>): FactView {
    let byKind = this.prototypes.get(owner);
    if (!byKind) this.prototypes.set(owner, (byKind = new Map()));
    let proto = byKind.get(kind);
    if (!proto) byKind.set(kind, (proto = viewPrototype(readers())));
    return proto;
  }

  private groupObject(group: CompiledGroup, addr: Address, year: number): FactView {
    const proto = this.prototype<Place>(group, 'group', () => {
      const readers = new Map<string, (p: Place) => unknown>();
      for (const ind of group.indicators) {
        readers.set(ind.id, (p) => this.result(group, ind, p.addr, p.year).value);
        if (ind.hasLabels) readers.set(`${ind.id}_labels`, (p) => this.result(group, ind, p.addr, p.year).labels ?? null);
      }
      return readers;
    });
    return makeView<Place>(proto, { addr, year });
  }

  private seriesObject(group: CompiledGroup, addr: Address, year: number): FactView {
    const proto = this.prototype<Place>(group, 'series', () => {
      const readers = new Map<string, (p: Place) => unknown>();
      const yearsTo = (y: number) => this.years.filter((x) => x <= y);
      for (const ind of group.indicators) {
        readers.set(ind.id, (p) => yearsTo(p.year).map((y) => this.result(group, ind, p.addr, y).value));
        readers.set(`${ind.id}_labels`, (p) => yearsTo(p.year).map((y) => `${y} г.`));
      }
      return readers;
    });
    return makeView<Place>(proto, { addr, year });
  }

  private contextValue(fact: ContextFact, group: CompiledGroup, ind: CompiledIndicator, addr: Address, year: number): unknown {
    const inMunicipality = fact === 'municipality' || fact === 'municipality_weighted';
    const scopeKey = `${addr.kind.id}${SEP}${year}${SEP}${keyTextOf(addr.kind.peers.map((p) => addr.key[p]))}${SEP}${inMunicipality ? addr.municipality : ''}`;
    const own = () => num(this.result(group, ind, addr, year).value);
    const members = () => this.population(addr, year).filter((u) => !inMunicipality || u.municipality === addr.municipality);
    if (fact === 'region' || fact === 'municipality')
      return this.memo(`m${SEP}${fact}${SEP}${group.id}${SEP}${ind.id}${SEP}${scopeKey}`, () => mean(members().map((u) => num(this.result(group, ind, u, year).value))));
    if (fact === 'region_weighted' || fact === 'municipality_weighted')
      return this.memo(`w${SEP}${fact}${SEP}${group.id}${SEP}${ind.id}${SEP}${scopeKey}`, () => {
        let part = 0;
        let whole = 0;
        for (const u of members()) {
          const r = this.result(group, ind, u, year);
          part += r.part ?? 0;
          whole += r.whole ?? 0;
        }
        return whole > 0 ? (ind.aggregate === 'share' ? 100 : 1) * (part / whole) : null;
      });
    const sorted = this.memo(`s${SEP}${group.id}${SEP}${ind.id}${SEP}${scopeKey}`, () =>
      members()
        .map((u) => num(this.result(group, ind, u, year).value))
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b),
    );
    const v = own();
    if (v === null) return null;
    if (fact === 'percentile') return percentileOf(sorted, v);
    let above = 0;
    for (const x of sorted) if (x > v) above++;
    return { rank: above + 1, of: sorted.length };
  }

  private contextObject(fact: ContextFact, groups: readonly CompiledGroup[], addr: Address, year: number): FactView {
    const weighted = fact === 'region_weighted' || fact === 'municipality_weighted';
    const proto = this.prototype<Place>(addr.kind, fact, () => {
      const readers = new Map<string, (p: Place) => unknown>();
      for (const g of groups) {
        const numeric = g.indicators.filter((i) => i.kind === 'number' && (!weighted || isPooled(i)));
        if (!numeric.length) continue;
        const inner = viewPrototype<Place>(new Map(numeric.map((ind) => [ind.id, (p: Place) => this.contextValue(fact, g, ind, p.addr, p.year)])));
        readers.set(g.id, (p) => makeView(inner, p));
      }
      return readers;
    });
    return makeView<Place>(proto, { addr, year });
  }

  private cohortOf(addr: Address): Address | null {
    const c = this.cacheOf(addr);
    if (c.cohort !== undefined) return c.cohort;
    const field = addr.kind.cohort;
    const grade = field ? num(addr.key[field]) : null;
    if (!field || grade === null) return (c.cohort = null);
    const key = { ...addr.key, [field]: grade - 1 };
    return (c.cohort = { kind: addr.kind, key, keyText: keyTextOf(addr.kind.key.map((k) => key[k])), municipality: addr.municipality, parent: addr.parent });
  }

  /**
   * How each fact of a kind of unit is found for an address and a year: its groups this year, a year
   * back, N years back, as a series and for the same pupils a year earlier; its key; its context; the
   * group of the unit it lies within; the systems' outcomes.
   */
  private resolversOf(kind: CompiledUnit): Map<string, (addr: Address, year: number) => unknown> {
    const known = this.resolvers.get(kind.id);
    if (known) return known;
    const r = new Map<string, (addr: Address, year: number) => unknown>();
    const groups = this.groupsOf(kind);
    r.set('unit', (a, year) => ({ ...a.key, year }));
    for (const g of groups) {
      r.set(g.id, (a, year) => this.groupObject(g, a, year));
      r.set(`${g.id}_prev`, (a, year) => this.groupObject(g, a, year - 1));
      for (let n = 2; n <= this.year - this.years[0]; n++) r.set(`${g.id}_back_${n}`, (a, year) => this.groupObject(g, a, year - n));
      r.set(`${g.id}_series`, (a, year) => this.seriesObject(g, a, year));
      if (kind.cohort)
        r.set(`${g.id}_cohort`, (a, year) => {
          const c = this.cohortOf(a);
          return c ? this.groupObject(g, c, year - 1) : undefined;
        });
    }
    for (const fact of CONTEXT_FACTS) r.set(fact, (a, year) => this.contextObject(fact, groups, a, year));
    // A unit within another reads the group that describes the other (a work reads its school's `school`).
    for (let p = kind.parent; p; p = p.parent) {
      const parent = p;
      const own = this.groupsOf(parent).find((g) => g.id === parent.id);
      if (own && !r.has(own.id))
        r.set(own.id, (a, year) => {
          let up: Address | undefined = a;
          while (up && up.kind !== parent) up = up.parent;
          return up ? this.groupObject(own, up, year) : undefined;
        });
    }
    for (const system of this.outcomes.keys()) if (!r.has(system)) r.set(system, (a, year) => (year === this.year ? this.outcomeOf(system, a) : undefined));
    this.resolvers.set(kind.id, r);
    return r;
  }
}
