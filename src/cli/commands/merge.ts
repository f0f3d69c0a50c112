import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mergeForms } from '../../core/validate/merge';
import { sourceChecking } from '../../core/pipeline/check';
import { givenRegister } from '../given-register';
import { fileSources } from '../../files/file-sources';
import { writeMergedWorkbook } from '../../files/merged-writer';
import { CliFailure, EXIT } from '../cli-failure';
import { openLibrary, shown, templateById } from '../context';
import { header, printJson, skippedJson } from '../output/json';
import { skippedLine } from '../output/validation';
import { progress } from '../progress';

interface MergeOptions {
  out: string;
  template?: string;
  register?: string;
  rules?: string;
  force?: boolean;
  json?: boolean;
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
    .option('--json', 'вывести результат в JSON для программ (схема — docs/json/merge.schema.json)')
    .action(async (paths: string[], opts: MergeOptions) => {
      if (existsSync(opts.out) && !opts.force) throw new CliFailure(`Файл ${opts.out} уже существует: укажите другое имя или --force`);
      const library = openLibrary(opts.rules, Boolean(opts.json));
      const out = path.resolve(opts.out);
      const found = fileSources(paths);
      const inputs = found.inputs.filter((i) => i.id !== out);
      if (inputs.length === 0) throw new CliFailure(`Не найдено ни одной формы в: ${paths.join(', ')}`);
      const show = progress(!opts.json);
      const checking = await sourceChecking(inputs, { templates: library.templates, registerSchools: await givenRegister(opts.register, library) });
      for (let done = 0; checking.upcoming; done++) {
        show.file(checking.upcoming.name, done, checking.total);
        await checking.step();
      }
      show.stop();
      const outcomes = checking.outcomes();
      const template = opts.template ? templateById(library.templates, opts.template) : outcomes.find((o) => o.template)?.template;
      if (!template) throw new CliFailure('Ни одна форма не подошла ни к одному шаблону: укажите шаблон --template');
      const merged = mergeForms(
        outcomes.map((o) => ({ file: path.basename(o.source.name), result: o.result, ...(o.status !== 'checked' && { unreadable: o.report.issues[0].message }) })),
        template,
      );
      await writeMergedWorkbook(opts.out, merged);
      const rows = Object.values(merged.rows).reduce((n, r) => n + r.length, 0);
      const unreadable = outcomes.some((o) => o.status === 'unreadable');
      const status = unreadable ? 'failed' : merged.rejected.length ? 'problems' : 'clean';
      process.exitCode = unreadable ? EXIT.couldNotRun : merged.rejected.length ? EXIT.errorsFound : EXIT.clean;
      if (opts.json) {
        printJson({ ...header('merge', status), totals: { forms: outcomes.length, accepted: merged.accepted.length, rejected: merged.rejected.length, rows }, template: { id: template.id, version: template.version, title: template.title }, out: opts.out, accepted: merged.accepted, rejected: merged.rejected, skipped: found.skipped.map(skippedJson) });
        return;
      }
      process.stdout.write(`Сводная книга «${template.title}»: ${shown(opts.out)}; принято форм ${merged.accepted.length}, строк ${rows}.\n`);
      if (merged.rejected.length) {
        process.stdout.write(`Отклонено форм: ${merged.rejected.length} (список — на листе «Отклонённые формы»):\n`);
        for (const r of merged.rejected) process.stdout.write(`✖ ${r.file}\n${r.reasons.map((x) => `    ${x}`).join('\n')}\n`);
      }
      for (const s of found.skipped) process.stdout.write(skippedLine(s) + '\n');
    });
}
