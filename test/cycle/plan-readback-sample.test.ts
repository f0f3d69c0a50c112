import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CellValue } from '../../src/core/grid/grid';
import { type PipelineRun, type RegionClassification, reportSheets, runPipeline, sourceOfGrid } from '../../src/core/pipeline';
import { recommendationKey } from '../../src/core/recommend/key';
import type { ReportSheet } from '../../src/core/report/report-sheet';
import { fileSources } from '../../src/files/file-sources';
import { bundledLibrary } from '../helpers/pipeline';
import { REGION } from '../helpers/planted';

/**
 * The sample region's 2024 plan came back (samples/sample-region/отчёт-2024, made by
 * samples/generator/last-report.ts): sorted, a row deleted, one added, marks typed freely, three
 * municipal books, one of them contradicting the region's book. Every planted mark must be read with
 * its status, and what the 2025 run makes of them is recounted here from the runs' own outcomes.
 */

const REPORT = path.join(REGION, 'отчёт-2024');
const plantedMarks = JSON.parse(readFileSync(path.join(REGION, 'planted-marks.json'), 'utf8')) as {
  deleted: string;
  conflict: { key: string; file: string };
  marks: { file: string; cell: string; key: string; mark: string; status: string }[];
};

type RegionRun = PipelineRun & { classification: RegionClassification };
const options = { reportDate: new Date(2025, 8, 1), recommend: true, paramsId: 'sample-region' } as const;

async function run(paths: string[], extra: ReturnType<typeof sourceOfGrid>[] = []): Promise<RegionRun> {
  const r = await runPipeline([...fileSources(paths).inputs, ...extra], bundledLibrary(), options);
  if (r.classification.kind !== 'region') throw new Error('not a region');
  return r as RegionRun;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? filesUnder(path.join(dir, n)) : [path.join(dir, n)]));
}
const hashes = () => Object.fromEntries(filesUnder(REPORT).map((f) => [f, createHash('sha256').update(readFileSync(f)).digest('hex')]));

/** A report sheet as a workbook's grid would hold it: stamp, header, values. */
function gridOf(sheet: ReportSheet) {
  const value = (v: unknown): CellValue => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : (v as CellValue) ?? null);
  const rows: CellValue[][] = [[sheet.stamp ?? null], sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => sheet.columns.map((c) => value(r.cells[c.key])))];
  return { sheets: [{ name: sheet.name, hidden: false, merges: [], rows }] };
}

describe('last year’s plan read back in the sample region', () => {
  const before = hashes();
  let now: RegionRun;
  let base: RegionRun;
  let lastYear: RegionRun;
  beforeAll(async () => {
    now = await run([path.join(REGION, '2024'), path.join(REGION, '2025'), REPORT]);
    base = await run([path.join(REGION, '2024'), path.join(REGION, '2025')]);
    lastYear = await run([path.join(REGION, '2024')]);
  }, 120_000);

  const execution = () => now.recommendations!.execution!;
  const markAt = (file: string, cell: string) =>
    execution().readback.measures.flatMap((m) => m.marks.map((x) => ({ m, x }))).find(({ x }) => x.at.source === path.join(REGION, file) && x.at.cell === cell);

  it('reads every planted mark with its status, from the region’s book and the three municipal books', () => {
    expect(execution().readback.year).toBe(2024);
    expect(new Set(execution().readback.plans.map((p) => path.relative(REGION, p.source)))).toEqual(new Set(plantedMarks.marks.map((m) => m.file)));
    for (const p of plantedMarks.marks) {
      const found = markAt(p.file, p.cell);
      expect({ file: p.file, cell: p.cell, key: found?.x.key.startsWith('text:') ? '' : found?.x.key, status: found?.x.status }).toEqual({ file: p.file, cell: p.cell, key: p.key, status: p.status });
    }
    const region = 'отчёт-2024/реестр.okoshko.xlsx';
    const read = execution().readback.measures.flatMap((m) => m.marks).filter((x) => x.at.source === path.join(REGION, region));
    expect(read).toHaveLength(plantedMarks.marks.filter((m) => m.file === region).length);
  });

  it('warns of each unrecognised mark with its cell, in the book it is in', () => {
    for (const p of plantedMarks.marks.filter((m) => m.status === 'unrecognised')) {
      const outcome = now.outcomes.find((o) => o.source.name === path.join(REGION, p.file))!;
      expect(outcome.report.issues).toContainEqual(expect.objectContaining({ code: 'mark_unrecognised', sheet: 'Адресные рекомендации', cell: p.cell, value: p.mark }));
    }
    const unrecognised = now.outcomes.flatMap((o) => o.report.issues).filter((i) => i.code === 'mark_unrecognised');
    expect(unrecognised).toHaveLength(plantedMarks.marks.filter((m) => m.status === 'unrecognised').length);
  });

  it('knows the deleted row is gone, reads the added row by its text, and reports the contradicting municipal book', () => {
    const keys = new Set(execution().readback.measures.map((m) => m.key));
    expect(keys.has(plantedMarks.deleted)).toBe(false);
    const added = execution().readback.measures.filter((m) => !m.recommendationId);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ measure: 'Провести педагогический совет по итогам ВПР', status: 'done' });
    expect(execution().readback.conflicts.map((m) => m.key)).toEqual([plantedMarks.conflict.key]);
    const sheets = reportSheets(now.outcomes, now.classification, now.recommendations, { reportDate: options.reportDate, linkOf: (o) => ({ file: o.source.name, linkable: true }) });
    const check = sheets.find((s) => s.name === 'Проверка')!;
    const note = check.rows.find((r) => r.cells.code === 'mark_conflict')!;
    expect(String(note.cells.file)).toContain(path.join(REGION, plantedMarks.conflict.file));
    const regional = plantedMarks.marks.find((m) => m.key === plantedMarks.conflict.key && m.file.endsWith('реестр.okoshko.xlsx'))!;
    expect(String(note.cells.message)).toContain(`противоречат друг другу: «не выполнено» (${path.join(REGION, plantedMarks.conflict.file)}`);
    expect(String(note.cells.message)).toContain(`«${regional.mark}» (${path.join(REGION, regional.file)}, Адресные рекомендации!${regional.cell})`);
  });

  it('brings every measure not carried out back into the plan once, marked «повторно» with last year’s deadline', () => {
    const carried = execution().readback.measures.filter((m) => m.recommendationId && (m.status === 'not_done' || m.status === 'partly'));
    const rows = now.recommendations!.rows;
    const repeated = rows.filter((r) => r.repeat);
    expect(new Set(repeated.map(recommendationKey))).toEqual(new Set(carried.map((m) => m.key)));
    expect(new Set(rows.map(recommendationKey)).size).toBe(rows.length);
    const baseKeys = new Set(base.recommendations!.rows.map(recommendationKey));
    expect(rows.length).toBe(base.recommendations!.rows.length + carried.filter((m) => !baseKeys.has(m.key)).length);
    for (const m of carried) {
      const r = repeated.find((x) => recommendationKey(x) === m.key)!;
      expect(r.repeat).toMatchObject({ year: 2024, deadline: m.deadline });
      if (!baseKeys.has(m.key)) expect(r.deadline).toBe(m.deadline);
    }
    const sheet = reportSheets(now.outcomes, now.classification, now.recommendations, { reportDate: options.reportDate, linkOf: (o) => ({ file: o.source.name, linkable: true }) })[0];
    const repeatedCells = sheet.rows.filter((r) => String(r.cells.measure).startsWith('Повторно: в плане 2024 года со сроком'));
    expect(repeatedCells).toHaveLength(repeated.length);
  });

  it('judges each school measure by its system’s findings in last year’s and this year’s runs, and counts the groups from them', () => {
    const then = new Map(lastYear.classification.classifications.map((c) => [c.school.school_id, c]));
    const is = new Map(now.classification.classifications.map((c) => [c.school.school_id, c]));
    const judged = execution().rows.filter((r) => r.improved !== undefined);
    expect(judged.length).toBeGreaterThan(800);
    for (const r of judged) {
      expect(r.before).toBe(then.get(r.execution.schoolId!)!.systems[r.system!]?.findings.length ?? 0);
      expect(r.after).toBe(is.get(r.execution.schoolId!)!.systems[r.system!]?.findings.length ?? 0);
      expect(r.improved).toBe(r.after! < r.before!);
    }
    const region = execution().totals[0];
    expect(region).toMatchObject({ title: 'Все мероприятия школам' });
    const coded = judged.filter((r) => r.execution.recommendationId);
    const carriedOut = coded.filter((r) => ['done', 'partly'].includes(r.execution.status));
    const not = coded.filter((r) => ['not_done', 'blank', 'unrecognised'].includes(r.execution.status));
    expect(region.carried).toEqual({ schools: carriedOut.length, improved: carriedOut.filter((r) => r.improved).length });
    expect(region.notCarried).toEqual({ schools: not.length, improved: not.filter((r) => r.improved).length });
    expect(region.carried.improved + region.notCarried.improved).toBeGreaterThan(0);
  });

  it('adds nothing when this year’s own report is given again, and changes no input workbook', async () => {
    const sheets = reportSheets(now.outcomes, now.classification, now.recommendations, { reportDate: options.reportDate, linkOf: (o) => ({ file: o.source.name, linkable: true }) });
    const again = await run([path.join(REGION, '2024'), path.join(REGION, '2025'), REPORT], [{ ...sourceOfGrid('реестр.okoshko.xlsx', gridOf(sheets[0])), role: 'report' }]);
    expect(again.recommendations!.rows.map(recommendationKey)).toEqual(now.recommendations!.rows.map(recommendationKey));
    expect(again.recommendations!.execution!.readback.measures.length).toBe(execution().readback.measures.length);
    expect(hashes()).toEqual(before);
  }, 60_000);
});
