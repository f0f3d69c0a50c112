/** Numbers and counted words as a Russian reader writes them, the same in the CLI, the pane and the report sheets. */

/** Decimal comma, at most two decimals: 12,35. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/**
 * The word that goes with n: one («1 ошибка», «21 ошибка»), few («3 ошибки»), many («5 ошибок», «12
 * ошибок»). Written out because Intl.PluralRules is missing in the IE11 webview.
 */
export function pluralWord(n: number, one: string, few: string, many: string): string {
  const m10 = Math.abs(n) % 10;
  const m100 = Math.abs(n) % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** «3 ошибки». */
export function plural(n: number, one: string, few: string, many: string): string {
  return `${n} ${pluralWord(n, one, few, many)}`;
}

/** A value of an indicator in a sentence: numbers with a decimal comma, blanks as «пусто», booleans as «да» / «нет». */
export function valueText(v: string | number | boolean | null | undefined): string {
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return 'пусто';
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  return String(v);
}
