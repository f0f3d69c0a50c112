import { describeFileError, FileReadError, type FileErrorCode } from '../../src/read/read-error';

const CODES: FileErrorCode[] = [
  'file_not_found',
  'file_unreadable',
  'file_empty',
  'file_too_large',
  'file_legacy_xls',
  'file_encrypted',
  'file_corrupt',
  'file_unsupported',
];

describe('FileReadError', () => {
  it.each(CODES)('has a Russian message for %s', (code) => {
    const e = new FileReadError(code, 'школа.xlsx');
    expect(e.message).toMatch(/[А-Яа-яЁё]/);
    expect(e.message).not.toMatch(/file_/);
    expect(e.code).toBe(code);
    expect(e.file).toBe('школа.xlsx');
    expect(e).toBeInstanceOf(Error);
  });

  it('adds the detail after the message', () => {
    const e = new FileReadError('file_corrupt', 'a.xlsx', 'техническая причина — End of data reached');
    expect(e.message).toBe('Файл повреждён или не является книгой Excel (.xlsx): техническая причина — End of data reached');
  });

  it('tells how to remove a password', () => {
    expect(new FileReadError('file_encrypted', 'a.xlsx').message).toMatch(/^Файл зашифрован паролем: снимите пароль в Excel \(Файл → Сведения → Защита книги/);
  });
});

describe('describeFileError', () => {
  it('gives one line with the file and the message', () => {
    expect(describeFileError(new FileReadError('file_empty', 'd:/формы/школа 5.csv'))).toBe('d:/формы/школа 5.csv: Файл пустой');
  });

  it('describes an unexpected error in Russian too', () => {
    expect(describeFileError(new Error('boom'))).toBe('Не удалось прочитать файл: boom');
  });
});
