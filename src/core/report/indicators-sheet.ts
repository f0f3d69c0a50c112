import type { CompiledUnit } from '../indicators/compile';
import type { IndicatorModel, Unit } from '../indicators/model';
import { formatValue } from '../messages/phrases';
import type { Classification } from '../pipeline/classify';
import { outcomeText } from '../rules/rollup';
import type { ReportSheet, ReportValue } from './report-sheet';

/** One column of the inspection: a fact path rules can read, its title and how to show it. */
export interface IndicatorColumn {
  /** As a rule writes it: fact and path, «gia.share_below_min». */
  path: string;
  title: string;
  unit?: string;
  value: (unit: Unit) => ReportValue;
}

/** A unit's indicators this year, one row per unit: what `okoshko indicators` shows and writes. */
export interface IndicatorTable {
  unit: CompiledUnit;
  columns: IndicatorColumn[];
  units: Unit[];
}

/** A value as a cell: numbers and yes/no as they are, a list with what each element is, a place as «3 из 40». */
function cell(v: unknown, labels: unknown, unit?: string): ReportValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (Array.isArray(v)) return v.map((x, i) => (Array.isArray(labels) && labels[i] ? `${labels[i]} — ${formatValue(x, unit)}` : formatValue(x, unit))).join('; ');
  const r = v as { rank?: unknown; of?: unknown };
  if (typeof r.rank === 'number' && typeof r.of === 'number') return `${r.rank} из ${r.of}`;
  return JSON.stringify(v);
}

function tableOf(model: IndicatorModel, kind: CompiledUnit, classification: Classification, units: Unit[]): IndicatorTable {
  const columns: IndicatorColumn[] = [];
  // The unit's own group (the school's register data) first: it says who the row is.
  const groups = [...model.groupsOf(kind)].sort((a, b) => Number(b.id === kind.id) - Number(a.id === kind.id));
  for (const g of groups)
    for (const ind of g.indicators) {
      const read = (u: Unit) => model.facts(u, [g.id])[g.id] as Record<string, unknown>;
      columns.push({ path: `${g.id}.${ind.id}`, title: ind.title, unit: ind.unit, value: (u) => cell(read(u)[ind.id], ind.hasLabels ? read(u)[`${ind.id}_labels`] : undefined, ind.unit) });
    }
  if (kind === classification.unit) {
    const byKey = new Map(classification.classifications.map((c) => [c.unit.keyText, c]));
    for (const s of classification.systems.systems)
      for (const o of s.spec.outcomes)
        columns.push({
          path: `${s.spec.id}.${o.id}`,
          title: o.title,
          value: (u) => {
            const text = outcomeText(o, byKey.get(u.keyText)?.systems[s.spec.id]?.outcomes[o.id], classification.systems.keyTitles[s.spec.id] ?? {});
            return text === '' ? null : text;
          },
        });
  }
  return { unit: kind, columns, units };
}

/**
 * Every indicator of every unit of the classification, this year, with the systems' outcomes beside
 * the units they are about: the region's schools first, then the units within them (ВПР works).
 */
export function indicatorTables(classification: Classification): IndicatorTable[] {
  const model = classification.model;
  const kinds = [...model.definitions.units.values()].filter((k) => {
    for (let u: CompiledUnit | undefined = k; u; u = u.parent) if (u === classification.unit) return true;
    return false;
  });
  return kinds.map((k) => tableOf(model, k, classification, model.units(k)));
}

/** An inspection table as a sheet: the unit's key, its name, then a column per indicator titled «title (path)». */
export function indicatorsSheet(table: IndicatorTable, stamp: string, name: string): ReportSheet {
  const key = table.unit.key.length ? table.unit.key : [];
  const title = (code: string) => table.unit.sheet.fields.get(code)?.title ?? code;
  return {
    name,
    stamp,
    columns: [
      { key: '_municipality', header: 'Муниципалитет', width: 22, wrap: true },
      ...key.map((k) => ({ key: `_key.${k}`, header: title(k), width: 12 })),
      { key: '_name', header: 'Наименование', width: 30, wrap: true },
      // Values stay on one line: a list of a school's works would make every row dozens of lines high.
      ...table.columns.map((c) => ({ key: c.path, header: `${c.title}${c.unit ? `, ${c.unit}` : ''} (${c.path})`, width: 18 })),
    ],
    rows: table.units.map((u) => ({
      cells: {
        _municipality: u.municipality,
        ...Object.fromEntries(key.map((k) => [`_key.${k}`, u.key[k] as ReportValue])),
        _name: u.name,
        ...Object.fromEntries(table.columns.map((c) => [c.path, c.value(u)])),
      },
    })),
    table: `Indicators_${table.unit.id.replace(/[^A-Za-z0-9_]/g, '_')}`,
    freezeColumns: key.length + 2,
  };
}
