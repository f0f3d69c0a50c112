import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleFolderFiles, RuleLintProblem } from '../core/rules/rule-lint';
import { loadCatalogue, type RecommendationCatalogue } from '../core/recommend/catalogue';
import type { Template } from '../core/template';
import { BUNDLED_RULES, loadTemplatesDir, readJsonFile, type RuleFileProblem } from './rules-dir';

/** The methodologist's rule files of one rules folder, read and parsed but not yet checked. */
export interface RuleFolder extends RuleFolderFiles {
  dir: string;
}

/** Where a JSON text breaks, with a Russian reason; offsets and columns count characters, 1-based lines and columns. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Broken extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds the first syntax error of a text JSON.parse refused. V8 does not always say where (a trailing
 * comma in a list, a cut-off file), and methodologists need the line.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const end = (what: string) => new Broken(text.length, `файл обрывается: не закрыт${what}`);
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) throw new Broken(start, 'строка не закрыта кавычкой');
      const ch = text[i];
      if (ch === '"') return void i++;
      if (ch === '\n' || ch === '\r') throw new Broken(start, 'строка не закрыта кавычкой до конца строки (перенос строки внутри текста пишется как \\n)');
      if (ch < ' ') throw new Broken(i, 'в строке недопустимый управляющий символ');
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Broken(i, 'неверная последовательность \\u: нужны четыре шестнадцатеричные цифры');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) throw new Broken(i, `неверная последовательность «\\${next ?? ''}»: обратная косая черта пишется как \\\\`);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): void => {
    ws();
    if (i >= text.length) throw new Broken(text.length, text.trim() === '' ? 'файл пуст' : 'файл обрывается: ожидается значение');
    const ch = text[i];
    if (depth > 500) throw new Broken(i, 'слишком глубокая вложенность');
    if (ch === '{') return object(depth);
    if (ch === '[') return array(depth);
    if (ch === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0] !== '') {
      i += number[0].length;
      if (/[0-9.eE]/.test(text[i] ?? '')) throw new Broken(i, 'неверная запись числа (дробная часть пишется через точку, без ведущих нулей)');
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (ch === "'") throw new Broken(i, 'строки в JSON пишутся в двойных кавычках, а не в одинарных');
    if (ch === '}' || ch === ']') throw new Broken(i, `ожидается значение, а стоит «${ch}»`);
    throw new Broken(i, `неожиданный символ «${ch}»: ожидается значение (число, "текст", true, false, null, [список] или {объект})`);
  };
  const object = (depth: number) => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] !== '"') {
        if (text[i] === '}') throw new Broken(i, 'лишняя запятая перед «}»');
        if (text[i] === "'") throw new Broken(i, 'имена свойств в JSON пишутся в двойных кавычках, а не в одинарных');
        throw new Broken(i, `ожидается имя свойства в двойных кавычках, а стоит «${text[i]}»`);
      }
      string();
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] !== ':') throw new Broken(i, `после имени свойства ожидается «:», а стоит «${text[i]}»`);
      i++;
      value(depth + 1);
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') throw new Broken(i, `после значения ожидается «,» или «}», а стоит «${text[i]}» (не пропущена ли запятая?)`);
      i++;
    }
  };
  const array = (depth: number) => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      ws();
      if (text[i] === ']') throw new Broken(i, 'лишняя запятая перед «]»');
      value(depth + 1);
      ws();
      if (i >= text.length) throw end('а квадратная скобка «[»');
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') throw new Broken(i, `после элемента списка ожидается «,» или «]», а стоит «${text[i]}» (не пропущена ли запятая?)`);
      i++;
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) throw new Broken(i, `после конца JSON лишний текст, начиная с «${text[i]}»`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    return { offset: e.offset, line, column: e.offset - before.lastIndexOf('\n'), message: e.message };
  }
}

function readProblem(problem: RuleFileProblem): RuleLintProblem {
  const { file } = problem;
  if (!problem.message.startsWith('ошибка синтаксиса JSON')) return { code: 'unreadable_file', severity: 'error', file, pointer: '/', message: problem.message };
  let text = '';
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    // read once already: fall back to what JSON.parse said
  }
  const at = locateJsonSyntaxError(text);
  if (!at) return { code: 'json_syntax', severity: 'error', file, pointer: '/', message: `${problem.message} (${problem.pointer})` };
  return { code: 'json_syntax', severity: 'error', file, pointer: '/', message: `ошибка синтаксиса JSON в строке ${at.line}, позиции ${at.column}: ${at.message}`, line: at.line, column: at.column };
}

/** Reads one rule file; a broken one becomes a located problem (json_syntax with line and column, unreadable_file), never an exception. */
export function readRuleJson(file: string): { ok: true; json: unknown } | { ok: false; problem: RuleLintProblem } {
  const read = readJsonFile(file);
  return read.ok ? read : { ok: false, problem: readProblem(read.problem) };
}

function jsonFiles(dir: string): string[] | undefined {
  try {
    return readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.json'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return undefined;
  }
}

function recommendationIds(dir: string, problems: RuleLintProblem[]): Set<string> | undefined {
  const files = jsonFiles(dir);
  if (!files) return undefined;
  const ids = new Set<string>();
  for (const file of files) {
    const read = readRuleJson(file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const list = (read.json as { recommendations?: unknown } | null)?.recommendations;
    if (!Array.isArray(list)) {
      problems.push({ code: 'schema', severity: 'error', file, pointer: '/', message: 'ожидается каталог рекомендаций: {"recommendations": [{"id": "...", ...}]}' });
      continue;
    }
    list.forEach((r, i) => {
      const id = (r as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
      else problems.push({ code: 'schema', severity: 'error', file, pointer: `/recommendations/${i}/id`, message: 'у рекомендации нет идентификатора id (строки)' });
    });
  }
  return ids;
}

/**
 * Reads the rule sets, params, rule cases and recommendation ids of a rules folder (default: the
 * bundled one). Broken files are reported and left out; a missing subfolder is simply empty, a missing
 * recommendations folder means there is no catalogue.
 */
export function loadRuleFolder(rulesDir: string = BUNDLED_RULES): RuleFolder {
  const folder: RuleFolder = { dir: rulesDir, sets: [], params: [], cases: [], recommendationIds: undefined, problems: [] };
  if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory()) {
    folder.problems.push({ code: 'unreadable_file', severity: 'error', file: rulesDir, pointer: '/', message: 'папка правил не найдена' });
    return folder;
  }
  const read = (sub: string, into: (file: string, json: unknown) => void) => {
    for (const file of jsonFiles(path.join(rulesDir, sub)) ?? []) {
      const r = readRuleJson(file);
      if (r.ok) into(file, r.json);
      else folder.problems.push(r.problem);
    }
  };
  read('sets', (file, json) => folder.sets.push({ file, json }));
  read('params', (file, json) => folder.params.push({ file, id: path.basename(file).replace(/\.json$/i, ''), json }));
  read('cases', (file, json) => folder.cases.push({ file, json }));
  folder.recommendationIds = recommendationIds(path.join(rulesDir, 'recommendations'), folder.problems);
  return folder;
}

/**
 * The templates the fact catalogue follows: the folder's own `templates`, or the bundled ones when it
 * has none (a folder of rule sets only). Broken templates are reported and left out.
 */
export function templatesForRules(rulesDir: string = BUNDLED_RULES): { templates: Template[]; problems: RuleFileProblem[]; bundled: boolean } {
  const own = existsSync(path.join(rulesDir, 'templates'));
  const { templates, problems } = loadTemplatesDir(own ? rulesDir : BUNDLED_RULES);
  return { templates, problems, bundled: !own };
}

/** The recommendation catalogue of a rules folder (rules/recommendations/*.json, the first that loads), or its problems in Russian. */
export function loadCatalogueDir(rulesDir: string = BUNDLED_RULES): { catalogue?: RecommendationCatalogue; problems: string[] } {
  const problems: string[] = [];
  for (const file of jsonFiles(path.join(rulesDir, 'recommendations')) ?? []) {
    const read = readRuleJson(file);
    if (!read.ok) {
      problems.push(`${file}: ${read.problem.message}`);
      continue;
    }
    const loaded = loadCatalogue(read.json);
    if (loaded.ok) return { catalogue: loaded.catalogue, problems };
    problems.push(...loaded.problems.map((p) => `${file} ${p.pointer}: ${p.message}`));
  }
  if (problems.length === 0) problems.push(`в ${path.join(rulesDir, 'recommendations')} нет каталога рекомендаций`);
  return { problems };
}
