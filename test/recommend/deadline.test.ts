import { describeDeadline, formatDateRu, isIsoDate, isoDate, resolveDeadline, type Deadline } from '../../src/core/recommend/deadline';
import { fixture, localDate } from './fixtures';

const { cases } = fixture<{ cases: { report: string; deadline: Deadline; iso: string; ru: string }[] }>('deadlines.json');

describe('deadlines of recommendations', () => {
  it.each(cases.map((c) => [c.report, JSON.stringify(c.deadline), c] as const))('from %s, %s', (_report, _deadline, c) => {
    const iso = resolveDeadline(c.deadline, localDate(c.report));
    expect(iso).toBe(c.iso);
    expect(formatDateRu(iso)).toBe(c.ru);
  });

  it('reads the report date as a local calendar date, whatever the hour', () => {
    expect(isoDate(new Date(2025, 8, 15, 23, 59))).toBe('2025-09-15');
    expect(resolveDeadline({ relative: { days: 1 } }, new Date(2025, 8, 15, 0, 0, 1))).toBe('2025-09-16');
  });

  it('knows which ISO dates exist', () => {
    expect(['2024-02-29', '2025-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2025-02-29', '2026-02-30', '2025-13-01', '2025-00-10', '20.12.2026', '2025-1-1'].map(isIsoDate)).toEqual([false, false, false, false, false, false]);
  });

  it('shows what is not an ISO date as it is, and describes a deadline in Russian', () => {
    expect(formatDateRu('декабрь')).toBe('декабрь');
    expect(describeDeadline({ date: '2026-12-20' })).toBe('до 20.12.2026');
    expect(describeDeadline({ relative: { months: 3 } })).toBe('3 мес. от даты отчёта');
    expect(describeDeadline({ relative: { months: 1, days: 10 } })).toBe('1 мес. 10 дн. от даты отчёта');
  });
});
