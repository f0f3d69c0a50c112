import type { IndicatorRow } from '../indicators/aggregate';
import { collectRecords } from '../indicators/records';
import { PipelineError } from './errors';
import { type Coverage, formYears, missingForms } from './coverage';
import { isChecked, isRegisterTemplate, type SourceOutcome } from './outcome';
import { latestDataYear, sourceYears } from './years';

/** The region's rows for the year classified, and what they were made of. */
export interface RegionData {
  year: number;
  prevYear: number;
  /** Rows without errors by «template.sheet»; the register's sheet holds the schools chosen for the year. */
  sheets: Map<string, IndicatorRow[]>;
  /** The same rows with last year's register in place of this year's: last year's schools, when its register was given. */
  prevSheets?: Map<string, IndicatorRow[]>;
  coverage: Coverage;
}

const schoolIdOf = (values: IndicatorRow) => (typeof values.school_id === 'string' ? values.school_id : undefined);

/**
 * The rows the facts are built from. Schools are those of the classified year's register (a register
 * of no stated year counts for any year); a school whose row there has errors keeps its row of the
 * latest earlier register, and the coverage says so. A year whose register cannot be read, or is given
 * only for other years, is not classified: PipelineError.
 */
export function regionData(outcomes: readonly SourceOutcome[], options: { now?: Date } = {}): RegionData | undefined {
  const years = sourceYears(outcomes);
  const registers = outcomes.filter((o) => isChecked(o) && isRegisterTemplate(o.template));
  const registerYears = registers.flatMap((o) => years.get(o)!);
  const year = latestDataYear(outcomes) ?? (registerYears.length ? Math.max(...registerYears) : (options.now ?? new Date()).getFullYear());
  const prevYear = year - 1;
  const forYear = (o: SourceOutcome) => {
    const ys = years.get(o)!;
    return ys.length === 0 || ys.includes(year);
  };
  const unreadable = outcomes.filter((o) => o.status === 'unreadable');
  const current = registers.filter(forYear);
  if (current.length === 0) {
    const suspects = unreadable.filter(forYear);
    if (suspects.length) throw new PipelineError({ code: 'register_unusable', year, files: suspects.map((o) => ({ name: o.source.name, reason: o.failure!.message })) });
    if (registers.length) throw new PipelineError({ code: 'register_other_year', year, registers: registers.map((o) => ({ name: o.source.name, years: years.get(o)! })) });
    return undefined;
  }

  const rowsOf = (o: SourceOutcome) => o.result!.sheets.filter((s) => s.spec.register).flatMap((s) => s.records);
  const chosen = new Map<string, IndicatorRow>();
  const broken: { schoolId: string; cell?: string }[] = [];
  for (const o of current)
    for (const r of rowsOf(o)) {
      const id = schoolIdOf(r.values);
      if (id === undefined) continue;
      if (!r.hasErrors) chosen.set(id, r.values);
      else if (!chosen.has(id)) broken.push({ schoolId: id });
    }
  if (chosen.size === 0) throw new PipelineError({ code: 'register_unusable', year, files: [] });

  const earlier = registers
    .filter((o) => !current.includes(o))
    .map((o) => ({ o, year: Math.max(...years.get(o)!) }))
    .filter((x) => x.year < year)
    .sort((a, b) => b.year - a.year);
  const registerFallback: Coverage['registerFallback'] = [];
  const registerLeftOut: Coverage['registerLeftOut'] = [];
  const fallbackRows = new Map<string, IndicatorRow>();
  for (const b of broken) {
    if (chosen.has(b.schoolId) || fallbackRows.has(b.schoolId)) continue;
    const found = earlier.map((e) => ({ e, r: rowsOf(e.o).find((r) => !r.hasErrors && schoolIdOf(r.values) === b.schoolId) })).find((x) => x.r);
    if (found) {
      fallbackRows.set(b.schoolId, found.r!.values);
      registerFallback.push({ schoolId: b.schoolId, name: String(found.r!.values.name ?? ''), fromYear: found.e.year });
    } else registerLeftOut.push(b);
  }
  // The register's own order, whatever row each school's values come from.
  const register: IndicatorRow[] = [];
  const listed = new Set<string>();
  for (const o of current)
    for (const r of rowsOf(o)) {
      const id = schoolIdOf(r.values);
      const values = id === undefined ? undefined : (chosen.get(id) ?? fallbackRows.get(id));
      if (id === undefined || !values || listed.has(id)) continue;
      listed.add(id);
      register.push(values);
    }

  const others = outcomes.filter((o) => isChecked(o) && !isRegisterTemplate(o.template));
  const sheets = collectRecords(others.map((o) => o.result!));
  for (const o of current) for (const s of o.result!.sheets) if (s.spec.register) sheets.set(`${o.template!.id}.${s.spec.id}`, register);
  const forms = formYears(outcomes.filter((o) => isChecked(o) && (!isRegisterTemplate(o.template) || current.includes(o))), years);
  const coverage: Coverage = {
    year,
    prevYear,
    registers: current.map((o) => o.source.name),
    forms,
    unreadable: unreadable.map((o) => ({ name: o.source.name, ...(years.get(o)!.length ? { year: years.get(o)![0] } : {}), reason: o.failure!.message })),
    unknownTemplate: outcomes.filter((o) => o.status === 'checked' && !o.template).map((o) => o.source.name),
    missing: missingForms(forms, year, prevYear),
    registerFallback,
    registerLeftOut,
  };
  const lastYears = registers.filter((o) => years.get(o)!.includes(prevYear));
  let prevSheets: Map<string, IndicatorRow[]> | undefined;
  if (lastYears.length) {
    prevSheets = new Map(sheets);
    for (const o of lastYears) for (const s of o.result!.sheets) if (s.spec.register) prevSheets.set(`${o.template!.id}.${s.spec.id}`, s.records.filter((r) => !r.hasErrors).map((r) => r.values));
  }
  return { year, prevYear, sheets, ...(prevSheets && { prevSheets }), coverage };
}
