import type { ColumnSpec } from '../../src/core/template/template';
import { columnTyping, parseNumberText, typeCell } from '../../src/core/validate/value';

const t = (column: Partial<ColumnSpec> & Pick<ColumnSpec, 'type'>, raw: Parameters<typeof typeCell>[0], percentFormatted = false) =>
  typeCell(raw, columnTyping({ code: 'x', header: 'X', ...column }), percentFormatted);

describe('typing a cell by its indicator', () => {
  it('reads decimal commas, spaces between thousands and numbers stored as text', () => {
    expect(parseNumberText('4,5')).toBe(4.5);
    expect(parseNumberText('1 234,5')).toBe(1234.5);
    expect(parseNumberText(' 12 ')).toBe(12);
    expect(parseNumberText('12 чел')).toBeUndefined();
    expect(t({ type: 'number' }, '0,25')).toEqual({ ok: true, value: 0.25 });
    expect(t({ type: 'integer' }, '25')).toEqual({ ok: true, value: 25 });
  });

  it('rejects text in a number cell and a fraction in an integer cell', () => {
    expect(t({ type: 'integer' }, 'двадцать')).toEqual({ ok: false, problem: 'type' });
    expect(t({ type: 'integer' }, 2.5)).toEqual({ ok: false, problem: 'type' });
    expect(t({ type: 'number' }, '25 %')).toEqual({ ok: false, problem: 'type' });
  });

  it('reads percentages written as «25 %», 25, or as a percent-formatted fraction', () => {
    expect(t({ type: 'percent' }, '25 %')).toEqual({ ok: true, value: 25 });
    expect(t({ type: 'percent' }, '12,5%')).toEqual({ ok: true, value: 12.5 });
    expect(t({ type: 'percent' }, 25)).toEqual({ ok: true, value: 25 });
    expect(t({ type: 'percent' }, 0.25, true)).toEqual({ ok: true, value: 25 });
    expect(t({ type: 'percent', percentInput: 'fraction' }, '0,25')).toEqual({ ok: true, value: 25 });
  });

  it('reads да/нет in any case and rejects other words', () => {
    expect(t({ type: 'boolean' }, 'Да')).toEqual({ ok: true, value: true });
    expect(t({ type: 'boolean' }, ' НЕТ ')).toEqual({ ok: true, value: false });
    expect(t({ type: 'boolean' }, true)).toEqual({ ok: true, value: true });
    expect(t({ type: 'boolean' }, 'может быть')).toEqual({ ok: false, problem: 'type' });
  });

  it('matches list values regardless of case, «ё» and spaces, returning the canonical value', () => {
    const list = { type: 'list' as const, values: ['Русский язык', 'Математика'] };
    expect(t(list, '  русский   ЯЗЫК ')).toEqual({ ok: true, value: 'Русский язык' });
    expect(t(list, 'Матем.')).toEqual({ ok: false, problem: 'type' });
  });

  it('reads dates as Date cells, dd.mm.yyyy, ISO text and Excel serials', () => {
    expect(t({ type: 'date' }, new Date(Date.UTC(2025, 3, 15)))).toEqual({ ok: true, value: '2025-04-15' });
    expect(t({ type: 'date' }, '15.04.2025')).toEqual({ ok: true, value: '2025-04-15' });
    expect(t({ type: 'date' }, '2025-04-15')).toEqual({ ok: true, value: '2025-04-15' });
    expect(t({ type: 'date' }, 45762)).toEqual({ ok: true, value: '2025-04-15' });
    expect(t({ type: 'date' }, '31.02.2025')).toEqual({ ok: false, problem: 'type' });
  });

  it('checks a school id against its pattern', () => {
    expect(t({ type: 'school_id', pattern: '^sch\\d{6}$' }, 'sch123456')).toEqual({ ok: true, value: 'sch123456' });
    expect(t({ type: 'school_id', pattern: '^sch\\d{6}$' }, 'школа 5')).toEqual({ ok: false, problem: 'type' });
    expect(t({ type: 'school_id', pattern: '^\\d+$' }, 5093)).toEqual({ ok: true, value: '5093' });
  });

  it('tells an Excel error value from a wrong type', () => {
    expect(t({ type: 'number' }, { error: '#DIV/0!' })).toEqual({ ok: false, problem: 'excel_error' });
  });

  it('types a blank cell as missing, leaving its meaning to the template', () => {
    expect(t({ type: 'integer' }, '   ')).toEqual({ ok: true, value: null });
    expect(t({ type: 'integer' }, null)).toEqual({ ok: true, value: null });
  });
});
