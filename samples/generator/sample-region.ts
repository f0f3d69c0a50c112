import { buildConditions } from './conditions';
import { plantDataErrors, type TemplateSet } from './data-errors';
import { buildGia } from './gia';
import { buildHistory, type History } from './history';
import { buildIncoming } from './incoming';
import { buildObservation } from './observation';
import { isUnplanted, planRegion, type RegionPlan } from './plan';
import { hseWiderGroup, objectivityLevel, objectivityLevels, type PlantedList, plantedSchools } from './planted';
import { sampleReadme } from './readme';
import { TEMPLATE_IDS, type YearRecords } from './records';
import { buildSchools, REGION_NAME, type School, type Year, YEARS } from './region';
import { registerRows } from './register';
import type { SampleFile } from './sample-file';
import { buildSchoolForms } from './school-forms';
import { buildVpr } from './vpr';

export const SEED = 20250901;

/** The region's records, clean in both years: what the planted classifications are computed on. */
export interface RegionRecords {
  seed: number;
  schools: School[];
  plan: RegionPlan;
  years: Record<Year, YearRecords>;
  /** 2023 for every form and 2022 for ГИА, with the schools only several years show. */
  history: History;
}

export function buildRegionRecords(seed: number = SEED): RegionRecords {
  const schools = buildSchools(seed);
  const plan = planRegion(seed, schools);
  const registers = { 2024: registerRows(seed, schools, plan, 2024), 2025: registerRows(seed, schools, plan, 2025) };
  const vpr = buildVpr(seed, schools, plan);
  const gia = buildGia(seed, schools, plan);
  const conditions = buildConditions(seed, schools, plan, registers);
  const observation = buildObservation(seed, schools, plan, { 2024: gia[2024].ege, 2025: gia[2025].ege });
  const years = {} as Record<Year, YearRecords>;
  for (const y of YEARS) {
    years[y] = {
      register: { schools: registers[y] },
      vpr: vpr[y],
      gia: gia[y],
      conditions: { conditions: conditions[y] },
      observation: { procedures: observation[y] },
    };
  }
  const history = buildHistory(seed, schools, plan, years);
  return { seed, schools, plan, years, history };
}

export interface SampleRegion extends RegionRecords {
  /** 2025 as written: the clean records with the data errors planted. */
  written2025: YearRecords;
  planted: PlantedList;
  files: SampleFile[];
}

const yearDate = (y: number) => new Date(Date.UTC(y, 8, 1));

/** A copy to spoil: rows are flat, so copying each row is enough (dates are never changed in place). */
function copyRecords(records: YearRecords): YearRecords {
  const copy = {} as Record<string, Record<string, object[]>>;
  for (const [id, sheets] of Object.entries(records)) copy[id] = Object.fromEntries(Object.entries(sheets as Record<string, object[]>).map(([sheet, rows]) => [sheet, rows.map((r) => ({ ...r }))]));
  return copy as unknown as YearRecords;
}

function yearForms(records: YearRecords, templates: TemplateSet, year: number): SampleFile[] {
  return TEMPLATE_IDS.map((id) => ({ kind: 'form', path: `${year}/${id}.xlsx`, template: templates[id], rows: records[id], date: yearDate(year) }));
}

/** Everything the sample region consists of, described as files; nothing is written here. */
export function buildSampleRegion(templates: TemplateSet, seed: number = SEED): SampleRegion {
  const region = buildRegionRecords(seed);
  const { schools, plan, years, history } = region;
  const written2025 = copyRecords(years[2025]);
  const hosts = schools.filter((s) => isUnplanted(plan, s.id)).map((s) => s.id);
  const dataErrors = plantDataErrors(seed, written2025, templates, hosts, '2025');
  const incoming = buildIncoming(seed, years[2025], templates, schools);
  const schoolForms = buildSchoolForms(years[2025].conditions.conditions, templates, schools);
  const planted: PlantedList = {
    region: REGION_NAME,
    seed,
    years: [2022, 2023, ...YEARS],
    schools_total: schools.length,
    dataErrors: [...dataErrors, ...schoolForms.errors],
    fileIssues: incoming.issues,
    tolerated: incoming.tolerated,
    schools: [...plantedSchools(schools, plan, years), ...history.planted, ...hseWiderGroup(years)],
    objectivityLevels: [
      ...objectivityLevels(schools, plan),
      ...history.planted.filter((p) => p.kind === 'cohort_drop').map((p) => ({ school_id: p.school_id, markers: 1, level: objectivityLevel(1) })),
    ],
  };
  const files: SampleFile[] = [
    { kind: 'form', path: '2022/gia.xlsx', template: templates.gia, rows: history[2022], date: yearDate(2022) },
    ...yearForms(history[2023], templates, 2023),
    ...yearForms(years[2024], templates, 2024),
    ...yearForms(written2025, templates, 2025),
    ...incoming.files,
    ...schoolForms.files,
    { kind: 'text', path: 'planted.json', text: `${JSON.stringify(planted, null, 2)}\n` },
    { kind: 'text', path: 'README.md', text: sampleReadme(planted, schools) },
  ];
  return { ...region, written2025, planted, files };
}
