import type { SchoolClassification } from '../../src/core/rules/classify';
import { sampleRegionRun } from '../helpers/pipeline';
import { LOW_RESULT_RULES, NOT_FIRING_KINDS, planted, SEVERAL_YEARS_KINDS } from '../helpers/planted';

describe('classifying the sample region', () => {
  let classifications: SchoolClassification[];
  beforeAll(async () => {
    const run = await sampleRegionRun();
    expect(run.classification.ruleProblems).toEqual([]);
    classifications = run.classification.classifications;
  });

  const fired = (system: 'low_results' | 'objectivity' | 'risk_factors') =>
    classifications.flatMap((c) =>
      c.systems[system].findings
        .filter((f) => f.event.level !== 'medium')
        .map((f) => `${c.school.school_id} ${f.rule}${f.work ? ` ${f.work.grade} ${String(f.work.subject).toLowerCase()}` : ''}`),
    ).sort();

  it('finds exactly the planted low-result and social-condition schools, each by the rules planted for it', () => {
    const expected = planted.schools
      .filter((s) => (s.area === 'low_results' || s.area === 'social_conditions') && !SEVERAL_YEARS_KINDS.has(s.kind) && !NOT_FIRING_KINDS.has(s.kind))
      .map((s) => `${s.school_id} ${LOW_RESULT_RULES[s.kind]}`);
    expect(fired('low_results')).toEqual([...new Set(expected)].sort());
  });

  it('rates high exactly the planted risk factors', () => {
    const expected = planted.schools.filter((s) => s.area === 'risk_factors').map((s) => `${s.school_id} ${s.kind}_high`);
    expect(fired('risk_factors')).toEqual(expected.sort());
  });

  it('marks exactly the planted non-objective works and gives each school its planted level', () => {
    const expected = planted.schools
      .filter((s) => s.area === 'objectivity')
      .map((s) => `${s.school_id} ${s.kind}${s.kind === 'medallists_below' ? '' : ` ${s.values.grade} ${String(s.values.subject).toLowerCase()}`}`);
    expect(fired('objectivity')).toEqual(expected.sort());
    const objectivity = (c: SchoolClassification) => c.systems.objectivity.outcomes;
    const levels = classifications
      .filter((c) => objectivity(c).level)
      .map((c) => ({ school_id: c.school.school_id, markers: objectivity(c).markers, level: objectivity(c).level === 'signs' ? 'признаки необъективности' : 'зона внимания' }));
    const byId = (a: { school_id: string }, b: { school_id: string }) => a.school_id.localeCompare(b.school_id);
    expect(levels.sort(byId)).toEqual([...planted.objectivityLevels].sort(byId));
  });

  it('explains each finding with the school\'s values and the thresholds', () => {
    const school = classifications.find((c) => c.school.school_id === 'sch798343')!;
    const omsk = school.systems.low_results.findings.find((f) => f.rule === 'omsk_two_procedures')!;
    expect(omsk.explanation).toMatch(/^Доля не преодолевших минимальный порог: .*ОГЭ, русский язык — 41,5 %.*ОГЭ, математика — 40,4 %.* при пороге 30 % \(нужно не меньше 2\)$/);
    const marker = classifications.flatMap((c) => c.systems.objectivity.findings).find((f) => f.rule === 'high_raised')!;
    expect(marker.explanation).toMatch(/^ВПР 2025, \d класс, [а-я ]+: Доля повысивших отметку — [\d,]+ % при пороге 20 %; годом ранее — [\d,]+ %$/);
  });
});
