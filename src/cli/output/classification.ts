import { coverageLines, coverageNotes } from '../../core/messages/coverage';
import { plural } from '../../core/messages/numbers';
import type { Classification } from '../../core/pipeline/classify';
import type { Recommendations } from '../../core/pipeline/recommend';
import type { SourceOutcome } from '../../core/pipeline/outcome';
import { allFindings } from '../../core/rules/classify';
import { classificationSummary, countsLine } from '../../core/pipeline/summary';
import { targetsLine } from '../../core/messages/targets';
import { appendicesLine, executionLine, listChangesLine } from '../../core/messages/cycle';
import { ruleProblemText, type RuleLintProblem } from '../../core/rules/lint';
import type { SkippedFile } from '../../files/file-sources';
import { shown } from '../context';
import { skippedLine } from './validation';

/** The sources that were not checked (unreadable, ours, set aside): one line each, before the results. */
export function printUnused(outcomes: readonly SourceOutcome[], skipped: readonly SkippedFile[]): void {
  for (const o of outcomes) {
    if (o.status === 'unreadable') process.stdout.write(`✖ ${shown(o.source.name)}: ${o.failure!.message}\n`);
    if (o.status === 'own') process.stdout.write(`– ${shown(o.source.name)}: ${o.report.issues[0].message}\n`);
    if (o.status === 'checked' && !o.template) process.stdout.write(`✖ ${shown(o.source.name)}: ${o.report.issues[0].message}\n`);
  }
  for (const s of skipped) process.stdout.write(skippedLine(s) + '\n');
}

export function printRuleProblems(problems: readonly RuleLintProblem[]): void {
  for (const p of problems) process.stderr.write(`Правила пропущены: ${ruleProblemText({ ...p, file: shown(p.file) })}\n`);
}

/** What the classification found, and what it was made of. */
export function printClassification(c: Classification, recommendations?: Recommendations): void {
  const summary = classificationSummary(c, recommendations);
  const counts = countsLine(summary.systems);
  if (c.kind === 'table') {
    const what = c.unit.table ? 'строк таблицы' : `единиц «${c.unit.title}» таблицы`;
    process.stdout.write(`Классифицировано ${what} «${c.template.title}»: ${c.classifications.length}; с выводами: ${c.classifications.filter((u) => allFindings(u).length).length}.\n`);
    if (counts) process.stdout.write(`${counts}.\n`);
    return;
  }
  process.stdout.write(`Классифицировано школ: ${c.classifications.length} (год ${c.year}).\n${counts}.\n`);
  if (summary.kind === 'region' && summary.targets) process.stdout.write(`${targetsLine(summary.targets)} (лист «Целевые показатели»).\n`);
  if (summary.kind === 'region' && summary.lists) process.stdout.write(`${listChangesLine(summary.lists.prevYear, c.year, summary.lists.totals)} (лист «Анализ эффективности»).\n`);
  if (summary.kind === 'region' && summary.appendices) process.stdout.write(`${appendicesLine(summary.appendices)} (лист «Приложение к приказу»).\n`);
  if (summary.kind === 'region' && summary.execution) process.stdout.write(`${executionLine(summary.execution, c.year)} (лист «Выполнение мероприятий»)${summary.execution.conflicts ? `; противоречащих отметок: ${summary.execution.conflicts} (лист «Проверка»)` : ''}.\n`);
  for (const line of coverageLines(c.coverage)) process.stdout.write(`${line}.\n`);
  for (const note of coverageNotes(c.coverage).filter((n) => n.code !== 'rows_left_out')) process.stdout.write(`${note.severity === 'error' ? '✖' : '!'} ${note.message}.\n`);
}

/** The closing line about rows left out for their errors. */
export function printLeftOut(outcomes: readonly SourceOutcome[]): void {
  const errors = outcomes.filter((o) => o.status === 'checked').reduce((n, o) => n + o.report.counts.errors, 0);
  if (errors) process.stdout.write(`В формах найдены ошибки (${errors}): строки с ними в классификации не учтены — см. лист «Проверка».\n`);
}

export const schoolsWord = (n: number) => plural(n, 'школа', 'школы', 'школ');
