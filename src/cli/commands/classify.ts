import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyRegion, lowResultsStatus, OBJECTIVITY_LEVEL_TITLES, riskFactorTitles, type SchoolClassification } from '../../core/rules/classify';
import { buildRegionFacts } from '../../core/rules/facts';
import { classifyTable, type TableClassification } from '../../core/rules/table-classify';
import type { Template } from '../../core/template';
import { classificationSheet, tableClassificationSheet } from '../../core/report/classification-sheets';
import { classificationStamp } from '../../core/report/stamp';
import { issuesSheet } from '../../core/report/validation-sheets';
import { issuesOfFile } from '../../files/report-writer';
import { writeReportSheets } from '../../files/report-render';
import { readRegion, type RegionData } from '../../files/region-files';
import { loadRuleFolder, type RuleFolder } from '../../files/rule-files';
import { forSchools, forTables } from '../../core/rules/rule-folder';
import { rulesFor } from '../rules-choice';
import { BUNDLED_RULES } from '../../files/rules-dir';
import { CliFailure, EXIT } from '../cli-failure';
import { loadTemplatesOrWarn } from '../rules-context';

interface ClassifyOptions {
  out?: string;
  params?: string;
  rules?: string;
  json?: boolean;
}

type Finding = SchoolClassification['lowResults']['findings'][number];
const findingJson = (f: Finding) => ({ ruleSet: f.ruleSet, rule: f.rule, label: f.event.label, event: f.event, work: f.work, explanation: f.explanation, conditions: f.held });

function regionJson(year: number, classifications: readonly SchoolClassification[]): unknown {
  return {
    year,
    schools: classifications.map((c) => ({
      school: c.school,
      lowResults: { status: lowResultsStatus(c.lowResults), shnor: c.lowResults.shnor, shnsu: c.lowResults.shnsu, findings: c.lowResults.findings.map(findingJson) },
      objectivity: { markers: c.objectivity.markers, level: c.objectivity.level, findings: c.objectivity.findings.map(findingJson) },
      riskFactors: { profile: c.riskFactors.profile, levels: c.riskFactors.levels, findings: c.riskFactors.findings.map(findingJson) },
    })),
  };
}

function defaultOut(paths: string[]): string {
  const first = path.resolve(paths[0]);
  const dir = existsSync(first) && statSync(first).isDirectory() ? (paths.length > 1 ? path.dirname(first) : first) : path.dirname(first);
  return path.join(dir, 'классификация.report.xlsx');
}


const issuesOf = (data: RegionData, out: string) => issuesSheet(data.outcomes.filter((o) => o.report).map((o) => issuesOfFile(o.report!, o.file, out)));
const shown = (file: string) => path.relative(process.cwd(), file) || file;

async function classifyRegionData(data: RegionData, templates: Template[], folder: RuleFolder, opts: ClassifyOptions, out: string): Promise<void> {
  const rules = rulesFor(folder, templates, forSchools, opts.params);
  const facts = buildRegionFacts(data.records);
  const classifications = await classifyRegion(facts, rules.sets, rules.params!);
  if (opts.json) {
    process.stdout.write(JSON.stringify(regionJson(facts.year, classifications), null, 2) + '\n');
    return;
  }
  await writeReportSheets(out, [classificationSheet(classifications, riskFactorTitles(rules.sets), classificationStamp(`год ${facts.year}`, rules, new Date())), issuesOf(data, out)]);
  const count = (f: (c: SchoolClassification) => boolean) => classifications.filter(f).length;
  process.stdout.write(
    `Классифицировано школ: ${classifications.length} (год ${facts.year}).\n` +
      `ШНОР: ${count((c) => c.lowResults.shnor)}; ШНСУ: ${count((c) => c.lowResults.shnsu)}; ` +
      `${OBJECTIVITY_LEVEL_TITLES.signs}: ${count((c) => c.objectivity.level === 'signs')}; ${OBJECTIVITY_LEVEL_TITLES.attention}: ${count((c) => c.objectivity.level === 'attention')}; ` +
      `с высокими рисковыми факторами: ${count((c) => c.riskFactors.profile.length > 0)}.\n`,
  );
}

async function classifyTables(data: RegionData, templates: Template[], folder: RuleFolder, opts: ClassifyOptions, out: string): Promise<void> {
  const ids = [...data.tables.keys()];
  const rules = rulesFor(folder, templates, forTables(ids), opts.params);
  const results: { template: Template; rows: TableClassification[] }[] = [];
  for (const [id, rows] of data.tables) results.push({ template: templates.find((t) => t.id === id)!, rows: await classifyTable(id, rows, rules.sets) });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ tables: results.map((r) => ({ template: r.template.id, rows: r.rows.map((x) => ({ row: x.row, findings: x.findings.map(findingJson) })) })) }, null, 2) + '\n');
    return;
  }
  const [first] = results;
  await writeReportSheets(out, [tableClassificationSheet(first.template, first.rows, classificationStamp(first.template.title, rules, new Date())), issuesOf(data, out)]);
  process.stdout.write(`Классифицировано строк таблицы «${first.template.title}»: ${first.rows.length}; с выводами: ${first.rows.filter((r) => r.findings.length).length}.\n`);
}

export function registerClassify(program: Command): Command {
  return program
    .command('classify')
    .description('классифицировать школы (ШНОР/ШНСУ, рисковые факторы, объективность) и записать лист «Классификация»')
    .argument('<paths...>', 'формы региона текущего и прошлого года (.xlsx / .csv) или папки с ними; или таблица открытых данных')
    .option('-o, --out <file>', 'куда записать отчёт (по умолчанию — классификация.report.xlsx рядом с формами)')
    .option('-p, --params <id>', 'файл параметров из rules/params (по умолчанию — тот, для которого написаны наборы правил)')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--json', 'вывести классификацию в JSON для программ')
    .action(async (paths: string[], opts: ClassifyOptions) => {
      const templates = loadTemplatesOrWarn(opts.rules, Boolean(opts.json));
      const folder = loadRuleFolder(opts.rules ?? BUNDLED_RULES);
      const data = await readRegion(paths, templates);
      const out = opts.out ?? defaultOut(paths);
      if (data.records.register.length > 0) await classifyRegionData(data, templates, folder, opts, out);
      else if (data.tables.size > 0) await classifyTables(data, templates, folder, opts, out);
      else throw new CliFailure('Среди форм нет ни реестра ОО без ошибок, ни таблицы открытых данных: классифицировать некого');
      const errors = data.outcomes.reduce((n, o) => n + (o.report?.counts.errors ?? 0), 0);
      if (!opts.json) {
        if (errors) process.stdout.write(`Строки с ошибками проверки (${errors}) в классификации не учтены — см. лист «Проверка».\n`);
        process.stdout.write(`Отчёт: ${shown(out)}\n`);
      }
      process.exitCode = EXIT.clean;
    });
}
