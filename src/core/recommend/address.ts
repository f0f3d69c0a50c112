import { allFindings, type SchoolClassification } from '../rules/classify';
import type { Finding } from '../rules/engine';
import { formatValue } from '../messages/phrases';
import { paramValue } from '../rules/params';
import { stepThreshold } from '../rules/rollup';
import type { ParamsFile } from '../rules/rule-set';
import type { LoadedSystem, OutcomeSpec } from '../rules/system';
import { ADDRESSEE_TITLES, ADDRESSEES, type Addressee, type MunicipalRuleSpec, type RecommendationArea, type RecommendationCatalogue, type RecommendationSpec } from './catalogue';
import { formatDateRu, isoDate, resolveDeadline } from './deadline';
import { fillTemplate, type TemplateValue, type TemplateValues } from './fill-template';

/**
 * Step 6 of the quality-management cycle: the classifications of the region's schools become addressed
 * recommendations — whom, what, by when, who executes, the expected result and the basis. Pure: the
 * caller reads the catalogue and the parameters.
 */

/** One row of the recommendations list: a school's recommendation, or a municipality's (no schoolId). */
export interface AddressedRecommendation {
  /** The catalogue's recommendation (or municipal rule) id. */
  id: string;
  area: RecommendationArea;
  municipality: string;
  schoolId?: string;
  schoolName?: string;
  /** Municipal rules counted per ВПР subject: the subject. */
  subject?: string;
  addressee: Addressee;
  addresseeTitle: string;
  /** Why: each classification that triggered the row with its explanation (values and thresholds), one per line. */
  basis: string;
  measure: string;
  /** ISO date. */
  deadline: string;
  responsible: string;
  expected: string;
  /** Rule names of the findings behind the row. */
  triggeredBy: string[];
  /** The document or practice the measure comes from (the catalogue's basis). */
  source: string;
  /** Placeholders of the texts left without a value (they stay visible as «{name}»). */
  unfilled?: string[];
  /** Last year's plan had this measure and it was not carried out (cycle/carry-over.ts). */
  repeat?: { year: number; deadline?: string; mark: string };
}

/** Something the catalogue could not do for the classifications given; the rest is still addressed. */
export interface RecommendationProblem {
  /** The recommendation or municipal rule id. */
  id: string;
  schoolId?: string;
  municipality?: string;
  message: string;
}

/** What made a recommendation fire for a school: one finding, or the school's objectivity level. */
interface Trigger {
  rules: string[];
  basis: string;
  labels: string[];
  titles: string[];
  explanations: string[];
  /** The findings about a part of the unit (a ВПР work), for {work.*}. */
  works: Finding[];
}

const distinct = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
const joined = (xs: Iterable<string>): string | undefined => {
  const list = distinct(xs);
  return list.length ? list.join('; ') : undefined;
};

const findingBasis = (f: Finding): string => (f.explanation ? `${f.event.label} — ${f.explanation}` : f.event.label);

function findingTrigger(f: Finding): Trigger {
  return { rules: [f.rule], basis: findingBasis(f), labels: [f.event.label], titles: [f.title], explanations: [f.explanation].filter(Boolean), works: f.work ? [f] : [] };
}

/** A system's ladder (the objectivity level) and the count it stands on. */
export function ladderOf(system: LoadedSystem | undefined): { ladder: OutcomeSpec; count: OutcomeSpec } | undefined {
  const ladder = system?.spec.outcomes.find((o) => o.kind === 'ladder');
  const count = ladder && system!.spec.outcomes.find((o) => o.id === ladder.of);
  return ladder && count ? { ladder, count } : undefined;
}

function levelTrigger(c: SchoolClassification, system: LoadedSystem, step: string, params: ParamsFile): Trigger {
  const { ladder, count } = ladderOf(system)!;
  const s = ladder.steps!.find((x) => x.id === step)!;
  const threshold = stepThreshold(s, params);
  const result = c.systems[system.spec.id];
  const findings = result?.findings ?? [];
  return {
    rules: distinct(findings.map((f) => f.rule)),
    basis: `${ladder.title} «${s.title}»: ${count.short ?? count.title.toLowerCase()} — ${result?.outcomes[count.id] ?? 0}${threshold !== undefined ? ` при пороге ${formatValue(threshold)}` : ''}`,
    labels: findings.map((f) => f.event.label),
    titles: findings.map((f) => f.title),
    explanations: findings.map((f) => f.explanation).filter(Boolean),
    works: findings.filter((f) => f.work),
  };
}

interface Texts {
  measure: string;
  responsible: string;
  expected: string;
  deadline: string;
  unfilled: string[];
}

function fillTexts(spec: RecommendationSpec, values: TemplateValues, reportDate: Date): Texts {
  const deadline = resolveDeadline(spec.deadline, reportDate);
  const all: TemplateValues = { ...values, deadline: formatDateRu(deadline) };
  const measure = fillTemplate(spec.measure, all);
  const responsible = fillTemplate(spec.responsible, all);
  const expected = fillTemplate(spec.expected, all);
  return { measure: measure.text, responsible: responsible.text, expected: expected.text, deadline, unfilled: distinct([...measure.unfilled, ...responsible.unfilled, ...expected.unfilled]) };
}

function reportValues(reportDate: Date): TemplateValues {
  return { date: formatDateRu(isoDate(reportDate)), year: reportDate.getFullYear() };
}

const templateValue = (v: unknown): TemplateValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined);

function schoolValues(c: SchoolClassification, triggers: Trigger[], reportDate: Date): TemplateValues {
  const works = triggers.flatMap((t) => t.works);
  const s = c.school;
  const field = (name: string) => joined(works.flatMap((f) => (f.work![name] !== undefined ? [String(f.work![name])] : [])));
  return {
    school: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, templateValue(v)])),
    municipality: s.municipality,
    work: {
      year: field('year'),
      grade: field('grade'),
      subject: field('subject'),
      title: joined(works.map((f) => f.workTitle ?? '')),
    },
    finding: {
      label: joined(triggers.flatMap((t) => t.labels)),
      title: joined(triggers.flatMap((t) => t.titles)),
      explanation: joined(triggers.flatMap((t) => t.explanations)),
      rule: joined(triggers.flatMap((t) => t.rules)),
    },
    report: reportValues(reportDate),
  };
}

/** The school's recommendations, each id once, with the triggers merged, in the catalogue's order. */
function schoolRows(c: SchoolClassification, systems: readonly LoadedSystem[], catalogue: RecommendationCatalogue, byId: Map<string, RecommendationSpec>, params: ParamsFile, reportDate: Date, problem: (p: RecommendationProblem) => void): AddressedRecommendation[] {
  const triggered = new Map<string, Trigger[]>();
  const add = (id: string, t: Trigger) => triggered.set(id, [...(triggered.get(id) ?? []), t]);
  for (const f of allFindings(c)) for (const id of f.event.recommendations ?? []) add(id, findingTrigger(f));
  for (const [systemId, steps] of Object.entries(catalogue.levels ?? {})) {
    const system = systems.find((s) => s.spec.id === systemId);
    const ladder = ladderOf(system);
    const step = ladder && c.systems[systemId]?.outcomes[ladder.ladder.id];
    const ids = typeof step === 'string' ? (steps[step] ?? []) : [];
    if (!ids.length) continue;
    const t = levelTrigger(c, system!, step as string, params);
    for (const id of ids) add(id, t);
  }
  const rows: AddressedRecommendation[] = [];
  for (const [id, triggers] of triggered) {
    const spec = byId.get(id);
    if (!spec) {
      problem({ id, schoolId: c.school.school_id, municipality: c.school.municipality, message: `рекомендации «${id}» (правила ${distinct(triggers.flatMap((t) => t.rules)).map((r) => `«${r}»`).join(', ')}) нет в каталоге «${catalogue.id}»` });
      continue;
    }
    const texts = fillTexts(spec, schoolValues(c, triggers, reportDate), reportDate);
    if (texts.unfilled.length)
      problem({ id, schoolId: c.school.school_id, municipality: c.school.municipality, message: `рекомендация «${id}» для школы ${c.school.name}: нет значения для подстановки ${texts.unfilled.map((u) => `{${u}}`).join(', ')}` });
    rows.push({
      id,
      area: spec.area,
      municipality: c.school.municipality,
      schoolId: c.school.school_id,
      schoolName: c.school.name,
      addressee: spec.addressee,
      addresseeTitle: ADDRESSEE_TITLES[spec.addressee],
      basis: distinct(triggers.map((t) => t.basis)).join('\n'),
      measure: texts.measure,
      deadline: texts.deadline,
      responsible: texts.responsible,
      expected: texts.expected,
      triggeredBy: distinct(triggers.flatMap((t) => t.rules)),
      source: spec.basis,
      ...(texts.unfilled.length ? { unfilled: texts.unfilled } : {}),
    });
  }
  return rows;
}

/** The systems and steps a municipal rule asks a school to have reached (objectivity_level is objectivity's). */
function levelsAsked(w: MunicipalRuleSpec['when']): [string, string][] {
  return Object.entries({ ...(w.objectivity_level !== undefined && { objectivity: w.objectivity_level }), ...w.at_least });
}

/** The findings of a school a municipal rule counts; undefined when the school does not count at all. */
function matchingFindings(c: SchoolClassification, rule: MunicipalRuleSpec, systems: readonly LoadedSystem[]): Finding[] | undefined {
  const w = rule.when;
  const asked = levelsAsked(w);
  for (const [systemId, wanted] of asked) {
    const ladder = ladderOf(systems.find((s) => s.spec.id === systemId))?.ladder;
    const steps = ladder?.steps!.map((s) => s.id) ?? [];
    const reached = ladder && c.systems[systemId]?.outcomes[ladder.id];
    // Steps run from the highest: reaching a step means standing on it or above it.
    if (typeof reached !== 'string' || steps.indexOf(reached) > steps.indexOf(wanted)) return undefined;
  }
  const findingSelectors = w.status !== undefined || w.factor !== undefined || w.level !== undefined || w.marker !== undefined || w.rule !== undefined || w.area !== undefined;
  const pool = findingSelectors ? allFindings(c) : asked.flatMap(([systemId]) => c.systems[systemId]?.findings ?? []);
  const found = pool.filter(
    (f) =>
      (w.status === undefined || f.event.status === w.status) &&
      (w.factor === undefined || f.event.factor === w.factor) &&
      (w.level === undefined || f.event.level === w.level) &&
      (w.marker === undefined || f.event.marker === w.marker) &&
      (w.rule === undefined || w.rule.includes(f.rule)) &&
      (w.area === undefined || f.system === w.area),
  );
  return findingSelectors && !found.length ? undefined : found;
}

function minSchools(rule: MunicipalRuleSpec, params: ParamsFile): number | string {
  const n = rule.when.min_schools;
  if (typeof n === 'number') return n;
  const v = paramValue(params.params, n.param);
  if (v === undefined) return `в файле параметров «${params.region}» нет параметра «${n.param}»`;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return `параметр «${n.param}» файла «${params.region}» должен быть целым числом не меньше 1, а он — ${JSON.stringify(v)}`;
  return v;
}

/** Rows of one municipal rule: a municipality (and subject) where at least min_schools schools match. */
function municipalRows(rule: MunicipalRuleSpec, classifications: readonly SchoolClassification[], systems: readonly LoadedSystem[], params: ParamsFile, reportDate: Date, problem: (p: RecommendationProblem) => void): AddressedRecommendation[] {
  const n = minSchools(rule, params);
  if (typeof n === 'string') {
    problem({ id: rule.id, message: `муниципальное правило «${rule.id}» пропущено: ${n}` });
    return [];
  }
  /** municipality → subject ('' when not per subject) → school id → its classification and findings. */
  const groups = new Map<string, Map<string, Map<string, { c: SchoolClassification; findings: Finding[] }>>>();
  for (const c of classifications) {
    const found = matchingFindings(c, rule, systems);
    if (!found) continue;
    const bySubject = new Map<string, Finding[]>();
    if (rule.when.subject)
      for (const f of found) {
        const subject = f.work?.subject;
        if (typeof subject === 'string') bySubject.set(subject, [...(bySubject.get(subject) ?? []), f]);
      }
    if (!rule.when.subject) bySubject.set('', found);
    for (const [subject, findings] of bySubject) {
      const municipality = groups.get(c.school.municipality) ?? new Map();
      groups.set(c.school.municipality, municipality);
      const schools = municipality.get(subject) ?? new Map();
      municipality.set(subject, schools);
      schools.set(c.school.school_id, { c, findings });
    }
  }
  const rows: AddressedRecommendation[] = [];
  for (const [municipality, bySubject] of groups) {
    for (const [subject, schools] of bySubject) {
      if (schools.size < n) continue;
      const members = [...schools.values()].sort((a, b) => compareSchools(a.c, b.c));
      const labelsOf = (m: { c: SchoolClassification; findings: Finding[] }) => {
        const labels = distinct(m.findings.map((f) => f.event.label));
        const levels = levelsAsked(rule.when).flatMap(([systemId]) => {
          const l = ladderOf(systems.find((s) => s.spec.id === systemId));
          const r = m.c.systems[systemId];
          const step = l && l.ladder.steps!.find((s) => s.id === r?.outcomes[l.ladder.id]);
          return step ? [`${step.title}, ${l.count.short ?? l.count.title.toLowerCase()} — ${r!.outcomes[l.count.id]}`] : [];
        });
        labels.unshift(...levels);
        return labels;
      };
      const values: TemplateValues = {
        municipality,
        ...(subject ? { subject } : {}),
        count: schools.size,
        min_schools: n,
        schools: members.map((m) => m.c.school.name),
        finding: { label: joined(members.flatMap(labelsOf)) },
        report: reportValues(reportDate),
      };
      const texts = fillTexts(rule, values, reportDate);
      if (texts.unfilled.length) problem({ id: rule.id, municipality, message: `муниципальное правило «${rule.id}» (${municipality}): нет значения для подстановки ${texts.unfilled.map((u) => `{${u}}`).join(', ')}` });
      const head = subject ? `Школ муниципалитета с находками по предмету ВПР «${subject}»` : 'Школ муниципалитета с этой классификацией';
      rows.push({
        id: rule.id,
        area: rule.area,
        municipality,
        ...(subject ? { subject } : {}),
        addressee: rule.addressee,
        addresseeTitle: ADDRESSEE_TITLES[rule.addressee],
        basis: `${head} — ${schools.size} при пороге ${n}:\n${members.map((m) => `${m.c.school.name} (${labelsOf(m).join('; ')})`).join('\n')}`,
        measure: texts.measure,
        deadline: texts.deadline,
        responsible: texts.responsible,
        expected: texts.expected,
        triggeredBy: distinct(members.flatMap((m) => m.findings.map((f) => f.rule))),
        source: rule.basis,
        ...(texts.unfilled.length ? { unfilled: texts.unfilled } : {}),
      });
    }
  }
  return rows;
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

function compareSchools(a: SchoolClassification, b: SchoolClassification): number {
  return collator.compare(a.school.name, b.school.name) || a.school.school_id.localeCompare(b.school.school_id);
}

/**
 * The addressed recommendations of a region: for each school, the recommendations its findings (and
 * its objectivity level) trigger — each id once per school, with the bases of all its triggers — and
 * the rows of the municipal rules. Sorted by municipality; in a municipality its own rows come first
 * (in the catalogue's order, then by subject), then its schools by name, each school's rows by
 * addressee (school, teachers, МОУО, ИРО, region) and then in the catalogue's order.
 *
 * Recommendation ids missing from the catalogue, texts with placeholders left unfilled and municipal
 * rules whose threshold parameter is missing are reported through `onProblem`; the rest is addressed.
 */
export function addressRecommendations(
  classifications: readonly SchoolClassification[],
  systems: readonly LoadedSystem[],
  catalogue: RecommendationCatalogue,
  params: ParamsFile,
  reportDate: Date,
  onProblem: (p: RecommendationProblem) => void = () => {},
): AddressedRecommendation[] {
  const byId = new Map(catalogue.recommendations.map((r) => [r.id, r]));
  const order = new Map(catalogue.recommendations.map((r, i) => [r.id, i]));
  const municipalOrder = new Map((catalogue.municipal ?? []).map((r, i) => [r.id, i]));
  const schools = [...classifications].sort(compareSchools);
  const schoolOrder = new Map(schools.map((c, i) => [c.school.school_id, i]));
  const rows = [
    ...(catalogue.municipal ?? []).flatMap((rule) => municipalRows(rule, classifications, systems, params, reportDate, onProblem)),
    ...schools.flatMap((c) => schoolRows(c, systems, catalogue, byId, params, reportDate, onProblem)),
  ];
  return rows.sort(
    (a, b) =>
      collator.compare(a.municipality, b.municipality) ||
      Number(a.schoolId !== undefined) - Number(b.schoolId !== undefined) ||
      (a.schoolId === undefined
        ? municipalOrder.get(a.id)! - municipalOrder.get(b.id)! || collator.compare(a.subject ?? '', b.subject ?? '')
        : schoolOrder.get(a.schoolId)! - schoolOrder.get(b.schoolId!)! ||
          ADDRESSEES.indexOf(a.addressee) - ADDRESSEES.indexOf(b.addressee) ||
          order.get(a.id)! - order.get(b.id)!),
  );
}
