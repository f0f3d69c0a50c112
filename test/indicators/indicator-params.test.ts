import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IndicatorModel } from '../../src/core/indicators/model';
import { regionData } from '../../src/core/pipeline';
import { lintLibrary } from '../../src/core/rules/lint/library';
import { readRuleLibrary } from '../../src/files/rule-library';
import { bundledLibrary, checkFiles, RULES, SAMPLE_YEARS } from '../helpers/pipeline';

const regionParams = () => JSON.parse(readFileSync(path.join(RULES, 'params', 'sample-region.json'), 'utf8')).params as { objectivity: { medallists_below: { score: number } } };

describe('indicators that read the region’s parameters (params.<path>)', () => {
  let data: NonNullable<ReturnType<typeof regionData>>;
  beforeAll(async () => {
    data = regionData(await checkFiles(SAMPLE_YEARS))!;
  });

  /** The medallists' index of every school, from the form's rows directly. */
  function expectedIndex(score: number): Map<string, { count: number; unconfirmed: number }> {
    const out = new Map<string, { count: number; unconfirmed: number }>();
    for (const r of data.sheets.get('gia.medallists')!.filter((row) => row.year === data.year)) {
      const scores = [r.russian_score, r.math_score].filter((v): v is number => typeof v === 'number');
      const e = out.get(String(r.school_id)) ?? { count: 0, unconfirmed: 0 };
      if (scores.length) e.count++;
      if (scores.some((s) => s < score)) e.unconfirmed++;
      out.set(String(r.school_id), e);
    }
    return out;
  }

  function indexOf(params: Record<string, unknown>): Map<string, { count: unknown; unconfirmed: unknown; index: unknown }> {
    const defs = bundledLibrary().indicators;
    const model = new IndicatorModel(defs, data.sheets, data.year, params);
    const out = new Map<string, { count: unknown; unconfirmed: unknown; index: unknown }>();
    for (const u of model.units(defs.units.get('school')!)) {
      const m = model.facts(u).medallists as Record<string, unknown>;
      out.set(String(u.key.school_id), { count: m.count, unconfirmed: m.unconfirmed, index: m.unconfirmed_index });
    }
    return out;
  }

  it.each([70, 60])('counts the medallists below the region’s score (%i) and their share, as the form’s rows give them', (score) => {
    const params = regionParams();
    params.objectivity.medallists_below.score = score;
    const got = indexOf(params);
    const want = expectedIndex(score);
    expect(want.size).toBeGreaterThan(20);
    expect([...want.values()].some((w) => w.unconfirmed > 0)).toBe(true);
    for (const [school, w] of want) {
      const g = got.get(school)!;
      expect({ school, count: g.count, unconfirmed: g.unconfirmed }).toEqual({ school, count: w.count, unconfirmed: w.unconfirmed });
      expect(g.index as number).toBeCloseTo(w.count ? (100 * w.unconfirmed) / w.count : NaN, 9);
    }
  });

  it('follows the parameter: a lower score leaves fewer medallists unconfirmed', () => {
    const total = (m: Map<string, { unconfirmed: unknown }>) => [...m.values()].reduce((s, v) => s + (v.unconfirmed as number), 0);
    const low = regionParams();
    low.objectivity.medallists_below.score = 60;
    expect(total(indexOf(low))).toBeLessThan(total(indexOf(regionParams())));
  });

  it('lint names the indicator and the parameters file when the parameter is not there', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'okoshko-params-'));
    try {
      cpSync(RULES, dir, { recursive: true });
      const file = path.join(dir, 'indicators', 'medallists.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('params.objectivity.medallists_below.score ? 1', 'params.objectivity.medallist.score ? 1'));
      const problems = lintLibrary(readRuleLibrary(dir)).filter((p) => p.severity === 'error');
      expect(problems.map((p) => ({ code: p.code, file: path.basename(p.file), pointer: p.pointer, message: p.message }))).toEqual([
        {
          code: 'unknown_param',
          file: 'medallists.json',
          pointer: '/indicators/2/value',
          message: 'показатель «medallists.unconfirmed» читает параметр «objectivity.medallist.score», которого нет в файле параметров «sample-region»',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
