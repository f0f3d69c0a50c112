import type { ZipPackage } from './package';
import { readXmlPart } from './xml';

/** A relationship of one part to another, its target resolved to a part name inside the package. */
export interface Relationship {
  readonly id: string;
  /** The last segment of the type URI (`worksheet`, `sharedStrings`), the same in transitional and strict OOXML. */
  readonly kind: string;
  readonly target: string;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself ('') → `_rels/.rels`. */
function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A target relative to its source's folder, or absolute from the package root; undefined when it leaves the package. */
export function resolveTarget(source: string, target: string): string | undefined {
  const trimmed = target.trim();
  const base = trimmed.charAt(0) === '/' ? [] : source.split('/').slice(0, -1);
  const segments = base.concat(trimmed.split('/'));
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return undefined;
      resolved.pop();
    } else {
      resolved.push(segment);
    }
  }
  return resolved.join('/');
}

/** Part names in relationships are URIs: a non-ASCII name may be percent-encoded there and not in the zip. */
function findPart(pkg: ZipPackage, name: string): string | undefined {
  if (pkg.has(name)) return name;
  try {
    const decoded = decodeURIComponent(name);
    if (decoded !== name && pkg.has(decoded)) return decoded;
  } catch {
    // not percent-encoded after all
  }
  return undefined;
}

/** The internal relationships of a part whose targets exist; none when it has no relationships part. */
export function readRelationships(pkg: ZipPackage, source: string): Relationship[] {
  const part = relationshipsPartOf(source);
  const found: Relationship[] = [];
  if (!pkg.has(part)) return found;
  let depth = 0;
  readXmlPart(pkg, part, {
    open(name, attributes) {
      depth++;
      if (depth !== 2 || name !== 'Relationship' || attributes.TargetMode === 'External') return;
      const { Id: id, Type: type, Target: target } = attributes;
      if (id === undefined || type === undefined || target === undefined) return;
      const resolved = resolveTarget(source, target);
      const existing = resolved === undefined ? undefined : findPart(pkg, resolved);
      if (existing !== undefined) found.push({ id, kind: type.slice(type.lastIndexOf('/') + 1), target: existing });
    },
    text() {},
    close() {
      depth--;
    },
  });
  return found;
}
