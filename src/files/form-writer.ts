import type ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { columnLetter } from '../core/grid/address';
import { METADATA_SHEET, type ColumnSpec, type IndicatorType, type SheetSpec, type Template } from '../core/template/template';
import { writeWorkbookAtomically } from './atomic-write';

/** Rows to put into a form, by template sheet id; values by indicator code. */
export type FormRows = Record<string, ReadonlyArray<Record<string, unknown>>>;

export interface FormOptions {
  rows?: FormRows;
  /** Data rows that get Excel data validation when there are fewer rows than this (1000 by default). */
  validationRows?: number;
  /** Fixed creation date, so that generated samples are reproducible. */
  date?: Date;
}

export const INSTRUCTION_SHEET = 'Инструкция';
/** Hidden sheet holding allowed values of lists too long for an inline Excel list (255 characters). */
export const LISTS_SHEET = '_lists';

const DEFAULT_VALIDATION_ROWS = 1000;
const INLINE_LIST_LIMIT = 255;
const PROMPT_LIMIT = 255;
const TITLE_LIMIT = 32;
const DATE_FORMAT = 'dd.mm.yyyy';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9BB7D4' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const TYPE_TITLES: Record<IndicatorType, string> = {
  integer: 'целое число',
  number: 'число',
  percent: 'процент',
  boolean: 'да/нет',
  list: 'из списка',
  text: 'текст',
  date: 'дата',
  school_id: 'код ОО',
};

/** Header rows of a template sheet in its form: two when any column sits under a group label. */
export function formHeaderRows(sheet: SheetSpec): number {
  return sheet.columns.some((c) => c.group) ? 2 : 1;
}

/** A1 address of an indicator's cell in the form, for the `index`-th data row (0-based). */
export function formCellAddress(sheet: SheetSpec, code: string, index: number): string {
  const col = sheet.columns.findIndex((c) => c.code === code);
  if (col < 0) throw new Error(`На листе «${sheet.name}» нет показателя ${code}`);
  return `${columnLetter(col)}${formHeaderRows(sheet) + 1 + index}`;
}

const decimal = (n: number) => String(n).replace('.', ',');

/** Limits of a numeric column in the numbers the user types (fractions for `percentInput: fraction`). */
function typedLimits(column: ColumnSpec): { min?: number; max?: number } {
  const scale = column.type === 'percent' && column.percentInput === 'fraction' ? 0.01 : 1;
  return {
    min: column.min === undefined ? undefined : column.min * scale,
    max: column.max === undefined ? undefined : column.max * scale,
  };
}

function limitsText(column: ColumnSpec): string {
  if (column.type === 'list') return (column.values ?? []).join('; ');
  if (column.type === 'boolean') return 'да; нет';
  if (column.type === 'date') return 'дата в виде ДД.ММ.ГГГГ';
  const parts: string[] = [];
  if (column.type === 'integer' || column.type === 'number' || column.type === 'percent') {
    const { min, max } = typedLimits(column);
    if (min !== undefined && max !== undefined) parts.push(`от ${decimal(min)} до ${decimal(max)}`);
    else if (min !== undefined) parts.push(`не меньше ${decimal(min)}`);
    else if (max !== undefined) parts.push(`не больше ${decimal(max)}`);
    if (column.type === 'percent') parts.push(column.percentInput === 'fraction' ? 'доля (0,25 = 25 %)' : 'в процентах (25 = 25 %)');
  }
  if (column.pattern) parts.push(`по образцу ${column.pattern}`);
  return parts.join('; ');
}

function blankText(column: ColumnSpec): string {
  if (column.required) return 'не допускается';
  return column.blank === 'zero' ? 'ноль' : 'нет данных';
}

function headerTitle(column: ColumnSpec): string {
  return column.group ? `${column.group}: ${column.header}` : column.header;
}

function addInstructionSheet(wb: ExcelJS.Workbook, template: Template): void {
  const ws = wb.addWorksheet(INSTRUCTION_SHEET);
  ws.columns = [40, 26, 14, 10, 14, 44, 16, 44].map((width) => ({ width }));
  const line = (text: string, font?: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    if (font) row.font = font;
    return row;
  };
  line(template.title, { bold: true, size: 14 });
  line(`Шаблон: ${template.id}, версия ${template.version}`);
  if (template.description) line(template.description);
  ws.addRow([]);
  line('Как заполнять', { bold: true });
  line('• Заполняйте листы с данными со строки под заголовком: одна строка — одна запись.');
  line('• Не переименовывайте листы и заголовки столбцов: по ним Окошко узнаёт показатели.');
  line('• Числа вводите без единиц измерения; проценты — числом процентов, если не сказано иное.');
  line('• В столбцах «да/нет» пишите «да» или «нет».');
  for (const sheet of template.sheets) {
    ws.addRow([]);
    line(`Лист «${sheet.name}»${sheet.title ? ` — ${sheet.title}` : ''}`, { bold: true, size: 12 });
    const keys = sheet.key.map((k) => sheet.columns.find((c) => c.code === k)).filter((c): c is ColumnSpec => c !== undefined);
    line(`Строка определяется сочетанием: ${keys.map((c) => `«${headerTitle(c)}»`).join(', ')}`);
    const head = ws.addRow(['Заголовок', 'Код показателя', 'Тип', 'Единица', 'Обязательный', 'Допустимые значения или пределы', 'Пустая ячейка', 'Подсказка']);
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = HEADER_BORDER;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    for (const c of sheet.columns) {
      const row = ws.addRow([headerTitle(c), c.code, TYPE_TITLES[c.type], c.unit ?? '', c.required ? 'да' : 'нет', limitsText(c), blankText(c), c.description ?? '']);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
    if (sheet.checks?.length) {
      line('Проверки согласованности:', { italic: true });
      for (const check of sheet.checks) line(`• ${check.message}${check.severity === 'warning' ? ' (предупреждение)' : ''}`);
    }
  }
}

function widthOf(column: ColumnSpec): number {
  const longestValue = Math.max(0, ...(column.values ?? []).map((v) => v.length));
  const byType = column.type === 'date' ? 12 : column.type === 'school_id' ? 12 : column.code === 'name' ? 40 : 8;
  const byHeader = Math.ceil(column.header.length / (column.header.length > 24 ? 2 : 1)) + 2;
  return Math.min(40, Math.max(byType, longestValue + 2, byHeader));
}

function styleHeaderCell(cell: ExcelJS.Cell): void {
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.border = HEADER_BORDER;
  cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

function writeHeader(ws: ExcelJS.Worksheet, sheet: SheetSpec, headerRows: number): void {
  const columns = sheet.columns;
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = widthOf(c);
  });
  if (headerRows === 1) {
    columns.forEach((c, i) => {
      const cell = ws.getCell(1, i + 1);
      cell.value = c.header;
      styleHeaderCell(cell);
    });
  } else {
    let i = 0;
    while (i < columns.length) {
      const group = columns[i].group;
      if (!group) {
        ws.getCell(1, i + 1).value = columns[i].header;
        ws.mergeCells(1, i + 1, 2, i + 1);
        i++;
        continue;
      }
      let end = i;
      while (end + 1 < columns.length && columns[end + 1].group === group) end++;
      ws.getCell(1, i + 1).value = group;
      if (end > i) ws.mergeCells(1, i + 1, 1, end + 1);
      for (let j = i; j <= end; j++) ws.getCell(2, j + 1).value = columns[j].header;
      i = end + 1;
    }
    for (let r = 1; r <= 2; r++) for (let c = 1; c <= columns.length; c++) styleHeaderCell(ws.getCell(r, c));
  }
  const lines = Math.max(1, ...columns.map((c, i) => Math.ceil(c.header.length / Math.max(1, (ws.getColumn(i + 1).width ?? 10) - 1))));
  for (let r = 1; r <= headerRows; r++) ws.getRow(r).height = Math.min(90, 15 * Math.ceil(lines / headerRows) + 3);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRows, topLeftCell: `A${headerRows + 1}`, activeCell: `A${headerRows + 1}` }];
}

function sentence(text: string | undefined): string {
  if (!text) return '';
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : text.slice(0, limit - 1) + '…';
}

/** Allowed values too long for an inline Excel list, one column each on the hidden lists sheet. */
class LongLists {
  readonly columns: (readonly string[])[] = [];

  /** Excel list formula: inline when short enough, else a range of the lists sheet. */
  formula(values: readonly string[]): string {
    const inline = values.join(',');
    if (inline.length <= INLINE_LIST_LIMIT && !values.some((v) => v.includes(','))) return `"${inline.replace(/"/g, '""')}"`;
    let col = this.columns.findIndex((c) => c.length === values.length && c.every((v, i) => v === values[i]));
    if (col < 0) col = this.columns.push(values) - 1;
    const letter = columnLetter(col);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
  }

  writeTo(wb: ExcelJS.Workbook): void {
    if (this.columns.length === 0) return;
    const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    this.columns.forEach((values, c) => values.forEach((v, r) => (ws.getCell(r + 1, c + 1).value = v)));
  }
}

function numericValidation(column: ColumnSpec): Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> {
  const { min, max } = typedLimits(column);
  if (min !== undefined && max !== undefined) return { operator: 'between', formulae: [min, max] };
  if (min !== undefined) return { operator: 'greaterThanOrEqual', formulae: [min] };
  if (max !== undefined) return { operator: 'lessThanOrEqual', formulae: [max] };
  return { operator: 'between', formulae: [-1e12, 1e12] };
}

/** The Excel data validation of a column, or undefined when Excel has nothing to check or say. */
function columnValidation(lists: LongLists, column: ColumnSpec): ExcelJS.DataValidation | undefined {
  const limits = limitsText(column);
  const typeTitle = TYPE_TITLES[column.type];
  const prompt = [sentence(column.description), column.unit ? `Единица: ${column.unit}.` : '', `${typeTitle[0].toUpperCase()}${typeTitle.slice(1)}${limits ? `: ${limits}` : ''}.`]
    .filter(Boolean)
    .join(' ');
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: clip(column.header, TITLE_LIMIT),
    prompt: clip(prompt, PROMPT_LIMIT),
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: clip(column.header, TITLE_LIMIT),
  };
  switch (column.type) {
    case 'list':
      return { ...common, type: 'list', formulae: [lists.formula(column.values ?? [])], error: 'Выберите значение из списка.' };
    case 'boolean':
      return { ...common, type: 'list', formulae: ['"да,нет"'], error: 'Введите «да» или «нет».' };
    case 'integer':
      return { ...common, type: 'whole', ...numericValidation(column), error: clip(`Введите целое число${limits ? ` ${limits}` : ''}.`, PROMPT_LIMIT) };
    case 'number':
    case 'percent':
      return { ...common, type: 'decimal', ...numericValidation(column), error: clip(`Введите число${limits ? `: ${limits}` : ''}.`, PROMPT_LIMIT) };
    case 'date':
      return { ...common, type: 'date', operator: 'between', formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2100, 11, 31))], error: 'Введите дату в виде ДД.ММ.ГГГГ.' };
    case 'text':
    case 'school_id':
      // Excel cannot check a pattern; the prompt alone still tells the user what to type.
      return column.description ? ({ ...common, type: 'any', formulae: [] } as unknown as ExcelJS.DataValidation) : undefined;
  }
}

type ExcelValue = ExcelJS.CellValue;

function isPassThrough(value: object): boolean {
  return 'formula' in value || 'sharedFormula' in value || 'error' in value;
}

/** A Date from any realm (a Date made by structuredClone or in another VM context fails `instanceof`). */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function writeValue(cell: ExcelJS.Cell, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') cell.value = value;
  else if (typeof value === 'boolean') cell.value = value ? 'да' : 'нет';
  else if (isDate(value)) {
    cell.value = new Date(value.getTime());
    cell.numFmt = DATE_FORMAT;
  } else if (typeof value === 'string') {
    // A string cell stays text even when it begins with = + - @: exceljs makes formulas only of { formula }.
    cell.value = value;
  } else if (typeof value === 'object' && isPassThrough(value)) cell.value = value as ExcelValue;
  else cell.value = String(value);
}

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings leave out. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function addDataSheet(wb: ExcelJS.Workbook, lists: LongLists, sheet: SheetSpec, rows: ReadonlyArray<Record<string, unknown>>, validationRows: number): void {
  const ws = wb.addWorksheet(sheet.name);
  const headerRows = formHeaderRows(sheet);
  writeHeader(ws, sheet, headerRows);
  rows.forEach((values, index) => {
    const row = ws.getRow(headerRows + 1 + index);
    sheet.columns.forEach((column, c) => writeValue(row.getCell(c + 1), values[column.code]));
  });
  const last = headerRows + Math.max(rows.length, validationRows);
  if (last <= headerRows) return;
  sheet.columns.forEach((column, c) => {
    const validation = columnValidation(lists, column);
    const letter = columnLetter(c);
    if (validation) rangeValidations(ws).add(`${letter}${headerRows + 1}:${letter}${last}`, validation);
  });
}

function addMetadataSheet(wb: ExcelJS.Workbook, template: Template): void {
  const ws = wb.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  ws.getCell('A1').value = 'template';
  ws.getCell('B1').value = template.id;
  ws.getCell('A2').value = 'version';
  ws.getCell('B2').value = template.version;
}

/**
 * A blank (or filled) form of a template: the instruction sheet, one sheet per template sheet with
 * its header, data validation and frozen header, and the hidden metadata sheet naming the template.
 */
/** exceljs takes a seventh of a second to load: only the commands that write a blank or a merged form pay for it. */
let exceljs: typeof ExcelJS | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcelJS = (): typeof ExcelJS => (exceljs ??= require('exceljs') as typeof ExcelJS);

export function buildFormWorkbook(template: Template, options: FormOptions = {}): ExcelJS.Workbook {
  const wb = new (loadExcelJS().Workbook)();
  wb.creator = 'Окошко';
  wb.lastModifiedBy = 'Окошко';
  const date = options.date ?? new Date();
  wb.created = date;
  wb.modified = date;
  addInstructionSheet(wb, template);
  const lists = new LongLists();
  for (const sheet of template.sheets) addDataSheet(wb, lists, sheet, options.rows?.[sheet.id] ?? [], options.validationRows ?? DEFAULT_VALIDATION_ROWS);
  lists.writeTo(wb);
  addMetadataSheet(wb, template);
  return wb;
}

/** Writes a form file atomically (a temporary file, then a rename), creating its folder. */
export async function writeFormFile(target: string, template: Template, options: FormOptions = {}): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  await writeWorkbookAtomically(buildFormWorkbook(template, options), target);
}
