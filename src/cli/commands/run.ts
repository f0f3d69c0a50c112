import type { Command } from 'commander';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { municipalReports, reportSheets } from '../../core/pipeline/report';
import { EXIT_CODES, runStatus } from '../../core/pipeline/status';
import { writeReportSheets } from '../../files/report-render';
import { sourceLinkFrom } from '../../files/report-writer';
import { writeReportIntoWorkbook } from '../../files/workbook-writeback';
import { CliFailure } from '../cli-failure';
import { openLibrary, reportDate, shown } from '../context';
import { classificationJson, fileJson, filesTotals, header, printJson, recommendationsJson, ruleProblemsJson, skippedJson } from '../output/json';
import { printClassification, printLeftOut, printRuleProblems, printUnused } from '../output/classification';
import { runOnFiles } from '../run-pipeline';

interface RunOptions {
  into?: string;
  inPlace?: boolean;
  out?: string;
  splitBy?: string;
  outDir?: string;
  params?: string;
  rules?: string;
  date?: string;
  json?: boolean;
}

const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Where the copy with our sheets goes (see writeReportIntoWorkbook), for the links of «Проверка». */
function destinationOf(into: string, opts: RunOptions): string {
  if (opts.inPlace) return existsSync(into) ? realpathSync(into) : into;
  if (opts.out) return path.resolve(opts.out);
  const ext = path.extname(into) || '.xlsx';
  return path.join(path.dirname(into), `${path.basename(into, path.extname(into))}.okoshko${ext}`);
}

export function registerRun(program: Command): Command {
  return program
    .command('run')
    .description('главная работа: проверить формы, классифицировать школы, составить адресные рекомендации и записать их в книгу')
    .argument('<paths...>', 'формы региона текущего и прошлого года (.xlsx / .csv) или папки с ними')
    .option('--into <workbook>', 'книга, в которую добавить листы «Адресные рекомендации», «Классификация», «Проверка» (по умолчанию — реестр ОО классифицируемого года)')
    .option('--in-place', 'записать в саму книгу (атомарно, с резервной копией), а не копию рядом')
    .option('-o, --out <file>', 'куда записать копию книги с листами Окошка')
    .option('--split-by <what>', 'разослать по муниципалитетам: municipality — по книге на каждый МОУО')
    .option('--out-dir <dir>', 'папка для книг муниципалитетов (по умолчанию — «по муниципалитетам» рядом с записанной книгой)')
    .option('-p, --params <id>', 'файл параметров из rules/params (по умолчанию — тот, для которого написаны наборы правил)')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--date <ГГГГ-ММ-ДД>', 'дата отчёта, от которой считаются сроки (по умолчанию — сегодня)')
    .option('--json', 'вывести результат в JSON для программ (схема — docs/json/run.schema.json)')
    .action(async (paths: string[], opts: RunOptions) => {
      if (opts.splitBy && opts.splitBy !== 'municipality') throw new CliFailure('Разбить можно только по муниципалитетам: --split-by municipality');
      const date = reportDate(opts.date);
      const library = openLibrary(opts.rules, Boolean(opts.json));
      const { run, skipped } = await runOnFiles('run', paths, library, { json: opts.json, recommend: true, paramsId: opts.params, reportDate: date });
      const { outcomes, classification, recommendations } = run;
      const workbooks = (names: readonly string[]) => names.filter((f) => /\.xls[xm]$/i.test(f));
      const tables = classification.kind === 'table' ? outcomes.filter((o) => o.template?.id === classification.template.id).map((o) => o.source.name) : [];
      const into = opts.into ?? workbooks(classification.kind === 'region' ? classification.coverage.registers : tables).pop();
      if (!into && classification.kind === 'region')
        throw new CliFailure(`Укажите книгу для записи: --into книга.xlsx (реестр ОО за ${classification.year} год — не книга Excel)`);
      // A table given as CSV has no workbook to add sheets to: the report is a new one beside it.
      const beside = (table: string) => path.resolve(opts.out ?? path.join(path.dirname(path.resolve(table)), `${path.basename(table, path.extname(table))}.okoshko.xlsx`));
      const destination = into ? destinationOf(path.resolve(into), opts) : beside(tables[0]);
      const sheets = reportSheets(outcomes, classification, recommendations, { reportDate: date, linkOf: sourceLinkFrom(destination) });
      let written = destination;
      let backup: string | undefined;
      if (into) ({ written, backup } = await writeReportIntoWorkbook(path.resolve(into), sheets, { inPlace: opts.inPlace, out: opts.out }));
      else await writeReportSheets(destination, sheets, 'run');
      const municipal: string[] = [];
      const folder = path.resolve(opts.outDir ?? path.join(path.dirname(written), 'по муниципалитетам'));
      if (opts.splitBy)
        for (const part of municipalReports(classification, recommendations, date)) {
          const file = path.join(folder, `${safeFileName(part.municipality)}.xlsx`);
          await writeReportSheets(file, part.sheets, 'municipality');
          municipal.push(file);
        }
      const status = runStatus(outcomes, classification);
      if (opts.json) {
        printJson({
          ...header('run', status),
          totals: filesTotals(outcomes, skipped),
          files: outcomes.map((o) => fileJson(o)),
          skipped: skipped.map(skippedJson),
          classification: classificationJson(classification),
          ...(recommendations && { recommendations: recommendationsJson(recommendations) }),
          written: { workbook: written, ...(backup && { backup }), ...(opts.splitBy && { municipalities: { folder, files: municipal } }) },
          ruleProblems: ruleProblemsJson([...library.problems, ...classification.ruleProblems]),
        });
        process.exitCode = EXIT_CODES[status];
        return;
      }
      printRuleProblems(classification.ruleProblems);
      for (const p of recommendations?.problems ?? []) process.stderr.write(`Рекомендация «${p.id}»: ${p.message}\n`);
      const rows = recommendations?.rows ?? [];
      process.stdout.write(
        `${classification.kind === 'region' ? 'Школ' : classification.unit.table ? 'Строк таблицы' : classification.unit.title}: ${classification.classifications.length}; рекомендаций: ${rows.length} (школам: ${new Set(rows.filter((r) => r.schoolId).map((r) => r.schoolId)).size}, муниципалитетам: ${rows.filter((r) => !r.schoolId).length}).\n`,
      );
      process.stdout.write(`Листы Окошка записаны: ${shown(written)}${backup ? ` (резервная копия: ${shown(backup)})` : ''}\n`);
      if (opts.splitBy) process.stdout.write(`Книги муниципалитетов: ${municipal.length} → ${shown(folder)}\n`);
      printUnused(outcomes, skipped);
      printClassification(classification, recommendations);
      printLeftOut(outcomes);
      process.exitCode = EXIT_CODES[status];
    });
}
