import { ADDRESSEE_TITLES, type Addressee, type RecommendationCatalogue } from '../recommend/catalogue';
import type { AddressedRecommendation } from '../recommend/address';
import { recommendationKey } from '../recommend/key';
import type { ExecutionReadback, ExecutionStatus } from './execution';

/**
 * Measures of last year's plan that were not carried out come back into this year's plan marked
 * «повторно» with last year's deadline: a measure this year's classification asks for again is marked
 * on its row, any other is added beside its school's rows. Keyed by the measure's code, so a measure
 * is never in the plan twice.
 */

export const CARRIED_OVER: ReadonlySet<ExecutionStatus> = new Set(['not_done', 'partly']);

const ADDRESSEE_BY_TITLE = new Map(Object.entries(ADDRESSEE_TITLES).map(([k, v]) => [v, k as Addressee]));

export function carryOver(rows: readonly AddressedRecommendation[], readback: ExecutionReadback, catalogue: RecommendationCatalogue): AddressedRecommendation[] {
  const out = rows.slice();
  const at = new Map(out.map((r, i) => [recommendationKey(r), i]));
  const added: AddressedRecommendation[] = [];
  const specs = new Map([...catalogue.recommendations, ...(catalogue.municipal ?? [])].map((r) => [r.id, r]));
  for (const m of readback.measures) {
    if (!CARRIED_OVER.has(m.status) || !m.recommendationId) continue;
    const repeat = { year: readback.year, ...(m.deadline && { deadline: m.deadline }), mark: m.marks.find((x) => x.status === m.status)?.raw ?? '' };
    const i = at.get(m.key);
    if (i !== undefined) {
      out[i] = { ...out[i], repeat };
      continue;
    }
    const spec = specs.get(m.recommendationId);
    const addressee = (m.addressee && ADDRESSEE_BY_TITLE.get(m.addressee)) || spec?.addressee || 'school';
    const subject = !m.schoolId ? /\/(.+)$/.exec(m.key.slice(m.key.indexOf('@') + 1))?.[1] : undefined;
    const row: AddressedRecommendation = {
      id: m.recommendationId,
      area: spec?.area ?? 'municipal',
      municipality: m.municipality,
      ...(m.schoolId && { schoolId: m.schoolId, schoolName: m.school.replace(/\s*\([^()]+\)\s*$/, '') }),
      ...(subject && { subject }),
      addressee,
      addresseeTitle: m.addressee ?? ADDRESSEE_TITLES[addressee],
      basis: '',
      measure: m.measure,
      deadline: m.deadline ?? '',
      responsible: m.responsible ?? spec?.responsible ?? '',
      expected: m.expected ?? spec?.expected ?? '',
      triggeredBy: [],
      source: spec?.basis ?? '',
      repeat,
    };
    added.push(row);
  }
  // Added once every row of this year's plan is marked, so the positions above never shift under it.
  for (const row of added) {
    const last = lastIndex(out, (r) => r.municipality === row.municipality && r.schoolId === row.schoolId);
    const place = last >= 0 ? last : lastIndex(out, (r) => r.municipality === row.municipality);
    out.splice(place >= 0 ? place + 1 : out.length, 0, row);
  }
  return out;
}

function lastIndex<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i])) return i;
  return -1;
}
