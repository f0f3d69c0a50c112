import type { Grid } from '../../src/core/grid/grid';
import { ISSUE_CODES } from '../../src/core/validate/issue';
import { METADATA_SHEET } from '../../src/core/template/template';
import { registerSchools, validateAgainst, validateSubmission } from '../../src/core/validate/validate';
import { gridFixture, jsonFixture } from '../helpers/grid-fixture';
import { bundledTemplate, bundledTemplates } from '../helpers/templates';

const schools = registerSchools(validateAgainst(gridFixture('register-clean.json'), bundledTemplate('register')));

describe('validating a submission against its template', () => {
  it('accepts a clean register, typing «1 204», «Нет», «ДА» and blanks that mean zero', () => {
    const result = validateAgainst(gridFixture('register-clean.json'), bundledTemplate('register'));
    expect(result.issues).toEqual([]);
    const [a, b, c] = result.sheets[0].records.map((r) => r.values);
    expect(c.pupils).toBe(1204);
    expect(c.lyceum_gymnasium).toBe(true);
    expect(c.small_school).toBe(false);
    expect(b.difficult_families).toBe(0);
    expect(a.share_ovz).toBeCloseTo((100 * 12) / 820);
    expect([...schools]).toEqual(['sch000001', 'sch000002', 'sch000003']);
  });

  it('binds a two-row merged header with reordered columns, line breaks, «ё» and odd case', () => {
    const result = validateAgainst(gridFixture('vpr-merged-header.json'), bundledTemplate('vpr'), { knownSchools: schools });
    expect(result.issues).toEqual([]);
    const vpr = result.sheets[0].records;
    expect(vpr).toHaveLength(3);
    expect(vpr[0].row).toBe(3);
    expect(vpr[0].values).toMatchObject({ school_id: 'sch000001', grade: 4, n5: 20, n2: 6, raised: 6, participants: 76 });
    expect(vpr[0].values.share_2).toBeCloseTo((100 * 6) / 76);
    expect(vpr[0].values.sou).toBeCloseTo((100 * (20 + 0.64 * 30 + 0.36 * 20 + 0.16 * 6)) / 76);
    const tasks = result.sheets[1].records.map((r) => r.values);
    expect(tasks[0].school_rate).toBe(81.5);
    expect(tasks[1].school_rate).toBeCloseTo(35);
    expect(tasks[1].rate_gap).toBeCloseTo(-6);
  });

  it('takes ГВЭ, the other form of ГИА, as an observed procedure beside ОГЭ and ЕГЭ', () => {
    const result = validateAgainst(gridFixture('observation-gve.json'), bundledTemplate('observation'), { knownSchools: schools });
    expect(result.issues).toEqual([]);
    expect(result.sheets[0].records.map((r) => [r.values.procedure, r.values.observer_present])).toEqual([['ОГЭ', true], ['ГВЭ', true], ['ГВЭ', false]]);
  });

  it('finds exactly the planted problem of each row, at its cell, with its code', () => {
    const expected = jsonFixture<{ code: string; cell: string }[]>('vpr-row-errors.expected.json');
    const result = validateAgainst(gridFixture('vpr-row-errors.json'), bundledTemplate('vpr'), { knownSchools: schools });
    expect(result.issues.map((i) => ({ code: i.code, cell: i.cell }))).toEqual(expected);
    for (const i of result.issues) {
      expect(i.sheet).toBe('ВПР');
      expect(i.severity).toBe('error');
      expect(i.message).toMatch(/[А-Яа-я]/);
    }
  });

  it('explains a failed cross-field check with the values involved', () => {
    const result = validateAgainst(gridFixture('vpr-row-errors.json'), bundledTemplate('vpr'), { knownSchools: schools });
    const check = result.issues.find((i) => i.code === 'check_failed' && i.check === 'marks_sum')!;
    expect(check.message).toBe('Сумма отметок «2»–«5» должна равняться числу участников (Получили отметку — «2» = 5; Получили отметку — «3» = 10; Получили отметку — «4» = 10; Получили отметку — «5» = 6; Участников = 28)');
  });

  it('keeps rows with errors but marks them, and skips checks over invalid values', () => {
    const result = validateAgainst(gridFixture('vpr-row-errors.json'), bundledTemplate('vpr'), { knownSchools: schools });
    const records = result.sheets[0].records;
    const textual = records.find((r) => r.row === 3)!;
    expect(textual.hasErrors).toBe(true);
    expect(textual.values.participants).toBeNull();
    expect(records.find((r) => r.row === 2)!.hasErrors).toBe(false);
  });

  it('reports missing, duplicate and unknown columns at their header cells', () => {
    const grid: Grid = { sheets: [{ name: 'Реестр ОО', hidden: false, merges: [], rows: [
      ['Код ОО', 'Наименование ОО', 'Тип местности', 'Малокомплектная', 'Лицей / гимназия', 'Обучающихся всего', 'Примечание', 'Обучающихся всего'],
      ['sch000001', 'Школа', 'город', 'нет', 'нет', 100, 'ок', 100],
    ] }] };
    const issues = validateAgainst(grid, bundledTemplate('register')).issues;
    expect(issues.map((i) => [i.code, i.severity, i.cell ?? i.indicator])).toEqual([
      ['column_missing', 'error', 'municipality'],
      ['column_missing', 'warning', 'pupils_ovz'],
      ['column_missing', 'warning', 'non_native'],
      ['column_missing', 'warning', 'difficult_families'],
      ['column_duplicate', 'error', 'H1'],
      ['column_unknown', 'warning', 'G1'],
    ]);
  });

  it('reports a missing sheet and an empty submission', () => {
    const onlyHeaders: Grid = { sheets: [{ name: 'Реестр ОО', hidden: false, merges: [], rows: [gridFixture('register-clean.json').sheets[0].rows[0]] }] };
    expect(validateAgainst(onlyHeaders, bundledTemplate('register')).issues.map((i) => i.code)).toEqual(['submission_empty']);
    const vprWithoutTasks: Grid = { sheets: [gridFixture('vpr-merged-header.json').sheets[0]] };
    const issues = validateAgainst(vprWithoutTasks, bundledTemplate('vpr')).issues;
    expect(issues.map((i) => [i.code, i.sheet])).toEqual([['sheet_missing', 'ВПР задания']]);
  });

  it('detects the template by headers when there is no metadata sheet', () => {
    const result = validateSubmission(gridFixture('vpr-merged-header.json'), bundledTemplates());
    expect(result.template?.id).toBe('vpr');
  });

  it('detects the template by the metadata sheet and flags an old version', () => {
    const grid = gridFixture('register-clean.json');
    grid.sheets.push({ name: METADATA_SHEET, hidden: true, merges: [], rows: [['template', 'register'], ['version', '0.9']] });
    const result = validateSubmission(grid, bundledTemplates());
    expect(result.template?.id).toBe('register');
    expect(result.issues.map((i) => i.code)).toEqual(['template_version']);
    expect(result.issues[0].message).toContain('версии 0.9');
  });

  it('refuses a workbook that matches no template', () => {
    const grid: Grid = { sheets: [{ name: 'Лист1', hidden: false, merges: [], rows: [['Фамилия', 'Имя'], ['Иванов', 'Иван']] }] };
    const result = validateSubmission(grid, bundledTemplates());
    expect(result.template).toBeUndefined();
    expect(result.issues.map((i) => i.code)).toEqual(['template_unknown']);
  });

  it('has a Russian title for every issue code', async () => {
    const { ISSUE_TITLES } = await import('../../src/core/messages/issues');
    for (const code of ISSUE_CODES) expect(ISSUE_TITLES[code]).toMatch(/[А-Я]/);
  });
});
