import { countInBand, Random } from './random';
import { planOf, type RegionPlan, type SocialFactor } from './plan';
import type { RegisterRow } from './records';
import type { School, Year } from './region';


interface Band {
  lo: number;
  hi: number;
  target: number;
}

/** Shares (%) of the contingent a school keeps in both years: inside the ШНСУ band when planted, well below it otherwise. */
export interface SchoolContext {
  ovz: Band;
  nonNative: Band;
  difficult: Band;
}

export function schoolContext(seed: number, school: School, plan: RegionPlan): SchoolContext {
  const rng = Random.stream(seed, `context:${school.id}`);
  const p = planOf(plan, school.id);
  const has = (f: SocialFactor) => p.social?.includes(f) ?? false;
  const ovz: Band = p.risk?.includes('ovz')
    ? { lo: 15, hi: 20, target: rng.between(15.5, 18) }
    : has('ovz')
      ? { lo: 10, hi: 11.5, target: 10.5 }
      : { lo: 0, hi: 6.5, target: rng.between(1, 5.5) };
  const nonNative: Band = has('non_native') ? { lo: 20, hi: 35, target: rng.between(21, 32) } : { lo: 0, hi: 10, target: rng.chance(0.7) ? rng.between(0, 2.5) : rng.between(3, 9) };
  const difficult: Band = has('difficult') ? { lo: 20, hi: 30, target: rng.between(21, 28) } : { lo: 0, hi: 11, target: rng.between(2, 9) };
  return { ovz, nonNative, difficult };
}

function count(pupils: number, band: Band, what: string, school: School): number {
  const c = countInBand(pupils, band.lo, band.hi, band.target);
  if (c === undefined) throw new Error(`${school.id}: доля «${what}» не укладывается в ${band.lo}–${band.hi} % при ${pupils} обучающихся`);
  return c;
}

export function registerRows(seed: number, schools: School[], plan: RegionPlan, year: Year): RegisterRow[] {
  return schools.map((s) => {
    const ctx = schoolContext(seed, s, plan);
    const pupils = s.pupils[year];
    return {
      school_id: s.id,
      name: s.name,
      municipality: s.municipality.name,
      settlement: s.settlement,
      small_school: s.small,
      lyceum_gymnasium: s.lyceum,
      pupils,
      pupils_ovz: count(pupils, ctx.ovz, 'ОВЗ', s),
      non_native: count(pupils, ctx.nonNative, 'неродной русский', s),
      difficult_families: count(pupils, ctx.difficult, 'ТЖС', s),
    };
  });
}
