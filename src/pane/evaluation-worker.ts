import './polyfills';
import { type EvaluationScope, serveEvaluation } from './evaluation-service';

/** The evaluation worker's entry (webpack's evaluation-worker.js beside the pages' bundles): see evaluation.ts. */
serveEvaluation(self as unknown as EvaluationScope);
