import { sheetReference } from '../../core/grid/address';
import type { ReportSheet } from '../../core/report/report-sheet';
import { FileReadError } from '../../read/read-error';
import { sniffFileKind } from '../../read/file-kind';
import { freeSheetName, isOurTableName, OUR_SHEET_MARKER, ourTableName } from './ours';
import { openPackage, type Package, type PartText, type WriteNatives, writePackage } from './package';
import { CT_RELS, CT_STYLES, CT_TABLE, CT_WORKSHEET, NS_REL, REL_OFFICE_DOCUMENT, REL_STYLES, REL_TABLE, REL_WORKSHEET, relationships, type Relationship, relsPathOf, resolveTarget, nextRelId, STRICT_MAIN } from './package-parts';
import { referencedSheet, sanitizeSheetName, sanitizeTableName, withSuffix } from './sheet-names';
import { type DrawnSheet, drawSheet } from './sheet-xml';
import { appendStyles, MINIMAL_STYLES, StyleBook } from './styles';
import { applyEdits, type Edit, elements, escAttr, escText, firstElement, innerEnd, rootPrefix, setAttr, unescape, type XmlElement } from './xml-text';

/**
 * Puts Okoshko's report sheets into the user's own xlsx (or xlsm) by editing only the package parts
 * it must, so that pivot tables, charts, Power Query, validation, comments and macros stay exactly
 * as they were (DESIGN.md §3, §5 «Nothing is lost»).
 *
 * Changed parts: `[Content_Types].xml`, the workbook part and its rels, `styles.xml` (entries
 * appended only). Added parts: one worksheet (+ its rels) per report sheet and one table part per
 * report table. Every other part keeps its uncompressed bytes and its place in the zip. Our sheets of
 * an earlier run — by Okoshko (either host, see ours.ts) — are replaced, with every part only they reach.
 */

interface WorkbookSheet {
  el: XmlElement;
  name: string;
  sheetId: number;
  rid: string;
}

/** The workbook part, its rels and the content types, with the lists the patch works on. */
interface Book {
  workbookPart: string;
  workbookRelsPart: string;
  workbook: string;
  workbookRels: string;
  contentTypesPart: string;
  contentTypes: string;
  wbPrefix: string;
  relPrefix?: string;
  sheetsEl: XmlElement;
  sheetList: WorkbookSheet[];
  definedNamesEl?: XmlElement;
  definedNames: XmlElement[];
  rels: Relationship[];
}

function unsupported(fileName: string, detail: string): FileReadError {
  return new FileReadError('file_unsupported', fileName, detail);
}

function readBook(pkg: Package, fileName: string): Book {
  const contentTypesPart = pkg.find('[Content_Types].xml');
  const rootRels = pkg.text(pkg.find('_rels/.rels') ?? '_rels/.rels');
  if (!contentTypesPart || !rootRels) throw new FileReadError('file_corrupt', fileName, 'в архиве нет описания частей книги');
  const mainRel = relationships(rootRels).find((r) => r.type === REL_OFFICE_DOCUMENT || r.type.endsWith('/officeDocument'));
  const workbookPart = mainRel && pkg.find(resolveTarget('', mainRel.target));
  if (!workbookPart) throw new FileReadError('file_corrupt', fileName, 'в архиве нет книги');
  if (workbookPart.endsWith('.bin')) throw unsupported(fileName, 'это двоичная книга Excel (.xlsb): сохраните её как .xlsx');
  const workbookRelsPart = pkg.find(relsPathOf(workbookPart)) ?? relsPathOf(workbookPart);
  const workbook = pkg.text(workbookPart) ?? '';
  const workbookRels = pkg.text(workbookRelsPart) ?? '';
  const contentTypes = pkg.text(contentTypesPart) ?? '';
  if (workbook.includes(STRICT_MAIN)) throw unsupported(fileName, 'книга сохранена в формате «Strict Open XML»: сохраните её как обычную книгу Excel (.xlsx)');
  if (!workbookRels) throw new FileReadError('file_corrupt', fileName, 'в архиве нет связей книги');
  const protection = firstElement(workbook, 'workbookProtection');
  if (protection && /^(1|true)$/.test(protection.attrs.get('lockStructure') ?? '')) {
    throw unsupported(fileName, 'структура книги защищена: снимите защиту (Рецензирование → Защитить книгу) и повторите');
  }
  const relPrefix = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${NS_REL.replace(/[./]/g, '\\$&')}["']`).exec(workbook)?.[1];
  const sheetsEl = firstElement(workbook, 'sheets');
  if (!sheetsEl || sheetsEl.inner === undefined) throw new FileReadError('file_corrupt', fileName, 'в книге нет списка листов');
  const sheetList: WorkbookSheet[] = elements(sheetsEl.inner, 'sheet').map((el) => {
    const shifted = { ...el, start: el.start + sheetsEl.innerStart, end: el.end + sheetsEl.innerStart };
    const ridKey = [...el.attrs.keys()].find((k) => k.endsWith(':id'));
    return { el: shifted, name: el.attrs.get('name') ?? '', sheetId: Number(el.attrs.get('sheetId') ?? 0), rid: ridKey ? (el.attrs.get(ridKey) ?? '') : '' };
  });
  const definedNamesEl = firstElement(workbook, 'definedNames');
  const definedNames =
    definedNamesEl?.inner !== undefined ? elements(definedNamesEl.inner, 'definedName').map((el) => ({ ...el, start: el.start + definedNamesEl.innerStart, end: el.end + definedNamesEl.innerStart })) : [];
  return { workbookPart, workbookRelsPart, workbook, workbookRels, contentTypesPart, contentTypes, wbPrefix: rootPrefix(workbook, 'workbook'), relPrefix, sheetsEl, sheetList, definedNamesEl, definedNames, rels: relationships(workbookRels) };
}

/** The worksheet part of a sheet of the list. */
function sheetPart(pkg: Package, book: Book, s: WorkbookSheet): string | undefined {
  const rel = book.rels.find((r) => r.id === s.rid);
  return rel ? pkg.find(resolveTarget(book.workbookPart, rel.target)) : undefined;
}

/** Names of the tables of a worksheet part. */
function sheetTables(pkg: Package, part: string): { part: string; name?: string }[] {
  const relsPart = pkg.find(relsPathOf(part));
  if (!relsPart) return [];
  return relationships(pkg.text(relsPart) ?? '')
    .filter((r) => !r.external && r.type.endsWith('/table'))
    .map((r) => pkg.find(resolveTarget(part, r.target)))
    .filter((p): p is string => Boolean(p))
    .map((p) => ({ part: p, name: firstElement(pkg.text(p) ?? '', 'table')?.attrs.get('name') }));
}

/** Our sheets of an earlier run, by either marker (see ours.ts), and the defined names that mark them. */
function ourSheets(pkg: Package, book: Book): { sheets: WorkbookSheet[]; markers: XmlElement[] } {
  const markers = book.definedNames.filter((d) => (d.attrs.get('name') ?? '').toLowerCase().startsWith(OUR_SHEET_MARKER) && !d.attrs.has('localSheetId'));
  const named = new Set(markers.map((d) => referencedSheet(unescape(d.inner ?? ''))).filter((n): n is string => Boolean(n)));
  const sheets = book.sheetList.filter((s) => {
    if (named.has(s.name)) return true;
    const part = sheetPart(pkg, book, s);
    return part !== undefined && sheetTables(pkg, part).some((t) => isOurTableName(t.name));
  });
  return { sheets, markers };
}

/**
 * The parts that go with our old sheets: their rels and every part only they reach (tables, and after
 * an Excel round-trip printer settings, drawings, comments); parts others reach stay. A calculation
 * chain that lists cells of a removed sheet makes Excel "repair" the book, so it goes too (Excel
 * rebuilds it on the next calculation).
 */
function partsOfOldSheets(pkg: Package, book: Book, old: readonly WorkbookSheet[]): { parts: Set<string>; relIds: Set<string> } {
  const parts = new Set<string>();
  const relIds = new Set<string>();
  const refs = new Map<string, { relsPart: string; id: string }[]>();
  for (const relsPart of pkg.parts()) {
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsPart);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    for (const r of relationships(pkg.text(relsPart) ?? '')) {
      if (r.external) continue;
      const target = pkg.find(resolveTarget(source, r.target));
      if (target) refs.set(target, [...(refs.get(target) ?? []), { relsPart, id: r.id }]);
    }
  }
  const stillReached = (part: string) => (refs.get(part) ?? []).some((r) => !parts.has(r.relsPart) && !(r.relsPart === book.workbookRelsPart && relIds.has(r.id)));
  const queue: string[] = [];
  for (const s of old) {
    const rel = book.rels.find((r) => r.id === s.rid);
    if (!rel) continue;
    relIds.add(rel.id);
    const part = pkg.find(resolveTarget(book.workbookPart, rel.target));
    if (part) queue.push(part);
  }
  while (queue.length) {
    const part = queue.shift()!;
    if (parts.has(part) || part === book.workbookPart) continue;
    parts.add(part);
    const relsPart = pkg.find(relsPathOf(part));
    if (!relsPart) continue;
    parts.add(relsPart);
    for (const r of relationships(pkg.text(relsPart) ?? '')) {
      if (r.external) continue;
      const t = pkg.find(resolveTarget(part, r.target));
      if (t && !parts.has(t) && !stillReached(t)) queue.push(t);
    }
  }
  const removedSheetIds = new Set(old.map((s) => s.sheetId));
  const calcRel = book.rels.find((r) => r.type.endsWith('/calcChain'));
  const calcPart = calcRel && removedSheetIds.size ? pkg.find(resolveTarget(book.workbookPart, calcRel.target)) : undefined;
  if (calcRel && calcPart) {
    let sheetId = 0;
    for (const c of elements(pkg.text(calcPart) ?? '', 'c')) {
      if (c.attrs.has('i')) sheetId = Number(c.attrs.get('i'));
      if (removedSheetIds.has(sheetId)) {
        parts.add(calcPart);
        relIds.add(calcRel.id);
        break;
      }
    }
  }
  return { parts, relIds };
}

/** Names for our new sheets: never one of the user's sheets («Проверка (Окошко)» when the user has «Проверка»). */
function newSheetNames(kept: readonly WorkbookSheet[], sheets: readonly ReportSheet[]): { names: string[]; renamed: Map<string, string> } {
  const taken = new Set(kept.map((s) => s.name.toLowerCase()));
  const renamed = new Map<string, string>();
  const names = sheets.map((sh) => {
    const name = freeSheetName(sanitizeSheetName(sh.name), taken, withSuffix);
    taken.add(name.toLowerCase());
    if (name !== sh.name) renamed.set(sh.name, name);
    return name;
  });
  return { names, renamed };
}

/** Table names and ids the workbook keeps, so that ours are unique in it. */
function tablesInUse(pkg: Package, book: Book, removed: ReadonlySet<string>): { names: Set<string>; maxId: number } {
  const names = new Set<string>();
  let maxId = 0;
  for (const o of elements(book.contentTypes, 'Override')) {
    if (o.attrs.get('ContentType') !== CT_TABLE) continue;
    const part = pkg.find((o.attrs.get('PartName') ?? '').replace(/^\//, ''));
    if (!part || removed.has(part)) continue;
    const root = firstElement(pkg.text(part) ?? '', 'table');
    if (!root) continue;
    maxId = Math.max(maxId, Number(root.attrs.get('id') ?? 0));
    for (const k of ['name', 'displayName']) if (root.attrs.get(k)) names.add(root.attrs.get(k)!.toLowerCase());
  }
  for (const d of book.definedNames) if (d.attrs.get('name')) names.add(d.attrs.get('name')!.toLowerCase());
  return { names, maxId };
}

function drawSheets(sheets: readonly ReportSheet[], names: string[], renamed: Map<string, string>, taken: Set<string>, styleBook: StyleBook): DrawnSheet[] {
  return sheets.map((sh, i) => {
    let tableName: string | undefined;
    if (sh.table) {
      const base = sanitizeTableName(ourTableName(sh.table));
      tableName = base;
      for (let k = 2; taken.has(tableName.toLowerCase()); k++) tableName = `${base}_${k}`;
      taken.add(tableName.toLowerCase());
    }
    return drawSheet(sh, names[i], styleBook, renamed, tableName);
  });
}

/** What the patch adds: parts to write, relationships and content types to add, sheets and defined names for workbook.xml. */
interface Additions {
  writes: Map<string, PartText>;
  relAdds: string[];
  ctAdds: string[];
  sheetAdds: string[];
  nameAdds: string[];
}

function newParts(pkg: Package, book: Book, drawn: readonly DrawnSheet[], styleIndex: number[], kept: readonly WorkbookSheet[], removed: ReadonlySet<string>, newRelId: () => string, maxTableId: number, adds: Additions): void {
  // The smallest free numbers, so a second run reuses the first run's names.
  const occupied = new Set(pkg.parts().filter((p) => !removed.has(p)).map((p) => p.toLowerCase()));
  const freePart = (dir: string, stem: string): string => {
    for (let n = 1; ; n++) {
      const p = `${dir}/${stem}${n}.xml`;
      // A stray rels part of a missing part would become ours: skip that number too.
      if (!occupied.has(p.toLowerCase()) && !occupied.has(relsPathOf(p).toLowerCase())) {
        occupied.add(p.toLowerCase());
        return p;
      }
    }
  };
  const xlDir = book.workbookPart.split('/').slice(0, -1).join('/');
  const prefixDir = xlDir ? `${xlDir}/` : '';
  const hasRelsDefault = elements(book.contentTypes, 'Default').some((d) => (d.attrs.get('Extension') ?? '').toLowerCase() === 'rels');
  let maxSheetId = Math.max(0, ...kept.map((s) => s.sheetId));
  const rPrefix = book.relPrefix ?? 'r';
  let tableId = maxTableId;
  drawn.forEach((d, i) => {
    const part = freePart(`${prefixDir}worksheets`, 'sheet');
    const relsPart = relsPathOf(part);
    const sheetRels: string[] = [];
    for (const r of d.rels) {
      if (r.type === REL_TABLE && d.table) {
        const tablePart = freePart(`${prefixDir}tables`, 'table');
        adds.writes.set(tablePart, d.table.xml(++tableId));
        adds.ctAdds.push(`<Override PartName="/${tablePart}" ContentType="${CT_TABLE}"/>`);
        sheetRels.push(`<Relationship Id="${r.id}" Type="${REL_TABLE}" Target="../tables/${tablePart.split('/').pop()}"/>`);
      } else {
        sheetRels.push(`<Relationship Id="${r.id}" Type="${r.type}" Target="${escAttr(r.target)}" TargetMode="External"/>`);
      }
    }
    if (sheetRels.length) {
      adds.writes.set(relsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels.join('')}</Relationships>`);
      if (!hasRelsDefault) adds.ctAdds.push(`<Override PartName="/${relsPart}" ContentType="${CT_RELS}"/>`);
    }
    // Our style positions become indexes after the user's cellXfs.
    adds.writes.set(part, (emit) => d.write(styleIndex, emit));
    adds.ctAdds.push(`<Override PartName="/${part}" ContentType="${CT_WORKSHEET}"/>`);
    const rid = newRelId();
    adds.relAdds.push(`<Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="${escAttr(part.slice(prefixDir.length))}"/>`);
    adds.sheetAdds.push(`<${book.wbPrefix}sheet name="${escAttr(d.name)}" sheetId="${++maxSheetId}" ${rPrefix}:id="${rid}"/>`);
    const localId = kept.length + i;
    adds.nameAdds.push(`<${book.wbPrefix}definedName name="${OUR_SHEET_MARKER}${i + 1}" hidden="1">${escText(sheetReference(d.name, '$A$1'))}</${book.wbPrefix}definedName>`);
    adds.nameAdds.push(`<${book.wbPrefix}definedName name="_xlnm.Print_Titles" localSheetId="${localId}">${escText(sheetReference(d.name, `$${d.headerRow}:$${d.headerRow}`))}</${book.wbPrefix}definedName>`);
  });
}

/** workbook.xml: the <sheets> list, our defined names, tab indexes shifted by removed sheets. */
function editWorkbook(book: Book, old: readonly WorkbookSheet[], markers: readonly XmlElement[], drawnCount: number, adds: Additions): string {
  const { workbook, sheetsEl, definedNamesEl, definedNames, wbPrefix } = book;
  const oldIdx = new Set(old.map((s) => book.sheetList.indexOf(s)));
  const newIndexOf = (oldIndex: number): number | undefined => (oldIdx.has(oldIndex) ? undefined : book.sheetList.slice(0, oldIndex).filter((_, i) => !oldIdx.has(i)).length);
  const edits: Edit[] = [];
  for (const s of old) edits.push({ start: s.el.start, end: s.el.end, text: '' });
  const sheetsClose = innerEnd(sheetsEl);
  edits.push({ start: sheetsClose, end: sheetsClose, text: adds.sheetAdds.join('') });
  const keptNames: XmlElement[] = [];
  for (const d of definedNames) {
    const local = d.attrs.get('localSheetId');
    if (markers.includes(d) || (local !== undefined && oldIdx.has(Number(local)))) {
      edits.push({ start: d.start, end: d.end, text: '' });
      continue;
    }
    keptNames.push(d);
    if (local !== undefined && oldIdx.size) {
      const n = newIndexOf(Number(local));
      if (n !== undefined && n !== Number(local)) edits.push({ start: d.start, end: d.start + d.tag.length, text: setAttr(d.tag, 'localSheetId', String(n)) });
    }
  }
  if (definedNamesEl) {
    if (adds.nameAdds.length || keptNames.length) {
      const closeAt = definedNamesEl.inner === undefined ? undefined : innerEnd(definedNamesEl);
      if (closeAt === undefined) edits.push({ start: definedNamesEl.start, end: definedNamesEl.end, text: `<${wbPrefix}definedNames>${adds.nameAdds.join('')}</${wbPrefix}definedNames>` });
      else edits.push({ start: closeAt, end: closeAt, text: adds.nameAdds.join('') });
    } else edits.push({ start: definedNamesEl.start, end: definedNamesEl.end, text: '' });
  } else if (adds.nameAdds.length) {
    // Schema order: sheets, functionGroups, externalReferences, definedNames.
    const after = firstElement(workbook, 'externalReferences') ?? firstElement(workbook, 'functionGroups') ?? sheetsEl;
    edits.push({ start: after.end, end: after.end, text: `<${wbPrefix}definedNames>${adds.nameAdds.join('')}</${wbPrefix}definedNames>` });
  }
  if (oldIdx.size) {
    const total = book.sheetList.length - oldIdx.size + drawnCount;
    for (const v of elements(workbook, 'workbookView')) {
      let tag = v.tag;
      for (const a of ['activeTab', 'firstSheet']) {
        const cur = v.attrs.get(a);
        if (cur === undefined) continue;
        const n = newIndexOf(Number(cur)) ?? Math.min(Number(cur), Math.max(0, total - 1));
        if (n !== Number(cur)) tag = setAttr(tag, a, String(n));
      }
      if (tag !== v.tag) edits.push({ start: v.start, end: v.start + v.tag.length, text: tag });
    }
  }
  if (!book.relPrefix && drawnCount) {
    const root = new RegExp(`<${wbPrefix.replace('.', '\\.')}workbook\\b[^>]*>`).exec(workbook);
    if (root) edits.push({ start: root.index, end: root.index + root[0].length, text: root[0].replace(/>$/, ` xmlns:r="${NS_REL}">`) });
  }
  return applyEdits(workbook, edits);
}

function editRels(book: Book, relIds: ReadonlySet<string>, relAdds: readonly string[], fileName: string): string {
  const edits: Edit[] = book.rels.filter((r) => relIds.has(r.id)).map((r) => ({ start: r.el.start, end: r.el.end, text: '' }));
  const root = firstElement(book.workbookRels, 'Relationships');
  if (!root) throw new FileReadError('file_corrupt', fileName, 'связи книги повреждены');
  const close = root.inner === undefined ? undefined : innerEnd(root);
  if (close === undefined) edits.push({ start: root.start, end: root.end, text: root.tag.replace(/\s*\/>$/, '>') + relAdds.join('') + `</${root.qname}>` });
  else edits.push({ start: close, end: close, text: relAdds.join('') });
  return applyEdits(book.workbookRels, edits);
}

function editContentTypes(book: Book, removed: ReadonlySet<string>, ctAdds: readonly string[], fileName: string): string {
  const removedNames = new Set([...removed].map((p) => `/${p}`.toLowerCase()));
  const edits: Edit[] = elements(book.contentTypes, 'Override')
    .filter((o) => removedNames.has((o.attrs.get('PartName') ?? '').toLowerCase()))
    .map((o) => ({ start: o.start, end: o.end, text: '' }));
  const root = firstElement(book.contentTypes, 'Types');
  if (!root || root.inner === undefined) throw new FileReadError('file_corrupt', fileName, 'описание типов частей повреждено');
  const close = innerEnd(root);
  edits.push({ start: close, end: close, text: ctAdds.join('') });
  return applyEdits(book.contentTypes, edits);
}

/**
 * Returns the user's workbook with our report sheets added (or replaced, if an earlier run added
 * them). The input is not modified.
 */
export function patchWorkbookPackage(original: Uint8Array, sheets: readonly ReportSheet[], fileName = '', natives?: WriteNatives): Uint8Array {
  // An OLE file is an encrypted package or a legacy .xls: the sniffer says which, in Russian.
  if (sniffFileKind(original, fileName || 'книга.xlsx') !== 'xlsx') throw new FileReadError('file_corrupt', fileName, 'это не zip-архив');
  const pkg = openPackage(original, fileName, natives);
  const book = readBook(pkg, fileName);
  const { sheets: old, markers } = ourSheets(pkg, book);
  const { parts: removed, relIds } = partsOfOldSheets(pkg, book, old);
  const kept = book.sheetList.filter((s) => !old.includes(s));
  const { names, renamed } = newSheetNames(kept, sheets);
  const tables = tablesInUse(pkg, book, removed);
  const styleBook = new StyleBook();
  const drawn = drawSheets(sheets, names, renamed, tables.names, styleBook);

  const adds: Additions = { writes: new Map(), relAdds: [], ctAdds: [], sheetAdds: [], nameAdds: [] };
  const newRelId = nextRelId(book.rels.filter((r) => !relIds.has(r.id)).map((r) => r.id));
  const stylesRel = book.rels.filter((r) => !relIds.has(r.id)).find((r) => r.type === REL_STYLES);
  let stylesPart = stylesRel ? pkg.find(resolveTarget(book.workbookPart, stylesRel.target)) : undefined;
  let stylesXml = stylesPart ? pkg.text(stylesPart) : undefined;
  if (!stylesPart || stylesXml === undefined) {
    stylesPart = resolveTarget(book.workbookPart, 'styles.xml');
    stylesXml = MINIMAL_STYLES;
    adds.relAdds.push(`<Relationship Id="${newRelId()}" Type="${REL_STYLES}" Target="styles.xml"/>`);
    adds.ctAdds.push(`<Override PartName="/${stylesPart}" ContentType="${CT_STYLES}"/>`);
  }
  const { xml: newStyles, index: styleIndex } = appendStyles(stylesXml, styleBook);
  if (newStyles !== stylesXml || !pkg.has(stylesPart)) adds.writes.set(stylesPart, newStyles);
  newParts(pkg, book, drawn, styleIndex, kept, removed, newRelId, tables.maxId, adds);

  adds.writes.set(book.workbookPart, editWorkbook(book, old, markers, drawn.length, adds));
  adds.writes.set(book.workbookRelsPart, editRels(book, relIds, adds.relAdds, fileName));
  adds.writes.set(book.contentTypesPart, editContentTypes(book, removed, adds.ctAdds, fileName));
  return writePackage(pkg, removed, adds.writes, natives);
}
