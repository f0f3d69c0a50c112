import { readFileSync } from 'fs';
import { FileReadError } from '../../src/read/read-error';
import { sniffFileKind } from '../../src/read/file-kind';
import { fixturePath } from './fixture-path';

function fixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

function sniffError(bytes: Uint8Array, name: string): FileReadError {
  try {
    sniffFileKind(bytes, name);
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('sniffFileKind', () => {
  it('recognises a zip package as xlsx whatever its extension', () => {
    const bytes = fixture('libreoffice-features.xlsx');
    expect(sniffFileKind(bytes, 'форма.xlsx')).toBe('xlsx');
    expect(sniffFileKind(bytes, 'форма.csv')).toBe('xlsx');
    expect(sniffFileKind(bytes, 'форма')).toBe('xlsx');
  });

  it('takes a .csv, .txt or .tsv file that is not a zip for CSV, whatever the case of the extension', () => {
    const bytes = Buffer.from('Школа;Балл\n');
    expect(sniffFileKind(bytes, 'a.csv')).toBe('csv');
    expect(sniffFileKind(bytes, 'C:\\Формы\\A.CSV')).toBe('csv');
    expect(sniffFileKind(bytes, 'a.txt')).toBe('csv');
    expect(sniffFileKind(bytes, 'a.tsv')).toBe('csv');
  });

  it('calls a 0-byte file empty', () => {
    expect(sniffError(new Uint8Array(0), 'a.xlsx').code).toBe('file_empty');
    expect(sniffError(new Uint8Array(0), 'a.csv').code).toBe('file_empty');
  });

  it('calls an OLE container holding EncryptionInfo a password-protected workbook', () => {
    expect(sniffError(fixture('libreoffice-encrypted.xlsx'), 'a.xlsx').code).toBe('file_encrypted');
  });

  it('calls an OLE container without EncryptionInfo a legacy .xls, even under another extension', () => {
    expect(sniffError(fixture('libreoffice-features.xls'), 'a.xls').code).toBe('file_legacy_xls');
    expect(sniffError(fixture('libreoffice-features.xls'), 'a.xlsx').code).toBe('file_legacy_xls');
  });

  it('refuses an OpenDocument spreadsheet and says to save it as .xlsx', () => {
    const e = sniffError(fixture('libreoffice-features.ods'), 'a.ods');
    expect(e.code).toBe('file_unsupported');
    expect(e.message).toContain('.ods');
  });

  it('calls a text file named .xlsx corrupt', () => {
    expect(sniffError(fixture('not-a-zip.xlsx'), 'not-a-zip.xlsx').code).toBe('file_corrupt');
  });

  it('refuses an HTML table named .xls and says to save it as .xlsx', () => {
    const e = sniffError(fixture('html-table.xls'), 'html-table.xls');
    expect(e.code).toBe('file_unsupported');
    expect(e.message).toContain('сохраните как .xlsx');
  });

  it('refuses a file of unknown kind', () => {
    expect(sniffError(Buffer.from('%PDF-1.4'), 'отчёт.pdf').code).toBe('file_unsupported');
  });

  it('reads a Uint8Array view into a larger buffer at its own offset', () => {
    const whole = Buffer.concat([Buffer.from('xxxx'), fixture('libreoffice-encrypted.xlsx')]);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.byteLength - 4);
    expect(sniffError(view, 'a.xlsx').code).toBe('file_encrypted');
  });
});
