import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './templates';

export const REGION = path.join(REPO, 'samples', 'sample-region');

/** A school the sample region planted for the rules (samples/sample-region/planted.json). */
export interface PlantedSchool {
  school_id: string;
  area: string;
  kind: string;
  values: { grade?: number; subject?: string; year?: number };
}

export const planted = JSON.parse(readFileSync(path.join(REGION, 'planted.json'), 'utf8')) as {
  schools: PlantedSchool[];
  objectivityLevels: { school_id: string; markers: number; level: string }[];
};

/** The low-results rule each planted kind must fire. */
export const LOW_RESULT_RULES: Record<string, string> = {
  vpr_bottom_decile: 'fioko_bottom_decile',
  diagnostic_over_25: 'rosobrnadzor_diagnostic',
  omsk_two_procedures: 'omsk_two_procedures',
  omsk_same_procedure: 'omsk_same_procedure',
  gia_below_minimum: 'rosobrnadzor_gia_below_min',
  shnsu: 'shnsu',
  hse_three_years: 'hse_three_years',
  hse_wider_group: 'hse_wider_group',
};

/** Planted kinds that only a run over more years than 2024 and 2025 shows, and kinds that no rule may fire on. */
export const SEVERAL_YEARS_KINDS = new Set(['hse_three_years']);
export const NOT_FIRING_KINDS = new Set(['hse_gap_year']);
