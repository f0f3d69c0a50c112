import path from 'node:path';
import { checkFiles } from '../helpers/pipeline';

const DIR = path.join(__dirname, '..', 'fixtures', 'files', 'libreoffice-forms');

describe('forms resaved by LibreOffice', () => {
  it('finds the template by its metadata sheet and validates the register clean', async () => {
    const [outcome] = await checkFiles([path.join(DIR, 'register', 'register-2024.xlsx')]);
    expect(outcome.report.template?.id).toBe('register');
    expect(outcome.report.issues).toEqual([]);
    expect(outcome.report.records).toBe(400);
  });

  it('reads the two-row merged header LibreOffice wrote and types every value', async () => {
    const [outcome] = await checkFiles([path.join(DIR, 'vpr', 'vpr-filled.xlsx')]);
    expect(outcome.report.issues).toEqual([]);
    const [vpr, tasks] = outcome.result!.sheets;
    expect(vpr.records.map((r) => [r.row, r.values.subject, r.values.n2, r.values.raised])).toEqual([
      [3, 'Русский язык', 6, 6],
      [4, 'Математика', 5, 7],
      [5, 'Русский язык', 1, 0],
    ]);
    expect(vpr.records[0].values.quality).toBeCloseTo((100 * 50) / 76);
    expect(tasks.records.map((r) => r.values.school_rate)).toEqual([81.5, 35]);
  });
});
