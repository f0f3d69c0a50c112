import { type IndicatorResult, num } from '../indicators/aggregate';
import type { CompiledIndicator, CompiledUnit } from '../indicators/compile';
import { type IndicatorModel, isPooled, type Unit } from '../indicators/model';
import type { Target, TargetDirection, TargetLevel, TargetPassport } from './passport';

/**
 * Plan against fact: for every target, every unit it is set for and every plan year up to the
 * classification year, the fact from the forms, whether the plan is met, and the change since the
 * year before. Pure: it reads the indicator model of the classification.
 */

export type TargetStatus = 'achieved' | 'not_achieved' | 'no_data';
export type TargetTrend = 'better' | 'worse' | 'same';

/** Why a fact is missing. */
export type MissingFact = { code: 'not_in_register' } | { code: 'no_records'; form: string };

export interface TargetRow {
  passport: string;
  target: string;
  title: string;
  unit?: string;
  level: TargetLevel;
  /** The school's code for school and participant rows. */
  schoolId?: string;
  /** The school, the municipality, the participants or the region: whom the row is about. */
  name: string;
  municipality: string;
  year: number;
  direction: TargetDirection;
  plan: number;
  /** To one decimal, as the report shows it and the status compares it. */
  fact: number | null;
  status: TargetStatus;
  prevFact: number | null;
  trend?: TargetTrend;
  missing?: MissingFact;
  basis?: string;
}

export interface TargetReport {
  year: number;
  passports: { id: string; title: string; file: string; basis?: string; participants: string }[];
  rows: TargetRow[];
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function statusOf(fact: number | null, plan: number, direction: TargetDirection): TargetStatus {
  if (fact === null) return 'no_data';
  return (direction === 'at_most' ? fact <= plan : fact >= plan) ? 'achieved' : 'not_achieved';
}

export function trendOf(fact: number | null, prev: number | null, direction: TargetDirection): TargetTrend | undefined {
  if (fact === null || prev === null) return undefined;
  if (fact === prev) return 'same';
  return (direction === 'at_most' ? fact < prev : fact > prev) ? 'better' : 'worse';
}

/** The region first, then municipalities, the participants together, and each school: «по каждому Участнику Проекта». */
const LEVEL_ORDER: Record<TargetLevel, number> = { region: 0, municipality: 1, participants: 2, school: 2 };

function compareOrders(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Several units' indicator as one: Σ part / Σ whole for shares and weighted means, otherwise the mean of the values. */
export function pooled(indicator: CompiledIndicator, results: readonly IndicatorResult[]): number | null {
  if (isPooled(indicator)) {
    let part = 0;
    let whole = 0;
    for (const r of results) {
      part += r.part ?? 0;
      whole += r.whole ?? 0;
    }
    // Multiplied first: 100 · 23 / 80 is exactly 28.75 and rounds to 28.8, 100 · (23 / 80) is not.
    return whole > 0 ? ((indicator.aggregate === 'share' ? 100 : 1) * part) / whole : null;
  }
  const values = results.map((r) => num(r.value)).filter((v): v is number => v !== null);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/** Whom a target is set for, in a year: each with the schools whose indicator makes its fact. */
interface Subject {
  name: string;
  municipality: string;
  schoolId?: string;
  schools: (year: number) => Unit[];
  missing?: MissingFact;
}

function subjectsOf(target: Target, passport: TargetPassport, model: IndicatorModel, kind: CompiledUnit, year: number, keyed: (year: number) => Map<string, Unit>): Subject[] {
  const schoolsOf = (y: number) => model.units(kind, y);
  const school = (id: string) => (y: number) => {
    const u = keyed(y).get(id);
    return u ? [u] : [];
  };
  const named = (id: string): Subject => {
    const u = keyed(year).get(id);
    return { name: u?.name ?? '', municipality: u?.municipality ?? '', schoolId: id, schools: school(id), ...(!u && { missing: { code: 'not_in_register' } }) };
  };
  if (target.level === 'school') return [named(target.school!)];
  if (target.level === 'participants') {
    const list = passport.participants.schools;
    const members = (y: number) => list.flatMap((id) => school(id)(y));
    return [{ name: `${passport.participants.title} в целом`, municipality: '', schools: members }, ...list.map(named)];
  }
  if (target.level === 'region') return [{ name: 'Регион в целом', municipality: '', schools: schoolsOf }];
  const municipalities = target.municipality ? [target.municipality] : [...new Set(schoolsOf(year).map((s) => s.municipality))].filter(Boolean).sort((a, b) => a.localeCompare(b, 'ru'));
  return municipalities.map((m) => ({ name: 'Муниципалитет в целом', municipality: m, schools: (y: number) => schoolsOf(y).filter((s) => s.municipality === m) }));
}

export function planVsFact(passports: readonly TargetPassport[], model: IndicatorModel, kind: CompiledUnit, year: number): TargetReport {
  const rows: (TargetRow & { order: number[] })[] = [];
  const byKey = new Map<number, Map<string, Unit>>();
  const keyed = (y: number) => {
    let m = byKey.get(y);
    if (!m) byKey.set(y, (m = new Map(model.units(kind, y).map((u) => [u.keyText, u]))));
    return m;
  };
  for (const [p, passport] of passports.entries())
    for (const [t, target] of passport.targets.entries()) {
      if (target.group.unit !== kind) continue;
      const years = [...target.plan.keys()].filter((y) => y <= year).sort((a, b) => a - b);
      for (const [n, subject] of subjectsOf(target, passport, model, kind, year, keyed).entries())
        for (const y of years) {
          const factIn = (at: number) => {
            // A school is read at its address: its unit of this year reads its records of any year.
            const members = subject.schoolId ? subject.schools(year).concat(subject.schools(at)).slice(0, 1) : subject.schools(at);
            return round1(pooled(target.indicator, members.map((u) => model.result(target.group, target.indicator, u, at))));
          };
          const plan = target.plan.get(y)!;
          const fact = factIn(y);
          const prevFact = factIn(y - 1);
          const trend = trendOf(fact, prevFact, target.direction);
          const form = target.indicator.sources.map((s) => `«${s.sheet.template.title}», лист «${s.sheet.spec.name}»`).join(' или ');
          const missing: MissingFact | undefined = fact !== null ? undefined : (subject.missing ?? { code: 'no_records', form });
          rows.push({
            order: [p, LEVEL_ORDER[target.level] + (subject.schoolId ? 1 : 0), subject.schoolId ? passport.participants.schools.indexOf(subject.schoolId) : n, t, y],
            passport: passport.id,
            target: target.id,
            title: target.title,
            ...(target.indicator.unit !== undefined && { unit: target.indicator.unit }),
            level: target.level,
            ...(subject.schoolId !== undefined && { schoolId: subject.schoolId }),
            name: subject.name,
            municipality: subject.municipality,
            year: y,
            direction: target.direction,
            plan,
            fact,
            status: statusOf(fact, plan, target.direction),
            prevFact,
            ...(trend && { trend }),
            ...(missing && { missing }),
            ...((target.basis ?? passport.basis) !== undefined && { basis: target.basis ?? passport.basis }),
          });
        }
    }
  return {
    year,
    passports: passports.map((p) => ({ id: p.id, title: p.title, file: p.file, ...(p.basis !== undefined && { basis: p.basis }), participants: p.participants.title })),
    rows: rows.sort((a, b) => compareOrders(a.order, b.order)).map(({ order: _order, ...row }) => row),
  };
}
