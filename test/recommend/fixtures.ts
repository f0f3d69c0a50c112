import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SchoolClassification } from '../../src/core/rules/classify';
import type { Finding } from '../../src/core/rules/engine';
import type { SchoolFact } from '../../src/core/rules/fact-model';
import type { ClassificationArea, ParamsFile } from '../../src/core/rules/rule-set';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'recommend');

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** A finding as the fixture writes it: only what recommendations read. */
interface FindingFixture {
  area: ClassificationArea;
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
    area: f.area,
    scope: f.work ? 'subject' : 'school',
    rule: f.rule,
    title: f.label,
    ...(f.work ? { work: f.work } : {}),
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

/** The classifications of test/fixtures/recommend/schools.json, levels counted as classifyRegion does with params.json. */
export function fixtureClassifications(): { classifications: SchoolClassification[]; params: ParamsFile; reportDate: Date } {
  const data = fixture<{ reportDate: string; schools: SchoolFixture[] }>('schools.json');
  const params = fixture<ParamsFile>('params.json');
  const levels = (params.params.objectivity as { levels: { attention: number; signs: number } }).levels;
  const classifications = data.schools.map((s): SchoolClassification => {
    const findings = s.findings.map(finding);
    const school: SchoolFact = {
      school_id: s.school_id,
      name: s.name,
      municipality: s.municipality,
      rural: false,
      small_school: false,
      rural_small: false,
      lyceum_gymnasium: false,
      pupils: null,
      share_ovz: null,
      share_non_native: null,
      share_difficult: null,
    };
    const low = findings.filter((f) => f.area === 'low_results');
    const risk = findings.filter((f) => f.area === 'risk_factors');
    const objectivity = findings.filter((f) => f.area === 'objectivity');
    const riskLevels: Record<string, 'high' | 'medium'> = {};
    for (const f of risk) if (f.event.factor && f.event.level) riskLevels[f.event.factor] = f.event.level;
    const markers = objectivity.length;
    return {
      school,
      lowResults: { shnor: low.some((f) => f.event.status === 'ШНОР'), shnsu: low.some((f) => f.event.status === 'ШНСУ'), findings: low },
      riskFactors: { levels: riskLevels, profile: Object.keys(riskLevels).filter((k) => riskLevels[k] === 'high'), findings: risk },
      objectivity: { markers, level: markers >= levels.signs ? 'signs' : markers >= levels.attention ? 'attention' : null, findings: objectivity },
    };
  });
  return { classifications, params, reportDate: localDate(data.reportDate) };
}
