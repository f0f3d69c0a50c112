import type { SchoolClassification, SystemsUsed } from '../rules/classify';
import { summaryLists } from '../rules/rollup';
import type { MarkStatus } from './execution-mark';
import { listBasis } from './list-changes';
import type { AppendixMark, AppendixReading } from './plan-readback';

/**
 * The lists a region approves by an order (the systems' `appendices`): this year's schools on each,
 * against last year's approved list when it came back (the region's book's rows as the official left
 * them; municipal copies only when the region's book is not there), else
 * against last year's classification; with the МОУО's agreement marks read back from this year's books.
 */

export type AgreementStatus = MarkStatus | 'unrecognised' | 'conflict';

export interface AppendixSchool {
  schoolId: string;
  name: string;
  municipality: string;
  /** Why it is on the list: the findings' explanations. */
  basis: string;
  /** Against last year's list; undefined when there is none to compare with. */
  change?: 'new' | 'stayed';
  agreement?: { status: AgreementStatus; marks: AppendixMark[] };
}

export interface AppendixRemoved {
  schoolId: string;
  name: string;
  municipality: string;
  /** Why it was on last year's list, when last year's classification is at hand. */
  before: string;
  /** False: the school is not in this year's register. */
  classified: boolean;
}

export interface Appendix {
  /** system.outcome.value: the code its rows carry. */
  list: string;
  system: string;
  label: string;
  title: string;
  basis?: string;
  schools: AppendixSchool[];
  removed: AppendixRemoved[];
  /** What this year's list is compared with. */
  comparedWith: 'approved' | 'classification' | 'none';
}

export interface Appendices {
  year: number;
  prevYear: number;
  lists: Appendix[];
}

export const appendixCode = (list: string, schoolId: string) => `${list}@${schoolId}`;

function agreementOf(marks: AppendixMark[]): AppendixSchool['agreement'] {
  const said = [...new Set(marks.map((m) => m.agreement).filter((s) => s !== 'blank' && s !== 'unrecognised'))];
  const status: AgreementStatus = said.length > 1 ? 'conflict' : said.length ? said[0] : marks.some((m) => m.agreement === 'unrecognised') ? 'unrecognised' : 'blank';
  return { status, marks };
}

export function appendices(
  used: SystemsUsed,
  current: { year: number; classifications: readonly SchoolClassification[] },
  previous: { year: number; classifications?: readonly SchoolClassification[] },
  readings: readonly AppendixReading[],
): Appendices {
  const lists: Appendix[] = [];
  const before = previous.classifications && new Map(previous.classifications.map((c) => [c.school.school_id, c]));
  const now = new Map(current.classifications.map((c) => [c.school.school_id, c]));
  const approvedLastYear = readings.filter((r) => r.year === previous.year);
  const thisYear = readings.filter((r) => r.year === current.year);
  for (const system of used.systems) {
    for (const a of system.spec.appendices ?? []) {
      const list = summaryLists(system).find((l) => l.outcome === a.outcome && (a.value === undefined || l.value === a.value));
      if (!list) continue;
      const code = [system.spec.id, a.outcome, ...(a.value !== undefined ? [a.value] : [])].join('.');
      const id = system.spec.id;
      // The order approves the region's list; municipal books hold copies of their part of the draft.
      const ofList = (rs: readonly AppendixReading[]) => rs.flatMap((r) => r.rows).filter((r) => r.list === code);
      const regional = ofList(approvedLastYear.filter((r) => r.municipality === undefined));
      const approvedRows = regional.length ? regional : ofList(approvedLastYear);
      const base: Set<string> | undefined = approvedRows.length
        ? new Set(approvedRows.filter((r) => r.member).map((r) => r.schoolId))
        : previous.classifications && new Set(previous.classifications.filter((c) => list.has(c.systems[id])).map((c) => c.school.school_id));
      const marks = thisYear.flatMap((r) => r.rows).filter((r) => r.list === code);
      const schools: AppendixSchool[] = current.classifications
        .filter((c) => list.has(c.systems[id]))
        .map((c) => {
          const own = marks.filter((m) => m.schoolId === c.school.school_id);
          return {
            schoolId: c.school.school_id,
            name: c.school.name,
            municipality: c.school.municipality,
            basis: listBasis(system, list, c),
            ...(base && { change: base.has(c.school.school_id) ? ('stayed' as const) : ('new' as const) }),
            ...(own.length && { agreement: agreementOf(own) }),
          };
        })
        .sort((x, y) => x.municipality.localeCompare(y.municipality, 'ru') || x.name.localeCompare(y.name, 'ru'));
      const on = new Set(schools.map((s) => s.schoolId));
      const removed: AppendixRemoved[] = [...(base ?? [])]
        .filter((s) => !on.has(s))
        .map((s) => {
          const then = before?.get(s);
          const ref = now.get(s) ?? then;
          return { schoolId: s, name: ref?.school.name ?? s, municipality: ref?.school.municipality ?? '', before: listBasis(system, list, then), classified: now.has(s) };
        })
        .sort((x, y) => x.municipality.localeCompare(y.municipality, 'ru') || x.name.localeCompare(y.name, 'ru'));
      lists.push({
        list: code,
        system: id,
        label: list.label,
        title: a.title,
        ...(a.basis !== undefined && { basis: a.basis }),
        schools,
        removed,
        comparedWith: approvedRows.length ? 'approved' : base ? 'classification' : 'none',
      });
    }
  }
  return { year: current.year, prevYear: previous.year, lists };
}

/** A municipality's part: its schools on each list and off it. */
export function municipalityAppendices(a: Appendices, municipality: string): Appendices {
  return { ...a, lists: a.lists.map((l) => ({ ...l, schools: l.schools.filter((s) => s.municipality === municipality), removed: l.removed.filter((s) => s.municipality === municipality) })) };
}
