import { formatCount } from '../limits';
import { FileReadError } from '../read-error';
import { unescapeXString } from './ooxml-string';
import type { ZipPackage } from './package';
import { readXmlPart } from './xml';

/**
 * The shared strings table: each `<si>` as its plain text, rich runs joined and phonetic guides
 * (`<rPh>`) left out. An `<si>` with neither text nor runs is null, as exceljs reads it (a blank
 * cell), while an empty `<t/>` is the empty string.
 */
export function readSharedStrings(pkg: ZipPackage, part: string): (string | null)[] {
  const strings: (string | null)[] = [];
  const maxLength = pkg.limits.textLength;
  let depth = 0;
  let inItem = false;
  let inRun = false;
  let item: string | null = null;
  /** Depth of the `<t>` being read, whose text is unescaped once whole. */
  let textDepth = -1;
  let text = '';
  readXmlPart(pkg, part, {
    open(name) {
      depth++;
      if (depth === 2) {
        inItem = name === 'si';
        item = null;
      } else if (!inItem) {
        return;
      } else if (depth === 3) {
        if (name === 't') {
          textDepth = 3;
          text = '';
        } else if (name === 'r') {
          inRun = true;
          item = item ?? '';
        }
      } else if (depth === 4 && inRun && name === 't') {
        textDepth = 4;
        text = '';
      }
    },
    text(value) {
      if (depth === textDepth) text += value;
    },
    close() {
      if (depth === textDepth) {
        item = (item ?? '') + unescapeXString(text);
        if (item.length > maxLength) {
          throw new FileReadError('file_limit', pkg.fileName, `общая строка ${strings.length + 1} длиннее ${formatCount(maxLength)} символов`);
        }
        textDepth = -1;
      }
      if (depth === 3) inRun = false;
      if (depth === 2 && inItem) {
        strings.push(item);
        inItem = false;
      }
      depth--;
    },
  });
  return strings;
}
