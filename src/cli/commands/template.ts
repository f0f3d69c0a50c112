import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { writeFormFile } from '../../files/form-writer';
import { CliFailure } from '../cli-failure';
import { openLibrary, templateById } from '../context';

interface TemplateOptions {
  out?: string;
  rules?: string;
  force?: boolean;
}

export function registerTemplate(program: Command): Command {
  return program
    .command('template')
    .description('записать бланк формы по шаблону (или перечислить шаблоны, если id не указан)')
    .argument('[id]', 'идентификатор шаблона')
    .option('-o, --out <file>', 'куда записать бланк .xlsx')
    .option('--rules <dir>', 'папка правил с шаблонами (по умолчанию — встроенная)')
    .option('--force', 'перезаписать существующий файл')
    .action(async (id: string | undefined, opts: TemplateOptions) => {
      const templates = openLibrary(opts.rules, false).templates;
      if (!id) {
        for (const t of templates) process.stdout.write(`${t.id.padEnd(14)} ${t.version.padEnd(6)} ${t.title}\n`);
        return;
      }
      const template = templateById(templates, id);
      if (!opts.out) throw new CliFailure('Укажите, куда записать бланк: --out форма.xlsx');
      if (existsSync(opts.out) && !opts.force) throw new CliFailure(`Файл ${opts.out} уже существует: укажите другое имя или --force`);
      await writeFormFile(opts.out, template);
      process.stdout.write(`Бланк «${template.title}» (версия ${template.version}) записан: ${opts.out}\n`);
    });
}
