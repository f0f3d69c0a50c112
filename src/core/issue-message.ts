import type { ColumnSpec } from './template';

export { formatNumber } from './messages/numbers';
export { ISSUE_TITLES, rangeText } from './messages/issues';

/** A column's title as an official reads it: «Количество отметок — 2» for a column under a group header. */
export function columnTitle(c: ColumnSpec): string {
  return c.group ? `${c.group} — ${c.header}` : c.header;
}
