import { allFindings, type SchoolClassification, type SystemsUsed } from '../rules/classify';
import { explainedFindings, outcomeIsSet, outcomeText } from '../rules/rollup';
import { columnTitle } from '../template/template';
import type { ReportColumn, ReportRow, ReportSheet, ReportValue } from './report-sheet';

/** One column per outcome a system shows, titled from its file, filled in the system's colour when it says something. */
function systemColumns(used: SystemsUsed): { columns: ReportColumn[]; cells: (c: SchoolClassification) => Pick<ReportRow, 'cells' | 'roles'> } {
  const shown = used.systems.flatMap((s) => s.spec.outcomes.filter((o) => o.column).map((o) => ({ s, o, key: `${s.spec.id}.${o.id}` })));
  return {
    columns: shown.map(({ o, key }) => ({ key, header: o.column!.title, width: o.column!.width ?? 20, ...(o.column!.wrap && { wrap: true }) })),
    cells: (c) => {
      const cells: Record<string, ReportValue> = {};
      const roles: Record<string, string> = {};
      for (const { s, o, key } of shown) {
        const v = c.systems[s.spec.id]?.outcomes[o.id];
        cells[key] = outcomeText(o, v, used.keyTitles[s.spec.id] ?? {});
        if (o.kind !== 'count' && outcomeIsSet(v)) roles[key] = s.spec.id;
      }
      return { cells, ...(Object.keys(roles).length && { roles }) };
    },
  };
}

function explanation(c: SchoolClassification, used: SystemsUsed): string {
  return used.systems
    .flatMap((s) => explainedFindings(s, c.systems[s.spec.id]))
    .map((f) => `${f.event.label}: ${f.explanation}`)
    .join('\n');
}

/** The fills of the systems' cells on every sheet that shows them (classification, recommendations). */
export const systemFills = (used: SystemsUsed): Record<string, string> => Object.fromEntries(used.systems.filter((s) => s.spec.color).map((s) => [s.spec.id, s.spec.color!.toUpperCase()]));

/** «Классификация»: one row per school, one column group per system and why; sorted by municipality and name. */
export function classificationSheet(classifications: readonly SchoolClassification[], used: SystemsUsed, stamp: string): ReportSheet {
  const sorted = [...classifications].sort((a, b) => a.school.municipality.localeCompare(b.school.municipality, 'ru') || a.school.name.localeCompare(b.school.name, 'ru'));
  const systems = systemColumns(used);
  const rows: ReportRow[] = sorted.map((c) => {
    const own = systems.cells(c);
    return { cells: { municipality: c.school.municipality, school_id: c.school.school_id, name: c.school.name, ...own.cells, explanation: explanation(c, used) }, ...(own.roles && { roles: own.roles }) };
  });
  return {
    name: 'Классификация',
    stamp,
    columns: [
      { key: 'municipality', header: 'Муниципалитет', width: 24, wrap: true },
      { key: 'school_id', header: 'Код ОО', width: 12 },
      { key: 'name', header: 'ОО', width: 36, wrap: true },
      ...systems.columns,
      { key: 'explanation', header: 'Пояснение', width: 110, wrap: true },
    ],
    rows,
    table: 'Classification',
    freezeColumns: 3,
    tabColor: 'FF2F5597',
    fills: systemFills(used),
  };
}

/** «Классификация» of a foreign table: its key columns and name, each system's outcomes, what fired and why; flagged rows first. */
export function tableClassificationSheet(classifications: readonly SchoolClassification[], used: SystemsUsed, stamp: string): ReportSheet {
  const unit = classifications[0]?.unit.kind;
  const sheet = unit?.sheet;
  const key = unit && unit.key.length ? unit.key : (sheet?.spec.key ?? []);
  const shown = [...key, ...(sheet?.fields.has('name') && !key.includes('name') ? ['name'] : [])];
  const titleOf = (code: string) => {
    const column = sheet?.spec.columns.find((c) => c.code === code);
    return column ? columnTitle(column) : (sheet?.fields.get(code)?.title ?? code);
  };
  const systems = systemColumns(used);
  const ordered = [...classifications].sort((a, b) => allFindings(b).length - allFindings(a).length);
  return {
    name: 'Классификация',
    stamp,
    columns: [
      ...shown.map((code) => ({ key: `row.${code}`, header: titleOf(code), width: code === 'name' ? 50 : 14, ...(code === 'name' && { wrap: true }) })),
      ...systems.columns,
      { key: 'status', header: 'Вывод', width: 40, wrap: true },
      { key: 'explanation', header: 'Пояснение', width: 100, wrap: true },
    ],
    rows: ordered.map((c) => {
      const findings = allFindings(c);
      const own = systems.cells(c);
      return {
        cells: {
          ...Object.fromEntries(shown.map((code) => [`row.${code}`, (c.unit.record[code] ?? null) as ReportValue])),
          ...own.cells,
          status: findings.map((f) => f.event.label).join('; '),
          explanation: findings.map((f) => f.explanation).join('\n'),
        },
        ...(own.roles && { roles: own.roles }),
      };
    }),
    table: 'Classification',
    tabColor: 'FF2F5597',
    fills: systemFills(used),
  };
}
