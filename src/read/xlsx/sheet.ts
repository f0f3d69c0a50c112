import { cellAddress } from '../../core/grid/address';
import type { CellValue, GridSheet, MergedRange } from '../../core/grid/grid';
import { formatCount } from '../limits';
import { FileReadError } from '../read-error';
import { columnIndex, rowIndex } from './cell-reference';
import { typedValue } from './cell-value';
import { GridSheetBuilder } from './grid-sheet';
import { findOverlap, parseRange } from './merges';
import { unescapeXString } from './ooxml-string';
import type { ZipPackage } from './package';
import type { CellFormats } from './styles';
import type { WorkbookSheet } from './workbook';
import { readXmlPart, type XmlHandler } from './xml';

/** What every sheet of a book reads its cells against. */
export interface SheetContext {
  readonly pkg: ZipPackage;
  readonly sharedStrings: readonly (string | null)[] | undefined;
  readonly formats: CellFormats;
  readonly date1904: boolean;
  /** Cells with a value read so far in the whole book, held against the limit. */
  cells: number;
}

// Where in the sheet the parser stands; depth 1 is <worksheet>.
const SHEET_DATA_DEPTH = 2;
const ROW_DEPTH = 3;
const CELL_DEPTH = 4;
const VALUE_DEPTH = 5;
const INLINE_TEXT_DEPTH = 6;
const RUN_TEXT_DEPTH = 7;

const NOT_CAPTURING = 0;
const VALUE = 1;
const INLINE_TEXT = 2;

/**
 * The cells of one worksheet, from `<sheetData>` and `<mergeCells>`; everything else in the sheet
 * (the `<dimension>` it claims, validations, conditional formats) is passed over unread. A row or
 * cell without its `r` follows the one before it.
 */
class WorksheetReader implements XmlHandler {
  private readonly builder = new GridSheetBuilder();
  private depth = 0;
  private inSheetData = false;
  private inMergeCells = false;
  private inRow = false;
  private inCell = false;
  private inInline = false;
  private inRun = false;
  private row = -1;
  private col = -1;
  private type: string | undefined;
  private style = 0;
  private value: string | undefined;
  private inline: string | undefined;
  private capture = NOT_CAPTURING;
  private captured: string | undefined;

  constructor(
    private readonly sheet: WorkbookSheet,
    private readonly context: SheetContext,
  ) {}

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    const depth = ++this.depth;
    if (depth === SHEET_DATA_DEPTH) {
      this.inSheetData = name === 'sheetData';
      this.inMergeCells = name === 'mergeCells';
    } else if (this.inMergeCells) {
      if (depth === ROW_DEPTH && name === 'mergeCell') this.addMerge(attributes.ref);
    } else if (!this.inSheetData) {
      return;
    } else if (depth === ROW_DEPTH) {
      if (name === 'row') this.startRow(attributes.r);
    } else if (depth === CELL_DEPTH) {
      if (this.inRow && name === 'c') this.startCell(attributes);
    } else if (!this.inCell) {
      return;
    } else if (depth === VALUE_DEPTH) {
      if (name === 'v') this.startCapture(VALUE);
      else if (name === 'is') this.inInline = true;
    } else if (depth === INLINE_TEXT_DEPTH && this.inInline) {
      if (name === 't') {
        this.startCapture(INLINE_TEXT);
      } else if (name === 'r') {
        // A run makes the cell rich text, even an empty one; <rPh> (a phonetic guide) is not the cell's text.
        this.inRun = true;
        if (this.inline === undefined) this.inline = '';
      }
    } else if (depth === RUN_TEXT_DEPTH && this.inRun && name === 't') {
      this.startCapture(INLINE_TEXT);
    }
  }

  text(text: string): void {
    if (this.capture !== NOT_CAPTURING && this.depth === this.captureDepth()) {
      this.captured = this.captured === undefined ? text : this.captured + text;
    }
  }

  close(): void {
    const depth = this.depth--;
    if (this.capture !== NOT_CAPTURING && depth === this.captureDepth()) this.endCapture();
    if (depth === INLINE_TEXT_DEPTH) this.inRun = false;
    else if (depth === VALUE_DEPTH) this.inInline = false;
    else if (depth === CELL_DEPTH && this.inCell) this.endCell();
    else if (depth === ROW_DEPTH) this.inRow = false;
    else if (depth === SHEET_DATA_DEPTH) this.inSheetData = this.inMergeCells = false;
  }

  finish(): GridSheet {
    const overlap = findOverlap(this.builder.mergedRanges);
    if (overlap) {
      const [a, b] = overlap.map(rangeText);
      throw this.context.pkg.corrupt(`объединённые ячейки ${a} и ${b} на листе «${this.sheet.name}» пересекаются`);
    }
    return this.builder.build(this.sheet.name, this.sheet.hidden);
  }

  private startRow(r: string | undefined): void {
    if (r === undefined) {
      this.row++;
    } else {
      this.row = rowIndex(r);
      if (this.row < 0) throw this.badReference(r);
    }
    this.col = -1;
    this.inRow = true;
  }

  private startCell(attributes: Readonly<Record<string, string>>): void {
    const ref = attributes.r;
    if (ref === undefined) {
      this.col++;
    } else {
      this.col = columnIndex(ref);
      if (this.col < 0) throw this.badReference(ref);
    }
    this.type = attributes.t;
    this.style = attributes.s === undefined ? 0 : parseInt(attributes.s, 10);
    this.value = undefined;
    this.inline = undefined;
    this.inCell = true;
  }

  private captureDepth(): number {
    return this.capture === VALUE ? VALUE_DEPTH : this.inRun ? RUN_TEXT_DEPTH : INLINE_TEXT_DEPTH;
  }

  private startCapture(what: number): void {
    this.capture = what;
    this.captured = undefined;
  }

  /** An element with no text adds nothing: `<v></v>` leaves the cell blank, as in exceljs. */
  private endCapture(): void {
    const text = this.captured;
    const what = this.capture;
    this.capture = NOT_CAPTURING;
    this.captured = undefined;
    if (text === undefined) return;
    if (what === VALUE) this.value = this.value === undefined ? text : this.value + text;
    else this.inline = (this.inline ?? '') + unescapeXString(text);
    const length = (what === VALUE ? this.value : this.inline)!.length;
    if (length > this.context.pkg.limits.textLength) {
      throw new FileReadError('file_limit', this.context.pkg.fileName, `текст ячейки ${this.address()} на листе «${this.sheet.name}» длиннее ${formatCount(this.context.pkg.limits.textLength)} символов`);
    }
  }

  private endCell(): void {
    this.inCell = false;
    const value = this.cellValue();
    const { formats } = this.context;
    this.builder.set(this.row, this.col, value, typeof value === 'number' && formats.isPercent(this.style));
    if (value !== null && ++this.context.cells > this.context.pkg.limits.cells) {
      throw new FileReadError('file_limit', this.context.pkg.fileName, `больше ${formatCount(this.context.pkg.limits.cells)} ячеек со значениями`);
    }
  }

  private cellValue(): CellValue {
    const { type, value } = this;
    if (type === 'inlineStr') return this.inline ?? (value === undefined ? null : unescapeXString(value));
    if (value === undefined) return null;
    if (type === 's') return this.sharedString(value);
    const { formats, date1904 } = this.context;
    return typedValue(type, value, formats.isDate(this.style), date1904);
  }

  private sharedString(value: string): CellValue {
    const index = parseInt(value, 10);
    const strings = this.context.sharedStrings;
    if (!strings || !(index >= 0 && index < strings.length)) {
      throw this.context.pkg.corrupt(`ячейка ${this.address()} на листе «${this.sheet.name}» ссылается на общую строку ${value.trim()}, которой нет в книге`);
    }
    return strings[index];
  }

  private addMerge(ref: string | undefined): void {
    const range = ref === undefined ? undefined : parseRange(ref);
    // A merge that names no range hides nothing; it is passed over rather than failing the sheet.
    if (range) this.builder.merge(range);
  }

  private address(): string {
    return cellAddress(this.row, this.col);
  }

  private badReference(ref: string): FileReadError {
    return this.context.pkg.corrupt(`неверный адрес ячейки «${ref}» на листе «${this.sheet.name}»`);
  }
}

function rangeText(range: MergedRange): string {
  const from = cellAddress(range.top, range.left);
  const to = cellAddress(range.bottom, range.right);
  return from === to ? from : `${from}:${to}`;
}

export function readWorksheet(sheet: WorkbookSheet, context: SheetContext): GridSheet {
  const reader = new WorksheetReader(sheet, context);
  readXmlPart(context.pkg, sheet.part, reader);
  return reader.finish();
}
