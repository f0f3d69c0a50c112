import type { IssueCode } from '../../src/core/validate/issue';
import type { Template } from '../../src/core/template/template';
import { formCellAddress } from '../../src/files/form-writer';
import { Random } from './random';
import type { TemplateId, YearRecords } from './records';

/** A planted cell-level error: the validator must report exactly one issue with this code at this cell. */
export interface DataError {
  /** Relative to samples/sample-region. */
  file: string;
  sheet: string;
  cell: string;
  code: IssueCode;
  indicator?: string;
  note: string;
}

export type TemplateSet = Record<TemplateId, Template>;
type Row = Record<string, unknown>;

interface ErrorSpec {
  template: TemplateId;
  sheet: string;
  code: IssueCode;
  /** Indicator whose cell the issue points at. */
  indicator: string;
  rowFits?: (row: Row) => boolean;
  /** Spoils the row (or adds one) and returns the row holding the reported cell. */
  spoil: (row: Row, rows: Row[], ctx: { typo: (id: string) => string }) => Row;
  note: string;
}

const isMain = (row: Row) => row.subject === 'Русский язык' || row.subject === 'Математика';
const set = (indicator: string, value: unknown) => (row: Row) => {
  row[indicator] = value;
  return row;
};
const duplicate = (row: Row, rows: Row[]) => {
  const copy = { ...row };
  rows.splice(rows.indexOf(row) + 1, 0, copy);
  return copy;
};
const retype = (row: Row, _rows: Row[], ctx: { typo: (id: string) => string }) => {
  row.school_id = ctx.typo(String(row.school_id));
  return row;
};

const ERRORS: ErrorSpec[] = [
  { template: 'vpr', sheet: 'results', code: 'type_invalid', indicator: 'n3', spoil: set('n3', 'двадцать'), note: 'Число отметок «3» написано словом' },
  { template: 'conditions', sheet: 'conditions', code: 'type_invalid', indicator: 'teachers_part_time', spoil: set('teachers_part_time', '12 чел'), note: 'Число с единицей измерения в тексте' },
  { template: 'observation', sheet: 'procedures', code: 'type_invalid', indicator: 'observer_present', spoil: set('observer_present', 'может быть'), note: '«может быть» в столбце да/нет' },
  { template: 'observation', sheet: 'procedures', code: 'type_invalid', indicator: 'date', spoil: set('date', 'в апреле'), note: 'Текст вместо даты' },
  { template: 'gia', sheet: 'oge', code: 'type_invalid', indicator: 'participants', rowFits: (r) => !isMain(r), spoil: set('participants', 'н/д'), note: '«н/д» вместо числа участников' },
  { template: 'vpr', sheet: 'tasks', code: 'cell_error', indicator: 'school_rate', spoil: set('school_rate', { formula: '1/0', result: { error: '#DIV/0!' } }), note: 'Формула с делением на ноль (#DIV/0!)' },
  { template: 'conditions', sheet: 'conditions', code: 'cell_error', indicator: 'computers_per_100', spoil: set('computers_per_100', { error: '#N/A' }), note: 'Значение ошибки #N/A (подстановка не нашла значения)' },
  { template: 'gia', sheet: 'ege', code: 'cell_error', indicator: 'mean_score', rowFits: (r) => !String(r.subject).startsWith('Математика') && r.subject !== 'Русский язык', spoil: set('mean_score', { formula: '"н/д"*1', result: { error: '#VALUE!' } }), note: 'Формула с ошибкой #VALUE!' },
  { template: 'conditions', sheet: 'conditions', code: 'out_of_range', indicator: 'equipped_classrooms', spoil: set('equipped_classrooms', 140), note: 'Процент больше 100' },
  { template: 'register', sheet: 'schools', code: 'out_of_range', indicator: 'pupils_ovz', spoil: set('pupils_ovz', -3), note: 'Отрицательное число обучающихся' },
  { template: 'gia', sheet: 'oge', code: 'out_of_range', indicator: 'mean_mark', rowFits: (r) => !isMain(r), spoil: set('mean_mark', 5.6), note: 'Средняя отметка больше 5' },
  { template: 'vpr', sheet: 'results', code: 'not_in_list', indicator: 'subject', rowFits: (r) => r.subject === 'Математика', spoil: set('subject', 'Матем.'), note: 'Сокращённое название предмета' },
  { template: 'register', sheet: 'schools', code: 'not_in_list', indicator: 'settlement', rowFits: (r) => r.small_school === false, spoil: set('settlement', 'посёлок'), note: 'Тип местности не из списка «город, село»' },
  { template: 'vpr', sheet: 'tasks', code: 'not_in_list', indicator: 'level', spoil: set('level', 'средний'), note: 'Уровень сложности не из списка' },
  { template: 'register', sheet: 'schools', code: 'required_blank', indicator: 'name', spoil: set('name', null), note: 'Пустое наименование ОО' },
  { template: 'conditions', sheet: 'conditions', code: 'required_blank', indicator: 'teaching_load', spoil: set('teaching_load', null), note: 'Пустая обязательная ячейка' },
  { template: 'observation', sheet: 'procedures', code: 'required_blank', indicator: 'school_id', spoil: set('school_id', null), note: 'Пустой код ОО (только required_blank, без school_unknown)' },
  { template: 'vpr', sheet: 'results', code: 'key_duplicate', indicator: 'year', spoil: duplicate, note: 'Строка повторена сразу под собой' },
  { template: 'gia', sheet: 'oge', code: 'key_duplicate', indicator: 'year', spoil: duplicate, note: 'Строка повторена сразу под собой' },
  { template: 'observation', sheet: 'procedures', code: 'key_duplicate', indicator: 'year', spoil: duplicate, note: 'Строка повторена сразу под собой' },
  {
    template: 'vpr', sheet: 'results', code: 'check_failed', indicator: 'participants',
    spoil: (r) => { r.n3 = Number(r.n3) + 2; return r; },
    note: 'Сумма отметок «2»–«5» больше числа участников на 2 (проверка marks_sum)',
  },
  {
    template: 'vpr', sheet: 'results', code: 'check_failed', indicator: 'participants', rowFits: (r) => Number(r.participants) >= 3,
    spoil: (r) => { r.enrolled = Number(r.participants) - 2; return r; },
    note: 'Участников больше, чем обучающихся в параллели (проверка participants_within_enrolled)',
  },
  {
    template: 'conditions', sheet: 'conditions', code: 'check_failed', indicator: 'teachers_pd_3y',
    spoil: (r) => { r.teachers_pd_3y = Number(r.teachers_total) + 2; return r; },
    note: 'Прошедших повышение квалификации больше, чем педагогов (проверка pd_within_total)',
  },
  { template: 'vpr', sheet: 'results', code: 'school_unknown', indicator: 'school_id', spoil: retype, note: 'Опечатка в коде ОО: переставлены две цифры' },
  { template: 'gia', sheet: 'oge', code: 'school_unknown', indicator: 'school_id', rowFits: (r) => !isMain(r), spoil: retype, note: 'Опечатка в коде ОО: переставлены две цифры' },
  { template: 'observation', sheet: 'procedures', code: 'school_unknown', indicator: 'school_id', spoil: retype, note: 'Опечатка в коде ОО: переставлены две цифры' },
];

/** Another id by swapping two neighbouring digits, one that is no school of the region. */
function typoOf(id: string, known: ReadonlySet<string>): string {
  const digits = id.slice(3).split('');
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] === digits[i + 1]) continue;
    const d = [...digits];
    [d[i], d[i + 1]] = [d[i + 1], d[i]];
    const typo = `sch${d.join('')}`;
    if (!known.has(typo)) return typo;
  }
  throw new Error(`Нет опечатки для ${id}`);
}

/**
 * Plants the errors into the records (changed in place), each on its own unplanted school, and
 * returns where each one ends up in the written forms.
 */
export function plantDataErrors(seed: number, records: YearRecords, templates: TemplateSet, hosts: readonly string[], folder: string): DataError[] {
  const rng = Random.stream(seed, 'data-errors');
  const pool = rng.shuffle(hosts);
  const known = new Set(records.register.schools.map((r) => r.school_id));
  const ctx = { typo: (id: string) => typoOf(id, known) };
  const sheetRows = (spec: ErrorSpec) => (records[spec.template] as unknown as Record<string, Row[]>)[spec.sheet];
  const planted: { spec: ErrorSpec; row: Row }[] = [];
  for (const spec of ERRORS) {
    const rows = sheetRows(spec);
    const hostIndex = pool.findIndex((id) => rows.some((r) => r.school_id === id && (spec.rowFits?.(r) ?? true)));
    if (hostIndex < 0) throw new Error(`Нет школы для ошибки ${spec.code} на листе ${spec.sheet}`);
    const [host] = pool.splice(hostIndex, 1);
    const candidates = rows.filter((r) => r.school_id === host && (spec.rowFits?.(r) ?? true));
    planted.push({ spec, row: spec.spoil(rng.pick(candidates), rows, ctx) });
  }
  return planted.map(({ spec, row }) => {
    const template = templates[spec.template];
    const sheet = template.sheets.find((s) => s.id === spec.sheet)!;
    return {
      file: `${folder}/${spec.template}.xlsx`,
      sheet: sheet.name,
      cell: formCellAddress(sheet, spec.indicator, sheetRows(spec).indexOf(row)),
      code: spec.code,
      indicator: spec.indicator,
      note: spec.note,
    };
  });
}
