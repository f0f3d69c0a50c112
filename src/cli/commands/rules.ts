import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { prepareRuleSet, type PreparedRuleSet } from '../../core/rules/engine';
import { factCatalogue, type FactCatalogue } from '../../core/rules/fact-catalogue';
import { OPERATOR_NAMES } from '../../core/rules/operators';
import { runRuleCases, type RuleCasesFile } from '../../core/rules/rule-cases';
import { findParams, lintParams, lintRuleCases, lintRuleFolder, lintRuleSet, type RuleLintProblem } from '../../core/rules/rule-lint';
import type { ParamsFile, RuleSetFile } from '../../core/rules/rule-set';
import { BUNDLED_RULES } from '../../files/rules-dir';
import { loadRuleFolder, templatesForRules, type RuleFolder } from '../../files/rule-files';
import { CliFailure, EXIT } from '../cli-failure';
import { russify } from '../russian-help';

interface LintOptions {
  rules?: string;
  params?: string;
  json?: boolean;
}

interface TestOptions {
  rules?: string;
}

/** A file as the user wrote it on the command line: relative to the current folder when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function problemLine(p: RuleLintProblem): string {
  const rule = p.rule !== undefined ? `правило «${p.rule}» ` : '';
  const warning = p.severity === 'warning' ? ' (предупреждение)' : '';
  return `${shown(p.file)}: ${rule}${p.pointer}: ${p.message}${warning}`;
}

/** The rules folder, its files and the fact catalogue of its templates; broken templates are named on stderr. */
function openRules(dir: string | undefined, quiet: boolean): { folder: RuleFolder; catalogue: FactCatalogue } {
  const rulesDir = dir ?? BUNDLED_RULES;
  if (!existsSync(rulesDir)) throw new CliFailure(`Папка правил не найдена: ${rulesDir}`);
  const { templates, problems } = templatesForRules(rulesDir);
  if (!quiet) for (const p of problems) process.stderr.write(`Шаблон пропущен: ${shown(p.file)} ${p.pointer}: ${p.message}\n`);
  return { folder: loadRuleFolder(rulesDir), catalogue: factCatalogue(templates) };
}

function lint(opts: LintOptions): void {
  const { folder, catalogue } = openRules(opts.rules, Boolean(opts.json));
  if (opts.params !== undefined && !findParams(folder.params, opts.params)) {
    const known = folder.params.map((p) => p.id);
    throw new CliFailure(`Файл параметров «${opts.params}» не найден в ${path.join(folder.dir, 'params')}${known.length ? `. Есть: ${known.join(', ')}` : ''}`);
  }
  const problems = lintRuleFolder(folder, { catalogue, operators: OPERATOR_NAMES, paramsId: opts.params });
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const fileCount = folder.sets.length + folder.params.length + folder.cases.length + folder.problems.filter((p) => p.code === 'json_syntax' || p.code === 'unreadable_file').length;
  if (opts.json) {
    process.stdout.write(JSON.stringify({ rules: folder.dir, files: fileCount, errors, warnings, problems }, null, 2) + '\n');
  } else {
    for (const p of problems) process.stdout.write(problemLine(p) + '\n');
    const files = new Set(problems.map((p) => p.file)).size;
    if (problems.length === 0) process.stdout.write(`Проверено файлов: ${fileCount}. Ошибок нет.\n`);
    else process.stdout.write(`Проверено файлов: ${fileCount}. Ошибок: ${errors}, предупреждений: ${warnings} (в файлах: ${files}).\n`);
  }
  process.exitCode = errors > 0 ? EXIT.errorsFound : EXIT.clean;
}

async function test(opts: TestOptions): Promise<void> {
  const { folder, catalogue } = openRules(opts.rules, false);
  let passed = 0;
  let failed = 0;
  const fail = (line: string, count = 1) => {
    process.stdout.write(`✖ ${line}\n`);
    failed += count;
  };
  for (const p of folder.problems) if (p.code === 'json_syntax' || p.code === 'unreadable_file') fail(problemLine(p));
  const ruleNames = new Map<string, string[]>();
  for (const s of folder.sets) {
    const json = s.json as Partial<RuleSetFile> | null;
    if (json && typeof json.id === 'string' && Array.isArray(json.rules)) ruleNames.set(json.id, json.rules.flatMap((r) => (typeof r?.name === "string" ? [r.name] : [])));
  }
  const paramsIds = folder.params.map((p) => p.id);
  for (const c of folder.cases) {
    const caseCount = Array.isArray((c.json as { cases?: unknown } | null)?.cases) ? (c.json as RuleCasesFile).cases.length : 1;
    const caseProblems = lintRuleCases(c.json, c.file, ruleNames, paramsIds).filter((p) => p.code === 'schema' || p.code === 'unknown_rule_set' || p.code === 'unknown_params_file');
    if (caseProblems.length) {
      fail(`${problemLine(caseProblems[0])} — примеры не проверены`, caseCount);
      continue;
    }
    const cases = c.json as RuleCasesFile;
    const setFile = folder.sets.find((s) => (s.json as RuleSetFile).id === cases.ruleSet)!;
    const paramsFile = cases.params !== undefined ? findParams(folder.params, cases.params) : folder.params[0];
    const paramsProblems = paramsFile ? lintParams(paramsFile.json, paramsFile.file) : [];
    if (paramsProblems.length) {
      fail(`${problemLine(paramsProblems[0])} — примеры ${shown(c.file)} не проверены`, caseCount);
      continue;
    }
    const params = (paramsFile?.json as ParamsFile | undefined) ?? { region: '', version: '0.0', params: {} };
    const setProblems = lintRuleSet(setFile.json, {
      file: setFile.file,
      params: params.params,
      paramsFile: paramsFile?.id,
      catalogue,
      recommendationIds: undefined,
      operators: OPERATOR_NAMES,
    }).filter((p) => p.severity === 'error' && p.code !== 'unknown_recommendation');
    if (setProblems.length) {
      fail(`${shown(c.file)}: набор правил «${cases.ruleSet}» с ошибками (okoshko rules lint) — ${problemLine(setProblems[0])}`, caseCount);
      continue;
    }
    let prepared: PreparedRuleSet;
    try {
      prepared = prepareRuleSet(setFile.json as RuleSetFile, params, catalogue);
    } catch (e) {
      fail(`${shown(c.file)}: набор правил «${cases.ruleSet}» не подготовлен: ${(e as Error).message}`, caseCount);
      continue;
    }
    process.stdout.write(`${shown(c.file)} — набор «${cases.ruleSet}»${paramsFile ? `, параметры «${paramsFile.id}»` : ''}\n`);
    for (const outcome of await runRuleCases(prepared, cases)) {
      if (outcome.ok) {
        passed++;
        process.stdout.write(`  ✔ ${outcome.name}\n`);
      } else {
        failed++;
        process.stdout.write(`  ✖ ${outcome.name}: ${outcome.message ?? `сработали ${outcome.fired.join(', ') || 'никакие'}, ожидались ${outcome.expected.join(', ') || 'никакие'}`}\n`);
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? EXIT.errorsFound : EXIT.clean;
}

export function registerRules(program: Command): Command {
  const rules = program.command('rules').description('проверить файлы правил методиста: наборы правил, параметры, проверочные случаи');
  russify(
    rules
      .command('lint')
      .description('проверить наборы правил, параметры и проверочные случаи: схема, факты, пути, операторы, параметры, условия, рекомендации')
      .option('--rules <dir>', 'папка правил (по умолчанию — встроенная); шаблоны — из её папки templates, а если её нет — встроенные')
      .option('--params <id>', 'проверять ссылки на параметры только по этому файлу rules/params (имя без .json или регион)')
      .option('--json', 'вывести результат в JSON для программ')
      .action((opts: LintOptions) => lint(opts)),
  );
  russify(
    rules
      .command('test')
      .description('прогнать проверочные случаи rules/cases через наборы правил и сравнить сработавшие правила с ожидаемыми')
      .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
      .action((opts: TestOptions) => test(opts)),
  );
  return rules;
}
