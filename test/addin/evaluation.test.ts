import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '../../src/core/pipeline';
import type { Grid } from '../../src/core/grid/grid';
import { createEvaluation, type EvaluationProgress, type EvaluationRules, type WorkerLike } from '../../src/pane/evaluation';
import { type EvaluationRequest, type EvaluationResponse, fromWireGrid, toWireGrid } from '../../src/pane/evaluation-protocol';
import { type EvaluationScope, serveEvaluation } from '../../src/pane/evaluation-service';
import type { PaneSource } from '../../src/pane/pane-sources';
import { loadRuleBundle } from '../../src/pane/rule-bundle';
import { paneCheck, paneClassification } from '../../src/pane/workflow';
import { readSubmissionFile } from '../../src/files/read-file';
import { REPO } from '../helpers/templates';
import { ruleBundleFromDisk } from '../support/addin-workload';

/**
 * The pane's evaluation client and its worker over a stand-in Worker that runs the worker's service in
 * this process and passes every message through a structured clone as strict as IE11's: no Sets, Maps,
 * functions or class instances.
 */

/**
 * The structured clone as IE11 does it: plain objects, arrays and Dates, shared references kept. The
 * copy is made here rather than by Node's structuredClone, whose objects belong to another realm than
 * jest's and so never equal the workflow's; structuredClone still has to accept the message.
 */
function ie11Clone<T>(value: T): T {
  structuredClone(value);
  const copies = new Map<object, unknown>();
  const copy = (v: unknown, at: string): unknown => {
    if (typeof v === 'function') throw new Error(`DataCloneError: a function at ${at}`);
    if (v === null || typeof v !== 'object') return v;
    if (copies.has(v)) return copies.get(v);
    if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
    if (Array.isArray(v)) {
      // Holes stay holes, as in structured clone: a grid's missing cells are blank.
      const out: unknown[] = new Array(v.length);
      copies.set(v, out);
      v.forEach((x, i) => (out[i] = copy(x, `${at}[${i}]`)));
      return out;
    }
    // A plain object of any realm: its prototype is the last of its chain.
    const proto = Object.getPrototypeOf(v);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) throw new Error(`DataCloneError: ${proto?.constructor?.name} at ${at}`);
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], `${at}.${k}`);
    return out;
  };
  return copy(value, '') as T;
}

const later = (f: () => void) => setTimeout(f, 0);

/** A Worker whose script is the evaluation service; `startup` says how its start ends. */
class FakeWorker implements WorkerLike {
  static created: FakeWorker[] = [];
  static startup: 'serve' | 'fail' = 'serve';
  onmessage: ((event: { data: EvaluationResponse }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  onmessageerror: ((event: unknown) => void) | null = null;
  terminated = false;
  readonly requests: EvaluationRequest[] = [];
  readonly scope: EvaluationScope = {
    onmessage: null,
    postMessage: (message) => {
      const data = ie11Clone(message);
      later(() => !this.terminated && this.onmessage?.({ data }));
    },
  };

  constructor(readonly url: string) {
    FakeWorker.created.push(this);
    // As in a browser, the script runs after the constructor returns; requests posted before it are queued.
    if (FakeWorker.startup === 'serve') later(() => serveEvaluation(this.scope));
    else later(() => this.onerror?.({ message: 'NetworkError: evaluation-worker.js 404' }));
  }

  postMessage(message: EvaluationRequest): void {
    const data = ie11Clone(message);
    this.requests.push(data);
    later(() => !this.terminated && this.scope.onmessage?.({ data }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const SAMPLE = path.join(REPO, 'samples', 'sample-region', '2025');
const NOW = new Date('2025-09-01T10:00:00Z');
const REPORT_DATE = new Date('2025-09-15T10:00:00Z');
const bundle = ruleBundleFromDisk();
const rules: EvaluationRules = { bundle, loaded: loadRuleBundle(bundle) };
let sources: PaneSource[];

beforeAll(async () => {
  sources = [
    { key: 'conditions', name: 'conditions.xlsx', grid: await readSubmissionFile(path.join(SAMPLE, 'conditions.xlsx')) },
    { key: 'register', name: 'register.xlsx', grid: await readSubmissionFile(path.join(SAMPLE, 'register.xlsx')) },
  ];
});

beforeEach(() => {
  FakeWorker.created = [];
  FakeWorker.startup = 'serve';
});

const inWorker = () => {
  const evaluation = createEvaluation({ Worker: FakeWorker, url: 'evaluation-worker.js' });
  expect(evaluation.mode).toBe('worker');
  return evaluation;
};

describe('evaluation in a worker', () => {
  it('gives the sample region’s checks, classification and report sheets exactly as the workflow does', async () => {
    const direct = await paneCheck(sources, rules.loaded, undefined, NOW);
    const directClassification = await paneClassification(direct, rules.loaded, { reportDate: REPORT_DATE });
    expect(directClassification.summary).toMatchObject({ kind: 'region' });
    expect(directClassification.summary.kind === 'region' && directClassification.summary.schools).toBeGreaterThan(300);

    const evaluation = inWorker();
    const progress: EvaluationProgress[] = [];
    const checked = await evaluation.check(sources, rules, undefined, { now: NOW, onProgress: (p) => progress.push(p) });
    expect(checked).toStrictEqual(direct);
    // Each outcome names the pane's source by its key.
    expect(checked.map((c) => c.source.id)).toEqual(sources.map((s) => s.key));
    // Registers first, as checkSources orders them.
    expect(progress).toEqual([
      { done: 0, total: 2, name: 'register.xlsx' },
      { done: 1, total: 2, name: 'conditions.xlsx' },
    ]);
    const classification = await evaluation.classify(checked, rules, { reportDate: REPORT_DATE });
    expect(classification).toStrictEqual(directClassification);
    expect(classification.sheets.map((s) => s.name)).toEqual(['Адресные рекомендации', 'Классификация', 'Приложение к приказу', 'Целевые показатели', 'Показатели МУКО', 'Проверка']);

    const [first, second] = FakeWorker.created[0].requests;
    expect(first).toMatchObject({ kind: 'check', picked: undefined });
    expect(first.bundle).toEqual(bundle);
    // The classification names the check the worker holds instead of sending its outcomes back.
    expect(second).toMatchObject({ kind: 'classify', check: first.id, outcomes: undefined, bundle: undefined });
  });

  it('sends each grid once, and the results when the worker does not hold them', async () => {
    const evaluation = inWorker();
    const register = sources[1];
    const template = rules.loaded.templates.find((t) => t.id === 'register')!;
    await evaluation.check(sources, rules, undefined, { now: NOW });
    const again = await evaluation.check([register], rules, template, { now: NOW });
    expect(again).toStrictEqual(await paneCheck([register], rules.loaded, template, NOW));
    const direct = await paneCheck(sources, rules.loaded, undefined, NOW);
    const classification = await evaluation.classify(direct, rules, { reportDate: REPORT_DATE });
    expect(classification).toStrictEqual(await paneClassification(direct, rules.loaded, { reportDate: REPORT_DATE }));

    const [, check, classify] = FakeWorker.created[0].requests;
    expect(check).toMatchObject({ kind: 'check', picked: 'register', bundle: undefined });
    expect(check.kind === 'check' && check.sources.map((s) => s.grid)).toEqual([undefined]);
    expect(classify.kind === 'classify' && classify.outcomes?.length).toBe(2);
    expect(classify).toMatchObject({ check: undefined });
  });

  it('parses chosen files in the worker into the grids this thread would parse, and fails with the same Russian reason', async () => {
    const evaluation = inWorker();
    const here = createEvaluation();
    for (const file of ['register.xlsx', 'conditions.xlsx']) {
      const bytes = new Uint8Array(readFileSync(path.join(SAMPLE, file)));
      const grid = await evaluation.read(file, bytes);
      expect(grid).toStrictEqual(await here.read(file, bytes));
      expect(grid.sheets.find((s) => s.name === 'Реестр ОО' || s.name === 'Условия')!.rows.length).toBeGreaterThan(300);
    }
    const csv = path.join(REPO, 'samples', 'sample-region', 'incoming', 'ozernovsky-conditions.csv');
    expect(await evaluation.read('ozernovsky-conditions.csv', new Uint8Array(readFileSync(csv)))).toStrictEqual(await here.read('ozernovsky-conditions.csv', new Uint8Array(readFileSync(csv))));
    await expect(evaluation.read('пусто.xlsx', new Uint8Array(0))).rejects.toThrow('Файл пустой');
    await expect(evaluation.read('старая.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(/старый формат Excel \(\.xls\)/);
    expect(FakeWorker.created[0].requests.map((r) => r.kind)).toEqual(['read', 'read', 'read', 'read', 'read']);
  });

  it('passes percent cells across as arrays and back as a Set', () => {
    const grid: Grid = { sheets: [{ name: 'ВПР', hidden: false, rows: [['a', 0.25, new Date(NOW)]], merges: [], percentCells: new Set(['B1']) }, { name: 'Б', hidden: true, rows: [], merges: [] }] };
    const wire = ie11Clone(toWireGrid(grid));
    expect(wire.sheets[0].percentCells).toEqual(['B1']);
    expect(fromWireGrid(wire)).toStrictEqual(grid);
  });

  it('fails with the pipeline’s error, its code and its Russian message, as the workflow does', async () => {
    const evaluation = inWorker();
    const conditions = await evaluation.check([sources[0]], rules, undefined, { now: NOW });
    const error = await evaluation.classify(conditions, rules).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ name: 'PipelineError', code: 'nothing_to_classify', message: expect.stringMatching(/^Среди форм нет ни реестра ОО без ошибок, ни таблицы открытых данных/) });

    // The pane's new rules cross with the next request.
    const noParams = { ...bundle, params: [] };
    const changed: EvaluationRules = { bundle: noParams, loaded: loadRuleBundle(noParams) };
    const both = await evaluation.check(sources, changed, undefined, { now: NOW });
    const direct = await paneClassification(both, changed.loaded).catch((e: unknown) => e);
    const viaWorker = await evaluation.classify(both, changed).catch((e: unknown) => e);
    expect(viaWorker).toBeInstanceOf(PipelineError);
    expect((viaWorker as Error).message).toBe((direct as Error).message);
    expect((viaWorker as PipelineError).code).toBe('no_params');
  });
});

describe('evaluation in the pane’s thread', () => {
  it('is chosen when Worker cannot be created, and gives the same results', async () => {
    const evaluation = createEvaluation({
      Worker: class {
        constructor() {
          throw new Error('SecurityError: Failed to construct Worker');
        }
      } as unknown as typeof FakeWorker,
      url: 'evaluation-worker.js',
    });
    expect(evaluation.mode).toBe('thread');
    const progress: string[] = [];
    const checked = await evaluation.check(sources, rules, undefined, { now: NOW, onProgress: (p) => progress.push(p.name) });
    expect(checked).toStrictEqual(await paneCheck(sources, rules.loaded, undefined, NOW));
    expect(progress).toEqual(['register.xlsx', 'conditions.xlsx']);
    expect(await evaluation.classify(checked, rules, { reportDate: REPORT_DATE })).toStrictEqual(await paneClassification(checked, rules.loaded, { reportDate: REPORT_DATE }));
    await expect(evaluation.classify(checked.slice(0, 1), rules)).rejects.toBeInstanceOf(PipelineError);
  });

  it('is chosen where there is no Worker or no worker script (Node, an unbundled pane)', () => {
    expect(typeof Worker).toBe('undefined');
    expect(createEvaluation().mode).toBe('thread');
  });

  it('takes over the requests of a worker that fails to start', async () => {
    FakeWorker.startup = 'fail';
    const evaluation = inWorker();
    const pending = evaluation.check(sources, rules, undefined, { now: NOW });
    const checked = await pending;
    expect(evaluation.mode).toBe('thread');
    expect(FakeWorker.created[0].terminated).toBe(true);
    expect(checked).toStrictEqual(await paneCheck(sources, rules.loaded, undefined, NOW));
    await evaluation.check(sources, rules, undefined, { now: NOW });
    expect(FakeWorker.created).toHaveLength(1);
  });

  it('does not take over once the worker was ready: its requests fail in Russian, later ones run here', async () => {
    const evaluation = inWorker();
    await evaluation.check([sources[1]], rules, undefined, { now: NOW });
    const worker = FakeWorker.created[0];
    const pending = evaluation.check(sources, rules, undefined, { now: NOW });
    worker.onerror?.({ message: 'out of memory' });
    await expect(pending).rejects.toThrow('Вычисления в фоновом потоке прервались: out of memory');
    expect(evaluation.mode).toBe('thread');
    expect(await evaluation.check(sources, rules, undefined, { now: NOW })).toStrictEqual(await paneCheck(sources, rules.loaded, undefined, NOW));
  });
});
