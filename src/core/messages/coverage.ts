import type { Coverage, FormYear } from '../pipeline/coverage';
import { plural } from './numbers';

/** The Russian lines of what a classification used and could not use. */

/** A problem of the classification's inputs as «Проверка» lists it. */
export interface CoverageNote {
  code: 'form_missing' | 'rows_left_out' | 'register_fallback' | 'register_left_out';
  severity: 'error' | 'warning';
  /** The files it is about, by their sources' names. */
  files?: string[];
  message: string;
}

const rows = (n: number) => plural(n, 'строка', 'строки', 'строк');

function formLine(f: FormYear): string {
  const leftOut = f.leftOut ? (f.register ? `, из них с ошибками ${f.leftOut}` : `, из них с ошибками и не учтены ${f.leftOut}`) : '';
  return `${f.title} — ${rows(f.rows)}${leftOut}`;
}

/** «Формы 2025 года: …; формы 2024 года: …» — what went into the classification, year by year, newest first. */
export function coverageLines(c: Coverage): string[] {
  const years = [...new Set(c.forms.map((f) => f.year))].sort((a, b) => b - a);
  return years.map((y) => `Формы ${y} года: ${c.forms.filter((f) => f.year === y).map(formLine).join('; ')}`);
}

export function coverageNotes(c: Coverage): CoverageNote[] {
  const notes: CoverageNote[] = [];
  for (const m of c.missing)
    notes.push({ code: 'form_missing', severity: 'error', message: `Нет формы «${m.title}» за ${m.year} год (за другие годы она есть): правила, которым нужны её данные за ${m.year} год, не сработают` });
  for (const f of c.forms)
    if (f.leftOut && !f.register)
      notes.push({ code: 'rows_left_out', severity: 'warning', files: f.files, message: `${f.title}, ${f.year} год: ${rows(f.leftOut)} с ошибками не учтены в классификации` });
  for (const s of c.registerFallback)
    notes.push({ code: 'register_fallback', severity: 'warning', message: `ОО ${s.name} (${s.schoolId}): строка реестра ${c.year} года с ошибками, школа классифицирована по реестру ${s.fromYear ?? 'прошлого'} года` });
  for (const s of c.registerLeftOut)
    notes.push({ code: 'register_left_out', severity: 'error', message: `ОО ${s.schoolId}: строка реестра ${c.year} года с ошибками, а в реестрах прошлых лет школы нет — она не классифицирована` });
  return notes;
}
