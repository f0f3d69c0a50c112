import type { Issue } from '../../core/validate/issue';
import { plural } from '../../core/messages/numbers';
import type { SourceOutcome } from '../../core/pipeline/outcome';
import type { SkippedFile } from '../../files/file-sources';
import { shown } from '../context';

export function issueLine(i: Issue): string {
  const where = i.sheet ? (i.cell ? `${i.sheet}!${i.cell}` : i.sheet) : 'файл';
  const mark = i.severity === 'error' ? 'ошибка' : 'предупр.';
  return `    ${where} [${i.code}, ${mark}] ${i.message}`;
}

const SKIPPED: Record<SkippedFile['what'], string> = {
  report: 'отчёт Окошка',
  copy: 'копия книги с листами Окошка',
  backup: 'резервная копия, оставленная Окошком',
  owner: 'служебный файл Excel: книга открыта в Excel',
  hidden: 'скрытый файл',
};

/** Files set aside before reading, one line each: nothing is dropped without a word. */
export function skippedLine(s: SkippedFile): string {
  return `– ${shown(s.file)}: пропущен — ${SKIPPED[s.what]}`;
}

/** One line per source (and its first issues), then the totals. */
export function printOutcomes(outcomes: readonly SourceOutcome[], skipped: readonly SkippedFile[], issuesPerFile: number, reports?: ReadonlyMap<SourceOutcome, string>): void {
  let errors = 0, warnings = 0, clean = 0, withErrors = 0, failed = 0, own = 0;
  for (const o of outcomes) {
    const name = shown(o.source.name);
    if (o.status === 'unreadable') {
      failed++;
      process.stdout.write(`✖ ${name}: ${o.failure!.message}\n`);
      continue;
    }
    if (o.status === 'own') {
      own++;
      process.stdout.write(`– ${name}: ${o.report.issues[0].message}\n`);
      continue;
    }
    const r = o.report;
    errors += r.counts.errors;
    warnings += r.counts.warnings;
    if (r.counts.errors) withErrors++;
    else clean++;
    const what = r.template ? `${r.template.title} (${r.template.id} ${r.template.version})` : 'шаблон не определён';
    const counts = r.issues.length === 0 ? 'замечаний нет' : `ошибок ${r.counts.errors}, предупреждений ${r.counts.warnings}`;
    const mark = r.counts.errors ? '✖' : r.counts.warnings ? '!' : '✔';
    const report = reports?.get(o);
    process.stdout.write(`${mark} ${name} — ${what}: строк ${r.records}, ${counts}${report ? ` → ${shown(report)}` : ''}\n`);
    for (const i of r.issues.slice(0, issuesPerFile)) process.stdout.write(issueLine(i) + '\n');
    if (r.issues.length > issuesPerFile) process.stdout.write(`    … и ещё ${r.issues.length - issuesPerFile} (все — в отчёте или с --all)\n`);
  }
  for (const s of skipped) process.stdout.write(skippedLine(s) + '\n');
  const set = own + skipped.length;
  process.stdout.write(
    `\nИтого файлов: ${outcomes.length + skipped.length}; без ошибок: ${clean}; с ошибками: ${withErrors}; не прочитано: ${failed}` +
      `${set ? `; пропущено (файлы Окошка и служебные): ${set}` : ''}. Ошибок: ${errors}, предупреждений: ${warnings}.\n`,
  );
}

/** «3 файла не прочитаны»-style count for summaries. */
export function unreadableCount(outcomes: readonly SourceOutcome[]): string | undefined {
  const n = outcomes.filter((o) => o.status === 'unreadable').length;
  return n ? `Не прочитано ${plural(n, 'файл', 'файла', 'файлов')}` : undefined;
}
