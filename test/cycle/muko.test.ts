import path from 'node:path';
import { mukoIndicators } from '../../src/core/cycle/muko';
import { type RegionClassification, regionMuko, runPipeline } from '../../src/core/pipeline';
import type { Recommendations } from '../../src/core/pipeline/recommend';
import type { SchoolClassification } from '../../src/core/rules/classify';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary, checkFiles } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';

/** «Показатели МУКО» of the sample region, each share recounted here from the runs' outcomes and the forms' records. */

async function run(paths: string[]): Promise<{ c: RegionClassification; r: Recommendations }> {
  const out = await runPipeline(fileSources(paths.map((p) => path.join(REGION, p))).inputs, bundledLibrary(), { reportDate: new Date(2025, 8, 1), recommend: true, paramsId: 'sample-region' });
  if (out.classification.kind !== 'region') throw new Error('not a region');
  return { c: out.classification, r: out.recommendations! };
}

const LISTS: Record<string, (c: SchoolClassification) => boolean> = {
  'Доля ОО: ШНОР': (c) => (c.systems.low_results.outcomes.status as string[]).includes('ШНОР'),
  'Доля ОО: ШНСУ': (c) => (c.systems.low_results.outcomes.status as string[]).includes('ШНСУ'),
  'Доля ОО: Объективность: признаки необъективности': (c) => c.systems.objectivity.outcomes.level === 'signs',
  'Доля ОО: Объективность: зона внимания': (c) => c.systems.objectivity.outcomes.level === 'attention',
  'Доля ОО: С высокими рисковыми факторами': (c) => (c.systems.risk_factors.outcomes.profile as string[]).length > 0,
};

async function observed(year: number): Promise<{ part: number; whole: number; video: number }> {
  // Checked beside the register, as the run checks it: a row of a school not in it is an error.
  const [, outcome] = await checkFiles([path.join(REGION, String(year), 'register.xlsx'), path.join(REGION, String(year), 'observation.xlsx')]);
  const records = outcome.result!.sheets.flatMap((s) => s.records).filter((r) => !r.hasErrors);
  return { part: records.filter((r) => r.values.observer_present === true).length, whole: records.length, video: records.filter((r) => r.values.video === true).length };
}

describe('the region’s МУКО indicators', () => {
  let now: { c: RegionClassification; r: Recommendations };
  let lastYear: RegionClassification;
  beforeAll(async () => {
    now = await run(['2024', '2025', 'отчёт-2024']);
    lastYear = (await run(['2024'])).c;
  }, 120_000);

  it('gives each list’s share of schools this year and last, and the share that left it', () => {
    const report = regionMuko(now.c, now.r);
    const lists = report.rows.filter((r) => r.kind === 'list');
    expect(lists.map((r) => r.title)).toEqual(Object.keys(LISTS));
    for (const row of lists) {
      const on = LISTS[row.title];
      const n = now.c.classifications.filter(on).length;
      const was = lastYear.classifications.filter(on);
      expect(row.now).toEqual({ share: (100 * n) / 400, part: n, whole: 400 });
      expect(row.prev).toEqual({ share: (100 * was.length) / 400, part: was.length, whole: 400 });
      const left = report.rows.find((r) => r.kind === 'left' && r.title === row.title.replace('Доля ОО: ', 'Доля ОО, вышедших из списка: '))!;
      const stillOn = new Set(now.c.classifications.filter(on).map((c) => c.school.school_id));
      const gone = was.filter((c) => !stillOn.has(c.school.school_id)).length;
      expect(left.now).toMatchObject({ part: gone, whole: was.length });
    }
  });

  it('pools the share of observed procedures over the observation form’s valid rows, both years', async () => {
    const report = regionMuko(now.c, now.r);
    const row = report.rows.find((r) => r.title === 'Доля процедур с общественным наблюдением')!;
    const video = report.rows.find((r) => r.title === 'Доля процедур с видеонаблюдением')!;
    const y2025 = await observed(2025);
    const y2024 = await observed(2024);
    expect(row.now).toEqual({ share: (100 * y2025.part) / y2025.whole, part: y2025.part, whole: y2025.whole });
    expect(row.prev).toEqual({ share: (100 * y2024.part) / y2024.whole, part: y2024.part, whole: y2024.whole });
    expect(video.now).toMatchObject({ part: y2025.video, whole: y2025.whole });
    expect(y2025.whole).toBeLessThan(5534);
  });

  it('counts last year’s measures carried out among those that came back with our code', () => {
    const rows = regionMuko(now.c, now.r).rows.filter((r) => r.kind === 'measures');
    const coded = now.r.execution!.readback.measures.filter((m) => m.recommendationId);
    const done = coded.filter((m) => m.status === 'done').length;
    expect(rows[0].now).toMatchObject({ part: done, whole: coded.length });
    expect(rows[1].now).toMatchObject({ part: done + coded.filter((m) => m.status === 'partly').length, whole: coded.length });
    expect(regionMuko(lastYear, undefined).rows.some((r) => r.kind === 'measures')).toBe(false);
  });

  it('names a system’s МУКО indicator that is not a school indicator, with the file and pointer', () => {
    const library = bundledLibrary();
    const broken = library.systems.map((s) => (s.spec.id === 'objectivity' ? { ...s, spec: { ...s.spec, muko: [{ indicator: 'observation_school.observd_share' }, { indicator: 'nogroup.x' }] } } : s));
    const { indicators, problems } = mukoIndicators(broken, library.indicators);
    expect(indicators).toEqual([]);
    expect(problems.map((p) => [p.code, p.pointer, p.message])).toEqual([
      ['unknown_indicator', '/muko/0/indicator', 'в группе «observation_school» нет показателя «observd_share»'],
      ['unknown_indicator', '/muko/1/indicator', 'нет группы показателей школы «nogroup»'],
    ]);
    expect(problems[0].file).toMatch(/objectivity\.json$/);
  });
});
