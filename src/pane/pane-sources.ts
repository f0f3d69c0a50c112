import type { Grid } from '../core/grid/grid';
import { isReportCopyName, type SourceFailure, type SourceInput } from '../core/pipeline/source';

/**
 * The workbooks the pane works on: the open workbook in Excel and the files the user chose. A file is
 * known by its folder (when the browser gives one), its name and its content, so that two files named
 * vpr.xlsx from 2024 and 2025 are both kept, and the same file chosen twice is kept once.
 */
export interface PaneSource {
  key: string;
  name: string;
  /** The folder the file came from, when it was chosen or dropped with its folder. */
  folder?: string;
  open?: boolean;
  grid?: Grid;
  /** The file could not be read: it stays in the list with its reason and goes into «Проверка». */
  failure?: SourceFailure;
}

/** FNV-1a over the bytes: tells files of the same name apart; equal hashes are compared byte for byte before a file counts as added twice. */
export function contentHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${bytes.length.toString(36)}-${h.toString(36)}`;
}

export function sourceKey(name: string, folder: string | undefined, bytes: Uint8Array): string {
  return `${folder ?? ''}/${name}#${contentHash(bytes)}`;
}

/** What the user reads for a source: the open workbook, folder/name, or name (2) when another file of that name has no folder to tell them apart. */
export function shownNames(sources: readonly PaneSource[]): Map<string, string> {
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const s of sources) {
    const base = s.open ? 'Открытая книга' : s.folder ? `${s.folder}/${s.name}` : s.name;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    names.set(s.key, n > 1 ? `${base} (${n})` : base);
  }
  return names;
}

/** The pane's sources as the pipeline takes them. */
export function sourceInputs(sources: readonly PaneSource[]): SourceInput[] {
  const names = shownNames(sources);
  return sources.map((s) => ({
    id: s.key,
    name: names.get(s.key)!,
    ...(s.folder !== undefined && { folder: s.folder }),
    ...(s.open && { open: true }),
    // A copy of a book Okoshko wrote into, as the command line names it: last year's plan, not a form.
    ...(!s.open && isReportCopyName(s.name) && { role: 'report' as const }),
    read: () => (s.grid ? { grid: s.grid } : { failure: s.failure ?? { code: 'file_unreadable', message: 'Файл не удалось прочитать' } }),
  }));
}
