import type { Finding } from './engine';
import { paramValue } from './params';
import type { ParamsFile, RuleSetFile } from './rule-set';
import type { LoadedSystem, OutcomeSpec } from './system';

/** What a system's findings came to for one unit, outcome by outcome, with the findings behind them. */
export interface SystemResult {
  system: string;
  outcomes: Record<string, OutcomeValue>;
  findings: Finding[];
}

/** count: a number; flag: yes/no; list, statuses, profile: ids or labels; ladder: a step id or null; grades: key → grade id. */
export type OutcomeValue = number | boolean | string | null | string[] | Record<string, string>;

const matches = (f: Finding, where: Record<string, string> | undefined) => !where || Object.entries(where).every(([k, v]) => f.event[k] === v);

/** A ladder's threshold of a step: a number, or the region's parameter it names. */
export function stepThreshold(step: { at_least: number | { param: string } }, params: ParamsFile): number | undefined {
  const t = typeof step.at_least === 'number' ? step.at_least : paramValue(params.params, step.at_least.param);
  return typeof t === 'number' ? t : undefined;
}

/** One unit's outcomes of a system from its findings, in the order the system lists them. */
export function rollUp(system: LoadedSystem, findings: readonly Finding[], params: ParamsFile): SystemResult {
  const outcomes: Record<string, OutcomeValue> = {};
  for (const o of system.spec.outcomes) outcomes[o.id] = outcomeOf(o, findings, outcomes, params);
  return { system: system.spec.id, outcomes, findings: [...findings] };
}

function outcomeOf(o: OutcomeSpec, findings: readonly Finding[], earlier: Record<string, OutcomeValue>, params: ParamsFile): OutcomeValue {
  const chosen = findings.filter((f) => matches(f, o.where));
  switch (o.kind) {
    case 'count':
      return chosen.length;
    case 'flag':
      return chosen.length > 0;
    case 'list':
      return [...new Set(chosen.map((f) => f.event.label))];
    case 'statuses':
      return o.values!.filter((v) => findings.some((f) => f.event[o.field!] === v.id)).map((v) => v.id);
    case 'ladder': {
      const n = earlier[o.of!];
      if (typeof n !== 'number') return null;
      for (const step of o.steps!) {
        const t = stepThreshold(step, params);
        if (t !== undefined && n >= t) return step.id;
      }
      return null;
    }
    case 'grades': {
      const rank = (g: unknown) => {
        const i = o.grades!.findIndex((x) => x.id === g);
        return i < 0 ? o.grades!.length : i;
      };
      const grades: Record<string, string> = {};
      for (const f of findings) {
        const key = f.event[o.by!];
        const grade = f.event[o.field!];
        if (typeof key !== 'string' || typeof grade !== 'string') continue;
        if (!(key in grades) || rank(grade) < rank(grades[key])) grades[key] = grade;
      }
      return grades;
    }
    case 'profile': {
      const grades = (earlier[o.of!] ?? {}) as Record<string, string>;
      return Object.keys(grades).filter((k) => grades[k] === o.grade);
    }
  }
}

/** Titles of the keys of a grades or profile outcome (risk factors): the label of the rules that give the key its top grade. */
export function keyTitles(system: LoadedSystem, sets: readonly RuleSetFile[]): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const grades of system.spec.outcomes.filter((o) => o.kind === 'grades')) {
    const top = grades.grades![0].id;
    for (const s of sets) for (const r of s.rules) {
      const key = r.event.params[grades.by!];
      if (typeof key === 'string' && r.event.params[grades.field!] === top) titles[key] = r.event.params.label;
    }
  }
  return titles;
}

/** Whether an outcome says anything (a count above 0, a step, a non-empty list): such cells are filled. */
export function outcomeIsSet(v: OutcomeValue | undefined): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'number') return v > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return v !== null && v !== undefined && v !== false && v !== '';
}

/** An outcome as a report cell and a screen show it. */
export function outcomeText(o: OutcomeSpec, v: OutcomeValue | undefined, titles: Record<string, string>): string | number {
  switch (o.kind) {
    case 'count':
      return typeof v === 'number' ? v : 0;
    case 'flag':
      return v === true ? 'да' : '';
    case 'list':
      return ((v as string[] | undefined) ?? []).join('; ');
    case 'statuses':
      return ((v as string[] | undefined) ?? []).map((id) => o.values!.find((x) => x.id === id)?.title ?? id).join(', ');
    case 'ladder':
      return typeof v === 'string' ? (o.steps!.find((s) => s.id === v)?.title ?? v) : '';
    case 'grades':
      return Object.entries((v as Record<string, string> | undefined) ?? {})
        .map(([k, g]) => `${titles[k] ?? k}: ${o.grades!.find((x) => x.id === g)?.title ?? g}`)
        .join('; ');
    case 'profile':
      return ((v as string[] | undefined) ?? []).map((k) => titles[k] ?? k).join('; ');
  }
}

/** The findings a system puts in the «Пояснение» column. */
export function explainedFindings(system: LoadedSystem, r: SystemResult | undefined): Finding[] {
  const e = system.spec.explain ?? 'all';
  if (!r || e === 'none') return [];
  return e === 'all' ? r.findings : r.findings.filter((f) => matches(f, e));
}

/** One count of a summary: in a line (`title`) and on its own, as a table row (`label`). */
/** One list a system's summary counts: the units with a status or step, or with an outcome set. */
export interface SummaryList {
  outcome: string;
  value?: string;
  title: string;
  label: string;
  /** Whether a unit's result puts it on the list. */
  has: (r: SystemResult | undefined) => boolean;
}

export interface SummaryCount {
  outcome: string;
  value?: string;
  title: string;
  label: string;
  units: number;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const includes = (x: OutcomeValue | undefined, id: string) => Array.isArray(x) && x.includes(id);

/** The lists a system's summary shows: each status or step, or the outcome set, under their Russian names. */
export function summaryLists(system: LoadedSystem): SummaryList[] {
  const out: SummaryList[] = [];
  for (const o of system.spec.outcomes) {
    if (o.summary === undefined) continue;
    const of = (r: SystemResult | undefined) => r?.outcomes[o.id];
    if (o.summary === true && o.kind === 'statuses')
      for (const v of o.values!) out.push({ outcome: o.id, value: v.id, title: v.title, label: v.title, has: (r) => includes(of(r), v.id) });
    else if (o.summary === true && o.kind === 'ladder')
      for (const st of o.steps!) out.push({ outcome: o.id, value: st.id, title: st.title, label: `${o.column?.title ?? o.title}: ${st.title}`, has: (r) => of(r) === st.id });
    else {
      const title = typeof o.summary === 'string' ? o.summary : o.title;
      out.push({ outcome: o.id, title, label: capital(title), has: (r) => outcomeIsSet(of(r)) });
    }
  }
  return out;
}

/** What a summary counts for a system: how many units are on each of its lists. */
export function summaryCounts(system: LoadedSystem, results: readonly (SystemResult | undefined)[]): SummaryCount[] {
  return summaryLists(system).map(({ has, ...list }) => ({ ...list, units: results.filter(has).length }));
}
