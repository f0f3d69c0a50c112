import type { IssueCode } from './issue';
import type { ColumnSpec } from './template';

/** Russian sentences of validation issues, one maker per code, so wording stays in one place. */

export function columnTitle(c: ColumnSpec): string {
  return c.group ? `${c.group} — ${c.header}` : c.header;
}

const q = (s: unknown) => `«${String(s)}»`;

export const issueText = {
  templateUnknown: () => 'Не удалось определить шаблон формы: ни лист метаданных, ни заголовки столбцов не подходят ни к одному из загруженных шаблонов',
  templateUnknownId: (id: string) => `Форма сделана по шаблону ${q(id)}, которого нет среди загруженных шаблонов`,
  templateVersion: (title: string, found: string, expected: string) =>
    `Форма сделана по версии ${found} шаблона ${q(title)}, действует версия ${expected}: заполните актуальный бланк`,
  sheetMissing: (sheet: string) => `В книге нет листа ${q(sheet)}`,
  columnMissing: (sheet: string, c: ColumnSpec) =>
    `На листе ${q(sheet)} нет ${c.required ? 'обязательного' : 'необязательного'} столбца ${q(columnTitle(c))}`,
  columnDuplicate: (c: ColumnSpec, first: string) => `Столбец ${q(columnTitle(c))} встречается повторно; проверяется первый (${first})`,
  columnUnknown: (header: string) => `Столбец ${q(header)} не предусмотрен шаблоном и не проверяется`,
  typeInvalid: (c: ColumnSpec, value: unknown, expected: string) => `${q(value)} — не ${expected} (показатель ${q(columnTitle(c))})`,
  cellError: (c: ColumnSpec, error: string) => `В ячейке ошибка Excel ${error} вместо значения показателя ${q(columnTitle(c))}`,
  outOfRange: (c: ColumnSpec, value: number, range: string) => `Значение ${value} вне допустимых пределов ${range} (показатель ${q(columnTitle(c))})`,
  notInList: (c: ColumnSpec, value: unknown) => `${q(value)} нет в списке допустимых значений показателя ${q(columnTitle(c))}`,
  requiredBlank: (c: ColumnSpec) => `Не заполнен обязательный показатель ${q(columnTitle(c))}`,
  keyDuplicate: (firstRow: number, keyTitles: string[]) => `Строка повторяет строку ${firstRow}: совпадают ${keyTitles.join(', ')}`,
  checkFailed: (message: string, values: string) => `${message} (${values})`,
  schoolUnknown: (id: string) => `ОО с кодом ${q(id)} нет в реестре образовательных организаций`,
  submissionEmpty: () => 'В форме нет ни одной строки с данными',
};

export function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `от ${min} до ${max}`;
  if (min !== undefined) return `не меньше ${min}`;
  return `не больше ${max}`;
}

/** Numbers as a Russian reader writes them: decimal comma, at most two decimals. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** What each code means, for summaries and legends. */
export const ISSUE_TITLES: Record<IssueCode, string> = {
  template_unknown: 'Шаблон формы не определён',
  template_version: 'Устаревшая версия шаблона',
  sheet_missing: 'Нет листа',
  column_missing: 'Нет столбца',
  column_duplicate: 'Столбец повторяется',
  column_unknown: 'Лишний столбец',
  type_invalid: 'Значение неверного типа',
  cell_error: 'Ошибка Excel в ячейке',
  out_of_range: 'Значение вне пределов',
  not_in_list: 'Значения нет в списке',
  required_blank: 'Не заполнен обязательный показатель',
  key_duplicate: 'Повтор строки',
  check_failed: 'Не выполнена межполевая проверка',
  school_unknown: 'ОО нет в реестре',
  submission_empty: 'Пустая форма',
};
