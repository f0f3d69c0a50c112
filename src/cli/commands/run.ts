import type { Command } from 'commander';
import path from 'node:path';
import { loadCatalogueDir, loadRuleFolder } from '../../files/rule-files';
import { BUNDLED_RULES } from '../../files/rules-dir';
import { MainJobError, runMainJob } from '../../files/main-job';
import { CliFailure, EXIT } from '../cli-failure';
import { loadTemplatesOrWarn } from '../rules-context';
import { forSchools } from '../../core/rules/rule-folder';
import { rulesFor } from '../rules-choice';
import { classificationStamp } from '../../core/report/stamp';

interface RunOptions {
  into?: string;
  inPlace?: boolean;
  out?: string;
  splitBy?: string;
  outDir?: string;
  params?: string;
  rules?: string;
  date?: string;
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;

function reportDate(text?: string): Date {
  if (!text) return new Date();
  const d = new Date(`${text}T00:00:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime())) throw new CliFailure(`Дата отчёта «${text}» не в виде ГГГГ-ММ-ДД`);
  return d;
}

export function registerRun(program: Command): Command {
  return program
    .command('run')
    .description('главная работа: проверить формы, классифицировать школы, составить адресные рекомендации и записать их в книгу')
    .argument('<paths...>', 'формы региона текущего и прошлого года (.xlsx / .csv) или папки с ними')
    .option('--into <workbook>', 'книга, в которую добавить листы «Адресные рекомендации», «Классификация», «Проверка» (по умолчанию — реестр ОО последнего года)')
    .option('--in-place', 'записать в саму книгу (атомарно, с резервной копией), а не копию рядом')
    .option('-o, --out <file>', 'куда записать копию книги с листами Окошка')
    .option('--split-by <what>', 'разослать по муниципалитетам: municipality — по книге на каждый МОУО')
    .option('--out-dir <dir>', 'папка для книг муниципалитетов (по умолчанию — «по муниципалитетам» рядом с книгой)')
    .option('-p, --params <id>', 'файл параметров из rules/params (по умолчанию — тот, для которого написаны наборы правил)')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--date <ГГГГ-ММ-ДД>', 'дата отчёта, от которой считаются сроки (по умолчанию — сегодня)')
    .action(async (paths: string[], opts: RunOptions) => {
      if (opts.splitBy && opts.splitBy !== 'municipality') throw new CliFailure('Разбить можно только по муниципалитетам: --split-by municipality');
      const date = reportDate(opts.date);
      const templates = loadTemplatesOrWarn(opts.rules, false);
      const rulesDir = opts.rules ?? BUNDLED_RULES;
      const { catalogue, problems } = loadCatalogueDir(rulesDir);
      if (!catalogue) throw new CliFailure(`Каталог рекомендаций не загружен: ${problems.join('; ')}`);
      const rules = rulesFor(loadRuleFolder(rulesDir), templates, forSchools, opts.params);
      const into = opts.into && path.resolve(opts.into);
      const job = await runMainJob(paths, {
        templates,
        rules,
        catalogue,
        reportDate: date,
        into,
        inPlace: opts.inPlace,
        out: opts.out,
        splitDir: opts.splitBy ? path.resolve(opts.outDir ?? path.join(path.dirname(into ?? paths[paths.length - 1]), 'по муниципалитетам')) : undefined,
        stamp: (year) => classificationStamp(`год ${year}`, rules, date, catalogue),
        onRecommendationProblem: (p) => process.stderr.write(`Рекомендация «${p.id}»: ${p.message}\n`),
      }).catch((e: unknown) => {
        throw e instanceof MainJobError ? new CliFailure(e.message) : e;
      });
      const { recommendations, classifications, data } = job;
      const schools = new Set(recommendations.filter((r) => r.schoolId).map((r) => r.schoolId)).size;
      process.stdout.write(
        `Школ: ${classifications.length}; рекомендаций: ${recommendations.length} (школам: ${schools}, муниципалитетам: ${recommendations.filter((r) => !r.schoolId).length}).\n` +
          `Листы Окошка записаны: ${shown(job.written)}${job.backup ? ` (резервная копия: ${shown(job.backup)})` : ''}\n` +
          (job.municipalities !== undefined ? `Книги муниципалитетов: ${job.municipalities}\n` : ''),
      );
      const errors = data.outcomes.reduce((n, o) => n + (o.report?.counts.errors ?? 0), 0);
      if (errors) process.stdout.write(`В формах найдены ошибки (${errors}): строки с ними не учтены — см. лист «Проверка».\n`);
      process.exitCode = data.outcomes.some((o) => o.failure) ? EXIT.couldNotRun : errors ? EXIT.errorsFound : EXIT.clean;
    });
}
