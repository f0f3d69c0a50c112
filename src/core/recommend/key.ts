import type { AddressedRecommendation } from './address';

/**
 * A measure's code in «Адресные рекомендации»: the catalogue's id and whom it is for. It is what a
 * plan read back next year is matched by, whatever the user did to the rows' order.
 */
export function recommendationKey(r: Pick<AddressedRecommendation, 'id' | 'schoolId' | 'municipality' | 'subject'>): string {
  return `${r.id}@${r.schoolId ?? `${r.municipality}${r.subject ? `/${r.subject}` : ''}`}`;
}

/** The catalogue id of a code written by recommendationKey; undefined for anything else. */
export function recommendationIdOfKey(key: string): string | undefined {
  const m = /^([a-z0-9_.-]+)@./i.exec(key);
  return m ? m[1] : undefined;
}
