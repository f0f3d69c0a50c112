import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyRegion, lowResultsStatus, OBJECTIVITY_LEVEL_TITLES, type SchoolClassification } from '../../core/rules/classify';
import { factCatalogue } from '../../core/rules/fact-catalogue';
import { buildRegionFacts } from '../../core/rules/facts';
import { readyRules } from '../../core/rules/rule-folder';
import { writeClassificationWorkbook } from '../../files/classification-writer';
import { readRegion } from '../../files/region-files';
import { loadRuleFolder } from '../../files/rule-files';
import { BUNDLED_RULES } from '../../files/rules-dir';
import { CliFailure, EXIT } from '../cli-failure';
import { loadTemplatesOrWarn } from '../rules-context';

interface ClassifyOptions {
  out?: string;
  params?: string;
  rules?: string;
  json?: boolean;
}

function asJson(year: number, classifications: readonly SchoolClassification[]): string {
  const findings = (fs: SchoolClassification['lowResults']['findings']) => fs.map((f) => ({ ruleSet: f.ruleSet, rule: f.rule, label: f.event.label, event: f.event, explanation: f.explanation, conditions: f.held }));
  return JSON.stringify(
    {
      year,
      schools: classifications.map((c) => ({
        school: c.school,
        lowResults: { status: lowResultsStatus(c.lowResults), shnor: c.lowResults.shnor, shnsu: c.lowResults.shnsu, findings: findings(c.lowResults.findings) },
        objectivity: { markers: c.objectivity.markers, level: c.objectivity.level, findings: findings(c.objectivity.findings) },
        riskFactors: { profile: c.riskFactors.profile, levels: c.riskFactors.levels, findings: findings(c.riskFactors.findings) },
      })),
    },
    null,
    2,
  );
}

function defaultOut(paths: string[]): string {
  const first = path.resolve(paths[0]);
  const dir = existsSync(first) && statSync(first).isDirectory() ? (paths.length > 1 ? path.dirname(first) : first) : path.dirname(first);
  return path.join(dir, 'классификация.report.xlsx');
}

export function registerClassify(program: Command): Command {
  return program
    .command('classify')
    .description('классифицировать школы региона (ШНОР/ШНСУ, рисковые факторы, объективность) и записать лист «Классификация»')
    .argument('<paths...>', 'формы региона (.xlsx / .csv) или папки с ними, текущего и прошлого года')
    .option('-o, --out <file>', 'куда записать отчёт (по умолчанию — классификация.report.xlsx рядом с формами)')
    .option('-p, --params <id>', 'файл параметров региона из rules/params (по умолчанию — единственный)')
    .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
    .option('--json', 'вывести классификацию в JSON для программ')
    .action(async (paths: string[], opts: ClassifyOptions) => {
      const templates = loadTemplatesOrWarn(opts.rules, Boolean(opts.json));
      const rules = readyRules(loadRuleFolder(opts.rules ?? BUNDLED_RULES), factCatalogue(templates), opts.params);
      for (const p of rules.problems.filter((x) => x.severity === 'error'))
        process.stderr.write(`Правила пропущены: ${p.file}${p.rule ? ` правило «${p.rule}»` : ''} ${p.pointer}: ${p.message}\n`);
      if (!rules.params) throw new CliFailure(opts.params ? `Нет исправного файла параметров «${opts.params}» в папке правил` : 'Укажите файл параметров региона: --params <id>');
      if (rules.sets.length === 0) throw new CliFailure('Ни один набор правил не загружен: исправьте ошибки (okoshko rules lint)');

      const { outcomes, records } = await readRegion(paths, templates);
      if (records.register.length === 0) throw new CliFailure('Среди форм нет реестра ОО без ошибок: классифицировать некого');
      const facts = buildRegionFacts(records);
      const classifications = await classifyRegion(facts, rules.sets, rules.params);

      if (opts.json) {
        process.stdout.write(asJson(facts.year, classifications) + '\n');
      } else {
        const out = opts.out ?? defaultOut(paths);
        const factorTitles = Object.fromEntries(rules.sets.flatMap((s) => s.file.rules).filter((r) => r.event.params.factor && r.event.params.level === 'high').map((r) => [r.event.params.factor!, r.event.params.label]));
        const stamp = `Окошко: год ${facts.year}; параметры «${rules.params.region}» ${rules.params.version}; наборы правил ${rules.sets.map((s) => `${s.file.id} ${s.file.version}`).join(', ')}; ${new Date().toLocaleDateString('ru-RU')}`;
        await writeClassificationWorkbook(out, { classifications, factorTitles, stamp, sources: outcomes.filter((o) => o.report).map((o) => ({ report: o.report!, sourcePath: o.file })) });
        const count = (f: (c: SchoolClassification) => boolean) => classifications.filter(f).length;
        const issues = outcomes.reduce((n, o) => n + (o.report?.counts.errors ?? 0), 0);
        process.stdout.write(
          `Классифицировано школ: ${classifications.length} (год ${facts.year}).\n` +
            `ШНОР: ${count((c) => c.lowResults.shnor)}; ШНСУ: ${count((c) => c.lowResults.shnsu)}; ` +
            `${OBJECTIVITY_LEVEL_TITLES.signs}: ${count((c) => c.objectivity.level === 'signs')}; ${OBJECTIVITY_LEVEL_TITLES.attention}: ${count((c) => c.objectivity.level === 'attention')}; ` +
            `с высокими рисковыми факторами: ${count((c) => c.riskFactors.profile.length > 0)}.\n` +
            (issues ? `Строки с ошибками проверки (${issues}) в классификации не учтены — см. лист «Проверка».\n` : '') +
            `Отчёт: ${path.relative(process.cwd(), out) || out}\n`,
        );
      }
      process.exitCode = EXIT.clean;
    });
}
