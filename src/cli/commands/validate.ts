import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sourceChecking } from '../../core/pipeline/check';
import { givenRegister } from '../given-register';
import type { SourceOutcome } from '../../core/pipeline/outcome';
import { EXIT_CODES, runStatus } from '../../core/pipeline/status';
import { fileSources } from '../../files/file-sources';
import { reportPaths } from '../../files/report-paths';
import { writeReportWorkbook } from '../../files/report-writer';
import { CliFailure } from '../cli-failure';
import { openLibrary, templateById } from '../context';
import { fileJson, filesTotals, header, printJson, ruleProblemsJson, skippedJson } from '../output/json';
import { printOutcomes } from '../output/validation';
import { progress } from '../progress';

interface ValidateOptions {
  template?: string;
  register?: string;
  rules?: string;
  reportDir?: string;
  report: boolean;
  json?: boolean;
  all?: boolean;
}

export function registerValidate(program: Command): Command {
  return program
    .command('validate')
    .description('проверить формы по шаблонам и записать отчёт «Проверка» рядом с каждой')
    .argument('<paths...>', 'файлы .xlsx / .csv или папки с ними')
    .option('-t, --template <id>', 'проверять по этому шаблону, не определяя его по файлу')
    .option('-r, --register <file>', 'реестр ОО, с которым сверять коды школ')
    .option('--rules <dir>', 'папка правил с шаблонами (по умолчанию — встроенная)')
    .option('--report-dir <dir>', 'писать отчёты в эту папку (с теми же подпапками, что у форм), а не рядом с формами')
    .option('--no-report', 'не писать отчёты, только вывести итог')
    .option('--json', 'вывести результат в JSON для программ (схема — docs/json/validate.schema.json)')
    .option('--all', 'печатать все замечания, а не первые 10 по каждому файлу')
    .action(async (paths: string[], opts: ValidateOptions) => {
      const library = openLibrary(opts.rules, Boolean(opts.json));
      const template = opts.template ? templateById(library.templates, opts.template) : undefined;
      const { inputs, skipped } = fileSources(paths);
      if (inputs.length === 0 && skipped.length === 0) throw new CliFailure(`Не найдено ни одной формы (.xlsx, .csv) в: ${paths.join(', ')}`);
      const registerSchoolIds = await givenRegister(opts.register, library);
      const targets = reportPaths(inputs.map((i) => i.name), opts.reportDir);
      const show = progress(!opts.json);
      const checking = await sourceChecking(inputs, { templates: library.templates, picked: template, pickedFor: 'all', registerSchools: registerSchoolIds, keepRecords: false });
      const reports = new Map<SourceOutcome, string>();
      for (let done = 0; checking.upcoming; done++) {
        show.file(checking.upcoming.name, done, checking.total);
        const outcome = (await checking.step())!;
        if (!opts.report || outcome.status !== 'checked') continue;
        const target = targets.get(outcome.source.name)!;
        if (path.resolve(target) === path.resolve(outcome.source.name)) continue;
        mkdirSync(path.dirname(target), { recursive: true });
        await writeReportWorkbook(outcome.report, target, outcome.source.name);
        reports.set(outcome, target);
      }
      show.stop();
      const outcomes = checking.outcomes();
      const status = runStatus(outcomes);
      if (opts.json)
        printJson({
          ...header('validate', status),
          totals: filesTotals(outcomes, skipped),
          files: outcomes.map((o) => fileJson(o, reports.get(o))),
          skipped: skipped.map(skippedJson),
          ruleProblems: ruleProblemsJson(library.problems),
        });
      else printOutcomes(outcomes, skipped, opts.all ? Infinity : 10, reports);
      process.exitCode = EXIT_CODES[status];
    });
}
