import { describeFileError, FileReadError, isFileReadError, type FileErrorCode } from '../../src/read/read-error';
import * as viaFiles from '../../src/read/read-error';

const CODES: FileErrorCode[] = ['file_not_found', 'file_unreadable', 'file_empty', 'file_too_large', 'file_limit', 'file_legacy_xls', 'file_encrypted', 'file_corrupt', 'file_unsupported'];

describe('FileReadError', () => {
  it.each(CODES)('has a Russian message for %s', (code) => {
    const e = new FileReadError(code, 'школа.xlsx');
    expect(e.message).toMatch(/^[А-Я]/);
    expect(e).toBeInstanceOf(FileReadError);
    expect(e).toBeInstanceOf(Error);
    expect(isFileReadError(e)).toBe(true);
  });

  it('says a file over a limit exceeds it and names the limit after', () => {
    const e = new FileReadError('file_limit', 'школа.xlsx', 'распакованный размер больше 512 МБ');
    expect(e.message).toBe('Файл превышает допустимый предел: распакованный размер больше 512 МБ');
    expect(describeFileError(e)).toBe('школа.xlsx: Файл превышает допустимый предел: распакованный размер больше 512 МБ');
  });

  it('keeps a library’s English words as technical, out of the message', () => {
    const cause = new Error('invalid block type');
    const e = new FileReadError('file_corrupt', 'a.xlsx', 'часть xl/worksheets/sheet1.xml не распаковывается', { cause, technical: cause.message });
    expect(e.message).toBe('Файл повреждён или не является книгой Excel (.xlsx): часть xl/worksheets/sheet1.xml не распаковывается');
    expect(e.technical).toBe('invalid block type');
    expect(e.cause).toBe(cause);
    expect(new FileReadError('file_empty', 'a.csv').technical).toBeUndefined();
  });

  it('keeps its prototype however it is compiled, so instanceof finds it in the pane', () => {
    expect(Object.getPrototypeOf(new FileReadError('file_empty', 'a.csv'))).toBe(FileReadError.prototype);
    expect(new FileReadError('file_empty', 'a.csv').name).toBe('FileReadError');
  });

  it('is the very class src/files/file-error.ts gives', () => {
    expect(viaFiles.FileReadError).toBe(FileReadError);
    expect(viaFiles.describeFileError).toBe(describeFileError);
  });
});
