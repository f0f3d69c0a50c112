import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../recommend/address';
import type { RecommendationCatalogue } from '../recommend/catalogue';
import type { RegionClassification } from './classify';

export interface Recommendations {
  catalogue: RecommendationCatalogue;
  rows: AddressedRecommendation[];
  /** What the catalogue could not do; the rest is addressed. */
  problems: RecommendationProblem[];
}

/** Step 6 of the cycle: the region's classifications become addressed recommendations of the catalogue. */
export function recommend(classification: RegionClassification, catalogue: RecommendationCatalogue, reportDate: Date): Recommendations {
  const problems: RecommendationProblem[] = [];
  const rows = addressRecommendations(classification.classifications, catalogue, classification.rules.params!, reportDate, (p) => problems.push(p));
  return { catalogue, rows, problems };
}
