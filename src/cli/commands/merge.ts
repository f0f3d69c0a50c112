import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mergeForms } from '../../core/merge';
import { writeMergedWorkbook } from '../../files/merged-writer';
import { expandSubmissionPaths } from '../../files/submission-files';
import { validateFiles } from '../../files/validate-files';
import { CliFailure, EXIT } from '../cli-failure';
import { fileProgress } from '../progress';
import { loadTemplatesOrWarn, templateById } from '../rules-context';

interface MergeOptions {
  out: string;
  template?: string;
  register?: string;
  rules?: string;
  force?: boolean;
}

export function registerMerge(program: Command): Command {
  return program
    .command('merge')
    .description('собрать формы школ в одну книгу муниципалитета; формы с ошибками отклоняются с причинами')
    .argument('<paths...>', 'формы школ (.xlsx / .csv) или папки с ними')
    .requiredOption('-o, --out <file>', 'куда записать сводную книгу .xlsx')
    .option('-t, --template <id>', 'шаблон форм (по умолчанию — по первой прочитанной форме)')
    .option('-r, --register <file>', 'реестр ОО, с которым сверять коды школ')
    .option('--rules <dir>', 'папка правил с шаблонами (по умолчанию — встроенная)')
    .option('--force', 'перезаписать существующий файл')
    .action(async (paths: string[], opts: MergeOptions) => {
      if (existsSync(opts.out) && !opts.force) throw new CliFailure(`Файл ${opts.out} уже существует: укажите другое имя или --force`);
      const templates = loadTemplatesOrWarn(opts.rules, false);
      const out = path.resolve(opts.out);
      const files = expandSubmissionPaths(paths).filter((f) => path.resolve(f) !== out);
      if (files.length === 0) throw new CliFailure(`Не найдено ни одной формы в: ${paths.join(', ')}`);
      const progress = fileProgress(files.length, true);
      const outcomes = await validateFiles(files, { templates, register: opts.register, keepRecords: true, onFileDone: (o) => progress.tick(o.file) });
      progress.stop();
      const template = opts.template
        ? templateById(templates, opts.template)
        : outcomes.find((o) => o.result?.template)?.result?.template;
      if (!template) throw new CliFailure('Ни одна форма не подошла ни к одному шаблону: укажите шаблон --template');
      const merged = mergeForms(
        outcomes.map((o) => ({ file: path.basename(o.file), result: o.result, unreadable: o.failure?.message })),
        template,
      );
      await writeMergedWorkbook(opts.out, merged);
      const rows = Object.values(merged.rows).reduce((n, r) => n + r.length, 0);
      process.stdout.write(`Сводная книга «${template.title}»: ${opts.out}; принято форм ${merged.accepted.length}, строк ${rows}.\n`);
      if (merged.rejected.length) {
        process.stdout.write(`Отклонено форм: ${merged.rejected.length} (список — на листе «Отклонённые формы»):\n`);
        for (const r of merged.rejected) process.stdout.write(`✖ ${r.file}\n${r.reasons.map((x) => `    ${x}`).join('\n')}\n`);
      }
      process.exitCode = merged.rejected.length ? EXIT.errorsFound : EXIT.clean;
    });
}
