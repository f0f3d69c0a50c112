import type { SchoolClassification, SystemsUsed } from '../rules/classify';
import type { Finding } from '../rules/engine';
import { type SummaryList, summaryLists } from '../rules/rollup';
import type { LoadedSystem } from '../rules/system';

/**
 * Last year's lists against this year's: for every list a system's summary shows (ШНОР, ШНСУ, признаки
 * необъективности, …), which schools stayed on it, left it or came onto it, with the findings that put
 * them there then and now. Pure: it compares two classifications of the same rules.
 */

export type ListChangeKind = 'stayed' | 'left' | 'new';

export interface ListChange {
  system: string;
  /** The list's Russian label, as the summary shows it. */
  list: string;
  change: ListChangeKind;
  schoolId: string;
  name: string;
  municipality: string;
  /** The explanations of the findings behind the list, last year and this year. */
  before: string;
  after: string;
}

export interface ListTotals {
  system: string;
  list: string;
  before: number;
  after: number;
  stayed: number;
  left: number;
  new: number;
}

export interface ListChanges {
  year: number;
  prevYear: number;
  /** The years whose forms last year's lists were computed from. */
  prevYearsRead: number[];
  totals: ListTotals[];
  rows: ListChange[];
}

const ORDER: Record<ListChangeKind, number> = { left: 0, new: 1, stayed: 2 };

/** Why a school is on a list: the explanations of the findings behind it, one per line; empty when it is not on it. */
export function listBasis(system: LoadedSystem, list: SummaryList, c: SchoolClassification | undefined): string {
  const outcome = system.spec.outcomes.find((o) => o.id === list.outcome)!;
  // A status is given by the findings that name it; a count, a step or a profile by all of the system's.
  const behind = (c?.systems[system.spec.id]?.findings ?? []).filter((f: Finding) => outcome.kind !== 'statuses' || !outcome.field || f.event[outcome.field] === list.value);
  return list.has(c?.systems[system.spec.id]) ? behind.map((f) => f.explanation).filter(Boolean).join('\n') : '';
}

export function listChanges(
  systems: SystemsUsed,
  previous: { year: number; yearsRead: number[]; classifications: readonly SchoolClassification[] },
  current: { year: number; classifications: readonly SchoolClassification[] },
): ListChanges {
  const before = new Map(previous.classifications.map((c) => [c.school.school_id, c]));
  const after = new Map(current.classifications.map((c) => [c.school.school_id, c]));
  const totals: ListTotals[] = [];
  const rows: ListChange[] = [];
  for (const system of systems.systems) {
    const id = system.spec.id;
    for (const list of summaryLists(system)) {
      const text = (c: SchoolClassification | undefined) => listBasis(system, list, c);
      const was = new Set([...before.values()].filter((c) => list.has(c.systems[id])).map((c) => c.school.school_id));
      const is = new Set([...after.values()].filter((c) => list.has(c.systems[id])).map((c) => c.school.school_id));
      const t: ListTotals = { system: id, list: list.label, before: was.size, after: is.size, stayed: 0, left: 0, new: 0 };
      const ofList: ListChange[] = [];
      for (const school of new Set([...was, ...is])) {
        const change: ListChangeKind = was.has(school) ? (is.has(school) ? 'stayed' : 'left') : 'new';
        t[change]++;
        const then = before.get(school);
        const now = after.get(school);
        const ref = (now ?? then)!.school;
        ofList.push({ system: id, list: list.label, change, schoolId: school, name: ref.name, municipality: ref.municipality, before: text(then), after: text(now) });
      }
      ofList.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.municipality.localeCompare(b.municipality, 'ru') || a.name.localeCompare(b.name, 'ru'));
      totals.push(t);
      rows.push(...ofList);
    }
  }
  return { year: current.year, prevYear: previous.year, prevYearsRead: previous.yearsRead, totals, rows };
}

/** One municipality's part: its schools' rows, and totals counted over them. */
export function municipalityChanges(changes: ListChanges, municipality: string): ListChanges {
  const rows = changes.rows.filter((r) => r.municipality === municipality);
  const totals = changes.totals.map((t) => {
    const of = rows.filter((r) => r.system === t.system && r.list === t.list);
    const count = (k: ListChangeKind) => of.filter((r) => r.change === k).length;
    return { ...t, before: count('stayed') + count('left'), after: count('stayed') + count('new'), stayed: count('stayed'), left: count('left'), new: count('new') };
  });
  return { ...changes, totals, rows };
}
