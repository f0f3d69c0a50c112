import path from 'node:path';
import { type RegionClassification, runPipeline } from '../../src/core/pipeline';
import { municipalityChanges } from '../../src/core/cycle/list-changes';
import type { SchoolClassification } from '../../src/core/rules/classify';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';

/**
 * Last year's lists against this year's: the 2025 run's view of 2024 must be what a run on 2024 alone
 * finds, and each school's move between the lists is recounted here from the two runs' outcomes.
 */

async function classify(years: number[], only?: (file: string) => boolean): Promise<RegionClassification> {
  const inputs = fileSources(years.map((y) => path.join(REGION, String(y)))).inputs.filter((i) => !only || only(i.name));
  const run = await runPipeline(inputs, bundledLibrary(), { reportDate: new Date(2025, 8, 1), paramsId: 'sample-region' });
  if (run.classification.kind !== 'region') throw new Error('not a region');
  return run.classification;
}

/** The lists as the systems' files define them, read off the outcomes directly. */
const LISTS: Record<string, (c: SchoolClassification) => boolean> = {
  ШНОР: (c) => (c.systems.low_results.outcomes.status as string[]).includes('ШНОР'),
  ШНСУ: (c) => (c.systems.low_results.outcomes.status as string[]).includes('ШНСУ'),
  'Объективность: признаки необъективности': (c) => c.systems.objectivity.outcomes.level === 'signs',
  'Объективность: зона внимания': (c) => c.systems.objectivity.outcomes.level === 'attention',
  'С высокими рисковыми факторами': (c) => (c.systems.risk_factors.outcomes.profile as string[]).length > 0,
};

const ids = (cs: readonly SchoolClassification[], on: (c: SchoolClassification) => boolean) => new Set(cs.filter(on).map((c) => c.school.school_id));

describe('last year’s lists against this year’s', () => {
  let now: RegionClassification;
  let lastYear: RegionClassification;
  beforeAll(async () => {
    now = await classify([2023, 2024, 2025]);
    lastYear = await classify([2023, 2024]);
  });

  it('compares every list of every system, and counts its schools as a run on last year alone does', () => {
    expect(now.changes!.totals.map((t) => t.list)).toEqual(Object.keys(LISTS));
    for (const t of now.changes!.totals) {
      const was = ids(lastYear.classifications, LISTS[t.list]);
      const is = ids(now.classifications, LISTS[t.list]);
      const left = [...was].filter((s) => !is.has(s));
      const fresh = [...is].filter((s) => !was.has(s));
      expect(t).toMatchObject({ before: was.size, after: is.size, left: left.length, new: fresh.length, stayed: was.size - left.length });
      const rows = now.changes!.rows.filter((r) => r.list === t.list);
      expect(new Set(rows.filter((r) => r.change === 'left').map((r) => r.schoolId))).toEqual(new Set(left));
      expect(new Set(rows.filter((r) => r.change === 'new').map((r) => r.schoolId))).toEqual(new Set(fresh));
    }
    // The sample region's objectivity markers move between the years: the comparison has something to show.
    const attention = now.changes!.totals.find((t) => t.list === 'Объективность: зона внимания')!;
    expect(attention.left).toBeGreaterThan(0);
    expect(attention.new).toBeGreaterThan(0);
  });

  it('quotes why a school was on the list last year and is this year, from each year’s own findings', () => {
    const left = now.changes!.rows.find((r) => r.change === 'left')!;
    const then = lastYear.classifications.find((c) => c.school.school_id === left.schoolId)!;
    expect(left.before).toBe(then.systems.objectivity.findings.map((f) => f.explanation).join('\n'));
    expect(left.before).toMatch(/\d/);
    expect(left.after).toBe('');
    const stayed = now.changes!.rows.find((r) => r.change === 'stayed' && r.list === 'ШНОР')!;
    const nowFindings = now.classifications.find((c) => c.school.school_id === stayed.schoolId)!.systems.low_results.findings;
    expect(stayed.after).toBe(nowFindings.filter((f) => f.event.status === 'ШНОР').map((f) => f.explanation).join('\n'));
    expect(stayed.after).not.toMatch(/ШНСУ/);
  });

  it('gives a municipality its own schools and totals counted over them', () => {
    const m = 'г. Приозёрск';
    const part = municipalityChanges(now.changes!, m);
    expect(part.rows.every((r) => r.municipality === m)).toBe(true);
    const shnor = part.totals.find((t) => t.list === 'ШНОР')!;
    expect(shnor.after).toBe(now.classifications.filter((c) => c.school.municipality === m && LISTS.ШНОР(c)).length);
  });

  it('says which years last year’s lists were computed from, and compares nothing without last year’s register', async () => {
    expect(now.changes!.prevYearsRead).toEqual([2023, 2024]);
    const noRegister = await classify([2024, 2025], (f) => !f.endsWith(path.join('2024', 'register.xlsx')));
    expect(noRegister.changes).toBeUndefined();
  });
});
