import type { ZipPackage } from './package';
import { readRelationships, type Relationship } from './relationships';
import { prefixedAttribute, readXmlPart } from './xml';

export interface WorkbookSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly part: string;
}

/** What workbook.xml and its relationships say about the book: its worksheets in tab order and where its tables are. */
export interface Workbook {
  readonly date1904: boolean;
  readonly sheets: readonly WorkbookSheet[];
  readonly sharedStringsPart?: string;
  readonly stylesPart?: string;
}

/** Where Excel puts the parts; a package whose relationships leave one out is still read from there. */
const CONVENTIONAL_WORKBOOK = 'xl/workbook.xml';
const CONVENTIONAL_SHARED_STRINGS = 'xl/sharedStrings.xml';
const CONVENTIONAL_STYLES = 'xl/styles.xml';

function relatedPart(pkg: ZipPackage, relationships: readonly Relationship[], kind: string, conventional: string): string | undefined {
  const rel = relationships.find((r) => r.kind === kind);
  if (rel) return rel.target;
  return pkg.has(conventional) ? conventional : undefined;
}

/** xsd:boolean: "1" and "true" (LibreOffice writes the words). */
function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

interface SheetEntry {
  name: string | undefined;
  sheetId: string | undefined;
  state: string | undefined;
  rId: string | undefined;
}

export function readWorkbook(pkg: ZipPackage): Workbook {
  const workbookPart = relatedPart(pkg, readRelationships(pkg, ''), 'officeDocument', CONVENTIONAL_WORKBOOK);
  if (workbookPart === undefined) throw pkg.corrupt('в архиве нет книги Excel (xl/workbook.xml)');
  let date1904 = false;
  const entries: SheetEntry[] = [];
  let depth = 0;
  let inSheets = false;
  readXmlPart(pkg, workbookPart, {
    open(name, attributes) {
      depth++;
      if (depth === 2) {
        inSheets = name === 'sheets';
        if (name === 'workbookPr') date1904 = isTrue(attributes.date1904);
      } else if (depth === 3 && inSheets && name === 'sheet') {
        entries.push({ name: attributes.name, sheetId: attributes.sheetId, state: attributes.state, rId: prefixedAttribute(attributes, 'id') });
      }
    },
    text() {},
    close() {
      if (depth === 2) inSheets = false;
      depth--;
    },
  });
  const relationships = readRelationships(pkg, workbookPart);
  const byId = new Map<string, Relationship>(relationships.map((r): [string, Relationship] => [r.id, r]));
  const sheets: WorkbookSheet[] = [];
  for (const entry of entries) {
    const rel = entry.rId === undefined ? undefined : byId.get(entry.rId);
    // Chartsheets, dialog sheets and macro sheets hold no cells; a sheet whose part is missing is skipped, as exceljs skips it.
    if (!rel || rel.kind !== 'worksheet') continue;
    sheets.push({
      name: entry.name === undefined ? `sheet${entry.sheetId ?? sheets.length + 1}` : entry.name,
      hidden: entry.state === 'hidden' || entry.state === 'veryHidden',
      part: rel.target,
    });
  }
  return {
    date1904,
    sheets,
    sharedStringsPart: relatedPart(pkg, relationships, 'sharedStrings', CONVENTIONAL_SHARED_STRINGS),
    stylesPart: relatedPart(pkg, relationships, 'styles', CONVENTIONAL_STYLES),
  };
}
