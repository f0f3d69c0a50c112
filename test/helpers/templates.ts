import path from 'node:path';
import { readRuleLibrary } from '../../src/files/rule-library';
import type { Template } from '../../src/core/template/template';

export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(REPO, '..', 'shared');

let cached: Template[] | undefined;

/** The bundled templates, loaded once per test file. */
export function bundledTemplates(): Template[] {
  if (!cached) {
    const { templates, problems } = readRuleLibrary(path.join(REPO, 'rules'));
    if (problems.length) throw new Error(JSON.stringify(problems));
    cached = templates;
  }
  return cached;
}

export function bundledTemplate(id: string): Template {
  const t = bundledTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}
