import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { reportSheets } from '../../core/pipeline/report';
import { EXIT_CODES, runStatus } from '../../core/pipeline/status';
import { writeReportSheets } from '../../files/report-render';
import { sourceLinkFrom } from '../../files/report-writer';
import { openLibrary, reportDate, shown } from '../context';
import { classificationJson, fileJson, filesTotals, header, printJson, ruleProblemsJson, skippedJson } from '../output/json';
import { printClassification, printLeftOut, printRuleProblems, printUnused } from '../output/classification';
import { runOnFiles } from '../run-pipeline';

interface ClassifyOptions {
  out?: string;
  params?: string;
  rules?: string;
  json?: boolean;
  date?: string;
}

function defaultOut(paths: string[]): string {
  const first = path.resolve(paths[0]);
  const dir = existsSync(first) && statSync(first).isDirectory() ? (paths.length > 1 ? path.dirname(first) : first) : path.dirname(first);
  return path.join(dir, 'классификация.report.xlsx');
}

export function registerClassify(program: Command): Command {
  return program
    .command('classify')
    .description('классифицировать школы (ШНОР/ШНСУ, рисковые факторы, объективность) и записать лист «Классификация»')
    .argument('<paths...>', 'формы региона текущего и прошлого года (.xlsx / .csv) или папки с ними; или таблица открытых данных')
    .option('-o, --out <file>', 'куда записать отчёт (по умолчанию — классификация.report.xlsx рядом с формами)')
    .option('-p, --params <id>', 'файл параметров из rules/params (по умолчанию — тот, для которого написаны наборы правил)')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--date <ГГГГ-ММ-ДД>', 'дата отчёта (по умолчанию — сегодня)')
    .option('--json', 'вывести классификацию в JSON для программ (схема — docs/json/classify.schema.json)')
    .action(async (paths: string[], opts: ClassifyOptions) => {
      const library = openLibrary(opts.rules, Boolean(opts.json));
      const date = reportDate(opts.date);
      const { run, skipped } = await runOnFiles('classify', paths, library, { json: opts.json, paramsId: opts.params, reportDate: date });
      const { outcomes, classification } = run;
      const status = runStatus(outcomes, classification);
      if (opts.json) {
        printJson({
          ...header('classify', status),
          totals: filesTotals(outcomes, skipped),
          files: outcomes.map((o) => fileJson(o)),
          skipped: skipped.map(skippedJson),
          classification: classificationJson(classification),
          ruleProblems: ruleProblemsJson([...library.problems, ...classification.ruleProblems]),
        });
        process.exitCode = EXIT_CODES[status];
        return;
      }
      printRuleProblems(classification.ruleProblems);
      const out = path.resolve(opts.out ?? defaultOut(paths));
      await writeReportSheets(out, reportSheets(outcomes, classification, undefined, { reportDate: date, linkOf: sourceLinkFrom(out) }), 'classification');
      printUnused(outcomes, skipped);
      printClassification(classification);
      printLeftOut(outcomes);
      process.stdout.write(`Отчёт: ${shown(out)}\n`);
      process.exitCode = EXIT_CODES[status];
    });
}
