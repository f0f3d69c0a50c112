import { cellAddress } from '../grid/address';
import { type CellValue, type Grid, type GridSheet, isBlank, isDate } from '../grid/grid';
import { makeIssue } from '../messages/issues';
import { isoDate } from '../recommend/deadline';
import { recommendationIdOfKey } from '../recommend/key';
import { readStamp } from '../report/stamp';
import { normalizeLabel } from '../template/label';
import { isServiceSheet } from '../template/template-detect';
import type { Issue } from '../validate/issue';
import { type MarkStatus, readMark } from './execution-mark';

/**
 * Last year's «Адресные рекомендации» read back from a workbook that came back: found by its headers
 * (whatever the sheet is called now), each row matched by its code — so sorting, filtering, deleted and
 * added rows change nothing — and each «Отметка о выполнении» read as a status.
 */

export interface PlanMark {
  /** The measure's code (recommendationKey), or for a row the user added, its school and text. */
  key: string;
  /** The catalogue id, when the row carries our code. */
  recommendationId?: string;
  schoolId?: string;
  municipality: string;
  /** The «ОО» cell as written. */
  school: string;
  measure: string;
  /** ISO date. */
  deadline?: string;
  addressee?: string;
  responsible?: string;
  expected?: string;
  status: MarkStatus | 'unrecognised';
  /** ISO date of execution, when the mark gives one. */
  date?: string;
  /** The mark as written. */
  raw: string;
  at: { source: string; sheet: string; cell: string };
}

export interface PlanReading {
  source: string;
  sheet: string;
  /** The year the plan was made for: from our stamp line, else undefined. */
  year?: number;
  marks: PlanMark[];
}

type Column = 'mark' | 'measure' | 'code' | 'school' | 'municipality' | 'deadline' | 'addressee' | 'responsible' | 'expected';

const HEADERS: Record<Column, readonly string[]> = {
  mark: ['отметка о выполнении', 'отметка об исполнении', 'отметка', 'выполнение', 'исполнение', 'отметка о выполнении мероприятия'],
  measure: ['рекомендация', 'мероприятие', 'мероприятия', 'содержание мероприятия', 'наименование мероприятия'],
  code: ['код', 'код мероприятия'],
  school: ['оо', 'школа', 'образовательная организация'],
  municipality: ['муниципалитет', 'муниципальное образование', 'мо', 'моуо'],
  deadline: ['срок', 'срок исполнения', 'срок выполнения'],
  addressee: ['адресат'],
  responsible: ['ответственный', 'ответственные', 'ответственный исполнитель', 'исполнитель'],
  expected: ['ожидаемый результат', 'результат'],
};

const HEADER_ROWS = 10;

const text = (v: CellValue): string => (v === null || v === undefined ? '' : isDate(v) ? isoDate(v) : typeof v === 'object' ? '' : String(v).trim());

function columnsOf(row: readonly CellValue[] | undefined): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  (row ?? []).forEach((v, i) => {
    if (typeof v !== 'string') return;
    const label = normalizeLabel(v);
    for (const c of Object.keys(HEADERS) as Column[]) if (found[c] === undefined && HEADERS[c].includes(label)) found[c] = i;
  });
  return found;
}


function deadlineOf(v: CellValue): string | undefined {
  if (isDate(v)) return isoDate(v);
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text(v));
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

const SCHOOL_ID = /\(([^()]+)\)\s*$/;

function readSheet(sheet: GridSheet, source: string, issues: Issue[]): PlanReading | undefined {
  let header = -1;
  let cols: Partial<Record<Column, number>> = {};
  for (let r = 0; r < Math.min(HEADER_ROWS, sheet.rows.length); r++) {
    cols = columnsOf(sheet.rows[r]);
    if (cols.mark !== undefined && cols.measure !== undefined) {
      header = r;
      break;
    }
  }
  if (header < 0) return undefined;
  const year = stampOf(sheet, header)?.year;
  const cell = (row: readonly CellValue[], c: number | undefined): CellValue => (c === undefined ? null : (row[c] ?? null));
  const marks: PlanMark[] = [];
  for (let r = header + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const measure = text(cell(row, cols.measure));
    const code = text(cell(row, cols.code));
    const value = cell(row, cols.mark);
    const at = cellAddress(r, cols.mark!);
    const raw = text(value);
    if (!measure && !code) {
      if (!isBlank(value)) issues.push(makeIssue('warning', { code: 'mark_without_measure', sheet: sheet.name, cell: at, value: raw }));
      continue;
    }
    const school = text(cell(row, cols.school));
    const schoolId = school.startsWith('Муниципалитет в целом') ? undefined : SCHOOL_ID.exec(school)?.[1];
    const id = recommendationIdOfKey(code);
    const mark = readMark(value);
    if (mark.status === 'unrecognised') issues.push(makeIssue('warning', { code: 'mark_unrecognised', measure, sheet: sheet.name, cell: at, value: raw }));
    const deadline = deadlineOf(cell(row, cols.deadline));
    const optional = Object.fromEntries((['addressee', 'responsible', 'expected'] as const).map((c) => [c, text(cell(row, cols[c]))]).filter(([, v]) => v));
    marks.push({
      key: id ? code : `text:${normalizeLabel(school)}|${normalizeLabel(measure)}`,
      ...(id && { recommendationId: id }),
      ...(schoolId && { schoolId }),
      municipality: text(cell(row, cols.municipality)),
      school,
      measure,
      ...(deadline && { deadline }),
      ...optional,
      status: mark.status,
      ...('date' in mark && mark.date && { date: isoDate(mark.date) }),
      raw,
      at: { source, sheet: sheet.name, cell: at },
    });
  }
  return { source, sheet: sheet.name, ...(year !== undefined && { year }), marks };
}

/** One row of an approved list that came back: the school, whether it is on the list, and the МОУО's agreement mark. */
export interface AppendixMark {
  /** The list's code (system.outcome.value). */
  list: string;
  schoolId: string;
  /** False for the rows of schools taken off the list («исключена»). */
  member: boolean;
  agreement: MarkStatus | 'unrecognised';
  raw: string;
  at: { source: string; sheet: string; cell: string };
}

export interface AppendixReading {
  source: string;
  sheet: string;
  year?: number;
  /** The municipality of a municipal book's copy, from our stamp line; undefined for the region's book. */
  municipality?: string;
  rows: AppendixMark[];
}

const APPENDIX_HEADERS = { code: ['код'], agreement: ['согласовано моуо', 'согласовано', 'согласование моуо', 'согласование'] };

function readAppendixSheet(sheet: GridSheet, source: string, issues: Issue[]): AppendixReading | undefined {
  let header = -1;
  let code = -1;
  let agreement = -1;
  let change = -1;
  for (let r = 0; r < Math.min(HEADER_ROWS, sheet.rows.length) && header < 0; r++) {
    const labels = (sheet.rows[r] ?? []).map((v) => (typeof v === 'string' ? normalizeLabel(v) : ''));
    agreement = labels.findIndex((l) => APPENDIX_HEADERS.agreement.includes(l));
    code = labels.findIndex((l) => APPENDIX_HEADERS.code.includes(l));
    change = labels.findIndex((l) => /^против \d{4} года$/.test(l));
    if (agreement >= 0 && code >= 0 && labels.includes('перечень')) header = r;
  }
  if (header < 0) return undefined;
  const rows: AppendixMark[] = [];
  for (let r = header + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const m = /^([a-z0-9_.]+|[a-z0-9_]+\.[a-z0-9_]+\.[^@]+)@(.+)$/i.exec(text(row[code] ?? null));
    if (!m) continue;
    const value = row[agreement] ?? null;
    const at = cellAddress(r, agreement);
    const mark = readMark(value);
    if (mark.status === 'unrecognised') issues.push(makeIssue('warning', { code: 'agreement_unrecognised', list: m[1], schoolId: m[2], sheet: sheet.name, cell: at, value: text(value) }));
    rows.push({ list: m[1], schoolId: m[2], member: !(change >= 0 && /^исключен/i.test(text(row[change] ?? null))), agreement: mark.status, raw: text(value), at: { source, sheet: sheet.name, cell: at } });
  }
  const stamp = stampOf(sheet, header);
  return { source, sheet: sheet.name, ...(stamp && { year: stamp.year }), ...(stamp?.municipality && { municipality: stamp.municipality }), rows };
}

/** Our stamp line above the header, when the user left it. */
function stampOf(sheet: GridSheet, header: number): ReturnType<typeof readStamp> {
  for (let r = 0; r < header; r++)
    for (const v of sheet.rows[r] ?? []) {
      const stamp = typeof v === 'string' ? readStamp(v) : undefined;
      if (stamp) return stamp;
    }
  return undefined;
}



/**
 * Every plan sheet and every approved list of a workbook, with the warnings of their marks (an
 * unrecognised mark, a mark on a row with no measure).
 */
export function readPlans(grid: Grid, source: string): { plans: PlanReading[]; appendices: AppendixReading[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const plans: PlanReading[] = [];
  const appendices: AppendixReading[] = [];
  for (const sheet of grid.sheets) {
    if (isServiceSheet(sheet)) continue;
    const appendix = readAppendixSheet(sheet, source, issues);
    if (appendix) {
      appendices.push(appendix);
      continue;
    }
    const plan = readSheet(sheet, source, issues);
    if (plan) plans.push(plan);
  }
  return { plans, appendices, issues };
}
