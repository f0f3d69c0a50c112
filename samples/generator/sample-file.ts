import type { Template } from '../../src/core/template/template';
import type { FormRows } from '../../src/files/form-writer';

/** A file of the sample region, described before anything is written. Paths are relative to samples/sample-region. */
export type SampleFile =
  | {
      kind: 'form';
      path: string;
      template: Template;
      rows: FormRows;
      /** Fixed creation date of the workbook, for reproducible files. */
      date: Date;
      /** Sheets removed after the form is built (a hand-made table has no instruction or metadata sheet). */
      drop?: string[];
    }
  | { kind: 'csv'; path: string; encoding: 'windows-1251' | 'utf-8-bom'; delimiter: string; rows: string[][] }
  | { kind: 'text'; path: string; text: string };
