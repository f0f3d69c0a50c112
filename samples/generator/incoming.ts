import { columnLetter } from '../../src/core/grid/address';
import type { IssueCode } from '../../src/core/validate/issue';
import type { ColumnSpec, Template } from '../../src/core/template/template';
import type { TemplateSet } from './data-errors';
import { Random } from './random';
import type { YearRecords } from './records';
import type { School } from './region';
import type { SampleFile } from './sample-file';
import { withColumnTwice, withExtraColumn, withHandmadeHeaders, withoutColumn, withoutSheet, withVersion } from './template-variants';

/** A structural problem of a whole submission, as the validator reports it. */
export interface FileIssue {
  file: string;
  code: IssueCode;
  sheet?: string;
  cell?: string;
  indicator?: string;
  note: string;
}

export interface ToleratedFile {
  file: string;
  note: string;
}

export interface Incoming {
  files: SampleFile[];
  issues: FileIssue[];
  tolerated: ToleratedFile[];
}

type Row = Record<string, unknown>;
const INCOMING_DATE = new Date(Date.UTC(2025, 8, 15));

const decimalComma = (v: number) => String(v).replace('.', ',');
const ddmmyyyy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

/** A workbook that matches no template: a municipality's own table about school meals. */
const MEALS: Template = {
  id: 'meals',
  version: '1.0',
  title: 'Организация горячего питания',
  sheets: [{
    id: 'meals', name: 'Питание', key: ['school_id'], columns: [
      { code: 'school_id', header: 'Код ОО', type: 'school_id' },
      { code: 'coverage', header: 'Охват горячим питанием, %', type: 'percent' },
      { code: 'price', header: 'Стоимость обеда, руб.', type: 'number' },
      { code: 'supplier', header: 'Поставщик питания', type: 'text' },
      { code: 'complaints', header: 'Обращений родителей', type: 'integer' },
    ],
  }],
};

const COMMENT_COLUMN: ColumnSpec = { code: 'municipal_comment', header: 'Комментарий МОУО', type: 'text' };

/** Headers as a municipal specialist retyped them: extra spaces, a line break, «е» for «ё». */
const HANDMADE_HEADERS: Record<string, string> = {
  teachers_total: '  Педагогов   всего ',
  computers_per_100: 'Компьютеров на 100\nобучающихся',
  parents_satisfied: 'Доля удовлетворенных родителей',
  science_labs: 'Есть оснащенные лаборатории (физика, химия, биология)',
  teachers_pd_3y: 'Прошли повышение квалификации  за 3 года',
  methodical_association: 'Действуют методические объединения ',
};

/** Values as typed by hand: numbers as text with decimal commas, percents with a sign, yes/no in any case. */
function handmadeValue(rng: Random, column: ColumnSpec, value: unknown): unknown {
  if (typeof value === 'boolean') return rng.pick(value ? ['Да', 'ДА', 'да'] : ['Нет', 'НЕТ', 'нет']);
  if (typeof value !== 'number') return value;
  if (column.type === 'percent') return rng.pick([`${decimalComma(value)} %`, `${decimalComma(value)}%`, value]);
  if (column.type === 'number') return decimalComma(value);
  return rng.chance(0.6) ? String(value) : value;
}

function csvCell(column: ColumnSpec | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return ddmmyyyy(value);
  if (typeof value === 'number') return column && column.type !== 'integer' ? decimalComma(value) : String(value);
  return String(value);
}

function csvRows(template: Template, rows: Row[], commas: boolean): string[][] {
  const sheet = template.sheets[0];
  return [
    sheet.columns.map((c) => c.header),
    ...rows.map((r) => sheet.columns.map((c) => (commas ? csvCell(c, r[c.code]) : csvCell(undefined, r[c.code])))),
  ];
}

/** Municipal submissions as they arrive: one structural problem each, or irregular but acceptable. */
export function buildIncoming(seed: number, records: YearRecords, templates: TemplateSet, schools: School[]): Incoming {
  const rng = Random.stream(seed, 'incoming');
  const ids = (slug: string) => new Set(schools.filter((s) => s.municipality.slug === slug).map((s) => s.id));
  const of = <R extends { school_id: string }>(rows: R[], slug: string): R[] => {
    const own = ids(slug);
    return rows.filter((r) => own.has(r.school_id));
  };
  const path = (name: string) => `incoming/${name}`;
  const files: SampleFile[] = [];
  const issues: FileIssue[] = [];
  const tolerated: ToleratedFile[] = [];
  const form = (name: string, template: Template, rows: Record<string, Row[]>, drop: string[] = []) =>
    files.push({ kind: 'form', path: path(name), template, rows, date: INCOMING_DATE, drop });
  const vprRows = (slug: string) => ({ results: of(records.vpr.results, slug), tasks: of(records.vpr.tasks, slug) });

  form('berezovsky-vpr.xlsx', withoutSheet(templates.vpr, 'tasks'), vprRows('berezovsky'));
  issues.push({ file: path('berezovsky-vpr.xlsx'), code: 'sheet_missing', sheet: 'ВПР задания', note: 'Нет листа с решаемостью заданий' });

  form('zarechny-vpr.xlsx', withoutColumn(templates.vpr, 'results', 'enrolled'), vprRows('zarechny'));
  issues.push({ file: path('zarechny-vpr.xlsx'), code: 'column_missing', sheet: 'ВПР', indicator: 'enrolled', note: 'Удалён обязательный столбец «Обучающихся в параллели»' });

  const twice = withColumnTwice(templates.conditions, 'conditions', 'vacancies');
  form('olkhovsky-conditions.xlsx', twice, { conditions: of(records.conditions.conditions, 'olkhovsky') });
  const second = twice.sheets[0].columns.map((c) => c.code).lastIndexOf('vacancies');
  issues.push({ file: path('olkhovsky-conditions.xlsx'), code: 'column_duplicate', sheet: 'Условия', cell: `${columnLetter(second)}1`, indicator: 'vacancies', note: 'Столбец «Вакансий педагогов» вставлен дважды' });

  const withComment = withExtraColumn(templates.gia, 'oge', COMMENT_COLUMN);
  const oge = of(records.gia.oge, 'lesnogorsky').map((r, i) => ({ ...r, municipal_comment: i % 4 === 0 ? 'сверено с РЦОИ' : null }));
  form('lesnogorsky-gia.xlsx', withComment, { oge, ege: of(records.gia.ege, 'lesnogorsky'), medallists: of(records.gia.medallists, 'lesnogorsky') });
  const extra = withComment.sheets[0].columns.length - 1;
  issues.push({ file: path('lesnogorsky-gia.xlsx'), code: 'column_unknown', sheet: 'ОГЭ', cell: `${columnLetter(extra)}1`, note: 'Лишний столбец «Комментарий МОУО» (предупреждение)' });

  form('kamensky-observation.xlsx', withVersion(templates.observation, '0.9'), { procedures: of(records.observation.procedures, 'kamensky') });
  issues.push({ file: path('kamensky-observation.xlsx'), code: 'template_version', sheet: '_okoshko', note: 'Форма старой версии 0.9 (на служебном листе _okoshko)' });

  form('svetlozyorsky-conditions.xlsx', templates.conditions, {});
  issues.push({ file: path('svetlozyorsky-conditions.xlsx'), code: 'submission_empty', note: 'Только заголовки, ни одной строки данных' });

  const meals = [...ids('tikhorechensky')].map((id) => ({ school_id: id, coverage: rng.int(85, 100), price: rng.int(90, 140), supplier: 'МУП «Школьное питание»', complaints: rng.int(0, 3) }));
  form('tikhorechensky-pitanie.xlsx', MEALS, { meals }, ['Инструкция', '_okoshko']);
  issues.push({ file: path('tikhorechensky-pitanie.xlsx'), code: 'template_unknown', note: 'Таблица о питании: не похожа ни на один шаблон, служебного листа нет' });

  const handmade = withHandmadeHeaders(templates.conditions, 'conditions', HANDMADE_HEADERS, (cols) => {
    const [year, school, ...rest] = cols;
    return [school, ...rest.slice(10), year, ...rest.slice(0, 10)];
  });
  const columns = handmade.sheets[0].columns;
  const handRows = of(records.conditions.conditions, 'verkhnepolyansky').map((r) =>
    Object.fromEntries(columns.map((c) => [c.code, handmadeValue(rng, c, (r as Row)[c.code])])),
  );
  form('verkhnepolyansky-conditions.xlsx', handmade, { conditions: handRows }, ['Инструкция', '_okoshko']);
  tolerated.push({
    file: path('verkhnepolyansky-conditions.xlsx'),
    note: 'Анкета условий, набранная вручную: нет служебного листа (шаблон узнаётся по заголовкам), столбцы в другом порядке, лишние пробелы, перенос строки и «е» вместо «ё» в заголовках, числа текстом, десятичные запятые («1,35»), проценты «45 %» и «45%», «Да»/«НЕТ» в разном регистре',
  });

  files.push({ kind: 'csv', path: path('ozernovsky-conditions.csv'), encoding: 'windows-1251', delimiter: ';', rows: csvRows(templates.conditions, of(records.conditions.conditions, 'ozernovsky'), true) });
  tolerated.push({ file: path('ozernovsky-conditions.csv'), note: 'CSV в кодировке Windows-1251, разделитель «;», десятичные запятые, да/нет словами' });

  files.push({ kind: 'csv', path: path('ryabinovsky-observation.csv'), encoding: 'utf-8-bom', delimiter: ',', rows: csvRows(templates.observation, of(records.observation.procedures, 'ryabinovsky'), false) });
  tolerated.push({ file: path('ryabinovsky-observation.csv'), note: 'CSV в UTF-8 с BOM, разделитель «,», даты ДД.ММ.ГГГГ, да/нет словами' });

  return { files, issues, tolerated };
}
