import type { ListChangeKind, ListTotals } from '../cycle/list-changes';

/** The Russian words of last year's lists against this year's, in one place. */

export const LIST_CHANGE: Record<ListChangeKind, string> = { stayed: 'остаётся в списке', left: 'вышла из списка', new: 'впервые в списке' };

/** «было 40, стало 38: остались 35, вышли 5, новых 3». */
export function listTotalsText(t: ListTotals): string {
  return `было ${t.before}, стало ${t.after}: остались ${t.stayed}, вышли ${t.left}, новых ${t.new}`;
}

/** «Списки 2024 → 2025 года: ШНОР — было 40, стало 38: …». */
export function listChangesLine(prevYear: number, year: number, totals: readonly ListTotals[]): string {
  return `Списки ${prevYear} → ${year} года: ${totals.map((t) => `${t.list} — ${listTotalsText(t)}`).join('; ')}`;
}

/** «по формам 2023–2024 годов» — what last year's lists were computed from. */
export function yearsReadText(years: readonly number[]): string {
  if (!years.length) return '';
  return years.length === 1 ? `по формам ${years[0]} года` : `по формам ${years[0]}–${years[years.length - 1]} годов`;
}
