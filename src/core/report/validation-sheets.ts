import type { IssueCode } from '../validate/issue';
import { ISSUE_TITLES } from '../messages/issues';
import { SEVERITY_TITLES, type ValidationReport } from '../validate/validation-report';
import type { ReportRow, ReportSheet, ReportValue } from './report-sheet';

/** «Сводка»: the file, its hash, the template and the counts by code. */
export function summarySheet(report: ValidationReport): ReportSheet {
  const facts: [string, ReportValue][] = [
    ['Файл', report.file],
    ['SHA-256 файла', report.sha256],
    ['Шаблон', report.template ? `${report.template.title} (${report.template.id})` : 'не определён'],
    ['Версия шаблона', report.template?.version ?? '—'],
    ['Проверено', new Date(report.checkedAt).toLocaleString('ru-RU', { timeZone: 'UTC' }) + ' UTC'],
    ['Строк с данными', report.records],
    ['Ошибок (блокируют отправку)', report.counts.errors],
    ['Предупреждений', report.counts.warnings],
  ];
  const rows: ReportRow[] = facts.map(([what, value]) => ({ cells: { what, value } }));
  const codes = Object.entries(report.counts.byCode) as [IssueCode, number][];
  if (codes.length === 0) rows.push({ cells: { what: 'Замечаний нет', value: null }, bold: true });
  for (const [code, n] of codes) {
    const severity = report.issues.find((i) => i.code === code)!.severity;
    rows.push({ cells: { what: `${ISSUE_TITLES[code]} (${code}, ${SEVERITY_TITLES[severity]})`, value: n }, roles: { what: severity } });
  }
  return {
    name: 'Сводка',
    stamp: 'Отчёт о проверке формы',
    columns: [
      { key: 'what', header: 'Что', width: 48, wrap: true },
      { key: 'value', header: 'Значение', width: 70 },
    ],
    rows,
    tabColor: 'FF2F5597',
  };
}

/** One checked file's issues; `file` is the file as the report links to it (relative to the report). */
export interface IssuesOfFile {
  report: ValidationReport;
  file: string;
  /** The file is a workbook whose cells a link can point at. */
  linkable: boolean;
}

/** A problem of what a classification was made of (a form missing for the year, rows left out), above the forms' own issues. */
export interface IssuesNote {
  code: string;
  severity: 'error' | 'warning';
  file?: string;
  message: string;
}

/** «Проверка»: one row per issue, linked to its cell; with several files a column says which. */
export function issuesSheet(files: readonly IssuesOfFile[], notes: readonly IssuesNote[] = []): ReportSheet {
  const withFile = files.length > 1 || notes.length > 0;
  const rows: ReportRow[] = [];
  for (const note of notes)
    rows.push({
      cells: { n: rows.length + 1, file: note.file ?? 'Классификация', severity: SEVERITY_TITLES[note.severity], code: note.code, sheet: '', cell: '', indicator: '', value: null, expected: '', message: note.message },
      roles: { severity: note.severity },
    });
  for (const { report, file, linkable } of files) {
    for (const issue of report.issues) {
      const value = issue.value === undefined || issue.value === null ? null : typeof issue.value === 'boolean' ? (issue.value ? 'да' : 'нет') : issue.value;
      rows.push({
        cells: {
          n: rows.length + 1,
          file,
          severity: SEVERITY_TITLES[issue.severity],
          code: issue.code,
          sheet: issue.sheet ?? '',
          cell: issue.sheet && issue.cell ? { text: issue.cell, target: { file, sheet: issue.sheet, cell: linkable ? issue.cell : undefined } } : issue.cell ?? '',
          indicator: issue.indicatorTitle ?? issue.indicator ?? '',
          value,
          expected: issue.expected ?? '',
          message: issue.message,
        },
        roles: { severity: issue.severity },
      });
    }
  }
  return {
    name: 'Проверка',
    columns: [
      { key: 'n', header: '№', width: 6 },
      ...(withFile ? [{ key: 'file', header: 'Файл', width: 30 }] : []),
      { key: 'severity', header: 'Важность', width: 15 },
      { key: 'code', header: 'Код', width: 18 },
      { key: 'sheet', header: 'Лист', width: 18 },
      { key: 'cell', header: 'Ячейка', width: 10 },
      { key: 'indicator', header: 'Показатель', width: 22, wrap: true },
      { key: 'value', header: 'Значение', width: 16 },
      { key: 'expected', header: 'Ожидается', width: 28, wrap: true },
      { key: 'message', header: 'Замечание', width: 80, wrap: true },
    ],
    rows,
    table: 'Issues',
    tabColor: 'FFC00000',
  };
}
