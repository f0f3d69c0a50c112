import type { TemplateSet, DataError } from './data-errors';
import { formCellAddress } from '../../src/files/form-writer';
import { SCHOOL_FORMS_MUNICIPALITY } from './plan';
import type { ConditionsRow } from './records';
import type { School } from './region';
import type { SampleFile } from './sample-file';

const FORMS_DATE = new Date(Date.UTC(2025, 8, 10));

/** Each school of one municipality fills its own conditions form; two of them made mistakes. */
export function buildSchoolForms(conditions: readonly ConditionsRow[], templates: TemplateSet, schools: School[]): { files: SampleFile[]; errors: DataError[] } {
  const template = templates.conditions;
  const sheet = template.sheets[0];
  const folder = `school-forms/${SCHOOL_FORMS_MUNICIPALITY}`;
  const own = schools.filter((s) => s.municipality.slug === SCHOOL_FORMS_MUNICIPALITY);
  const files: SampleFile[] = [];
  const errors: DataError[] = [];
  own.forEach((school, i) => {
    const row: Record<string, unknown> = { ...conditions.find((r) => r.school_id === school.id)! };
    const path = `${folder}/${school.id}-conditions.xlsx`;
    if (i === 2) {
      row.computers_per_100 = 'н/д';
      errors.push({ file: path, sheet: sheet.name, cell: formCellAddress(sheet, 'computers_per_100', 0), code: 'type_invalid', indicator: 'computers_per_100', note: 'Школа написала «н/д» вместо числа' });
    }
    if (i === 5) {
      row.teachers_diagnostics_passed = Number(row.teachers_total) + 3;
      errors.push({ file: path, sheet: sheet.name, cell: formCellAddress(sheet, 'teachers_diagnostics_passed', 0), code: 'check_failed', indicator: 'teachers_diagnostics_passed', note: 'Прошедших диагностику больше, чем педагогов (проверка diagnostics_within_total)' });
    }
    files.push({ kind: 'form', path, template, rows: { conditions: [row] }, date: FORMS_DATE });
  });
  return { files, errors };
}
