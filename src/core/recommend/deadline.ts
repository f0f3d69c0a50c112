/**
 * Deadlines of recommendations: a fixed date, or months and days from the report date. Dates are
 * calendar dates: the report date is read in local time (an official's «today»), the result is an ISO
 * date (2026-03-31) shown to readers as 31.03.2026.
 */

/** A recommendation's deadline as the catalogue writes it. */
export type Deadline = { date: string } | { relative: { months?: number; days?: number } };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether the text is an existing calendar date written ГГГГ-ММ-ДД. */
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The local calendar date of a moment, as ГГГГ-ММ-ДД. */
export function isoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The deadline as an ISO date. Months go first and keep the day of the month, or take the month's
 * last day when it is shorter (31 January + 1 month = 28 or 29 February); days are added after.
 */
export function resolveDeadline(deadline: Deadline, reportDate: Date): string {
  if ('date' in deadline) return deadline.date;
  const { months = 0, days = 0 } = deadline.relative;
  const total = reportDate.getFullYear() * 12 + reportDate.getMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(reportDate.getDate(), daysInMonth(year, month));
  const end = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return `${pad(end.getUTCFullYear(), 4)}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** ДД.ММ.ГГГГ for an ISO date; anything else is returned as it is. */
export function formatDateRu(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** The deadline as a Russian phrase, for messages: «до 20.12.2026», «3 мес. от даты отчёта». */
export function describeDeadline(deadline: Deadline): string {
  if ('date' in deadline) return `до ${formatDateRu(deadline.date)}`;
  const parts = [deadline.relative.months ? `${deadline.relative.months} мес.` : '', deadline.relative.days ? `${deadline.relative.days} дн.` : ''].filter(Boolean);
  return `${parts.join(' ') || '0 дн.'} от даты отчёта`;
}
