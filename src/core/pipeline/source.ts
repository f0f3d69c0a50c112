import type { Grid } from '../grid/grid';

/** Why a source could not be read, as its host says it: a stable code and a Russian reason. */
export interface SourceFailure {
  code: string;
  message: string;
  /** The library's own words, for logs and --json; never shown as the reason. */
  technical?: string;
}

export type SourceRead = { grid: Grid; sha256?: string } | { failure: SourceFailure };

/**
 * A workbook or table given to the pipeline: a file on disk, a file chosen in the browser, or the open
 * Excel workbook. The pipeline reads it when it needs it, so a host can release each grid after use.
 */
export interface SourceInput {
  /** Stable key: a path on disk, or a name with its folder or content hash in the browser. */
  id: string;
  /** As the user knows it: a path relative to where they work, or the file's name with its folder. */
  name: string;
  /** The folder it came from: results are checked against the registers of their folder. */
  folder?: string;
  /** The open Excel workbook: its issues' cells can be selected, the report links into it. */
  open?: boolean;
  /** `report`: a copy of a book Okoshko wrote into; it is not a form, only its plan sheets are read back. */
  role?: 'report';
  /** `headRows`: only the first rows are needed (to tell the template); a host may give more. */
  read(headRows?: number): SourceRead | Promise<SourceRead>;
}

/** What stays of a source once read: how to name it. */
export interface SourceRef {
  id: string;
  name: string;
  folder?: string;
  open?: boolean;
  sha256?: string;
}


/** A source already in memory (the open workbook, a chosen file, a test's grid). */
export function sourceOfGrid(name: string, grid: Grid, options: { id?: string; folder?: string; open?: boolean; sha256?: string } = {}): SourceInput {
  return { id: options.id ?? name, name, folder: options.folder, open: options.open, read: () => ({ grid, sha256: options.sha256 }) };
}

/** A source that could not be read at all. */
export function unreadableSource(name: string, failure: SourceFailure, options: { id?: string; folder?: string } = {}): SourceInput {
  return { id: options.id ?? name, name, folder: options.folder, read: () => ({ failure }) };
}

/** The year a path or name states (a folder «2025», a file «впр-2024.xlsx»): the last one written. */
export function yearOfPath(name: string): number | undefined {
  const pattern = /(?:^|[^0-9])((?:19|20)\d\d)(?=[^0-9]|$)/g;
  let year: number | undefined;
  for (let m = pattern.exec(name); m; m = pattern.exec(name)) year = Number(m[1]);
  return year;
}

/** A copy of a book Okoshko wrote into (`книга.okoshko.xlsx`): read for its plans, never checked as a form. */
export function isReportCopyName(name: string): boolean {
  return /\.okoshko\.xls[xm]$/i.test(name);
}
