import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../core/recommend/address';
import type { RecommendationCatalogue } from '../core/recommend/catalogue';
import { classificationSheet } from '../core/report/classification-sheets';
import { recommendationsSheet } from '../core/report/recommendations-sheet';
import { splitByMunicipality } from '../core/report/split';
import { issuesSheet } from '../core/report/validation-sheets';
import { classifyRegion, riskFactorTitles, type SchoolClassification } from '../core/rules/classify';
import { buildRegionFacts } from '../core/rules/facts';
import type { ReadyRules } from '../core/rules/rule-folder';
import type { Template } from '../core/template';
import { readRegion, type RegionData } from './region-files';
import { writeReportSheets } from './report-render';
import { issuesOfFile } from './report-writer';
import { writeReportIntoWorkbook } from './workbook-writeback';

export interface MainJobOptions {
  templates: readonly Template[];
  rules: ReadyRules;
  catalogue: RecommendationCatalogue;
  reportDate: Date;
  /** The workbook our sheets go into; the latest register among the inputs when absent. */
  into?: string;
  inPlace?: boolean;
  out?: string;
  /** Folder for one workbook per municipality. */
  splitDir?: string;
  /** Versions and date written above each sheet. */
  stamp: (year: number) => string;
  onRecommendationProblem?: (p: RecommendationProblem) => void;
}

export interface MainJobResult {
  data: RegionData;
  classifications: SchoolClassification[];
  recommendations: AddressedRecommendation[];
  written: string;
  backup?: string;
  municipalities?: number;
}

export class MainJobError extends Error {}

const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The main job: validate the region's forms, classify its schools, address recommendations, write them back. */
export async function runMainJob(paths: readonly string[], o: MainJobOptions): Promise<MainJobResult> {
  const data = await readRegion(paths, o.templates);
  if (data.records.register.length === 0) throw new MainJobError('Среди форм нет реестра ОО без ошибок: классифицировать некого');
  const facts = buildRegionFacts(data.records);
  const classifications = await classifyRegion(facts, o.rules.sets, o.rules.params!);
  const recommendations = addressRecommendations(classifications, o.catalogue, o.rules.params!, o.reportDate, o.onRecommendationProblem);

  const register = data.outcomes.filter((x) => x.report?.template?.id === 'register' && /\.xls[xm]$/i.test(x.file)).map((x) => x.file).pop();
  const target = path.resolve(o.into ?? register ?? '');
  if (!existsSync(target) || !statSync(target).isFile()) throw new MainJobError('Укажите книгу для записи: --into книга.xlsx');
  const stamp = o.stamp(facts.year);
  const titles = riskFactorTitles(o.rules.sets);
  const outcomes = data.outcomes.filter((x) => x.report);
  const { written, backup } = await writeReportIntoWorkbook(
    target,
    [recommendationsSheet(recommendations, stamp), classificationSheet(classifications, titles, stamp), issuesSheet(outcomes.map((x) => issuesOfFile(x.report!, x.file, target)))],
    { inPlace: o.inPlace, out: o.out },
  );
  let municipalities: number | undefined;
  if (o.splitDir) {
    const parts = splitByMunicipality(classifications, recommendations);
    for (const part of parts)
      await writeReportSheets(path.join(o.splitDir, `${safeFileName(part.municipality)}.xlsx`), [
        recommendationsSheet(part.recommendations, `${stamp}; ${part.municipality}`),
        classificationSheet(part.classifications, titles, `${stamp}; ${part.municipality}`),
      ]);
    municipalities = parts.length;
  }
  return { data, classifications, recommendations, written, backup, municipalities };
}
