import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTemplate } from '../core/template-load';
import type { Template } from '../core/template';
import { PACKAGE_ROOT } from './package-root';

/** A problem in one of the methodologist's rule files: file, JSON pointer, Russian sentence. */
export interface RuleFileProblem {
  file: string;
  pointer: string;
  message: string;
}

/** The rules folder shipped with Okoshko. */
export const BUNDLED_RULES = path.join(PACKAGE_ROOT, 'rules');

function jsonPosition(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return '/';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `строка ${line}, позиция ${before.length - before.lastIndexOf('\n')}`;
}

/** Reads a JSON file; a broken one becomes a problem, never an exception. */
export function readJsonFile(file: string): { ok: true; json: unknown } | { ok: false; problem: RuleFileProblem } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, problem: { file, pointer: '/', message: 'файл не удалось прочитать' } };
  }
  try {
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, problem: { file, pointer: jsonPosition(text, e as Error), message: `ошибка синтаксиса JSON: ${(e as Error).message}` } };
  }
}

/** Every template of `<rules>/templates`; broken files are reported and left out, the rest load. */
export function loadTemplatesDir(rulesDir: string = BUNDLED_RULES): { templates: Template[]; problems: RuleFileProblem[] } {
  const dir = path.join(rulesDir, 'templates');
  const templates: Template[] = [];
  const problems: RuleFileProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { templates, problems: [{ file: dir, pointer: '/', message: 'папка шаблонов не найдена' }] };
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const read = readJsonFile(file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const loaded = loadTemplate(read.json);
    if (!loaded.ok) {
      problems.push(...loaded.problems.map((p) => ({ file, ...p })));
      continue;
    }
    if (templates.some((t) => t.id === loaded.template.id)) {
      problems.push({ file, pointer: '/id', message: `шаблон «${loaded.template.id}» уже загружен из другого файла` });
      continue;
    }
    templates.push(loaded.template);
  }
  return { templates, problems };
}
