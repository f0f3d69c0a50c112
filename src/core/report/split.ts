import type { AddressedRecommendation } from '../recommend/address';
import type { SchoolClassification } from '../rules/classify';

/** One municipality's share of the region's results: its schools' classifications and its recommendations. */
export interface MunicipalityPart {
  municipality: string;
  classifications: SchoolClassification[];
  recommendations: AddressedRecommendation[];
}

export function splitByMunicipality(classifications: readonly SchoolClassification[], recommendations: readonly AddressedRecommendation[]): MunicipalityPart[] {
  const names = [...new Set([...classifications.map((c) => c.school.municipality), ...recommendations.map((r) => r.municipality)])].sort((a, b) => a.localeCompare(b, 'ru'));
  return names.map((municipality) => ({
    municipality,
    classifications: classifications.filter((c) => c.school.municipality === municipality),
    recommendations: recommendations.filter((r) => r.municipality === municipality),
  }));
}
