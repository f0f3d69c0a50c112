import { factCatalogue } from '../core/rules/fact-catalogue';
import { type ReadyRules, readyRulesFor } from '../core/rules/rule-folder';
import { ruleProblemText } from '../core/rules/rule-lint';
import type { RuleSetFile } from '../core/rules/rule-set';
import type { Template } from '../core/template';
import type { RuleFolder } from '../files/rule-files';
import { CliFailure } from './cli-failure';

/** The parameters to classify with: the ones asked for, or the one file the applicable sets are written for. */
export function rulesFor(folder: RuleFolder, templates: Template[], applies: (s: Partial<RuleSetFile>) => boolean, asked?: string): ReadyRules {
  const rules = readyRulesFor(folder, factCatalogue(templates), applies, asked);
  const used = new Set([...folder.sets, ...folder.params].map((f) => f.file));
  for (const p of rules.problems.filter((x) => x.severity === 'error' && used.has(x.file))) process.stderr.write(`Правила пропущены: ${ruleProblemText(p)}\n`);
  if (!rules.params) throw new CliFailure(asked ? `Нет исправного файла параметров «${asked}» в папке правил` : 'Укажите файл параметров региона: --params <id>');
  if (!rules.sets.some((s) => applies(s.file))) throw new CliFailure('Ни один набор правил для этих данных не загружен: исправьте ошибки (okoshko rules lint)');
  return rules;
}

