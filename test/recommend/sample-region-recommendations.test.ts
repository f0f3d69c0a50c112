import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../../src/core/recommend/address';
import { loadCatalogue, type Addressee, type MunicipalRuleSpec, type RecommendationCatalogue } from '../../src/core/recommend/catalogue';
import { allFindings, type SchoolClassification } from '../../src/core/rules/classify';
import type { LoadedSystem } from '../../src/core/rules/system';
import { paramValue } from '../../src/core/rules/params';
import type { ParamsFile, RuleSetFile } from '../../src/core/rules/rule-set';
import { sampleRegionRun } from '../helpers/pipeline';
import { REPO } from '../helpers/templates';
import { LOW_RESULT_RULES, NOT_FIRING_KINDS, planted, type PlantedSchool, SEVERAL_YEARS_KINDS } from '../helpers/planted';
import { localDate } from './fixtures';

const RULES = path.join(REPO, 'rules');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const ruleOf = (p: PlantedSchool): string => (p.area === 'risk_factors' ? `${p.kind}_high` : p.area === 'objectivity' ? p.kind : LOW_RESULT_RULES[p.kind]);
/** Objectivity markers found per ВПР work (the medallists' marker is about the school). */
const isWorkMarker = (p: PlantedSchool): boolean => p.area === 'objectivity' && p.kind !== 'medallists_below';
const LEVEL_OF_TITLE: Record<string, 'signs' | 'attention'> = { 'признаки необъективности': 'signs', 'зона внимания': 'attention' };

/** What the regional plans say each planted problem needs, and from whom (a sample of each area). */
const ADDRESSED: Record<string, Record<string, Addressee>> = {
  vpr_bottom_decile: { shnor_transition_programme: 'school', shnor_subject_analysis: 'teachers', shnor_tutors: 'municipality', vpr_problem_topics_seminars: 'institute', regional_support_list: 'region' },
  omsk_same_procedure: { shnor_school_team: 'school', gia_risk_group_plans: 'teachers', leader_school_partnership: 'municipality', shnor_leadership_pd: 'institute' },
  gia_below_minimum: { gia_risk_group_plans: 'teachers', gia_tutor_team: 'municipality' },
  shnsu: { shnsu_development_programme: 'school', shnsu_individual_routes: 'teachers', shnsu_municipal_support: 'municipality' },
  staffing: { staffing_mentoring: 'school', staffing_targeted_hiring: 'municipality', staffing_regional_programmes: 'region' },
  pd_system: { pd_individual_routes: 'school' },
  parents: { parents_engagement_plan: 'school' },
  subject_competence: { competence_methodical_work: 'teachers', competence_diagnostics_courses: 'institute' },
  no_observer: { obj_public_observers: 'school', obj_municipal_observers: 'municipality' },
  high_raised: { obj_collegial_marking: 'school', obj_recheck_works: 'region' },
  high_lowered: { obj_marking_criteria: 'teachers', obj_vsoko_analysis: 'school' },
  medallists_below: { obj_medallists_analysis: 'school' },
};

describe('addressed recommendations of the sample region', () => {
  let classifications: SchoolClassification[];
  let systems: LoadedSystem[];
  let catalogue: RecommendationCatalogue;
  let params: ParamsFile;
  let rows: AddressedRecommendation[];
  const problems: RecommendationProblem[] = [];
  const recommendationsOf = new Map<string, string[]>();

  beforeAll(async () => {
    const run = await sampleRegionRun();
    expect(run.classification.ruleProblems).toEqual([]);
    params = run.classification.rules.params!;
    classifications = run.classification.classifications;
    systems = run.classification.systems.systems;
    const load = loadCatalogue(readJson(path.join(RULES, 'recommendations', 'default.json')));
    if (!load.ok) throw new Error(JSON.stringify(load.problems));
    catalogue = load.catalogue;
    for (const id of ['low-results', 'risk-factors', 'objectivity-vpr', 'objectivity-school'])
      for (const rule of readJson<RuleSetFile>(path.join(RULES, 'sets', `${id}.json`)).rules) recommendationsOf.set(rule.name, rule.event.params.recommendations ?? []);
    rows = addressRecommendations(classifications, systems, catalogue, params, localDate('2025-09-01'), (p) => problems.push(p));
  });

  const addresseeOf = (id: string) => catalogue.recommendations.find((r) => r.id === id)!.addressee;
  const schoolRow = (schoolId: string, id: string) => rows.find((r) => r.schoolId === schoolId && r.id === id);

  it('addresses the whole region without problems', () => {
    expect(problems).toEqual([]);
    expect(rows.every((r) => !r.unfilled)).toBe(true);
  });

  it('gives every planted problem the recommendations of its rule, to the catalogue\'s addressee, with the finding as basis', () => {
    for (const p of planted.schools) {
      if (SEVERAL_YEARS_KINDS.has(p.kind) || NOT_FIRING_KINDS.has(p.kind)) continue;
      const rule = ruleOf(p);
      const ids = recommendationsOf.get(rule)!;
      expect([p.school_id, rule, ids.length > 0]).toEqual([p.school_id, rule, true]);
      for (const id of ids) {
        const row = schoolRow(p.school_id, id);
        expect([p.school_id, rule, id, row?.addressee, row?.triggeredBy.includes(rule)]).toEqual([p.school_id, rule, id, addresseeOf(id), true]);
        if (isWorkMarker(p)) expect(row!.basis).toContain(`ВПР ${p.values.year ?? 2025}, ${p.values.grade} класс, ${p.values.subject!.toLowerCase()}: `);
      }
    }
  });

  it('addresses the measures of each area to the bodies the regional plans name', () => {
    for (const p of planted.schools) {
      for (const [id, addressee] of Object.entries(ADDRESSED[p.kind] ?? {})) expect([p.kind, id, schoolRow(p.school_id, id)?.addressee]).toEqual([p.kind, id, addressee]);
    }
    expect(Object.keys(ADDRESSED).every((kind) => planted.schools.some((p) => p.kind === kind))).toBe(true);
  });

  it('addresses the planted objectivity levels, naming the count of markers', () => {
    for (const { school_id, markers, level } of planted.objectivityLevels) {
      for (const id of catalogue.levels!.objectivity![LEVEL_OF_TITLE[level]]!) {
        const row = schoolRow(school_id, id)!;
        expect([school_id, id, row?.addressee]).toEqual([school_id, id, addresseeOf(id)]);
        expect(row.basis).toContain(`Уровень объективности «${level}»: маркеров — ${markers} при пороге`);
      }
    }
  });

  it('gives a school each recommendation once', () => {
    const keys = rows.filter((r) => r.schoolId).map((r) => `${r.schoolId} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(planted.schools.length);
  });

  it('gives schools without findings nothing, and schools with only medium risk levels only the light watch', () => {
    const withRows = new Set(rows.map((r) => r.schoolId));
    for (const c of classifications) {
      const findings = allFindings(c);
      if (!findings.length) expect([c.school.school_id, withRows.has(c.school.school_id)]).toEqual([c.school.school_id, false]);
      else if (findings.every((f) => f.event.level === 'medium'))
        expect([c.school.school_id, rows.filter((r) => r.schoolId === c.school.school_id).map((r) => r.id)]).toEqual([c.school.school_id, ['risk_medium_watch']]);
    }
  });

  it('adds municipal rows exactly where at least N planted schools of one municipality share a classification (and subject)', () => {
    const n = paramValue(params.params, 'recommendations.municipal.min_schools') as number;
    expect(n).toBe(3);
    const municipalityOf = new Map(classifications.map((c) => [c.school.school_id, c.school.municipality]));
    const levelOf = new Map(planted.objectivityLevels.map((l) => [l.school_id, LEVEL_OF_TITLE[l.level]]));
    /** The planted problems a municipal rule counts, each with the subject it is counted under. */
    const counted = (rule: MunicipalRuleSpec): { school: string; subject: string }[] => {
      const w = rule.when;
      if (w.objectivity_level) return planted.objectivityLevels.filter((l) => w.objectivity_level === 'attention' || levelOf.get(l.school_id) === 'signs').map((l) => ({ school: l.school_id, subject: '' }));
      const matches = planted.schools.filter(
        (p) =>
          (w.status === undefined || (w.status === 'ШНСУ' ? p.kind === 'shnsu' : p.area === 'low_results')) &&
          (w.factor === undefined || (p.area === 'risk_factors' && p.kind === w.factor)) &&
          (w.marker === undefined || (p.area === 'objectivity' && p.kind === w.marker)) &&
          (w.area === undefined || p.area === w.area || (w.area === 'low_results' && p.area === 'social_conditions')) &&
          (w.rule === undefined || w.rule.includes(ruleOf(p))),
      );
      expect([rule.id, w.level ?? 'high']).toEqual([rule.id, 'high']); // planted risk factors are high
      return w.subject ? matches.filter(isWorkMarker).map((p) => ({ school: p.school_id, subject: p.values.subject! })) : matches.map((p) => ({ school: p.school_id, subject: '' }));
    };
    const expected: string[] = [];
    for (const rule of catalogue.municipal!) {
      const groups = new Map<string, Set<string>>();
      for (const { school, subject } of counted(rule)) {
        const key = `${rule.id} | ${municipalityOf.get(school)} | ${subject}`;
        groups.set(key, (groups.get(key) ?? new Set()).add(school));
      }
      for (const [key, schools] of groups) if (schools.size >= n) expected.push(key);
    }
    const found = rows.filter((r) => r.schoolId === undefined).map((r) => `${r.id} | ${r.municipality} | ${r.subject ?? ''}`);
    expect(found.sort()).toEqual(expected.sort());
    expect(found.length).toBeGreaterThan(0);
  });

  it('names the schools counted and the threshold in a municipal row', () => {
    const row = rows.find((r) => r.id === 'mun_shnor_programme' && r.municipality === 'г. Сосновогорск')!;
    expect(row.addressee).toBe('municipality');
    expect(row.basis.split('\n')[0]).toBe('Школ муниципалитета с этой классификацией — 3 при пороге 3:');
    expect(row.measure).toMatch(/^Разработать муниципальную программу поддержки школ с низкими результатами обучения \(школ — 3: МБОУ «СОШ № \d+» г\. Сосновогорска; .*\)$/);
    expect(row.deadline).toBe('2025-12-01');
  });

  it('keeps the list grouped by municipality, its own rows before its schools', () => {
    const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const order = collator.compare(a.municipality, b.municipality);
      expect(order <= 0).toBe(true);
      if (order === 0 && a.schoolId !== undefined) expect(b.schoolId).toBeDefined();
    }
  });
});
