/** Phrases the explanations, the recommendations and the reports share, written once. */

/** A value in an explanation: numbers to one decimal with a decimal comma and the unit, booleans as «да» / «нет», a list joined. */
export function formatValue(v: unknown, unit?: string): string {
  if (typeof v === 'number') {
    const text = String(Math.round(v * 10) / 10).replace('.', ',');
    return unit ? `${text} ${unit}` : text;
  }
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (v === null || v === undefined) return 'нет данных';
  if (Array.isArray(v)) return v.map((x) => formatValue(x, unit)).join('; ');
  return String(v);
}


/** A unit's part of a total: «24 из 88 чел.». */
export function partOfTotal(part: number, total: number, unit?: string): string {
  return `${formatValue(part)} из ${formatValue(total, unit)}`;
}
