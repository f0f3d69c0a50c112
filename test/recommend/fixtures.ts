import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Unit } from '../../src/core/indicators/model';
import type { SchoolClassification } from '../../src/core/rules/classify';
import type { Finding } from '../../src/core/rules/engine';
import { rollUp } from '../../src/core/rules/rollup';
import type { ParamsFile } from '../../src/core/rules/rule-set';
import type { LoadedSystem } from '../../src/core/rules/system';
import { bundledLibrary } from '../helpers/pipeline';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'recommend');

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** A finding as the fixture writes it: only what recommendations read. */
interface FindingFixture {
  area: 'low_results' | 'risk_factors' | 'objectivity';
  rule: string;
  status?: 'ШНОР' | 'ШНСУ';
  factor?: string;
  level?: 'high' | 'medium';
  marker?: string;
  work?: { year: number; grade: number; subject: string };
  label: string;
  explanation: string;
  recommendations?: string[];
}

interface SchoolFixture {
  school_id: string;
  name: string;
  municipality: string;
  findings: FindingFixture[];
}

/** A local calendar date from ГГГГ-ММ-ДД (the report date an official types). */
export function localDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function finding(f: FindingFixture): Finding {
  return {
    ruleSet: { low_results: 'low-results', risk_factors: 'risk-factors', objectivity: f.work ? 'objectivity-vpr' : 'objectivity-school' }[f.area],
    system: f.area,
    scope: f.work ? 'subject' : 'school',
    rule: f.rule,
    title: f.label,
    ...(f.work ? { work: f.work, workTitle: `ВПР ${f.work.year}, ${f.work.grade} класс, ${f.work.subject.toLowerCase()}` } : {}),
    event: {
      ...(f.status ? { status: f.status } : {}),
      ...(f.factor ? { factor: f.factor } : {}),
      ...(f.level ? { level: f.level } : {}),
      ...(f.marker ? { marker: f.marker } : {}),
      label: f.label,
      ...(f.recommendations ? { recommendations: f.recommendations } : {}),
    },
    held: [],
    explanation: f.explanation,
  };
}

/** The classifications of test/fixtures/recommend/schools.json, rolled up by the bundled systems with params.json. */
export function fixtureClassifications(): { classifications: SchoolClassification[]; systems: LoadedSystem[]; params: ParamsFile; reportDate: Date } {
  const data = fixture<{ reportDate: string; schools: SchoolFixture[] }>('schools.json');
  const params = fixture<ParamsFile>('params.json');
  const systems = bundledLibrary().systems;
  const classifications = data.schools.map((s): SchoolClassification => {
    const findings = s.findings.map(finding);
    const school = { school_id: s.school_id, name: s.name, municipality: s.municipality, pupils: null, share_ovz: null, share_non_native: null, share_difficult: null };
    const unit = { key: { school_id: s.school_id }, keyText: s.school_id, name: s.name, municipality: s.municipality } as unknown as Unit;
    return { school, unit, systems: Object.fromEntries(systems.map((sys) => [sys.spec.id, rollUp(sys, findings.filter((f) => f.system === sys.spec.id), params)])) };
  });
  return { classifications, systems, params, reportDate: localDate(data.reportDate) };
}
