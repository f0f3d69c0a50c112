import { formatNumber } from '../messages/numbers';
/**
 * Text templates of the recommendation catalogue: «Разработать программу перевода {school.name} в
 * эффективный режим функционирования». A placeholder is a dotted name in braces; it is looked up in a
 * plain object of values and never evaluated. A placeholder without a value stays in the text as
 * written («{work.subject}»), so the reader sees what is missing, and is reported.
 */

/** A value a template can show: text, number, yes/no, a list, or a group of named values. */
export type TemplateValue = string | number | boolean | null | undefined | readonly (string | number)[] | TemplateValues;

export interface TemplateValues {
  [name: string]: TemplateValue;
}

export interface FilledTemplate {
  text: string;
  /** Placeholders left in the text because they have no value, in the order met, each once. */
  unfilled: string[];
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}/g;

/** The placeholder names of a template, in the order met, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

function lookup(values: TemplateValues, name: string): TemplateValue {
  let node: TemplateValue = values;
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as TemplateValues)[part];
  }
  return node;
}

/** The text of a value, or undefined when it has none (missing, null, an empty list, a group). */
function show(v: TemplateValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : undefined;
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'number' ? formatNumber(x) : String(x))).join('; ') : undefined;
  return undefined;
}

/** Fills the placeholders of a template from the values; see the module comment. */
export function fillTemplate(template: string, values: TemplateValues): FilledTemplate {
  const unfilled: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const shown = show(lookup(values, name));
    if (shown !== undefined) return shown;
    if (!unfilled.includes(name)) unfilled.push(name);
    return whole;
  });
  return { text, unfilled };
}
