import type { Grid } from '../../core/grid';
import type { Template } from '../../core/template';
import { gridFromBytes } from '../../web/browser-files';
import { type CheckRequest, type ClassifyRequest, type EvaluationRequest, type EvaluationResponse, fromWireGrid, type ReadRequest, reviveResults, toWireGrid } from './evaluation-protocol';
import type { LoadedRules, RuleBundle } from './rule-bundle';
import { type CheckedSource, ClassificationUnavailable, classifySources, type RegionClassification, type Source, sourceChecking } from './workflow';

/**
 * Where the pane's evaluation runs, so that it never freezes the pane: a Web Worker where the browser
 * can start one beside the page, otherwise the pane's own thread, yielding between sources.
 */

export interface EvaluationProgress {
  /** Sources checked so far. */
  done: number;
  total: number;
  /** The source being checked now. */
  name: string;
}

/** The pane's rules: the raw bundle crosses to a worker, the loaded ones serve the pane's own thread. */
export interface EvaluationRules {
  bundle: RuleBundle;
  loaded: LoadedRules;
}

export interface CheckOptions {
  now?: Date;
  onProgress?: (progress: EvaluationProgress) => void;
}

export interface ClassifyOptions {
  paramsId?: string;
  reportDate?: Date;
}

export interface Evaluation {
  readonly mode: 'worker' | 'thread';
  /** A chosen file's bytes as a grid (gridFromBytes of the file host); fails with its Russian reason. */
  read(name: string, bytes: Uint8Array): Promise<Grid>;
  /** checkSources of the workflow. */
  check(sources: readonly Source[], rules: EvaluationRules, picked?: Template, options?: CheckOptions): Promise<CheckedSource[]>;
  /** classifySources of the workflow; fails with ClassificationUnavailable as it does. */
  classify(checked: readonly CheckedSource[], rules: EvaluationRules, options?: ClassifyOptions): Promise<RegionClassification>;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The pane's own thread: the browser paints and handles clicks between sources. */
export class ThreadEvaluation implements Evaluation {
  readonly mode = 'thread';

  async read(name: string, bytes: Uint8Array): Promise<Grid> {
    await pause();
    return gridFromBytes(bytes, name);
  }

  async check(sources: readonly Source[], rules: EvaluationRules, picked?: Template, options: CheckOptions = {}): Promise<CheckedSource[]> {
    const checking = sourceChecking(sources, rules.loaded.templates, picked, options.now);
    for (let done = 0; checking.upcoming; done++) {
      options.onProgress?.({ done, total: checking.total, name: checking.upcoming.name });
      await pause();
      checking.step();
    }
    return checking.checked();
  }

  async classify(checked: readonly CheckedSource[], rules: EvaluationRules, options: ClassifyOptions = {}): Promise<RegionClassification> {
    await pause();
    return classifySources(checked, rules.loaded, options.paramsId, options.reportDate);
  }
}

/** The part of a Worker the client uses (a test gives a stand-in). */
export interface WorkerLike {
  onmessage: ((event: { data: EvaluationResponse }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  onmessageerror?: ((event: unknown) => void) | null;
  postMessage(message: EvaluationRequest): void;
  terminate(): void;
}

export type WorkerConstructor = new (url: string) => WorkerLike;

interface Pending {
  kind: EvaluationRequest['kind'];
  /** The same request in the pane's thread, should the worker fail to start. */
  fallback: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settle: (response: EvaluationResponse) => unknown;
  onProgress?: (progress: EvaluationProgress) => void;
}

/** A failure from the worker as the error the workflow would have thrown in this thread. */
function revive(name: string, message: string): Error {
  if (name === 'ClassificationUnavailable') return new ClassificationUnavailable(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Evaluation in a Web Worker (evaluation-worker.ts); until the worker says it is ready, a failure to start moves its requests to this thread. */
export class WorkerEvaluation implements Evaluation {
  private worker?: WorkerLike;
  private ready = false;
  private readonly thread = new ThreadEvaluation();
  private nextId = 1;
  private readonly pending: { [id: number]: Pending } = {};
  /** The bundle the worker holds. */
  private sentBundle?: RuleBundle;
  /** Keys of the grids the worker holds: those of the latest check. */
  private held: number[] = [];
  private readonly gridKeys = new WeakMap<Grid, number>();
  private nextKey = 1;
  private lastCheck?: { id: number; checked: readonly CheckedSource[] };

  constructor(worker: WorkerLike) {
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // Handled here, so not reported again as the page's uncaught error.
      event.preventDefault?.();
      this.stop(`Вычисления в фоновом потоке прервались: ${event.message || 'причина неизвестна'}`);
    };
    worker.onmessageerror = () => this.stop('Ответ фонового потока не прочитан.');
  }

  get mode(): 'worker' | 'thread' {
    return this.worker ? 'worker' : 'thread';
  }

  read(name: string, bytes: Uint8Array): Promise<Grid> {
    const fallback = () => this.thread.read(name, bytes);
    if (!this.worker) return fallback();
    // Copied, not transferred: should the worker fail to start, this thread parses the same bytes.
    const request: ReadRequest = { id: this.nextId++, kind: 'read', name, bytes };
    return this.send<Grid>(request, fallback, undefined, (response) => {
      if (response.type !== 'read') throw new Error(`evaluation worker: ${response.type} for a file`);
      return fromWireGrid(response.grid);
    });
  }

  check(sources: readonly Source[], rules: EvaluationRules, picked?: Template, options: CheckOptions = {}): Promise<CheckedSource[]> {
    const fallback = () => this.thread.check(sources, rules, picked, options);
    if (!this.worker) return fallback();
    const id = this.nextId++;
    const keys = sources.map((s) => this.keyOf(s.grid));
    const request: CheckRequest = {
      id,
      kind: 'check',
      bundle: this.bundleFor(rules),
      sources: sources.map((s, i) => ({ key: keys[i], name: s.name, open: s.open, grid: this.held.indexOf(keys[i]) >= 0 ? undefined : toWireGrid(s.grid) })),
      picked: picked?.id,
      now: (options.now ?? new Date()).getTime(),
    };
    this.held = keys;
    return this.send<CheckedSource[]>(request, fallback, options.onProgress, (response) => {
      if (response.type !== 'checked') throw new Error(`evaluation worker: ${response.type} for a check`);
      reviveResults(response.checked.map((c) => c.result));
      const checked = response.checked.map((c, i) => ({ source: sources[i], result: c.result, report: c.report }));
      this.lastCheck = { id, checked };
      return checked;
    });
  }

  classify(checked: readonly CheckedSource[], rules: EvaluationRules, options: ClassifyOptions = {}): Promise<RegionClassification> {
    const fallback = () => this.thread.classify(checked, rules, options);
    if (!this.worker) return fallback();
    const held = this.lastCheck && this.lastCheck.checked === checked ? this.lastCheck.id : undefined;
    const request: ClassifyRequest = {
      id: this.nextId++,
      kind: 'classify',
      bundle: this.bundleFor(rules),
      check: held,
      results: held === undefined ? checked.map((c) => c.result) : undefined,
      paramsId: options.paramsId,
      reportDate: (options.reportDate ?? new Date()).getTime(),
    };
    return this.send<RegionClassification>(request, fallback, undefined, (response) => {
      if (response.type !== 'classified') throw new Error(`evaluation worker: ${response.type} for a classification`);
      return response.classification;
    });
  }

  private keyOf(grid: Grid): number {
    let key = this.gridKeys.get(grid);
    if (key === undefined) this.gridKeys.set(grid, (key = this.nextKey++));
    return key;
  }

  private bundleFor(rules: EvaluationRules): RuleBundle | undefined {
    if (rules.bundle === this.sentBundle) return undefined;
    this.sentBundle = rules.bundle;
    return rules.bundle;
  }

  private send<T>(request: EvaluationRequest, fallback: () => Promise<T>, onProgress: ((p: EvaluationProgress) => void) | undefined, settle: (response: EvaluationResponse) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending[request.id] = { kind: request.kind, fallback, resolve: resolve as (value: unknown) => void, reject, settle, onProgress };
      try {
        this.worker!.postMessage(request);
      } catch (e) {
        // Nothing arrived: the worker's rules and grids are as they were, but which they are is no longer known.
        delete this.pending[request.id];
        this.sentBundle = undefined;
        this.held = [];
        this.lastCheck = undefined;
        reject(e);
      }
    });
  }

  private receive(response: EvaluationResponse): void {
    if (response.type === 'ready') {
      this.ready = true;
      return;
    }
    const pending = this.pending[response.id];
    if (!pending) return;
    if (response.type === 'progress') {
      pending.onProgress?.({ done: response.done, total: response.total, name: response.name });
      return;
    }
    delete this.pending[response.id];
    if (response.type === 'failed') {
      // A check that failed may have left the worker without the grids this client thinks it holds.
      if (pending.kind === 'check') this.held = [];
      pending.reject(revive(response.name, response.message));
      return;
    }
    try {
      pending.resolve(pending.settle(response));
    } catch (e) {
      pending.reject(e);
    }
  }

  /** The worker is gone for good: before it was ready its requests run here, after that they fail with `message`. */
  private stop(message: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    const ids = Object.keys(this.pending).map(Number).sort((a, b) => a - b);
    let chain = Promise.resolve();
    for (const id of ids) {
      const pending = this.pending[id];
      delete this.pending[id];
      if (this.ready) pending.reject(new Error(message));
      else chain = chain.then(() => pending.fallback().then(pending.resolve, pending.reject));
    }
  }
}

/** The worker script beside the bundles: webpack's public path is their folder, seen from taskpane.html and from web/index.html alike. */
declare const __webpack_public_path__: string | undefined;

function workerUrl(): string | undefined {
  return typeof __webpack_public_path__ === 'string' ? `${__webpack_public_path__}evaluation-worker.js` : undefined;
}

/**
 * A worker when the browser has Worker and lets the page start one (file:// pages and IE11 with a
 * restrictive setting throw), otherwise this thread.
 */
export function createEvaluation(options: { Worker?: WorkerConstructor; url?: string } = {}): Evaluation {
  const Constructor = options.Worker ?? (typeof Worker !== 'undefined' ? (Worker as unknown as WorkerConstructor) : undefined);
  const url = options.url ?? workerUrl();
  if (!Constructor || !url) return new ThreadEvaluation();
  try {
    return new WorkerEvaluation(new Constructor(url));
  } catch {
    return new ThreadEvaluation();
  }
}
