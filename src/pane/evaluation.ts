import type { Grid } from '../core/grid/grid';
import { PipelineError, type PipelineProblem } from '../core/pipeline/errors';
import type { SourceOutcome } from '../core/pipeline/outcome';
import type { RuleLibrary } from '../core/rules/library';
import type { Template } from '../core/template/template';
import { gridFromBytes } from './browser-files';
import { type CheckRequest, type ClassifyRequest, type EvaluationRequest, type EvaluationResponse, fromWireGrid, type PaneClassification, type ReadRequest, toWireGrid } from './evaluation-protocol';
import type { PaneSource } from './pane-sources';
import type { RuleBundle } from './rule-bundle';
import { paneChecking, paneClassification } from './workflow';

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
  loaded: RuleLibrary;
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
  /** The pipeline's check of the sources (workflow.ts). */
  check(sources: readonly PaneSource[], rules: EvaluationRules, picked?: Template, options?: CheckOptions): Promise<SourceOutcome[]>;
  /** The classification and its report sheets (workflow.ts); fails with PipelineError as the pipeline does. */
  classify(outcomes: readonly SourceOutcome[], rules: EvaluationRules, options?: ClassifyOptions): Promise<PaneClassification>;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The pane's own thread: the browser paints and handles clicks between sources. */
export class ThreadEvaluation implements Evaluation {
  readonly mode = 'thread';

  async read(name: string, bytes: Uint8Array): Promise<Grid> {
    await pause();
    return gridFromBytes(bytes, name);
  }

  async check(sources: readonly PaneSource[], rules: EvaluationRules, picked?: Template, options: CheckOptions = {}): Promise<SourceOutcome[]> {
    const checking = await paneChecking(sources, rules.loaded, picked, options.now);
    for (let done = 0; checking.upcoming; done++) {
      options.onProgress?.({ done, total: checking.total, name: checking.upcoming.name });
      await pause();
      await checking.step();
    }
    return checking.outcomes();
  }

  async classify(outcomes: readonly SourceOutcome[], rules: EvaluationRules, options: ClassifyOptions = {}): Promise<PaneClassification> {
    await pause();
    return paneClassification(outcomes, rules.loaded, options);
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
function revive(name: string, message: string, problem?: unknown): Error {
  if (name === 'PipelineError' && problem) return new PipelineError(problem as PipelineProblem);
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
  /** Keys of the sources whose grids the worker holds: those of the latest check. */
  private held: string[] = [];
  private lastCheck?: { id: number; outcomes: readonly SourceOutcome[] };

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

  check(sources: readonly PaneSource[], rules: EvaluationRules, picked?: Template, options: CheckOptions = {}): Promise<SourceOutcome[]> {
    const fallback = () => this.thread.check(sources, rules, picked, options);
    if (!this.worker) return fallback();
    const id = this.nextId++;
    const request: CheckRequest = {
      id,
      kind: 'check',
      bundle: this.bundleFor(rules),
      sources: sources.map((s) => ({
        key: s.key,
        name: s.name,
        ...(s.folder !== undefined && { folder: s.folder }),
        ...(s.open && { open: true }),
        ...(s.failure && { failure: s.failure }),
        ...(s.grid && this.held.indexOf(s.key) < 0 && { grid: toWireGrid(s.grid) }),
      })),
      picked: picked?.id,
      now: (options.now ?? new Date()).getTime(),
    };
    this.held = sources.filter((s) => s.grid).map((s) => s.key);
    return this.send<SourceOutcome[]>(request, fallback, options.onProgress, (response) => {
      if (response.type !== 'checked') throw new Error(`evaluation worker: ${response.type} for a check`);
      const outcomes = response.outcomes;
      this.lastCheck = { id, outcomes };
      return outcomes;
    });
  }

  classify(outcomes: readonly SourceOutcome[], rules: EvaluationRules, options: ClassifyOptions = {}): Promise<PaneClassification> {
    const fallback = () => this.thread.classify(outcomes, rules, options);
    if (!this.worker) return fallback();
    const held = this.lastCheck && this.lastCheck.outcomes === outcomes ? this.lastCheck.id : undefined;
    const request: ClassifyRequest = {
      id: this.nextId++,
      kind: 'classify',
      bundle: this.bundleFor(rules),
      check: held,
      outcomes: held === undefined ? outcomes.slice() : undefined,
      paramsId: options.paramsId,
      reportDate: (options.reportDate ?? new Date()).getTime(),
    };
    return this.send<PaneClassification>(request, fallback, undefined, (response) => {
      if (response.type !== 'classified') throw new Error(`evaluation worker: ${response.type} for a classification`);
      return response.classification;
    });
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
      pending.reject(revive(response.name, response.message, response.problem));
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
