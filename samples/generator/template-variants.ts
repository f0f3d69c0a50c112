import type { ColumnSpec, SheetSpec, Template } from '../../src/core/template/template';

/** Copies of a template changed the way municipalities change forms; the copy keeps the id unless told. */

function mapSheet(template: Template, sheetId: string, change: (sheet: SheetSpec) => SheetSpec): Template {
  return { ...template, sheets: template.sheets.map((s) => (s.id === sheetId ? change(s) : s)) };
}

export function withoutSheet(template: Template, sheetId: string): Template {
  return { ...template, sheets: template.sheets.filter((s) => s.id !== sheetId) };
}

export function withoutColumn(template: Template, sheetId: string, code: string): Template {
  return mapSheet(template, sheetId, (s) => ({ ...s, columns: s.columns.filter((c) => c.code !== code) }));
}

/** The column pasted twice, the copy right after the original. */
export function withColumnTwice(template: Template, sheetId: string, code: string): Template {
  return mapSheet(template, sheetId, (s) => {
    const i = s.columns.findIndex((c) => c.code === code);
    return { ...s, columns: [...s.columns.slice(0, i + 1), { ...s.columns[i] }, ...s.columns.slice(i + 1)] };
  });
}

export function withExtraColumn(template: Template, sheetId: string, column: ColumnSpec): Template {
  return mapSheet(template, sheetId, (s) => ({ ...s, columns: [...s.columns, column] }));
}

export function withVersion(template: Template, version: string): Template {
  return { ...template, version };
}

/** Headers retyped by hand and columns rearranged. */
export function withHandmadeHeaders(template: Template, sheetId: string, headers: Record<string, string>, order: (columns: ColumnSpec[]) => ColumnSpec[]): Template {
  return mapSheet(template, sheetId, (s) => ({ ...s, columns: order(s.columns.map((c) => (headers[c.code] ? { ...c, header: headers[c.code], group: undefined } : c))) }));
}
