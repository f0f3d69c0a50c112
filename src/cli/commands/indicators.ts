import type { Command } from 'commander';
import path from 'node:path';
import { runStamp } from '../../core/pipeline/report';
import { EXIT_CODES, runStatus } from '../../core/pipeline/status';
import { type IndicatorTable, indicatorsSheet, indicatorTables } from '../../core/report/indicators-sheet';
import { writeReportSheets } from '../../files/report-render';
import { CliFailure } from '../cli-failure';
import { openLibrary, reportDate, shown } from '../context';
import { printRuleProblems, printUnused } from '../output/classification';
import { fileJson, filesTotals, header, printJson, skippedJson } from '../output/json';
import { runOnFiles } from '../run-pipeline';

interface IndicatorsOptions {
  out?: string;
  school?: string;
  params?: string;
  rules?: string;
  json?: boolean;
}

/** Excel takes no «:» in a sheet name and at most 31 characters. */
const sheetName = (t: IndicatorTable) => `Показатели — ${t.unit.title}`.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** Per indicator: how many units have it, and the region's mean of a number. */
function printSummary(t: IndicatorTable): void {
  process.stdout.write(`\n${t.unit.title} (${t.unit.id}): ${t.units.length}\n`);
  for (const c of t.columns) {
    const values = t.units.map((u) => c.value(u)).filter((v) => v !== null && v !== '');
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const mean = numbers.length ? `; среднее ${String(Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 10) / 10).replace('.', ',')}${c.unit ? ` ${c.unit}` : ''}` : '';
    process.stdout.write(`  ${c.path} — ${c.title}: есть у ${values.length}${mean}\n`);
  }
}

export function registerIndicators(program: Command): Command {
  return program
    .command('indicators')
    .description('показать показатели каждой школы (и работы ВПР), как их видят правила: для проверки методики')
    .argument('<paths...>', 'формы региона (.xlsx / .csv) или папки с ними')
    .option('-o, --out <file>', 'записать все показатели в книгу .xlsx: лист на единицу оценки, строка на школу')
    .option('-s, --school <код>', 'напечатать все показатели одной школы')
    .option('-p, --params <id>', 'файл параметров из rules/params')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--json', 'вывести показатели в JSON для программ (схема — docs/json/indicators.schema.json)')
    .action(async (paths: string[], opts: IndicatorsOptions) => {
      const library = openLibrary(opts.rules, Boolean(opts.json));
      const date = reportDate(undefined);
      const { run, skipped } = await runOnFiles('indicators', paths, library, { json: opts.json, paramsId: opts.params, reportDate: date });
      const { outcomes, classification } = run;
      const status = runStatus(outcomes, classification);
      const tables = indicatorTables(classification);
      if (opts.json) {
        printJson({
          ...header('indicators', status),
          totals: filesTotals(outcomes, skipped),
          files: outcomes.map((o) => fileJson(o)),
          skipped: skipped.map(skippedJson),
          year: classification.year,
          units: tables.map((t) => ({
            unit: t.unit.id,
            title: t.unit.title,
            indicators: t.columns.map((c) => ({ path: c.path, title: c.title, ...(c.unit && { unit: c.unit }) })),
            rows: t.units.map((u) => ({ key: u.key, name: u.name, municipality: u.municipality, values: Object.fromEntries(t.columns.map((c) => [c.path, c.value(u)])) })),
          })),
        });
        process.exitCode = EXIT_CODES[status];
        return;
      }
      printRuleProblems(classification.ruleProblems);
      printUnused(outcomes, skipped);
      if (opts.school !== undefined) {
        const root = tables[0];
        const unit = root.units.find((u) => Object.values(u.key).some((v) => String(v) === opts.school));
        if (!unit) throw new CliFailure(`Школы с кодом «${opts.school}» нет среди ${root.units.length} школ реестра ${classification.year} года`);
        process.stdout.write(`${unit.name} (${opts.school}), ${unit.municipality}, ${classification.year} год\n`);
        for (const c of root.columns) {
          const v = c.value(unit);
          process.stdout.write(`  ${c.path} — ${c.title}: ${v === null || v === '' ? 'нет данных' : typeof v === 'number' ? `${String(Math.round(v * 10) / 10).replace('.', ',')}${c.unit ? ` ${c.unit}` : ''}` : String(v)}\n`);
        }
      } else {
        process.stdout.write(`Показатели ${classification.year} года из ${library.indicators.groups.filter((g) => g.file).length} групп (rules/indicators):\n`);
        for (const t of tables) printSummary(t);
      }
      if (opts.out) {
        const out = path.resolve(opts.out);
        const stamp = runStamp(classification, date);
        await writeReportSheets(out, tables.map((t) => indicatorsSheet(t, stamp, sheetName(t))), 'indicators');
        process.stdout.write(`Книга с показателями: ${shown(out)}\n`);
      }
      process.exitCode = EXIT_CODES[status];
    });
}
