import path from 'node:path';
import type { Issue } from '../core/issue';
import type { FileOutcome } from '../files/validate-files';

const rel = (f: string) => path.relative(process.cwd(), f) || f;

export function issueLine(i: Issue): string {
  const where = i.sheet ? (i.cell ? `${i.sheet}!${i.cell}` : i.sheet) : 'файл';
  const mark = i.severity === 'error' ? 'ошибка' : 'предупр.';
  return `    ${where} [${i.code}, ${mark}] ${i.message}`;
}

/** Human summary of a validation run: a line per file, its first issues, and the totals. */
export function printOutcomes(outcomes: readonly FileOutcome[], issuesPerFile: number): void {
  let errors = 0, warnings = 0, clean = 0, withErrors = 0, failed = 0;
  for (const o of outcomes) {
    if (o.failure) {
      failed++;
      process.stdout.write(`✖ ${rel(o.file)}: ${o.failure.message}\n`);
      continue;
    }
    const r = o.report!;
    errors += r.counts.errors;
    warnings += r.counts.warnings;
    if (r.counts.errors) withErrors++;
    else clean++;
    const what = r.template ? `${r.template.title} (${r.template.id} ${r.template.version})` : 'шаблон не определён';
    const counts = r.issues.length === 0 ? 'замечаний нет' : `ошибок ${r.counts.errors}, предупреждений ${r.counts.warnings}`;
    const mark = r.counts.errors ? '✖' : r.counts.warnings ? '!' : '✔';
    const report = o.reportPath ? ` → ${rel(o.reportPath)}` : '';
    process.stdout.write(`${mark} ${rel(o.file)} — ${what}: строк ${r.records}, ${counts}${report}\n`);
    for (const i of r.issues.slice(0, issuesPerFile)) process.stdout.write(issueLine(i) + '\n');
    if (r.issues.length > issuesPerFile) process.stdout.write(`    … и ещё ${r.issues.length - issuesPerFile} (все — в отчёте или с --all)\n`);
  }
  process.stdout.write(
    `\nИтого файлов: ${outcomes.length}; без ошибок: ${clean}; с ошибками: ${withErrors}; не прочитано: ${failed}. ` +
      `Ошибок: ${errors}, предупреждений: ${warnings}.\n`,
  );
}

/** The same run for programs: stable codes, locations and counts. */
export function outcomesAsJson(outcomes: readonly FileOutcome[]): string {
  return JSON.stringify(
    {
      files: outcomes.filter((o) => o.report).map((o) => ({ ...o.report, report: o.reportPath })),
      failed: outcomes.filter((o) => o.failure).map((o) => ({ file: o.file, code: o.failure!.code, message: o.failure!.message })),
    },
    null,
    2,
  );
}
