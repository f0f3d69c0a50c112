import { compileExpression, ExpressionError } from '../expression/expression';
import { checkAgainstSchema, type SchemaProblem } from '../schema/schema-check';
import { schemaValidators } from '../schema/schema-validators';
import type { SheetSpec, Template } from './template';

export type TemplateLoad = { ok: true; template: Template } | { ok: false; problems: SchemaProblem[] };

const validateTemplateShape = schemaValidators.template;

function semanticProblems(template: Template): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const sheetIds = new Set<string>();
  template.sheets.forEach((sheet: SheetSpec, si) => {
    const at = `/sheets/${si}`;
    if (sheetIds.has(sheet.id)) problems.push({ pointer: `${at}/id`, message: `лист с id «${sheet.id}» уже описан` });
    sheetIds.add(sheet.id);
    const codes = new Set<string>();
    sheet.columns.forEach((c, ci) => {
      if (codes.has(c.code)) problems.push({ pointer: `${at}/columns/${ci}/code`, message: `показатель «${c.code}» уже описан на этом листе` });
      codes.add(c.code);
      if (c.min !== undefined && c.max !== undefined && c.min > c.max) problems.push({ pointer: `${at}/columns/${ci}/min`, message: `нижний предел ${c.min} больше верхнего ${c.max}` });
      if (c.pattern !== undefined) {
        try {
          new RegExp(c.pattern);
        } catch {
          problems.push({ pointer: `${at}/columns/${ci}/pattern`, message: `неверное регулярное выражение «${c.pattern}»` });
        }
      }
    });
    sheet.key.forEach((k, ki) => {
      if (!codes.has(k)) problems.push({ pointer: `${at}/key/${ki}`, message: `ключ ссылается на неизвестный показатель «${k}»` });
    });
    if (sheet.schoolColumn && !codes.has(sheet.schoolColumn)) problems.push({ pointer: `${at}/schoolColumn`, message: `неизвестный показатель «${sheet.schoolColumn}»` });
    const known = new Set(codes);
    (sheet.derived ?? []).forEach((d, di) => {
      const p = `${at}/derived/${di}`;
      if (known.has(d.code)) problems.push({ pointer: `${p}/code`, message: `показатель «${d.code}» уже описан` });
      problems.push(...expressionProblems(d.expr, known, `${p}/expr`));
      known.add(d.code);
    });
    (sheet.checks ?? []).forEach((c, ci) => {
      const p = `${at}/checks/${ci}`;
      problems.push(...expressionProblems(c.expr, known, `${p}/expr`));
      if (c.anchor && !codes.has(c.anchor)) problems.push({ pointer: `${p}/anchor`, message: `неизвестный показатель «${c.anchor}»` });
    });
  });
  return problems;
}

function expressionProblems(text: string, known: Set<string>, pointer: string): SchemaProblem[] {
  try {
    const e = compileExpression(text);
    return e.identifiers.filter((id) => !known.has(id)).map((id) => ({ pointer, message: `выражение ссылается на неизвестный показатель «${id}»` }));
  } catch (err) {
    if (err instanceof ExpressionError) return [{ pointer, message: `ошибка в выражении «${text}»: ${err.message}` }];
    throw err;
  }
}

/** Checks a parsed template file: JSON Schema first, then what a schema cannot say (references, expressions). */
export function loadTemplate(json: unknown): TemplateLoad {
  const shape = checkAgainstSchema(validateTemplateShape, json);
  if (shape.length) return { ok: false, problems: shape };
  const template = json as Template;
  const problems = semanticProblems(template);
  return problems.length ? { ok: false, problems } : { ok: true, template };
}
