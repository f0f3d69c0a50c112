import { checkAgainstSchema, type SchemaProblem } from '../schema/schema-check';
import { schemaValidators } from '../schema/schema-validators';
import { isIsoDate, type Deadline } from './deadline';
import { placeholdersOf } from './fill-template';

/**
 * The catalogue of addressed recommendations (rules/recommendations/*.json, schema
 * rules/schema/recommendations.schema.json): what a classification recommends, to whom, by when, who
 * executes it, what result is expected and on what basis. Rule sets name recommendations by id in their
 * events; the catalogue's `levels` section names those of the objectivity levels, and its `municipal`
 * rules address a municipality where several of its schools share a classification.
 */

/** The system (rules/systems) a recommendation belongs to, or `municipal` for a municipality's measures. */
export type RecommendationArea = string;

export type Addressee = 'school' | 'teachers' | 'municipality' | 'institute' | 'region';

/** Addressees in the order a recommendation list shows them. */
export const ADDRESSEES: readonly Addressee[] = ['school', 'teachers', 'municipality', 'institute', 'region'];

export const ADDRESSEE_TITLES: Record<Addressee, string> = {
  school: 'Школа (директор)',
  teachers: 'Учителя-предметники',
  municipality: 'Муниципальный орган управления образованием (МОУО)',
  institute: 'Методическая служба (ИРО)',
  region: 'Региональный орган управления образованием',
};

export const MUNICIPAL_AREA_TITLE = 'Меры муниципального уровня';

export interface RecommendationSpec {
  id: string;
  area: RecommendationArea;
  addressee: Addressee;
  title?: string;
  /** Text templates: see SCHOOL_PLACEHOLDERS and MUNICIPAL_PLACEHOLDERS. */
  measure: string;
  deadline: Deadline;
  responsible: string;
  expected: string;
  /** The document or practice the measure comes from. */
  basis: string;
}

/** Which schools a municipal rule counts; every selector given must match a finding. */
export interface MunicipalWhen {
  status?: 'ШНОР' | 'ШНСУ';
  factor?: string;
  level?: 'high' | 'medium';
  marker?: string;
  rule?: string[];
  /** Findings of this system. */
  area?: string;
  /** The school's objectivity level is at least this (attention < signs): at_least {"objectivity": …}. */
  objectivity_level?: string;
  /** The school stands on a system's ladder at least this high: {"objectivity": "attention"}. */
  at_least?: Record<string, string>;
  /** Count schools per ВПР subject (subject-scope findings only). */
  subject?: boolean;
  min_schools: number | { param: string };
}

export interface MunicipalRuleSpec extends RecommendationSpec {
  when: MunicipalWhen;
}

export interface RecommendationCatalogue {
  $schema?: string;
  id: string;
  version: string;
  title: string;
  description?: string;
  basis: string;
  recommendations: RecommendationSpec[];
  /** Recommendations of a system's ladder steps: {"objectivity": {"signs": [...], "attention": [...]}}. */
  levels?: Record<string, Record<string, string[]>>;
  municipal?: MunicipalRuleSpec[];
}

/** A problem of a catalogue file: JSON pointer and a Russian sentence. */
export type CatalogueProblem = SchemaProblem;

export type CatalogueLoad = { ok: true; catalogue: RecommendationCatalogue } | { ok: false; problems: CatalogueProblem[] };

/** Placeholders of a school's recommendation (the triggering findings' values are joined with «; »). */
export const SCHOOL_PLACEHOLDERS: readonly string[] = [
  'school.name',
  'school.school_id',
  'school.municipality',
  'school.pupils',
  'school.share_ovz',
  'school.share_non_native',
  'school.share_difficult',
  'municipality',
  'work.year',
  'work.grade',
  'work.subject',
  'work.title',
  'finding.label',
  'finding.title',
  'finding.explanation',
  'finding.rule',
  'report.date',
  'report.year',
  'deadline',
];

/** Placeholders of a municipal rule's recommendation; {subject} only with when.subject. */
export const MUNICIPAL_PLACEHOLDERS: readonly string[] = ['municipality', 'subject', 'count', 'min_schools', 'schools', 'finding.label', 'report.date', 'report.year', 'deadline'];

const validateShape = schemaValidators.recommendations;

const TEMPLATE_FIELDS = ['measure', 'responsible', 'expected'] as const;
const SELECTORS = ['status', 'factor', 'marker', 'rule', 'area', 'objectivity_level', 'at_least'] as const;

/** Edit distance, for «возможно, имелось в виду». */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function unknownPlaceholder(name: string, known: readonly string[]): string {
  let best = known[0];
  for (const k of known) if (distance(name, k) < distance(name, best)) best = k;
  const hint = distance(name, best) <= Math.max(1, Math.floor(name.length / 4)) ? `; возможно, имелось в виду «{${best}}»` : `; известны: ${known.map((k) => `{${k}}`).join(', ')}`;
  return `неизвестная подстановка «{${name}}»${hint}`;
}

/** What a schema cannot see: repeated ids, references, dates, placeholders, municipal rules that select nothing. */
function semanticProblems(c: RecommendationCatalogue): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const seen = new Map<string, string>();
  const checkEntry = (r: RecommendationSpec, at: string, known: readonly string[], onlyWithSubject = false) => {
    const first = seen.get(r.id);
    if (first !== undefined) problems.push({ pointer: `${at}/id`, message: `рекомендация «${r.id}» уже описана выше (${first})` });
    else seen.set(r.id, at);
    if ('date' in r.deadline && !isIsoDate(r.deadline.date)) problems.push({ pointer: `${at}/deadline/date`, message: `даты «${r.deadline.date}» нет в календаре` });
    for (const field of TEMPLATE_FIELDS) {
      for (const name of placeholdersOf(r[field])) {
        if (known.includes(name)) continue;
        const message = onlyWithSubject && name === 'subject' ? 'подстановка «{subject}» есть только у правил, которые считают школы по предметам (when.subject: true)' : unknownPlaceholder(name, known);
        problems.push({ pointer: `${at}/${field}`, message });
      }
    }
  };
  c.recommendations.forEach((r, i) => checkEntry(r, `/recommendations/${i}`, SCHOOL_PLACEHOLDERS));
  const schoolIds = new Set(c.recommendations.map((r) => r.id));
  for (const [system, steps] of Object.entries(c.levels ?? {}))
    for (const [step, ids] of Object.entries(steps))
      ids.forEach((id, i) => {
        if (!schoolIds.has(id)) problems.push({ pointer: `/levels/${system}/${step}/${i}`, message: `рекомендации «${id}» нет в разделе recommendations каталога` });
      });
  (c.municipal ?? []).forEach((r, i) => {
    const at = `/municipal/${i}`;
    checkEntry(r, at, r.when.subject ? MUNICIPAL_PLACEHOLDERS : MUNICIPAL_PLACEHOLDERS.filter((p) => p !== 'subject'), !r.when.subject);
    if (!SELECTORS.some((s) => r.when[s] !== undefined) && r.when.level === undefined)
      problems.push({ pointer: `${at}/when`, message: 'в условии when не сказано, какие школы считать: нужен status, factor, marker, rule, area, at_least или objectivity_level' });
    if (r.when.level !== undefined && r.when.factor === undefined && r.when.area !== 'risk_factors')
      problems.push({ pointer: `${at}/when/level`, message: 'уровень level уточняет фактор риска: укажите factor или area: risk_factors' });
  });
  return problems;
}

/**
 * Checks a parsed catalogue file against its schema and what the schema cannot see. Never throws:
 * anything that is not a valid catalogue gives located Russian problems.
 */
export function loadCatalogue(json: unknown): CatalogueLoad {
  const shape = checkAgainstSchema(validateShape, json);
  if (shape.length) return { ok: false, problems: shape };
  const catalogue = json as RecommendationCatalogue;
  const problems = semanticProblems(catalogue);
  return problems.length ? { ok: false, problems } : { ok: true, catalogue };
}
