import type { Command } from 'commander';
import { expandSubmissionPaths } from '../../files/submission-files';
import { validateFiles } from '../../files/validate-files';
import { CliFailure, EXIT } from '../cli-failure';
import { fileProgress } from '../progress';
import { loadTemplatesOrWarn, templateById } from '../rules-context';
import { outcomesAsJson, printOutcomes } from '../validation-output';

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
    .option('--report-dir <dir>', 'писать отчёты в эту папку, а не рядом с формами')
    .option('--no-report', 'не писать отчёты, только вывести итог')
    .option('--json', 'вывести результат в JSON для программ')
    .option('--all', 'печатать все замечания, а не первые 10 по каждому файлу')
    .action(async (paths: string[], opts: ValidateOptions) => {
      const templates = loadTemplatesOrWarn(opts.rules, Boolean(opts.json));
      const template = opts.template ? templateById(templates, opts.template) : undefined;
      const files = expandSubmissionPaths(paths);
      if (files.length === 0) throw new CliFailure(`Не найдено ни одной формы (.xlsx, .csv) в: ${paths.join(', ')}`);
      const progress = fileProgress(files.length, !opts.json);
      const outcomes = await validateFiles(files, {
        templates,
        template,
        register: opts.register,
        writeReports: opts.report,
        reportDir: opts.reportDir,
        onFileDone: (o) => progress.tick(o.file),
      });
      progress.stop();
      if (opts.json) process.stdout.write(outcomesAsJson(outcomes) + '\n');
      else printOutcomes(outcomes, opts.all ? Infinity : 10);
      if (outcomes.some((o) => o.failure)) process.exitCode = EXIT.couldNotRun;
      else if (outcomes.some((o) => o.report!.counts.errors > 0)) process.exitCode = EXIT.errorsFound;
      else process.exitCode = EXIT.clean;
    });
}
