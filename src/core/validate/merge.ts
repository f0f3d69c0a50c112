import type { Issue } from './issue';
import type { Template } from '../template/template';
import type { ValidationResult } from './validate';
import type { IndicatorValue } from './value';

export interface MergeInput {
  file: string;
  result?: ValidationResult;
  /** Why the file could not be read at all, in Russian. */
  unreadable?: string;
}

export interface RejectedForm {
  file: string;
  reasons: string[];
}

export interface MergedSubmission {
  template: Template;
  /** Sheet id → rows of indicator values (derived indicators left out: the form recomputes them). */
  rows: Record<string, Record<string, IndicatorValue>[]>;
  accepted: string[];
  rejected: RejectedForm[];
}

const MAX_REASONS = 5;

function issueReason(i: Issue): string {
  return i.sheet && i.cell ? `${i.sheet}!${i.cell}: ${i.message}` : i.message;
}

/**
 * Builds one submission from forms of one template (a municipality's school forms): a form with
 * errors, of another template, or repeating rows another form already gave is rejected whole, with
 * its reasons, so the municipality can send it back to the school.
 */
export function mergeForms(inputs: readonly MergeInput[], template: Template): MergedSubmission {
  const rows: MergedSubmission['rows'] = Object.fromEntries(template.sheets.map((s) => [s.id, []]));
  const owners = new Map<string, string>();
  const accepted: string[] = [];
  const rejected: RejectedForm[] = [];
  for (const input of inputs) {
    const { result } = input;
    if (!result) {
      rejected.push({ file: input.file, reasons: [input.unreadable ?? 'файл не прочитан'] });
      continue;
    }
    if (result.template?.id !== template.id) {
      const other = result.template ? `«${result.template.title}»` : 'неизвестному шаблону';
      rejected.push({ file: input.file, reasons: [`форма относится к ${other}, а не к «${template.title}»`] });
      continue;
    }
    const errors = result.issues.filter((i) => i.severity === 'error');
    if (errors.length) {
      const reasons = errors.slice(0, MAX_REASONS).map(issueReason);
      if (errors.length > MAX_REASONS) reasons.push(`и ещё ошибок: ${errors.length - MAX_REASONS}`);
      rejected.push({ file: input.file, reasons });
      continue;
    }
    const clashes: string[] = [];
    const keys: string[] = [];
    for (const sheet of result.sheets) {
      for (const record of sheet.records) {
        const key = sheet.spec.id + '\u0001' + sheet.spec.key.map((k) => String(record.values[k]).toLowerCase()).join('\u0001');
        const owner = owners.get(key);
        if (owner) clashes.push(`${sheet.sheetName ?? sheet.spec.name}, строка ${record.row}: такая строка уже есть в форме ${owner}`);
        keys.push(key);
      }
    }
    if (clashes.length) {
      rejected.push({ file: input.file, reasons: clashes.slice(0, MAX_REASONS) });
      continue;
    }
    for (const k of keys) owners.set(k, input.file);
    for (const sheet of result.sheets) {
      const target = rows[sheet.spec.id];
      for (const record of sheet.records) target.push(Object.fromEntries(sheet.spec.columns.map((c) => [c.code, record.values[c.code]])));
    }
    accepted.push(input.file);
  }
  return { template, rows, accepted, rejected };
}
