import { loadCatalogue, type RecommendationCatalogue } from '../../core/recommend/catalogue';
import { factCatalogue } from '../../core/rules/fact-catalogue';
import { forSchools, type ReadyRules, readyRulesFor } from '../../core/rules/rule-folder';
import type { RuleFolderFiles, RuleLintProblem } from '../../core/rules/rule-lint';
import type { RuleSetFile } from '../../core/rules/rule-set';
import type { Template } from '../../core/template';
import { loadTemplate } from '../../core/template-load';

/** A rules folder as the pane carries it: parsed JSON by file name (bundled at build time, or chosen by a methodologist). */
export interface RuleBundle {
  templates: { file: string; json: unknown }[];
  sets: { file: string; json: unknown }[];
  params: { file: string; json: unknown }[];
  recommendations: { file: string; json: unknown }[];
}

/** A problem of a template file, shown in the pane instead of failing. */
export interface BundleProblem {
  file: string;
  pointer: string;
  message: string;
}

export interface LoadedRules {
  templates: Template[];
  problems: BundleProblem[];
  folder: RuleFolderFiles;
  /** The catalogue of addressed recommendations in use: the last valid one (a methodologist's file comes after the bundled ones). */
  catalogue?: RecommendationCatalogue;
}

const stem = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');

function recommendationIds(bundle: RuleBundle): Set<string> | undefined {
  if (bundle.recommendations.length === 0) return undefined;
  const ids = new Set<string>();
  for (const r of bundle.recommendations) {
    const list = (r.json as { recommendations?: unknown } | null)?.recommendations;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
  }
  return ids;
}

/** Templates checked by the core (broken ones become problems) and the rule folder files for readyRules. */
export function loadRuleBundle(bundle: RuleBundle): LoadedRules {
  const templates: Template[] = [];
  const problems: BundleProblem[] = [];
  for (const t of bundle.templates) {
    const loaded = loadTemplate(t.json);
    if (!loaded.ok) {
      for (const p of loaded.problems) problems.push({ file: t.file, pointer: p.pointer, message: p.message });
      continue;
    }
    if (templates.some((x) => x.id === loaded.template.id)) {
      problems.push({ file: t.file, pointer: '/id', message: `шаблон «${loaded.template.id}» уже загружен из другого файла` });
      continue;
    }
    templates.push(loaded.template);
  }
  let catalogue: RecommendationCatalogue | undefined;
  for (const r of bundle.recommendations) {
    const loaded = loadCatalogue(r.json);
    if (loaded.ok) catalogue = loaded.catalogue;
    else for (const p of loaded.problems) problems.push({ file: r.file, pointer: p.pointer, message: p.message });
  }
  if (!catalogue && bundle.recommendations.length === 0) problems.push({ file: 'recommendations', pointer: '/', message: 'нет каталога рекомендаций' });
  const folder: RuleFolderFiles = {
    sets: bundle.sets.map((s) => ({ file: s.file, json: s.json })),
    params: bundle.params.map((p) => ({ file: p.file, id: stem(p.file), json: p.json })),
    cases: [],
    recommendationIds: recommendationIds(bundle),
    problems: [],
  };
  return { templates, problems, folder, catalogue };
}

/**
 * The rule sets for a region's schools (or for what `applies` says), with the parameter file they are
 * written for (as the CLI chooses it). Broken files never stop the others: their problems are returned.
 */
export function regionRules(rules: LoadedRules, paramsId?: string, applies: (s: Partial<RuleSetFile>) => boolean = forSchools): ReadyRules & { errors: RuleLintProblem[] } {
  const ready = readyRulesFor(rules.folder, factCatalogue(rules.templates), applies, paramsId);
  return { ...ready, errors: ready.problems.filter((p) => p.severity === 'error') };
}
