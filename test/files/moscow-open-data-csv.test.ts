import { existsSync } from 'fs';
import * as path from 'path';
import { readSubmissionFile } from '../../src/files/read-file';

const MOSCOW = path.resolve(__dirname, '../../../shared/data/real/moscow-ege-by-school-2015-2016.csv');

describe('the real Moscow open-data CSV (ЕГЭ by school, 2015-2016)', () => {
  it('is where the test expects it', () => {
    expect(existsSync(MOSCOW)).toBe(true);
  });

  it('reads 627 rows of 13 columns: the separator that ends each line gives no 14th', async () => {
    const grid = await readSubmissionFile(MOSCOW);
    expect(grid.sheets).toHaveLength(1);
    const sheet = grid.sheets[0];
    expect(sheet.name).toBe('moscow-ege-by-school-2015-2016');
    expect(sheet.rows).toHaveLength(627);
    expect(sheet.rows[0]).toEqual([
      'signature_date',
      'system_object_id',
      'global_id',
      'ID',
      'AdmArea',
      'District',
      'EDU_NAME',
      'OGRN',
      'PASSED_NUMBER_FULL',
      'PASSES_OVER_220',
      'PASSER_UNDER_160',
      'YEAR',
      'LINK',
    ]);
    for (const row of sheet.rows) expect(row.length).toBeLessThanOrEqual(13);
    expect(sheet.rows.filter((r) => r.length === 13).length).toBeGreaterThan(600);
  });

  it('keeps the Cyrillic text intact', async () => {
    const sheet = (await readSubmissionFile(MOSCOW)).sheets[0];
    const first = sheet.rows[1];
    expect(first[4]).toBe('Северный административный округ');
    expect(first[5]).toBe('район Аэропорт');
    expect(first[6]).toBe(
      'Государственное автономное образовательное учреждение высшего образования города Москвы «Московский институт открытого образования» (средняя общеобразовательная школа № 179)',
    );
    const text = sheet.rows.flat().filter((v): v is string => typeof v === 'string');
    expect(text.some((v) => v.includes('\uFFFD'))).toBe(false);
  });

  it('keeps numbers as text for the core to type', async () => {
    const sheet = (await readSubmissionFile(MOSCOW)).sheets[0];
    expect(sheet.rows[1].slice(0, 4)).toEqual(['31.10.2016 09:29:23', '5093', '4697910', '5093']);
  });
});
