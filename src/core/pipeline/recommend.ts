import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../recommend/address';
import type { RecommendationCatalogue } from '../recommend/catalogue';
import type { Classification } from './classify';

export interface Recommendations {
  catalogue: RecommendationCatalogue;
  rows: AddressedRecommendation[];
  /** What the catalogue could not do; the rest is addressed. */
  problems: RecommendationProblem[];
}

/** Step 6 of the cycle: the classifications (of the region's schools or a table's rows) become addressed recommendations of the catalogue. */
export function recommend(classification: Classification, catalogue: RecommendationCatalogue, reportDate: Date): Recommendations {
  const problems: RecommendationProblem[] = [];
  const rows = addressRecommendations(classification.classifications, classification.systems.systems, catalogue, classification.rules.params!, reportDate, (p) => problems.push(p));
  return { catalogue, rows, problems };
}
