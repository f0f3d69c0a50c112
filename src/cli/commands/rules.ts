import type { Command } from 'commander';
import path from 'node:path';
import { plural } from '../../core/messages/numbers';
import type { RuleLibrary } from '../../core/rules/library';
import { findParams, lintLibrary, type RuleLintProblem } from '../../core/rules/lint';
import { testRuleLibrary } from '../../core/rules/rule-tests';
import { BUNDLED_RULES, readRuleLibrary } from '../../files/rule-library';
import { CliFailure, EXIT } from '../cli-failure';
import { shown } from '../context';
import { header, printJson } from '../output/json';
import { russify } from '../russian-help';

interface LintOptions {
  rules?: string;
  params?: string;
  json?: boolean;
}

interface TestOptions {
  rules?: string;
  json?: boolean;
}

function problemLine(p: Pick<RuleLintProblem, 'file' | 'pointer' | 'message' | 'rule' | 'severity'>): string {
  const rule = p.rule !== undefined ? `правило «${p.rule}» ` : '';
  const warning = p.severity === 'warning' ? ' (предупреждение)' : '';
  return `${shown(p.file)}: ${rule}${p.pointer}: ${p.message}${warning}`;
}

function open(dir: string | undefined): RuleLibrary {
  const library = readRuleLibrary(dir ?? BUNDLED_RULES);
  if (library.folder.problems.some((p) => p.code === 'unreadable_file' && p.file === (dir ?? BUNDLED_RULES))) throw new CliFailure(`Папка правил не найдена: ${dir ?? BUNDLED_RULES}`);
  return library;
}


function lint(opts: LintOptions): void {
  const library = open(opts.rules);
  const { folder } = library;
  if (opts.params !== undefined && !findParams(folder.params, opts.params)) {
    const known = folder.params.map((p) => p.id);
    throw new CliFailure(`Файл параметров «${opts.params}» не найден в ${path.join(folder.dir ?? '', 'params')}${known.length ? `. Есть: ${known.join(', ')}` : ''}`);
  }
  const problems = lintLibrary(library, opts.params);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  // The folder's own files: the built-in templates, units, indicators and systems it falls back to are not counted.
  const own = path.resolve(folder.dir ?? BUNDLED_RULES);
  const fileCount = library.files.filter((f) => own === path.resolve(BUNDLED_RULES) || !path.resolve(f).startsWith(path.resolve(BUNDLED_RULES) + path.sep)).length;
  if (opts.json) {
    printJson({ ...header('rules lint', errors ? 'problems' : 'clean'), rules: folder.dir, totals: { files: fileCount, errors, warnings }, problems });
  } else {
    for (const p of problems) process.stdout.write(problemLine(p) + '\n');
    const files = new Set(problems.map((p) => p.file)).size;
    if (problems.length === 0) process.stdout.write(`Проверено файлов: ${fileCount}. Ошибок нет.\n`);
    else process.stdout.write(`Проверено файлов: ${fileCount}. Ошибок: ${errors}, предупреждений: ${warnings} (в файлах: ${files}).\n`);
  }
  process.exitCode = errors > 0 ? EXIT.errorsFound : EXIT.clean;
}

async function test(opts: TestOptions): Promise<void> {
  const library = open(opts.rules);
  const report = await testRuleLibrary(library);
  const status = report.failed ? 'problems' : 'clean';
  process.exitCode = report.failed > 0 ? EXIT.errorsFound : EXIT.clean;
  if (opts.json) {
    printJson({ ...header('rules test', status), rules: library.dir, totals: { cases: report.passed + report.failed, passed: report.passed, failed: report.failed }, unreadable: report.unreadable, runs: report.runs });
    return;
  }
  for (const p of report.unreadable) process.stdout.write(`✖ ${problemLine(p)}\n`);
  for (const run of report.runs) {
    if ('problem' in run) {
      const p = run.problem;
      const line = 'pointer' in p ? problemLine(p) : `${shown(p.file)}: ${p.message}`;
      process.stdout.write(`✖ ${shown(run.file)}: ${run.ruleSet ? `набор правил «${run.ruleSet}» — ` : ''}${line} — примеры не проверены\n`);
      continue;
    }
    process.stdout.write(`${shown(run.file)} — набор «${run.ruleSet}»${run.params ? `, параметры «${run.params}»` : ''}\n`);
    for (const outcome of run.outcomes) {
      if (outcome.ok) process.stdout.write(`  ✔ ${outcome.name}\n`);
      else process.stdout.write(`  ✖ ${outcome.name}: ${outcome.message ?? `сработали ${outcome.fired.join(', ') || 'никакие'}, ожидались ${outcome.expected.join(', ') || 'никакие'}`}\n`);
    }
  }
  const total = report.passed + report.failed;
  process.stdout.write(`Проверено ${plural(total, 'случай', 'случая', 'случаев')}: верно ${report.passed}, неверно ${report.failed}.\n`);
}

export function registerRules(program: Command): Command {
  const rules = program.command('rules').description('проверить файлы правил методиста: шаблоны, наборы правил, параметры, проверочные случаи, каталог рекомендаций');
  russify(
    rules
      .command('lint')
      .description('проверить шаблоны, наборы правил, параметры, проверочные случаи и каталог: схема, факты, пути, операторы, параметры, условия, рекомендации')
      .option('--rules <dir>', 'папка правил (по умолчанию — встроенная); шаблоны — из её папки templates, а если её нет — встроенные')
      .option('--params <id>', 'проверять ссылки на параметры только по этому файлу rules/params (имя без .json или регион)')
      .option('--json', 'вывести результат в JSON для программ (схема — docs/json/rules-lint.schema.json)')
      .action((opts: LintOptions) => lint(opts)),
  );
  russify(
    rules
      .command('test')
      .description('прогнать проверочные случаи rules/cases через наборы правил и сравнить сработавшие правила с ожидаемыми')
      .option('--rules <dir>', 'папка правил (по умолчанию — встроенная)')
      .option('--json', 'вывести результат в JSON для программ (схема — docs/json/rules-test.schema.json)')
      .action((opts: TestOptions) => test(opts)),
  );
  return rules;
}
