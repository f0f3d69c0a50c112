import { FileReadError } from './file-error';

/** What a submission file really is, judged by its first bytes before its extension. */
export type FileKind = 'xlsx' | 'csv';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Stream name inside the OLE container that Excel (and LibreOffice) use for a password-protected xlsx. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
/** An OpenDocument package stores its uncompressed "mimetype" entry first, right after the zip header. */
const ODF_MIMETYPE = Buffer.from('mimetypeapplication/vnd.oasis.opendocument.');

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature[i]) return false;
  return true;
}

function extensionOf(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Decides how to read the file, or throws a FileReadError saying why it cannot be read. */
export function sniffFileKind(bytes: Uint8Array, name: string): FileKind {
  if (bytes.length === 0) throw new FileReadError('file_empty', name);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new FileReadError(buffer.includes(ENCRYPTION_INFO) ? 'file_encrypted' : 'file_legacy_xls', name);
  }
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    if (buffer.subarray(30, 30 + ODF_MIMETYPE.length).equals(ODF_MIMETYPE)) {
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
