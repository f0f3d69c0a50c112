import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readPlans } from '../../src/core/cycle/plan-readback';
import type { CellValue } from '../../src/core/grid/grid';
import { type RegionClassification, reportSheets, runPipeline, type SourceOutcome } from '../../src/core/pipeline';
import type { SchoolClassification } from '../../src/core/rules/classify';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';

/**
 * The lists approved by an order in the sample region: 2024's ШНОР list was approved without one
 * school, and this year's draft came back from one МОУО with its agreement marks
 * (samples/generator/last-report.ts). Each school's change is recounted here from the runs' outcomes.
 */

const planted = JSON.parse(readFileSync(path.join(REGION, 'planted-marks.json'), 'utf8')) as {
  approvedWithout: string;
  agreements: { file: string; cell: string; code: string; mark: string; status: string }[];
};

async function run(folders: string[]): Promise<{ c: RegionClassification; outcomes: SourceOutcome[] }> {
  const out = await runPipeline(fileSources(folders.map((f) => path.join(REGION, f))).inputs, bundledLibrary(), { reportDate: new Date(2025, 8, 1), paramsId: 'sample-region' });
  if (out.classification.kind !== 'region') throw new Error('not a region');
  return { c: out.classification, outcomes: out.outcomes };
}

const shnor = (c: SchoolClassification) => (c.systems.low_results.outcomes.status as string[]).includes('ШНОР');

describe('lists approved by an order', () => {
  let now: { c: RegionClassification; outcomes: SourceOutcome[] };
  let lastYear: RegionClassification;
  beforeAll(async () => {
    now = await run(['2024', '2025', 'отчёт-2024', 'согласование-2025']);
    lastYear = (await run(['2024'])).c;
  }, 120_000);

  it('compares this year’s ШНОР list with the one approved last year, not with last year’s classification', () => {
    const list = now.c.appendices.lists.find((l) => l.list === 'low_results.status.ШНОР')!;
    expect(list.comparedWith).toBe('approved');
    const approved = new Set(lastYear.classifications.filter(shnor).map((c) => c.school.school_id));
    approved.delete(planted.approvedWithout);
    const is = now.c.classifications.filter(shnor).map((c) => c.school.school_id);
    expect(new Set(list.schools.map((s) => s.schoolId))).toEqual(new Set(is));
    for (const s of list.schools) expect([s.schoolId, s.change]).toEqual([s.schoolId, approved.has(s.schoolId) ? 'stayed' : 'new']);
    expect(list.schools.find((s) => s.schoolId === planted.approvedWithout)!.change).toBe('new');
    expect(new Set(list.removed.map((r) => r.schoolId))).toEqual(new Set([...approved].filter((s) => !is.includes(s))));
    expect(list.schools.every((s) => s.basis.length > 0)).toBe(true);
  });

  it('falls back to last year’s classification for a list that came back empty, and to nothing without last year', async () => {
    const signs = now.c.appendices.lists.find((l) => l.list === 'objectivity.level.signs')!;
    expect(signs.comparedWith).toBe('classification');
    expect(signs.schools.every((s) => s.change === 'new')).toBe(true);
    const alone = (await run(['2025'])).c;
    expect(alone.appendices.lists.every((l) => l.comparedWith === 'none' && l.schools.every((s) => s.change === undefined))).toBe(true);
  });

  it('reads every planted agreement mark with its status, warns of the unreadable one, and keeps the marks on the sheet', () => {
    const bySchool = new Map(now.c.appendices.lists.flatMap((l) => l.schools.map((s): [string, (typeof l.schools)[number]] => [`${l.list}@${s.schoolId}`, s])));
    for (const p of planted.agreements) {
      const s = bySchool.get(p.code)!;
      expect([p.code, s.agreement?.status]).toEqual([p.code, p.status]);
      expect(s.agreement!.marks[0].at).toEqual({ source: path.join(REGION, p.file), sheet: 'Приложение к приказу', cell: p.cell });
    }
    const book = now.outcomes.find((o) => o.source.name === path.join(REGION, planted.agreements[0].file))!;
    const unreadable = planted.agreements.filter((p) => p.status === 'unrecognised');
    expect(book.report.issues.filter((i) => i.code === 'agreement_unrecognised').map((i) => [i.cell, i.value])).toEqual(unreadable.map((p) => [p.cell, p.mark]));
    const sheet = reportSheets(now.outcomes, now.c, undefined, { reportDate: new Date(2025, 8, 1), linkOf: (o) => ({ file: o.source.name, linkable: true }) }).find((s) => s.name === 'Приложение к приказу')!;
    for (const p of planted.agreements) expect(sheet.rows.find((r) => r.cells.code === p.code)!.cells.agreement).toBe(p.mark);
  });

  it('writes a sheet that reads back as the list it shows: members, the removed, and their codes', () => {
    const sheet = reportSheets(now.outcomes, now.c, undefined, { reportDate: new Date(2025, 8, 1), linkOf: (o) => ({ file: o.source.name, linkable: true }) }).find((s) => s.name === 'Приложение к приказу')!;
    const value = (v: unknown): CellValue => (v === undefined ? null : (v as CellValue));
    const rows: CellValue[][] = [[sheet.stamp!], sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => sheet.columns.map((c) => value(r.cells[c.key])))];
    const { appendices } = readPlans({ sheets: [{ name: sheet.name, hidden: false, merges: [], rows }] }, 'этот год.xlsx');
    expect(appendices).toHaveLength(1);
    expect(appendices[0].year).toBe(2025);
    const lists = now.c.appendices.lists;
    expect(appendices[0].rows.filter((r) => r.member).map((r) => `${r.list}@${r.schoolId}`)).toEqual(lists.flatMap((l) => l.schools.map((s) => `${l.list}@${s.schoolId}`)));
    expect(appendices[0].rows.filter((r) => !r.member).map((r) => `${r.list}@${r.schoolId}`)).toEqual(lists.flatMap((l) => l.removed.map((s) => `${l.list}@${s.schoolId}`)));
  });
});
