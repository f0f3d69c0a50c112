import { parseAddress } from '../grid/address';
import type { Issue, IssueCode, IssueDetails, IssueLocation } from '../validate/issue';
import type { Severity } from '../template/template';
import { valueText } from './numbers';

/** The Russian sentence of every issue code, made from the issue's own fields: the one place issues are worded. */

const q = (s: unknown) => `«${String(s)}»`;

export function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `от ${min} до ${max}`;
  if (min !== undefined) return `не меньше ${min}`;
  return `не больше ${max}`;
}

const OWN_OUTPUT: Record<Extract<IssueDetails, { code: 'own_output' }>['what'], string> = {
  report: 'Это отчёт Окошка, а не форма: файл не проверяется',
  copy: 'Это копия книги с листами Окошка, а не форма: файл не проверяется',
  backup: 'Это резервная копия, которую Окошко оставило при записи на место: файл не проверяется',
};

type Draft = IssueDetails & IssueLocation;

function sentence(i: Draft): string {
  const title = q(i.indicatorTitle ?? i.indicator ?? '');
  switch (i.code) {
    case 'template_unknown':
      return i.template !== undefined
        ? `Форма сделана по шаблону ${q(i.template)}, которого нет среди загруженных шаблонов`
        : 'Не удалось определить шаблон формы: ни лист метаданных, ни заголовки столбцов не подходят ни к одному из загруженных шаблонов';
    case 'template_version':
      return `Форма сделана по версии ${i.found ?? '—'} шаблона ${q(i.templateTitle)}, действует версия ${i.current}: заполните актуальный бланк`;
    case 'sheet_missing':
      return `В книге нет листа ${q(i.sheet)}`;
    case 'column_missing':
      return `На листе ${q(i.sheet)} нет ${i.required ? 'обязательного' : 'необязательного'} столбца ${title}`;
    case 'column_duplicate':
      return `Столбец ${title} встречается повторно; проверяется первый (${i.firstCell})`;
    case 'column_unknown':
      return `Столбец ${q(i.header)} не предусмотрен шаблоном и не проверяется`;
    case 'type_invalid':
      return `${q(i.value)} — не ${i.expected} (показатель ${title})`;
    case 'cell_error':
      return `В ячейке ошибка Excel ${i.error} вместо значения показателя ${title}`;
    case 'out_of_range':
      return `Значение ${i.value} вне допустимых пределов ${rangeText(i.min, i.max)} (показатель ${title})`;
    case 'not_in_list':
      return `${q(i.value)} нет в списке допустимых значений показателя ${title}`;
    case 'required_blank':
      return `Не заполнен обязательный показатель ${title}`;
    case 'key_duplicate':
      return `Строка повторяет строку ${i.firstRow}: совпадают ${i.keyTitles.join(', ')}`;
    case 'check_failed':
      return `${i.checkMessage} (${i.values.map((v) => `${v.title} = ${valueText(v.value)}`).join('; ')})`;
    case 'school_unknown':
      return `ОО с кодом ${q(i.schoolId)} нет в реестре образовательных организаций`;
    case 'submission_empty':
      return 'В форме нет ни одной строки с данными';
    case 'file_unreadable':
      return i.reasonText;
    case 'own_output':
      return i.marks !== undefined ? `${OWN_OUTPUT[i.what]}; из плана прочитаны отметки о выполнении — ${i.marks}` : OWN_OUTPUT[i.what];
    case 'mark_unrecognised':
      return `Отметка о выполнении ${q(i.value)} не распознана (мероприятие ${q(i.measure)}): напишите «выполнено», «выполнено частично», «не выполнено», дату выполнения или оставьте пустой; мероприятие считается без отметки`;
    case 'agreement_unrecognised':
      return `Отметка о согласовании ${q(i.value)} не распознана (перечень ${q(i.list)}, ОО ${i.schoolId}): напишите «согласовано», «не согласовано», дату или оставьте пустой`;
    case 'mark_without_measure':
      return `Отметка о выполнении ${q(i.value)} стоит в строке без мероприятия и не учитывается`;
  }
}

/** An issue with its sentence and, for a cell, its row and column numbers. */
export function makeIssue(severity: Severity, draft: Draft): Issue {
  const at = draft.cell ? parseAddress(draft.cell) : undefined;
  return { ...draft, severity, ...(at && { row: at.row + 1, column: at.col + 1 }), message: sentence(draft) } as Issue;
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
  file_unreadable: 'Файл не прочитан',
  own_output: 'Файл Окошка, не форма',
  mark_unrecognised: 'Отметка о выполнении не распознана',
  mark_without_measure: 'Отметка без мероприятия',
  agreement_unrecognised: 'Отметка о согласовании не распознана',
};
