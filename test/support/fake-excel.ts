/// <reference types="office-js" />
import ExcelJS from 'exceljs';
import { cellAddress, columnLetter, parseAddress } from '../../src/core/grid/address';
import { jsonBytes } from '../../src/addin/excel-api';
import { hyperlinksOf } from './xlsx-parts';

/**
 * A recording fake of the Excel JavaScript object model: the subset Okoshko's host uses, with the
 * semantics that matter — properties are readable only after load() and context.sync(), APIs newer
 * than the host's ExcelApi version throw, every call and every sync is recorded, and each request's
 * size (the JSON of what it carries, in UTF-8 bytes) is measured.
 */

export interface FakeCell {
  value: unknown;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  /** Where a hyperlink of an inserted sheet points. */
  link?: string;
}

export interface FakeSheetInit {
  name: string;
  rows: unknown[][];
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  numberFormats?: Record<string, string>;
  merges?: string[];
}

export interface Call {
  sync: number;
  sheet?: string;
  what: string;
  bytes: number;
}

class ApiNotFound extends Error {}
class PropertyNotLoaded extends Error {}

const compare = (a: string, b: string) => {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
};

interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(address: string): Bounds {
  const a1 = address.replace(/^.*!/, '').replace(/\$/g, '');
  const [from, to = from] = a1.split(':');
  if (/^[A-Z]+$/.test(from)) {
    const col = parseAddress(`${from}1`)!.col;
    const col2 = parseAddress(`${to}1`)!.col;
    return { top: 0, left: col, bottom: 1048575, right: col2 };
  }
  if (/^\d+$/.test(from)) return { top: Number(from) - 1, left: 0, bottom: Number(to) - 1, right: 16383 };
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (!a || !b) throw new Error(`fake Excel: bad address ${address}`);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

export class FakeExcel {
  readonly calls: Call[] = [];
  /** Bytes each sync's request carried. */
  readonly requests: number[] = [];
  /** Bytes of values and formats each sync's response carried. */
  readonly responses: number[] = [];
  syncs = 0;
  private pendingBytes = 0;
  private pendingLoads: (() => void)[] = [];
  /** Operations the fake applies only at sync, in order (inserting sheets from a file parses it). */
  private pendingWork: (() => Promise<void>)[] = [];
  private nextId = 1;
  readonly sheets: FakeWorksheet[] = [];
  /** Names of the sheets the workbook had before the add-in ran: the user's. */
  readonly userSheets: Set<string>;
  readonly context: Excel.RequestContext;
  selected?: { sheet: string; cell: string };
  tableNames = new Set<string>();

  constructor(
    readonly apiVersion: string,
    init: FakeSheetInit[],
  ) {
    for (const s of init) this.sheets.push(new FakeWorksheet(this, s));
    this.userSheets = new Set(init.map((s) => s.name));
    const worksheets = new FakeWorksheetCollection(this);
    const insertWorksheetsFromBase64 = (base64: string, options?: { positionType?: string }) => this.insertFromBase64(base64, options);
    this.context = { workbook: { worksheets, insertWorksheetsFromBase64 }, sync: () => this.sync() } as unknown as Excel.RequestContext;
  }

  /** Installs a global Office whose isSetSupported answers for this host's ExcelApi version. */
  installOffice(): void {
    (globalThis as unknown as { Office: unknown }).Office = {
      context: { requirements: { isSetSupported: (name: string, v = '1.1') => name === 'ExcelApi' && compare(v, this.apiVersion) <= 0 } },
    };
  }

  need(version: string, what: string): void {
    if (compare(version, this.apiVersion) > 0) throw new ApiNotFound(`${what} needs ExcelApi ${version}, the host has ${this.apiVersion}`);
  }

  record(what: string, value: unknown, sheet?: string): void {
    const bytes = jsonBytes(value) + what.length + 20;
    this.pendingBytes += bytes;
    this.calls.push({ sync: this.syncs, sheet, what, bytes });
  }

  queueLoad(apply: () => void): void {
    this.pendingLoads.push(apply);
  }

  newId(): string {
    return `{sheet-${this.nextId++}}`;
  }

  /** Workbook.insertWorksheetsFromBase64: the file's sheets, with values, fills, bold, links, freeze and tab colour, appended. */
  insertFromBase64(base64: string, options?: { positionType?: string }): { value: string[] } {
    this.need('1.13', 'insertWorksheetsFromBase64');
    this.record('insertWorksheetsFromBase64', { base64, options });
    const result: { ids?: string[] } = {};
    this.pendingWork.push(async () => {
      const wb = new ExcelJS.Workbook();
      const bytes = Buffer.from(base64, 'base64');
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const links = hyperlinksOf(bytes);
      result.ids = wb.worksheets.map((ws) => {
        if (this.sheets.some((x) => x.rawName.toLowerCase() === ws.name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${ws.name}`);
        const sheet = new FakeWorksheet(this, { name: ws.name, rows: [] });
        ws.eachRow((row, r) =>
          row.eachCell((cell, c) => {
            const v = cell.value as unknown;
            const link = links.get(ws.name)?.get(cell.address);
            const value = v && typeof v === 'object' && 'text' in v ? (v as { text: unknown }).text : v;
            const fg = (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
            sheet.setCell(r - 1, c - 1, { value: value ?? '', numberFormat: cell.numFmt || 'General', ...(fg && { fill: `#${fg.slice(-6)}` }), ...(cell.font?.bold && { bold: true }), ...(link && { link }) });
          }),
        );
        const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
        if (view?.state === 'frozen') sheet.frozen = `rows ${view.ySplit ?? 0}, columns ${view.xSplit ?? 0}`;
        const tab = (ws.properties as { tabColor?: { argb?: string } }).tabColor?.argb;
        if (tab) sheet.tabColorValue = `#${tab.slice(-6)}`;
        this.sheets.push(sheet);
        return sheet.id;
      });
    });
    return {
      get value(): string[] {
        if (!result.ids) throw new PropertyNotLoaded('PropertyNotLoaded: value (sync first)');
        return result.ids;
      },
    };
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.requests.push(this.pendingBytes);
    this.pendingBytes = 0;
    const work = this.pendingWork;
    this.pendingWork = [];
    for (const apply of work) await apply();
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    this.responses.push(0);
    for (const apply of loads) apply();
    // Responses: what the loads returned counts toward the request too (Excel on the web limits both).
    await Promise.resolve();
  }

  sheet(name: string): FakeWorksheet {
    const s = this.sheets.find((x) => x.rawName.toLowerCase() === name.toLowerCase() || x.id === name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return s;
  }

  /** Sheets written to that the user had before (must stay empty). */
  writesToUserSheets(): Call[] {
    return this.calls.filter((c) => c.sheet !== undefined && this.userSheets.has(c.sheet) && /^(set|delete)/.test(c.what));
  }

  largestRequest(): number {
    return Math.max(0, ...this.requests);
  }

  largestResponse(): number {
    return Math.max(0, ...this.responses);
  }
}

/** A loadable object: reading a property not loaded and synced throws, as in Office.js. */
class Loadable {
  private loaded = new Set<string>();
  constructor(protected readonly fake: FakeExcel) {}

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.fake.record(`load ${list.join(',')}`, null);
    this.fake.queueLoad(() => this.onLoad(list));
    return this;
  }

  protected onLoad(list: string[]): void {
    for (const p of list) this.loaded.add(p.replace(/^items\//, '').split('/')[0]);
  }

  protected ensure(prop: string): void {
    if (!this.loaded.has(prop)) throw new PropertyNotLoaded(`PropertyNotLoaded: ${prop}`);
  }
}

class FakeWorksheetCollection extends Loadable {
  private snapshot: FakeWorksheet[] = [];
  constructor(fake: FakeExcel) {
    super(fake);
  }

  protected override onLoad(list: string[]): void {
    super.onLoad(['items']);
    this.snapshot = [...this.fake.sheets];
    for (const s of this.snapshot) s.markLoaded(list.map((p) => p.replace(/^items\//, '')));
  }

  get items(): FakeWorksheet[] {
    this.ensure('items');
    return this.snapshot;
  }

  add(name: string): FakeWorksheet {
    if (this.fake.sheets.some((s) => s.rawName.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
    this.fake.record('add worksheet', name, name);
    const sheet = new FakeWorksheet(this.fake, { name, rows: [] });
    sheet.markLoaded(['name']);
    this.fake.sheets.push(sheet);
    return sheet;
  }

  getItem(name: string): FakeWorksheet {
    this.fake.record('getItem', name);
    return this.fake.sheet(name);
  }
}

export class FakeWorksheet extends Loadable {
  readonly cells = new Map<number, Map<number, FakeCell>>();
  private _name: string;
  private _visibility: string;
  readonly merges: string[];
  readonly tables: FakeTableCollection;
  tabColorValue?: string;
  frozen?: string;
  active = false;
  deleted = false;
  readonly names = new Set<string>();
  readonly id: string;

  constructor(fake: FakeExcel, init: FakeSheetInit) {
    super(fake);
    this.id = fake.newId();
    this._name = init.name;
    this._visibility = init.visibility ?? 'Visible';
    this.merges = init.merges ?? [];
    init.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const fmt = init.numberFormats?.[cellAddress(r, c)];
        this.setCell(r, c, { value: v, numberFormat: fmt ?? 'General' });
      }),
    );
    this.tables = new FakeTableCollection(fake, this);
  }

  markLoaded(props: string[]): void {
    this.onLoad(props);
  }

  get name(): string {
    this.ensure('name');
    return this._name;
  }

  get visibility(): string {
    this.ensure('visibility');
    return this._visibility;
  }

  get rawName(): string {
    return this._name;
  }

  setCell(r: number, c: number, cell: Partial<FakeCell>): void {
    let row = this.cells.get(r);
    if (!row) this.cells.set(r, (row = new Map()));
    row.set(c, { ...(row.get(c) ?? { value: '' }), ...cell });
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(r)?.get(c);
  }

  usedBounds(valuesOnly: boolean): Bounds | undefined {
    let b: Bounds | undefined;
    for (const [r, row] of this.cells)
      for (const [c, cell] of row) {
        if (valuesOnly && (cell.value === '' || cell.value === null)) continue;
        if (!b) b = { top: r, left: c, bottom: r, right: c };
        else {
          b.top = Math.min(b.top, r);
          b.left = Math.min(b.left, c);
          b.bottom = Math.max(b.bottom, r);
          b.right = Math.max(b.right, c);
        }
      }
    return b;
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== undefined) this.fake.need('1.2', 'getUsedRange(valuesOnly)');
    this.fake.record('getUsedRange', null, this._name);
    return new FakeRange(this.fake, this, () => this.usedBounds(Boolean(valuesOnly)) ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.fake.need('1.4', 'getUsedRangeOrNullObject');
    this.fake.record('getUsedRangeOrNullObject', null, this._name);
    return new FakeRange(this.fake, this, () => this.usedBounds(Boolean(valuesOnly)));
  }

  getRange(address?: string): FakeRange {
    this.fake.record('getRange', address ?? '', this._name);
    const bounds = address ? parseRange(address) : { top: 0, left: 0, bottom: 1048575, right: 16383 };
    return new FakeRange(this.fake, this, () => bounds);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.fake.need('1.7', 'getRangeByIndexes');
    return this.getRange(`${cellAddress(row, col)}:${cellAddress(row + rows - 1, col + cols - 1)}`);
  }

  delete(): void {
    this.fake.record('delete worksheet', this._name, this._name);
    this.deleted = true;
    for (const t of this.tables.list) this.fake.tableNames.delete(t.name.toLowerCase());
    this.fake.sheets.splice(this.fake.sheets.indexOf(this), 1);
  }

  activate(): void {
    this.fake.record('activate', null, this._name);
    for (const s of this.fake.sheets) s.active = s === this;
  }

  set tabColor(color: string) {
    this.fake.need('1.7', 'Worksheet.tabColor');
    this.fake.record('set tabColor', color, this._name);
    this.tabColorValue = color;
  }

  get freezePanes(): { freezeRows(n: number): void; freezeAt(r: FakeRange): void } {
    this.fake.need('1.7', 'Worksheet.freezePanes');
    return {
      freezeRows: (n: number) => {
        this.fake.record('set freezeRows', n, this._name);
        this.frozen = `rows ${n}`;
      },
      freezeAt: (r: FakeRange) => {
        this.fake.record('set freezeAt', r.a1(), this._name);
        this.frozen = r.a1();
      },
    };
  }
}

class FakeTable {
  private _name = '';
  style = '';
  constructor(
    private readonly fake: FakeExcel,
    readonly sheet: FakeWorksheet,
    readonly address: string,
    name: string,
  ) {
    this._name = name;
  }
  get name(): string {
    return this._name;
  }
  set name(v: string) {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v)) throw new Error(`InvalidArgument: table name ${v}`);
    if (this.fake.tableNames.has(v.toLowerCase())) throw new Error(`ItemAlreadyExists: table ${v}`);
    this.fake.tableNames.delete(this._name.toLowerCase());
    this.fake.tableNames.add(v.toLowerCase());
    this.fake.record('set table.name', v, this.sheet.rawName);
    this._name = v;
  }
}

class FakeTableCollection extends Loadable {
  readonly list: FakeTable[] = [];
  private snapshot: FakeTable[] = [];
  constructor(
    fake: FakeExcel,
    private readonly sheet: FakeWorksheet,
  ) {
    super(fake);
  }
  protected override onLoad(list: string[]): void {
    super.onLoad(['items', ...list]);
    this.snapshot = [...this.list];
  }
  get items(): FakeTable[] {
    this.ensure('items');
    return this.snapshot;
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    this.fake.record('add table', { address, hasHeaders }, this.sheet.rawName);
    const t = new FakeTable(this.fake, this.sheet, address, `Table${this.fake.tableNames.size + 1}`);
    this.fake.tableNames.add(t.name.toLowerCase());
    this.list.push(t);
    return t;
  }
  /** A user's table on a user's sheet, for tests. */
  seed(address: string, name: string): void {
    const t = new FakeTable(this.fake, this.sheet, address, name);
    this.fake.tableNames.add(name.toLowerCase());
    this.list.push(t);
  }
}

export class FakeRange extends Loadable {
  private snap: { values?: unknown[][]; numberFormat?: unknown[][]; bounds?: Bounds; isNull: boolean; address?: string; fill?: { color: string | null; pattern: string | null } } = { isNull: false };

  constructor(
    fake: FakeExcel,
    readonly sheet: FakeWorksheet,
    private readonly bounds: () => Bounds | undefined,
  ) {
    super(fake);
  }

  a1(): string {
    const b = this.bounds()!;
    return `${cellAddress(b.top, b.left)}:${cellAddress(b.bottom, b.right)}`;
  }

  override load(props?: string | string[]): this {
    const list = Array.isArray(props) ? props : (props ?? '').split(',');
    if (list.some((p) => p.trim() === 'format/fill/pattern')) this.fake.need('1.9', 'RangeFill.pattern');
    return super.load(props);
  }

  protected override onLoad(list: string[]): void {
    super.onLoad(list);
    const b = this.bounds();
    this.snap = { isNull: !b, bounds: b };
    if (!b) return;
    if (list.includes('format/fill/color') || list.includes('format/fill/pattern')) {
      // As Excel: a range of differing fills reads null; a cell without fill reads white, pattern None.
      const fills = new Set<string | undefined>();
      for (let r = b.top; r <= Math.min(b.bottom, b.top + 999); r++) for (let c = b.left; c <= Math.min(b.right, b.left + 999); c++) fills.add(this.sheet.cell(r, c)?.fill);
      const only = fills.size === 1 ? [...fills][0] : null;
      this.snap.fill = { color: only === null ? null : (only ?? '#FFFFFF'), pattern: only === null ? null : only ? 'Solid' : 'None' };
      this.fake.responses[this.fake.responses.length - 1] += jsonBytes(this.snap.fill) + 20;
    }
    const cells = (b.bottom - b.top + 1) * (b.right - b.left + 1);
    if ((list.includes('values') || list.includes('numberFormat')) && cells > 5_000_000) throw new Error(`RequestPayloadSizeLimitExceeded: ${cells} cells`);
    const grid = (get: (c: FakeCell | undefined) => unknown) => {
      const out: unknown[][] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const row: unknown[] = [];
        for (let c = b.left; c <= b.right; c++) row.push(get(this.sheet.cell(r, c)));
        out.push(row);
      }
      return out;
    };
    if (list.includes('values')) this.snap.values = grid((c) => (c ? c.value : ''));
    if (list.includes('numberFormat')) this.snap.numberFormat = grid((c) => c?.numberFormat ?? 'General');
    this.fake.responses[this.fake.responses.length - 1] += jsonBytes(this.snap.values ?? null) + jsonBytes(this.snap.numberFormat ?? null);
  }

  private get b(): Bounds {
    if (this.snap.isNull) throw new Error('InvalidOperation: null object');
    return this.snap.bounds!;
  }
  get isNullObject(): boolean {
    return this.snap.isNull;
  }
  get values(): unknown[][] {
    this.ensure('values');
    return this.snap.values!;
  }
  get numberFormat(): unknown[][] {
    this.ensure('numberFormat');
    return this.snap.numberFormat!;
  }
  get rowIndex(): number {
    this.ensure('rowIndex');
    return this.b.top;
  }
  get columnIndex(): number {
    this.ensure('columnIndex');
    return this.b.left;
  }
  get rowCount(): number {
    this.ensure('rowCount');
    return this.b.bottom - this.b.top + 1;
  }
  get columnCount(): number {
    this.ensure('columnCount');
    return this.b.right - this.b.left + 1;
  }

  set values(values: unknown[][]) {
    const b = this.bounds()!;
    if (values.length !== b.bottom - b.top + 1 || values.some((r) => r.length !== b.right - b.left + 1)) throw new Error(`InvalidArgument: ${values.length} rows for ${this.a1()}`);
    this.fake.record(`set values ${this.a1()}`, values, this.sheet.rawName);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        // Excel's parsing of what is written: a leading apostrophe keeps text; otherwise «=…» is a formula, numbers-looking text a number.
        let stored: unknown = v;
        let formula = false;
        if (typeof v === 'string') {
          if (v.startsWith("'")) stored = v.slice(1);
          else if (/^[=+\-@]/.test(v) && v.length > 1) formula = true;
          else if (/^-?\d+([.,]\d+)?$/.test(v)) stored = Number(v.replace(',', '.'));
        }
        this.sheet.setCell(b.top + i, b.left + j, { value: stored, ...(formula && { numberFormat: 'FORMULA' }) });
      }),
    );
  }

  set hyperlink(link: { documentReference?: string; textToDisplay?: string }) {
    this.fake.need('1.7', 'Range.hyperlink');
    this.fake.record(`set hyperlink ${this.a1()}`, link, this.sheet.rawName);
  }

  get format(): unknown {
    const set = (what: string, value: unknown, apply?: (c: Partial<FakeCell>) => void) => {
      this.fake.record(`set format.${what} ${this.a1()}`, value, this.sheet.rawName);
      if (apply) {
        const b = this.bounds()!;
        if ((b.bottom - b.top + 1) * (b.right - b.left + 1) <= 100_000)
          for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) {
            const before = this.sheet.cell(r, c);
            this.sheet.setCell(r, c, { ...(before ?? { value: '' }), ...{} });
            apply(this.sheet.cells.get(r)!.get(c)!);
          }
      }
    };
    const setter = (prefix: string, apply: Record<string, (c: Partial<FakeCell>, v: unknown) => void> = {}) =>
      new Proxy({}, { set: (_t, prop: string, value) => (set(`${prefix}${prop}`, value, apply[prop] && ((c) => apply[prop](c, value))), true) });
    const base = setter('', {});
    return new Proxy(base, {
      get: (_t, prop: string) => {
        if (prop === 'font') return setter('font.', { bold: (c, v) => (c.bold = v as boolean) });
        if (prop === 'fill') {
          const fill = setter('fill.', { color: (c, v) => (c.fill = v as string) });
          return new Proxy(fill, {
            get: (_f, what: string) => {
              if (what === 'clear')
                return () =>
                  set('fill.clear', null, (c) => {
                    delete c.fill;
                  });
              if (what === 'color' || what === 'pattern') {
                if (!this.snap.fill) throw new PropertyNotLoaded(`PropertyNotLoaded: format/fill/${what}`);
                return this.snap.fill[what];
              }
              return undefined;
            },
          });
        }
        return undefined;
      },
      set: (_t, prop: string, value) => (set(prop, value), true),
    });
  }

  select(): void {
    this.fake.record('select', this.a1(), this.sheet.rawName);
    this.fake.selected = { sheet: this.sheet.rawName, cell: this.a1().replace(/^(\w+):\1$/, '$1') };
  }

  getMergedAreasOrNullObject(): unknown {
    this.fake.need('1.13', 'getMergedAreasOrNullObject');
    const sheet = this.sheet;
    const fake = this.fake;
    let loaded = false;
    const areas = {
      load: () => {
        fake.record('load merged areas', null, sheet.rawName);
        fake.queueLoad(() => (loaded = true));
        return areas;
      },
      get isNullObject() {
        return sheet.merges.length === 0;
      },
      get address() {
        if (!loaded) throw new PropertyNotLoaded('address');
        return sheet.merges.map((m) => `${sheet.rawName}!${m}`).join(', ');
      },
    };
    return areas;
  }
}

/** The values a sheet holds now, row-major from A1 (for assertions). */
export function sheetValues(sheet: FakeWorksheet): unknown[][] {
  const b = sheet.usedBounds(true);
  if (!b) return [];
  const out: unknown[][] = [];
  for (let r = 0; r <= b.bottom; r++) {
    const row: unknown[] = [];
    for (let c = 0; c <= b.right; c++) row.push(sheet.cell(r, c)?.value ?? '');
    out.push(row);
  }
  return out;
}

export { columnLetter };
