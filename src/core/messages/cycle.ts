import type { Appendices, Appendix, AppendixRemoved } from '../cycle/appendices';
import type { ExecutionStatus, MeasureExecution } from '../cycle/execution';
import type { ExecutionTotals } from '../pipeline/summary';
import type { ListChangeKind, ListTotals } from '../cycle/list-changes';
import type { EffectGroup } from '../cycle/measure-effect';
import type { AddressedRecommendation } from '../recommend/address';
import { formatDateRu } from '../recommend/deadline';
import { plural } from './numbers';

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

export const EXECUTION_STATUS: Record<ExecutionStatus, string> = {
  done: 'выполнено',
  partly: 'выполнено частично',
  not_done: 'не выполнено',
  blank: 'нет отметки',
  unrecognised: 'отметка не распознана',
  conflict: 'отметки противоречат друг другу',
};

/** «Повторно: в плане 2024 года со сроком 30.09.2024, отметка «не выполнено».» */
export function repeatText(r: NonNullable<AddressedRecommendation['repeat']>): string {
  return `Повторно: в плане ${r.year} года${r.deadline ? ` со сроком ${formatDateRu(r.deadline)}` : ''}, отметка «${r.mark}».`;
}

/** «улучшение у 8 из 12 (67 %)». */
export function effectText(g: EffectGroup): string {
  return g.schools ? `улучшение у ${g.improved} из ${g.schools} (${Math.round((100 * g.improved) / g.schools)} %)` : 'нет таких школ';
}

/** «Отметки о выполнении плана 2024 года: 898 мероприятий из 4 книг — выполнено 50, …; повторно в плане 2025 года: 30». */
export function executionLine(t: ExecutionTotals, year: number): string {
  const counts = (Object.keys(EXECUTION_STATUS) as ExecutionStatus[]).filter((s) => t.counts[s]).map((s) => `${EXECUTION_STATUS[s]} ${t.counts[s]}`);
  return (
    `Отметки о выполнении плана ${t.year} года: ${plural(t.measures, 'мероприятие', 'мероприятия', 'мероприятий')} из ${plural(t.books, 'книги', 'книг', 'книг')} — ${counts.join(', ')}; ` +
    `повторно в плане ${year} года: ${t.repeated}`
  );
}

/** «Проверка» note of a measure whose marks disagree. */
export function conflictText(m: MeasureExecution): string {
  const where = m.marks.filter((x) => x.status !== 'blank').map((x) => `«${x.raw}» (${x.at.source}, ${x.at.sheet}!${x.at.cell})`);
  return `Отметки о выполнении мероприятия «${m.measure}» (${m.school || m.municipality}) противоречат друг другу: ${where.join('; ')} — мероприятие считается без отметки`;
}

export const APPENDIX_CHANGE: Record<'new' | 'stayed', string> = { new: 'включена впервые', stayed: 'остаётся в перечне' };

const COMPARED: Record<Appendix['comparedWith'], (prevYear: number) => string> = {
  approved: (y) => `против перечня, утверждённого в ${y} году`,
  classification: (y) => `против классификации ${y} года`,
  none: () => 'перечня прошлого года нет',
};

/** «40 ОО: включены впервые 2, остаются 38, исключены 2 — против перечня, утверждённого в 2024 году». */
export function appendixTotalsText(a: Appendix, prevYear: number): string {
  const fresh = a.schools.filter((s) => s.change === 'new').length;
  const counts = a.comparedWith === 'none' ? '' : `: включены впервые ${fresh}, остаются ${a.schools.length - fresh}, исключены ${a.removed.length}`;
  return `${plural(a.schools.length, 'ОО', 'ОО', 'ОО')}${counts} — ${COMPARED[a.comparedWith](prevYear)}`;
}

/** «исключена: в 2025 году условия перечня не выполняются». */
export function removedText(r: AppendixRemoved, year: number): string {
  return r.classified ? `исключена: в ${year} году условия перечня не выполняются` : `исключена: ОО нет в реестре ${year} года`;
}

/** «Перечни к приказу: ШНОР — 40 ОО: …; согласовано МОУО 12 из 40». */
export function appendicesLine(a: Appendices): string {
  return `Перечни к приказу: ${a.lists
    .map((l) => {
      const agreed = l.schools.filter((s) => s.agreement?.status === 'done').length;
      const marked = l.schools.filter((s) => s.agreement && s.agreement.status !== 'blank').length;
      return `${l.label} — ${appendixTotalsText(l, a.prevYear)}${marked ? `; согласовано МОУО ${agreed} из ${l.schools.length}` : ''}`;
    })
    .join('; ')}`;
}
