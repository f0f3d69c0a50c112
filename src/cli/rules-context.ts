import type { Template } from '../core/template';
import { BUNDLED_RULES, loadTemplatesDir } from '../files/rules-dir';
import { CliFailure } from './cli-failure';

/** Loads the templates; a broken template file is reported on stderr and skipped, the rest work. */
export function loadTemplatesOrWarn(rulesDir: string | undefined, quiet: boolean): Template[] {
  const { templates, problems } = loadTemplatesDir(rulesDir ?? BUNDLED_RULES);
  if (!quiet) for (const p of problems) process.stderr.write(`Шаблон пропущен: ${p.file} ${p.pointer}: ${p.message}\n`);
  if (templates.length === 0) throw new CliFailure(`Не загружено ни одного шаблона из ${rulesDir ?? BUNDLED_RULES}`);
  return templates;
}

export function templateById(templates: readonly Template[], id: string): Template {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new CliFailure(`Шаблон «${id}» не найден. Есть: ${templates.map((x) => x.id).join(', ')}`);
  return t;
}
