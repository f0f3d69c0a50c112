import path from 'node:path';
import type { RuleLibrary } from '../core/rules/library';
import { ruleProblemText } from '../core/rules/lint';
import type { Template } from '../core/template/template';
import { BUNDLED_RULES, readRuleLibrary } from '../files/rule-library';
import { CliFailure } from './cli-failure';

/** A file as the user wrote it on the command line: relative to the current folder when inside it. */
export function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The rules folder (built-in by default); broken templates and catalogues are named on stderr (in --json they travel in the output). */
export function openLibrary(dir: string | undefined, quiet: boolean): RuleLibrary {
  const library = readRuleLibrary(dir ?? BUNDLED_RULES);
  const missing = library.folder.problems.find((p) => p.code === 'unreadable_file' && p.file === (dir ?? BUNDLED_RULES));
  if (missing) throw new CliFailure(`Папка правил не найдена: ${dir ?? BUNDLED_RULES}`);
  if (!quiet) for (const p of library.problems) process.stderr.write(`${p.severity === 'error' ? 'Файл правил пропущен' : 'Предупреждение'}: ${ruleProblemText({ ...p, file: shown(p.file) })}\n`);
  if (library.templates.length === 0) throw new CliFailure(`Не загружено ни одного шаблона из ${dir ?? BUNDLED_RULES}`);
  return library;
}

export function templateById(templates: readonly Template[], id: string): Template {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new CliFailure(`Шаблон «${id}» не найден. Есть: ${templates.map((x) => x.id).join(', ')}`);
  return t;
}

/** --date ГГГГ-ММ-ДД as the local calendar date, today by default. */
export function reportDate(text?: string): Date {
  if (!text) return new Date();
  const d = new Date(`${text}T00:00:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime())) throw new CliFailure(`Дата отчёта «${text}» не в виде ГГГГ-ММ-ДД`);
  return d;
}
