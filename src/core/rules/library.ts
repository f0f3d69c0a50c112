import { factCatalogue, type FactCatalogue } from '../indicators/catalogue';
import { compileIndicators, type IndicatorDefinitions, type IndicatorFileInput } from '../indicators/compile';
import { loadCatalogue, type RecommendationCatalogue } from '../recommend/catalogue';
import type { Template } from '../template/template';
import { loadTemplate } from '../template/template-load';
import { parseJsonText } from './json-file';
import type { RuleFolderFiles, RuleLintProblem } from './lint';
import { loadTargets, type TargetPassport } from '../targets/passport';
import { type MukoIndicator, mukoIndicators } from '../cycle/muko';
import { type LoadedSystem, loadSystems } from './system';

/**
 * The one loader of a rules folder, for the command line and the pane alike: templates, rule sets,
 * parameters, rule cases and the recommendation catalogue from their texts (or JSON already parsed,
 * as the pane's bundle carries it). A broken file becomes a located problem and is left out; the rest
 * load. Pure: the host reads the files.
 */

/** One file of a rules folder: its text, or its JSON already parsed. */
export interface RuleFileInput {
  file: string;
  text?: string;
  json?: unknown;
}

export interface RuleLibraryFiles {
  /** The folder the files came from, for messages about the folder as a whole. */
  dir?: string;
  templates: RuleFileInput[];
  units?: RuleFileInput[];
  indicators?: RuleFileInput[];
  systems?: RuleFileInput[];
  sets: RuleFileInput[];
  params: RuleFileInput[];
  cases: RuleFileInput[];
  recommendations: RuleFileInput[];
  targets?: RuleFileInput[];
}

export interface RuleLibrary {
  dir?: string;
  templates: Template[];
  /** Units and indicator groups, compiled against the templates. */
  indicators: IndicatorDefinitions;
  /** The systems (направления) that load, in the order of their files. */
  systems: LoadedSystem[];
  /** What rules of each unit may read, with titles, from the indicators and the systems' outcomes. */
  facts: FactCatalogue;
  /** Rule sets, parameters and cases as lint and readyRules take them; their reading problems included. */
  folder: RuleFolderFiles;
  /** The catalogue in use: the first valid one by file name (README, «Каталог рекомендаций»). */
  catalogue?: RecommendationCatalogue;
  catalogueFile?: string;
  /** Target passports (rules/targets): plan against fact for the region's schools. */
  targets: TargetPassport[];
  /** The systems' МУКО indicators found among the school indicators. */
  muko: MukoIndicator[];
  /** Problems of templates and catalogues (the folder's own problems are in `folder.problems`). */
  problems: RuleLintProblem[];
  /** Every file given, whether it loaded or not. */
  files: string[];
}

const stem = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');

function parsed(input: RuleFileInput, problems: RuleLintProblem[], group: RuleLintProblem['group']): { ok: true; json: unknown } | { ok: false } {
  if (input.text === undefined) return { ok: true, json: input.json };
  const read = parseJsonText(input.text);
  if (read.ok) return read;
  const p = read.problem;
  problems.push({
    code: p.code,
    severity: 'error',
    file: input.file,
    pointer: p.code === 'too_deep' ? p.pointer : '/',
    message: p.message,
    ...(p.code === 'json_syntax' && p.line !== undefined && { line: p.line, column: p.column }),
    group,
  });
  return { ok: false };
}

const byFile = (a: RuleFileInput, b: RuleFileInput) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Ids listed by whatever the catalogue files hold, for lint when no catalogue loads. */
function listedIds(jsons: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const json of jsons) {
    const list = (json as { recommendations?: unknown } | null)?.recommendations;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
  }
  return ids;
}

export function loadRuleLibrary(files: RuleLibraryFiles): RuleLibrary {
  const problems: RuleLintProblem[] = [];
  const folderProblems: RuleLintProblem[] = [];
  const templates: Template[] = [];
  const templateFiles = new Map<string, string>();
  for (const t of [...files.templates].sort(byFile)) {
    const read = parsed(t, problems, 'templates');
    if (!read.ok) continue;
    const loaded = loadTemplate(read.json);
    if (!loaded.ok) {
      for (const p of loaded.problems) problems.push({ code: 'template', severity: 'error', file: t.file, pointer: p.pointer, message: p.message });
      continue;
    }
    const first = templateFiles.get(loaded.template.id);
    if (first !== undefined) {
      problems.push({ code: 'template', severity: 'error', file: t.file, pointer: '/id', message: `шаблон «${loaded.template.id}» уже загружен из файла ${first}` });
      continue;
    }
    templateFiles.set(loaded.template.id, t.file);
    templates.push(loaded.template);
  }

  const unitInputs: IndicatorFileInput[] = [];
  for (const u of [...(files.units ?? [])].sort(byFile)) {
    const read = parsed(u, problems, 'units');
    if (read.ok) unitInputs.push({ file: u.file, json: read.json });
  }
  const groupInputs: IndicatorFileInput[] = [];
  for (const g of [...(files.indicators ?? [])].sort(byFile)) {
    const read = parsed(g, problems, 'indicators');
    if (read.ok) groupInputs.push({ file: g.file, json: read.json });
  }
  const compiled = compileIndicators(unitInputs, groupInputs, templates);
  problems.push(...compiled.problems);
  const systemInputs: { file: string; json: unknown }[] = [];
  for (const sys of [...(files.systems ?? [])].sort(byFile)) {
    const read = parsed(sys, problems, 'systems');
    if (read.ok) systemInputs.push({ file: sys.file, json: read.json });
  }
  const { systems, problems: systemProblems } = loadSystems(systemInputs);
  problems.push(...systemProblems);
  const muko = mukoIndicators(systems, compiled.definitions);
  problems.push(...muko.problems);
  const facts = factCatalogue(compiled.definitions, systems.map((s) => ({ id: s.spec.id, title: s.spec.title, outcomes: s.spec.outcomes })));

  const folder: RuleFolderFiles = { dir: files.dir, sets: [], params: [], cases: [], recommendationIds: undefined, problems: folderProblems };
  for (const s of [...files.sets].sort(byFile)) {
    const read = parsed(s, folderProblems, 'sets');
    if (read.ok) folder.sets.push({ file: s.file, json: read.json });
  }
  for (const p of [...files.params].sort(byFile)) {
    const read = parsed(p, folderProblems, 'params');
    if (read.ok) folder.params.push({ file: p.file, id: stem(p.file), json: read.json });
  }
  for (const c of [...files.cases].sort(byFile)) {
    const read = parsed(c, folderProblems, 'cases');
    if (read.ok) folder.cases.push({ file: c.file, json: read.json });
  }

  let catalogue: RecommendationCatalogue | undefined;
  let catalogueFile: string | undefined;
  const catalogueJsons: unknown[] = [];
  for (const r of [...files.recommendations].sort(byFile)) {
    const read = parsed(r, problems, 'recommendations');
    if (!read.ok) continue;
    catalogueJsons.push(read.json);
    const loaded = loadCatalogue(read.json);
    if (!loaded.ok) {
      for (const p of loaded.problems) problems.push({ code: 'catalogue', severity: 'error', file: r.file, pointer: p.pointer, message: p.message });
      continue;
    }
    if (catalogue) {
      problems.push({ code: 'catalogue_unused', severity: 'warning', file: r.file, pointer: '/', message: `каталог не используется: действует каталог «${catalogue.id}» из файла ${catalogueFile} (первый по имени файла)` });
      continue;
    }
    catalogue = loaded.catalogue;
    catalogueFile = r.file;
  }
  if (files.recommendations.length) folder.recommendationIds = catalogue ? new Set(catalogue.recommendations.map((r) => r.id)) : listedIds(catalogueJsons);
  const targetInputs: { file: string; json: unknown }[] = [];
  for (const t of [...(files.targets ?? [])].sort(byFile)) {
    const read = parsed(t, problems, 'targets');
    if (read.ok) targetInputs.push({ file: t.file, json: read.json });
  }
  const targets = loadTargets(targetInputs, compiled.definitions);
  problems.push(...targets.problems);
  const all = [...files.templates, ...(files.units ?? []), ...(files.indicators ?? []), ...(files.systems ?? []), ...files.sets, ...files.params, ...files.cases, ...files.recommendations, ...(files.targets ?? [])].map((f) => f.file);
  return { dir: files.dir, templates, indicators: compiled.definitions, systems, facts, folder, catalogue, catalogueFile, targets: targets.passports, muko: muko.indicators, problems, files: all };
}
