import type { Grid } from '../core/grid/grid';
import { isPipelineError } from '../core/pipeline/errors';
import type { SourceOutcome } from '../core/pipeline/outcome';
import type { RuleLibrary } from '../core/rules/library';
import { gridFromBytes } from './browser-files';
import { type CheckRequest, type ClassifyRequest, type EvaluationRequest, type EvaluationResponse, fromWireGrid, type ReadRequest, toWireGrid } from './evaluation-protocol';
import type { PaneSource } from './pane-sources';
import { loadRuleBundle } from './rule-bundle';
import { paneChecking, paneClassification } from './workflow';

/** What the service needs of a worker's global scope (or of a test's stand-in for it). */
export interface EvaluationScope {
  onmessage: ((event: { data: EvaluationRequest }) => void) | null;
  postMessage(message: EvaluationResponse): void;
}

/** Marks each evaluation on the worker's timeline: DevTools shows it, and the e2e test sees that the worker did the work. */
function measured<T>(name: string, run: () => Promise<T>): Promise<T> {
  const timeline = typeof performance !== 'undefined' && typeof performance.mark === 'function' && typeof performance.measure === 'function' ? performance : undefined;
  const start = `${name} start`;
  timeline?.mark(start);
  return run().then((value) => {
    timeline?.measure(name, start);
    return value;
  });
}

/**
 * The worker's side of the evaluation: the same workflow functions the pane calls in its own thread,
 * over requests that arrive as structured clones.
 */
export function serveEvaluation(scope: EvaluationScope): void {
  let rules: RuleLibrary | undefined;
  /** The grids of the latest check, by the source's key, so that the next check need not send them again. */
  let grids: { [key: string]: Grid } = {};
  /** The latest check's outcomes, which a classification usually names instead of sending them back. */
  let last: { id: number; outcomes: SourceOutcome[] } | undefined;

  const check = async (request: CheckRequest, loaded: RuleLibrary): Promise<EvaluationResponse> => {
    const kept: { [key: string]: Grid } = {};
    const sources: PaneSource[] = request.sources.map((s) => {
      const source: PaneSource = { key: s.key, name: s.name, ...(s.folder !== undefined && { folder: s.folder }), ...(s.open && { open: true }) };
      if (s.failure) return { ...source, failure: s.failure };
      const grid = s.grid ? fromWireGrid(s.grid) : grids[s.key];
      if (!grid) throw new Error(`evaluation worker: no grid for source ${s.key}`);
      kept[s.key] = grid;
      return { ...source, grid };
    });
    grids = kept;
    const picked = request.picked === undefined ? undefined : loaded.templates.find((t) => t.id === request.picked);
    if (request.picked !== undefined && !picked) throw new Error(`evaluation worker: no template ${request.picked}`);
    const checking = await paneChecking(sources, loaded, picked, new Date(request.now));
    for (let done = 0; checking.upcoming; done++) {
      scope.postMessage({ type: 'progress', id: request.id, done, total: checking.total, name: checking.upcoming.name });
      await checking.step();
    }
    const outcomes = checking.outcomes();
    last = { id: request.id, outcomes };
    return { type: 'checked', id: request.id, outcomes };
  };

  const classify = async (request: ClassifyRequest, loaded: RuleLibrary): Promise<EvaluationResponse> => {
    const outcomes = request.check !== undefined && last?.id === request.check ? last.outcomes : request.outcomes;
    if (!outcomes) throw new Error(`evaluation worker: the outcomes of check ${request.check} are gone`);
    return { type: 'classified', id: request.id, classification: await paneClassification(outcomes, loaded, { paramsId: request.paramsId, reportDate: new Date(request.reportDate) }) };
  };

  const read = async (request: ReadRequest): Promise<EvaluationResponse> => ({ type: 'read', id: request.id, grid: toWireGrid(await gridFromBytes(request.bytes, request.name)) });

  const handle = async (request: EvaluationRequest): Promise<void> => {
    try {
      if (request.bundle) rules = loadRuleBundle(request.bundle);
      if (request.kind === 'read') {
        scope.postMessage(await measured('okoshko read', () => read(request)));
        return;
      }
      const loaded = rules;
      if (!loaded) throw new Error('evaluation worker: no rules');
      scope.postMessage(await measured(`okoshko ${request.kind}`, () => (request.kind === 'check' ? check(request, loaded) : classify(request, loaded))));
    } catch (e) {
      scope.postMessage({
        type: 'failed',
        id: request.id,
        name: e instanceof Error ? e.name : 'Error',
        message: e instanceof Error ? e.message : String(e),
        ...(isPipelineError(e) && { problem: e.problem }),
      });
    }
  };

  // One request at a time, in order: a classification may name the check before it.
  let queue = Promise.resolve();
  scope.onmessage = (event) => {
    const request = event.data;
    queue = queue.then(() => handle(request));
  };
  scope.postMessage({ type: 'ready' });
}
