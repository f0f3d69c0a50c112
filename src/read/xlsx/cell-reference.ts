/** A1 references as a sheet's XML holds them, read by hand: a sheet has millions of them. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const A = 65;
const Z = 90;
const LOWER = 32;
const ZERO = 48;
const NINE = 57;
const DOLLAR = 36;

/** Where the column letters of a reference end, past an optional `$`; the letters start at `start`. */
function lettersEnd(ref: string, start: number): number {
  let i = start;
  while (i < ref.length) {
    const ch = ref.charCodeAt(i) & ~LOWER;
    if (ch < A || ch > Z) break;
    i++;
  }
  return i;
}

function start(ref: string): number {
  return ref.charCodeAt(0) === DOLLAR ? 1 : 0;
}

/** 0-based column of `B7`, `$B$7` or `b7`; -1 when the reference is malformed or beyond XFD. */
export function columnIndex(ref: string): number {
  const from = start(ref);
  const end = lettersEnd(ref, from);
  if (end === from || end - from > 3) return -1;
  let col = 0;
  for (let i = from; i < end; i++) col = col * 26 + ((ref.charCodeAt(i) & ~LOWER) - A + 1);
  if (rowIndex(ref) < 0) return -1;
  return col <= MAX_COLUMNS ? col - 1 : -1;
}

/** 0-based row of `B7` (or of a bare row number `7`, as `<row r>` has it); -1 when malformed or beyond 1048576. */
export function rowIndex(ref: string): number {
  let i = lettersEnd(ref, start(ref));
  if (ref.charCodeAt(i) === DOLLAR) i++;
  if (i >= ref.length) return -1;
  let row = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < ZERO || ch > NINE) return -1;
    row = row * 10 + (ch - ZERO);
    if (row > MAX_ROWS) return -1;
  }
  return row >= 1 ? row - 1 : -1;
}
