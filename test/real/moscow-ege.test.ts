import path from 'node:path';
import { checkFiles } from '../helpers/pipeline';
import { SHARED } from '../helpers/templates';

const CSV = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');

describe('Moscow open data (ЕГЭ by school, 2015-2016) through the foreign template', () => {
  let records: Record<string, unknown>[];
  beforeAll(async () => {
    const [outcome] = await checkFiles([CSV]);
    expect(outcome.report.template?.id).toBe('moscow-ege');
    expect(outcome.report.issues).toEqual([]);
    records = outcome.result!.sheets[0].records.map((r) => r.values);
  });

  it('reads every school of the file', () => {
    expect(records).toHaveLength(626);
    expect(new Set(records.map((r) => r.school_id)).size).toBe(626);
  });

  it('types the values of a known row, mapping PASSER_UNDER_160 by meaning', () => {
    const school179 = records.find((r) => r.school_id === '5093')!;
    expect(school179).toMatchObject({
      adm_area: 'Северный административный округ',
      district: 'район Аэропорт',
      ogrn: '1027700566761',
      graduates: 109,
      over_220: 80,
      at_least_160: 101,
      year: '2015-2016',
    });
    expect(school179.share_160).toBeCloseTo((100 * 101) / 109);
  });

  it('holds the published meaning on every row: more than 220 ≤ 160 and more ≤ graduates', () => {
    for (const r of records) {
      expect(r.over_220 as number).toBeLessThanOrEqual(r.at_least_160 as number);
      expect(r.at_least_160 as number).toBeLessThanOrEqual(r.graduates as number);
    }
    const areas = new Set(records.map((r) => r.adm_area));
    expect(areas.size).toBeGreaterThanOrEqual(10);
  });
});
