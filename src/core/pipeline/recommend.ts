import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../recommend/address';
import type { RecommendationCatalogue } from '../recommend/catalogue';
import { carryOver } from '../cycle/carry-over';
import { analyseExecution, type ExecutionAnalysis } from '../cycle/measure-effect';
import type { Classification } from './classify';

export interface Recommendations {
  catalogue: RecommendationCatalogue;
  rows: AddressedRecommendation[];
  /** What the catalogue could not do; the rest is addressed. */
  problems: RecommendationProblem[];
  /** Last year's plan as it came back: each measure's execution and whether its school improved. */
  execution?: ExecutionAnalysis;
}

/**
 * Step 6 of the cycle: the classifications (of the region's schools or a table's rows) become addressed
 * recommendations of the catalogue; with last year's plan back, what was not carried out comes back into it.
 */
export function recommend(classification: Classification, catalogue: RecommendationCatalogue, reportDate: Date): Recommendations {
  const problems: RecommendationProblem[] = [];
  const rows = addressRecommendations(classification.classifications, classification.systems.systems, catalogue, classification.rules.params!, reportDate, (p) => problems.push(p));
  const readback = classification.kind === 'region' ? classification.execution : undefined;
  if (!readback) return { catalogue, rows, problems };
  return {
    catalogue,
    rows: carryOver(rows, readback, catalogue),
    problems,
    execution: analyseExecution(readback, catalogue, classification.kind === 'region' ? classification.previous : undefined, classification),
  };
}
