import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyRegion } from '../../core/rules/classify';
import { buildRegionFacts } from '../../core/rules/facts';
import { addressRecommendations } from '../../core/recommend/address';
import { classificationSheet } from '../../core/report/classification-sheets';
import { recommendationsSheet } from '../../core/report/recommendations-sheet';
import { splitByMunicipality } from '../../core/report/split';
import { issuesSheet } from '../../core/report/validation-sheets';
import { readRegion } from '../../files/region-files';
import { writeReportSheets } from '../../files/report-render';
import { issuesOfFile } from '../../files/report-writer';
import { loadCatalogueDir, loadRuleFolder } from '../../files/rule-files';
import { BUNDLED_RULES } from '../../files/rules-dir';
import { writeReportIntoWorkbook } from '../../files/workbook-writeback';
import { CliFailure, EXIT } from '../cli-failure';
import { loadTemplatesOrWarn } from '../rules-context';
import { rulesFor } from '../rules-choice';
import { stampOf } from './classify';

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
const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim();

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
      if (opts.splitBy && opts.splitBy !== 'municipality') throw new CliFailure(`Разбить можно только по муниципалитетам: --split-by municipality`);
      const date = reportDate(opts.date);
      const templates = loadTemplatesOrWarn(opts.rules, false);
      const rulesDir = opts.rules ?? BUNDLED_RULES;
      const { catalogue, problems: catalogueProblems } = loadCatalogueDir(rulesDir);
      if (!catalogue) throw new CliFailure(`Каталог рекомендаций не загружен: ${catalogueProblems.join('; ')}`);
      const rules = rulesFor(loadRuleFolder(rulesDir), templates, (s) => s.scope === 'school' || s.scope === 'subject', opts.params);

      const data = await readRegion(paths, templates);
      if (data.records.register.length === 0) throw new CliFailure('Среди форм нет реестра ОО без ошибок: классифицировать некого');
      const facts = buildRegionFacts(data.records);
      const classifications = await classifyRegion(facts, rules.sets, rules.params!);
      const recommendations = addressRecommendations(classifications, catalogue, rules.params!, date, (p) => process.stderr.write(`Рекомендация «${p.id}»: ${p.message}\n`));

      const target = path.resolve(opts.into ?? data.outcomes.filter((o) => o.report?.template?.id === 'register' && /\.xls[xm]$/i.test(o.file)).map((o) => o.file).pop() ?? '');
      if (!existsSync(target) || !statSync(target).isFile()) throw new CliFailure('Укажите книгу для записи: --into книга.xlsx');
      const stamp = `${stampOf(rules, `год ${facts.year}`)}; каталог рекомендаций «${catalogue.id}» ${catalogue.version}; дата отчёта ${date.toLocaleDateString('ru-RU')}`;
      const outcomes = data.outcomes.filter((o) => o.report);
      const { written, backup } = await writeReportIntoWorkbook(target, [
        recommendationsSheet(recommendations, stamp),
        classificationSheet(classifications, factorTitles(rules.sets), stamp),
        issuesSheet(outcomes.map((o) => issuesOfFile(o.report!, o.file, target))),
      ], { inPlace: opts.inPlace, out: opts.out });

      const schools = new Set(recommendations.filter((r) => r.schoolId).map((r) => r.schoolId)).size;
      process.stdout.write(
        `Школ: ${classifications.length}; рекомендаций: ${recommendations.length} (школам: ${schools}, муниципалитетам: ${recommendations.filter((r) => !r.schoolId).length}).\n` +
          `Листы Окошка записаны: ${shown(written)}${backup ? ` (резервная копия: ${shown(backup)})` : ''}\n`,
      );
      if (opts.splitBy) {
        const dir = path.resolve(opts.outDir ?? path.join(path.dirname(target), 'по муниципалитетам'));
        const parts = splitByMunicipality(classifications, recommendations);
        for (const part of parts)
          await writeReportSheets(path.join(dir, `${safeFileName(part.municipality)}.xlsx`), [
            recommendationsSheet(part.recommendations, `${stamp}; ${part.municipality}`),
            classificationSheet(part.classifications, factorTitles(rules.sets), `${stamp}; ${part.municipality}`),
          ]);
        process.stdout.write(`Книги муниципалитетов: ${parts.length} в ${shown(dir)}\n`);
      }
      const errors = outcomes.reduce((n, o) => n + o.report!.counts.errors, 0);
      if (errors) process.stdout.write(`В формах найдены ошибки (${errors}): строки с ними не учтены — см. лист «Проверка».\n`);
      process.exitCode = data.outcomes.some((o) => o.failure) ? EXIT.couldNotRun : errors ? EXIT.errorsFound : EXIT.clean;
    });
}

function factorTitles(sets: { file: { rules: { event: { params: { factor?: string; level?: string; label: string } } }[] } }[]): Record<string, string> {
  return Object.fromEntries(sets.flatMap((s) => s.file.rules).filter((r) => r.event.params.factor && r.event.params.level === 'high').map((r) => [r.event.params.factor!, r.event.params.label]));
}
