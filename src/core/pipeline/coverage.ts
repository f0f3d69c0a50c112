import { isRegisterTemplate, type SourceOutcome } from './outcome';

/** What one form gave for one year: the files, the rows, and the rows left out for their errors. */
export interface FormYear {
  template: string;
  title: string;
  /** The register: its rows with errors fall back to an earlier register's rows (see Coverage.registerFallback). */
  register: boolean;
  year: number;
  files: string[];
  rows: number;
  /** Rows with errors: the classification leaves them out. */
  leftOut: number;
}

/**
 * Which forms of which years a classification used and which it could not: an official must see that
 * the ВПР of this year were not read, not find fewer schools flagged and wonder why.
 */
export interface Coverage {
  year: number;
  prevYear: number;
  /** The registers of the classified year the schools come from. */
  registers: string[];
  forms: FormYear[];
  /** Files that could not be read, with the year their path states. */
  unreadable: { name: string; year?: number; reason: string }[];
  /** Forms whose template is unknown: not used. */
  unknownTemplate: string[];
  /** Forms given for some year but not for the classified year (nor, where rules look back, the year before). */
  missing: { template: string; title: string; year: number }[];
  /** Schools of this year's register whose row has errors, classified by their row in an earlier register. */
  registerFallback: { schoolId: string; name: string; fromYear?: number }[];
  /** Schools of this year's register whose row has errors and no earlier row: not classified. */
  registerLeftOut: { schoolId: string; cell?: string }[];
}

/** Rows per template and year of the checked forms (registers, which have no year column, count for the year of their file). */
export function formYears(outcomes: readonly SourceOutcome[], years: ReadonlyMap<SourceOutcome, number[]>): FormYear[] {
  const forms = new Map<string, FormYear>();
  for (const o of outcomes) {
    if (!o.template || !o.result) continue;
    const fileYears = years.get(o) ?? [];
    for (const sheet of o.result.sheets)
      for (const r of sheet.records) {
        const year = typeof r.values.year === 'number' ? r.values.year : fileYears.length === 1 ? fileYears[0] : undefined;
        if (year === undefined) continue;
        const key = `${o.template.id}|${year}`;
        const f = forms.get(key) ?? { template: o.template.id, title: o.template.title, register: isRegisterTemplate(o.template), year, files: [], rows: 0, leftOut: 0 };
        forms.set(key, f);
        if (!f.files.includes(o.source.name)) f.files.push(o.source.name);
        f.rows++;
        if (r.hasErrors) f.leftOut++;
      }
  }
  return [...forms.values()].sort((a, b) => a.template.localeCompare(b.template) || a.year - b.year);
}

/** Templates that other forms show for `year` or `prevYear` but that are not given for it themselves. */
export function missingForms(forms: readonly FormYear[], year: number, prevYear: number): Coverage['missing'] {
  const byTemplate = new Map<string, { title: string; years: Set<number> }>();
  const inPlay = new Set(forms.map((f) => f.year));
  for (const f of forms) {
    if (f.register) continue;
    const t = byTemplate.get(f.template) ?? { title: f.title, years: new Set<number>() };
    t.years.add(f.year);
    byTemplate.set(f.template, t);
  }
  const missing: Coverage['missing'] = [];
  for (const [template, t] of byTemplate) for (const y of [prevYear, year]) if (inPlay.has(y) && !t.years.has(y)) missing.push({ template, title: t.title, year: y });
  return missing;
}
