import fc from 'fast-check';
import { readMark } from '../../src/core/cycle/execution-mark';
import { mergeExecution } from '../../src/core/cycle/execution';
import { readPlans } from '../../src/core/cycle/plan-readback';
import type { CellValue, Grid } from '../../src/core/grid/grid';

/** «Отметка о выполнении» as officials type it, and plans found by their headers whatever the user did to the sheet. */

const SAID: Record<'done' | 'partly' | 'not_done', string[]> = {
  done: ['выполнено', 'Выполнено.', 'исполнено', '+', 'да', 'сделано', 'проведено'],
  partly: ['выполнено частично', 'Частично выполнено', 'частично', 'в работе', 'в процессе'],
  not_done: ['не выполнено', 'Не исполнено', 'нет', '-', 'не проведено'],
};

const casing = (s: string, flips: boolean[]) => Array.from(s).map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');

describe('an execution mark', () => {
  it('reads every phrase of each status whatever its case, spacing and closing punctuation', () => {
    const phrase = fc.constantFrom(...(Object.entries(SAID) as [keyof typeof SAID, string[]][]).flatMap(([status, xs]) => xs.map((x) => [status, x] as const)));
    fc.assert(
      fc.property(phrase, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.constantFrom('', ' ', '  '), fc.constantFrom('', '.', '!', ';'), ([status, text], flips, pad, end) => {
        expect(readMark(`${pad}${casing(text, flips)}${end}${pad}`).status).toBe(status);
      }),
    );
  });

  it('never reads a negated phrase as carried out', () => {
    fc.assert(fc.property(fc.constantFrom(...SAID.done.filter((x) => /^[а-я]/i.test(x))), (word) => expect(readMark(`не ${word}`).status).not.toBe('done')));
  });

  it('takes a date, alone or after the word, as carried out on that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }), fc.constantFrom('', 'выполнено ', 'Выполнено от '), (d, before) => {
        const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
        const text = `${before}${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
        expect(readMark(text)).toEqual({ status: 'done', date: day });
      }),
    );
    expect(readMark(new Date(Date.UTC(2025, 2, 14)))).toEqual({ status: 'done', date: new Date(Date.UTC(2025, 2, 14)) });
    expect(readMark('31.02.2025').status).toBe('unrecognised');
  });

  it('leaves anything else unrecognised and never throws', () => {
    expect(readMark('перенесено на 2025 год').status).toBe('unrecognised');
    expect(readMark(45000).status).toBe('unrecognised');
    expect(readMark({ error: '#N/A' }).status).toBe('unrecognised');
    expect(readMark(null).status).toBe('blank');
    expect(readMark('   ').status).toBe('blank');
    fc.assert(fc.property(fc.string(), (s) => expect(['done', 'partly', 'not_done', 'blank', 'unrecognised']).toContain(readMark(s).status)));
  });
});

const HEADER = ['№', 'Муниципалитет', 'ОО', 'Адресат', 'Основание', 'Рекомендация', 'Срок', 'Ответственный', 'Ожидаемый результат', 'Отметка о выполнении', 'Код'];
const row = (n: number, school: string, measure: string, mark: CellValue, code: string): CellValue[] => [n, 'Заречный район', school, 'Школа (директор)', '', measure, '30.09.2024', 'директор', '', mark, code];

function book(name: string, rows: CellValue[][]): Grid {
  return { sheets: [{ name, hidden: false, merges: [], rows }] };
}

describe('a plan read back', () => {
  it('is found by its headers on a renamed sheet, matched by code after sorting, and warns of an unrecognised mark with its cell', () => {
    const grid = book('План 2024', [
      ['Окошко: год 2024; параметры «X» 1.0; дата отчёта 02.09.2024'],
      HEADER,
      row(2, 'СОШ № 2 (sch2)', 'Провести аудит', 'не выполнено', 'audit@sch2'),
      row(1, 'СОШ № 1 (sch1)', 'Провести аудит', 'выполнено 12.03.2025', 'audit@sch1'),
      row(3, 'СОШ № 3 (sch3)', 'Провести аудит', 'перенесли', 'audit@sch3'),
      [null, null, null, null, null, null, null, null, null, 'да', null],
    ]);
    const { plans, issues } = readPlans(grid, 'отчёт.xlsx');
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ sheet: 'План 2024', year: 2024 });
    expect(plans[0].marks.map((m) => [m.key, m.recommendationId, m.schoolId, m.status, m.deadline, m.at.cell])).toEqual([
      ['audit@sch2', 'audit', 'sch2', 'not_done', '2024-09-30', 'J3'],
      ['audit@sch1', 'audit', 'sch1', 'done', '2024-09-30', 'J4'],
      ['audit@sch3', 'audit', 'sch3', 'unrecognised', '2024-09-30', 'J5'],
    ]);
    expect(plans[0].marks[1].date).toBe('2025-03-12');
    expect(issues.map((i) => [i.code, i.sheet, i.cell, i.value])).toEqual([
      ['mark_unrecognised', 'План 2024', 'J5', 'перенесли'],
      ['mark_without_measure', 'План 2024', 'J6', 'да'],
    ]);
    expect(issues[0].message).toContain('«перенесли» не распознана');
  });

  it('reads a plan without our code column or stamp by school and text, taken for last year', () => {
    const grid = book('Лист1', [
      ['Рекомендация', 'ОО', 'Отметка'],
      ['Провести аудит', 'СОШ № 1 (sch1)', '+'],
    ]);
    const { plans } = readPlans(grid, 'свой.xlsx');
    expect(plans[0].year).toBeUndefined();
    expect(plans[0].marks[0]).toMatchObject({ key: 'text:сош № 1 (sch1)|провести аудит', schoolId: 'sch1', status: 'done' });
    expect(plans[0].marks[0].recommendationId).toBeUndefined();
    expect(mergeExecution(plans, 2025)!.year).toBe(2024);
  });

  it('finds nothing in a form', () => {
    expect(readPlans(book('ВПР', [['Код ОО', 'Класс', 'Предмет'], ['sch1', 5, 'Математика']]), 'впр.xlsx').plans).toEqual([]);
  });

  it('merges the books it came back in: a blank filled elsewhere is no conflict, two statuses are', () => {
    const region = readPlans(book('Адресные рекомендации', [['Окошко: год 2024'], HEADER, row(1, 'СОШ (sch1)', 'А', null, 'a@sch1'), row(2, 'СОШ (sch2)', 'Б', 'выполнено', 'b@sch2')]), 'регион.xlsx');
    const municipal = readPlans(book('Адресные рекомендации', [['Окошко: год 2024'], HEADER, row(1, 'СОШ (sch1)', 'А', 'частично', 'a@sch1'), row(2, 'СОШ (sch2)', 'Б', 'не выполнено', 'b@sch2')]), 'мо.xlsx');
    const thisYear = readPlans(book('Адресные рекомендации', [['Окошко: год 2025'], HEADER, row(1, 'СОШ (sch1)', 'А', 'нет', 'a@sch1')]), 'новый.xlsx');
    const merged = mergeExecution([...region.plans, ...municipal.plans, ...thisYear.plans], 2025)!;
    expect(merged.year).toBe(2024);
    expect(merged.plans.map((p) => p.source)).toEqual(['регион.xlsx', 'мо.xlsx']);
    expect(Object.fromEntries(merged.measures.map((m) => [m.key, m.status]))).toEqual({ 'a@sch1': 'partly', 'b@sch2': 'conflict' });
    expect(merged.conflicts.map((m) => m.marks.map((x) => `${x.at.source}!${x.at.cell}`))).toEqual([['регион.xlsx!J4', 'мо.xlsx!J4']]);
    expect(mergeExecution(thisYear.plans, 2025)).toBeUndefined();
  });
});
