import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceOutcome } from '../../src/core/pipeline';
import { checkFiles } from '../helpers/pipeline';
import { REPO } from '../helpers/templates';

const REGION = path.join(REPO, 'samples', 'sample-region');

interface PlantedIssue {
  file: string;
  code: string;
  sheet?: string;
  cell?: string;
}

const planted = JSON.parse(readFileSync(path.join(REGION, 'planted.json'), 'utf8')) as {
  dataErrors: PlantedIssue[];
  fileIssues: PlantedIssue[];
  tolerated: { file: string }[];
};

const key = (i: PlantedIssue) => [i.file, i.code, i.sheet ?? '', i.cell ?? ''].join(' | ');

describe('the sample region', () => {
  let outcomes: SourceOutcome[];
  const rel = (o: SourceOutcome) => path.relative(REGION, o.source.name).split(path.sep).join('/');

  beforeAll(async () => {
    outcomes = (await checkFiles([REGION])).filter((o) => o.status !== 'own');
  });

  it('reads every file of the region', () => {
    expect(outcomes.filter((o) => o.status === 'unreadable')).toEqual([]);
    // 2022 (ГИА), 2023, 2024 and 2025 (five forms each), ten incoming files, eight schools' forms.
    expect(outcomes.length).toBe(1 + 5 + 5 + 5 + 10 + 8);
  });

  it('finds every planted problem with its code and cell, and nothing else', () => {
    const found = outcomes.flatMap((o) => o.report.issues.map((i) => key({ file: rel(o), code: i.code, sheet: i.sheet, cell: i.cell })));
    const expected = [...planted.dataErrors, ...planted.fileIssues].map(key);
    expect(found.sort()).toEqual(expected.sort());
  });

  it('gives no issue for the forms of 2022, 2023 and 2024 and the tolerated irregular files', () => {
    const clean = outcomes.filter((o) => /^202[234]\//.test(rel(o)) || planted.tolerated.some((t) => t.file === rel(o)));
    expect(clean.length).toBe(1 + 5 + 5 + planted.tolerated.length);
    for (const o of clean) expect({ file: rel(o), issues: o.report.issues }).toEqual({ file: rel(o), issues: [] });
  });

  it('records each file\'s hash and template in its report', () => {
    const register = outcomes.find((o) => rel(o) === '2025/register.xlsx')!.report;
    expect(register.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(register.template).toEqual({ id: 'register', version: '1.0', title: 'Реестр образовательных организаций' });
    expect(register.records).toBeGreaterThan(350);
  });
});
