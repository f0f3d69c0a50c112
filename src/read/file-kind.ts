import { FileReadError } from './read-error';

/** What a submission file really is, judged by its first bytes before its extension. */
export type FileKind = 'xlsx' | 'csv';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Stream name inside the OLE container that Excel (and LibreOffice) use for a password-protected xlsx. */
const ENCRYPTION_INFO = utf16le('EncryptionInfo');
/** An OpenDocument package stores its uncompressed "mimetype" entry first, right after the zip header. */
const ODF_MIMETYPE = latin1('mimetypeapplication/vnd.oasis.opendocument.');
const ZIP_LOCAL_HEADER_SIZE = 30;

function utf16le(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
  return bytes;
}

function latin1(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i));
  return bytes;
}

function matchesAt(bytes: Uint8Array, at: number, pattern: readonly number[]): boolean {
  if (at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    if (bytes[i] === first && matchesAt(bytes, i, pattern)) return true;
  }
  return false;
}

function extensionOf(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Decides how to read the file, or throws a FileReadError saying why it cannot be read. */
export function sniffFileKind(bytes: Uint8Array, name: string): FileKind {
  if (bytes.length === 0) throw new FileReadError('file_empty', name);
  if (matchesAt(bytes, 0, OLE_SIGNATURE)) {
    throw new FileReadError(contains(bytes, ENCRYPTION_INFO) ? 'file_encrypted' : 'file_legacy_xls', name);
  }
  if (matchesAt(bytes, 0, ZIP_SIGNATURE)) {
    if (matchesAt(bytes, ZIP_LOCAL_HEADER_SIZE, ODF_MIMETYPE)) {
      throw new FileReadError('file_unsupported', name, 'это таблица OpenDocument (.ods), сохраните её как книгу Excel (.xlsx)');
    }
    return 'xlsx';
  }
  const ext = extensionOf(name);
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx' || ext === 'xlsm') throw new FileReadError('file_corrupt', name, 'это не zip-архив');
  if (ext === 'xls') {
    // Portals and accounting systems often save an HTML or XML table under the .xls name.
    throw new FileReadError('file_unsupported', name, 'внутри файла .xls не книга Excel (возможно, выгрузка HTML или XML): откройте его в Excel и сохраните как .xlsx');
  }
  throw new FileReadError('file_unsupported', name);
}
