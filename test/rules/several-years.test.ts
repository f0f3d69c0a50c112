import path from 'node:path';
import { type RegionClassification, runPipeline } from '../../src/core/pipeline';
import { allFindings } from '../../src/core/rules/classify';
import { OKOSHKO_OPERATORS } from '../../src/core/rules/operators';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary } from '../helpers/pipeline';
import { planted, REGION } from '../helpers/planted';

const folders = (...years: number[]) => years.map((y) => path.join(REGION, String(y)));
const ids = (kind: string) => planted.schools.filter((s) => s.kind === kind).map((s) => s.school_id).sort();

async function classify(years: number[]): Promise<RegionClassification> {
  const run = await runPipeline(fileSources(folders(...years)).inputs, bundledLibrary(), { reportDate: new Date(2025, 8, 1), paramsId: 'sample-region' });
  if (run.classification.kind !== 'region') throw new Error('not a region');
  return run.classification;
}

const firing = (c: RegionClassification, rule: string) => c.classifications.filter((u) => allFindings(u).some((f) => f.rule === rule)).map((u) => u.school.school_id).sort();

describe('the sample region over four years of ГИА and three of everything else', () => {
  let four: RegionClassification;
  let two: RegionClassification;
  beforeAll(async () => {
    [four, two] = [await classify([2022, 2023, 2024, 2025]), await classify([2024, 2025])];
  });

  it('reads every year given, oldest first, and classifies the latest', () => {
    expect(four.year).toBe(2025);
    expect(four.model.years).toEqual([2022, 2023, 2024, 2025]);
    expect(four.ruleProblems).toEqual([]);
  });

  it('fires «three years running» (НИУ ВШЭ) on exactly the schools planted with ЕГЭ failed in 2023, 2024 and 2025', () => {
    expect(ids('hse_three_years')).toHaveLength(2);
    expect(firing(four, 'hse_three_years')).toEqual(ids('hse_three_years'));
    expect(firing(two, 'hse_three_years')).toEqual([]);
  });

  it('does not fire on three failed years with a good one between, which counting years would have', () => {
    const [gap] = ids('hse_gap_year');
    const unit = four.classifications.find((u) => u.school.school_id === gap)!.unit;
    const series = (four.model.facts(unit, ['gia_series']).gia_series as Record<string, (number | null)[]>).ege_ru_ma_worst;
    expect(series.map((x) => (x !== null && x >= 30 ? 'плохо' : 'хорошо'))).toEqual(['плохо', 'плохо', 'хорошо', 'плохо']);
    const op = (name: string) => OKOSHKO_OPERATORS.find((o) => o.name === name)!;
    expect(op('countAtLeast').evaluate(series, [30, 3])).toBe(true);
    expect(op('lastYearsAtLeast').evaluate(series, [30, 3])).toBe(false);
    expect(firing(four, 'hse_three_years')).not.toContain(gap);
  });

  it('follows the same pupils a grade up: the cohort drop fires on exactly its planted works', () => {
    const fired = four.classifications.flatMap((u) => allFindings(u).filter((f) => f.rule === 'cohort_drop').map((f) => `${u.school.school_id} ${f.work!.grade} ${f.work!.subject}`));
    const expected = planted.schools.filter((s) => s.kind === 'cohort_drop').map((s) => `${s.school_id} ${s.values.grade} ${s.values.subject}`);
    expect(fired.sort()).toEqual(expected.sort());
    const f = four.classifications.flatMap(allFindings).find((x) => x.rule === 'cohort_drop')!;
    expect(f.explanation).toMatch(/^ВПР 2025, \d класс, [а-я ]+: Изменение качества знаний по ВПР у тех же обучающихся за год — -[\d,]+ п\. п\. при пороге не более -30 п\. п\.$/);
  });

  it('quotes every year of a series in the explanation', () => {
    const f = four.classifications.flatMap(allFindings).find((x) => x.rule === 'hse_three_years')!;
    expect(f.explanation).toMatch(/^Доля не преодолевших минимальный порог ЕГЭ и по русскому языку, и по математике: 2022 г\. — [\d,]+ %; 2023 г\. — [\d,]+ %; 2024 г\. — [\d,]+ %; 2025 г\. — [\d,]+ % — не меньше 30 % в каждом из последних 3 лет$/);
  });
});
