/** Why a submission file could not be read; each code has its own Russian message. */
export type FileErrorCode =
  | 'file_not_found'
  | 'file_unreadable'
  | 'file_empty'
  | 'file_too_large'
  | 'file_limit'
  | 'file_legacy_xls'
  | 'file_encrypted'
  | 'file_corrupt'
  | 'file_unsupported';

const MESSAGES: Record<FileErrorCode, string> = {
  file_not_found: 'Файл не найден',
  file_unreadable: 'Файл не удалось прочитать',
  file_empty: 'Файл пустой',
  file_too_large: 'Файл слишком большой',
  file_limit: 'Файл превышает допустимый предел',
  file_legacy_xls: 'Это старый формат Excel (.xls): сохраните файл как .xlsx (Файл → Сохранить как → Книга Excel) и отправьте снова',
  file_encrypted:
    'Файл зашифрован паролем: снимите пароль в Excel (Файл → Сведения → Защита книги → Зашифровать с использованием пароля, очистите поле) и отправьте снова',
  file_corrupt: 'Файл повреждён или не является книгой Excel (.xlsx)',
  file_unsupported: 'Формат файла не поддерживается: нужна книга Excel (.xlsx) или таблица CSV',
};

export interface FileReadErrorOptions {
  cause?: unknown;
  /** The underlying library's own (English) text, for a log or a bug report; never shown as the message. */
  technical?: string;
}

/** A submission file that cannot be read at all, as opposed to an issue inside a readable file. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  readonly technical?: string;

  /**
   * @param file path or name of the file, as the user knows it
   * @param detail a Russian clarification
   */
  constructor(
    readonly code: FileErrorCode,
    readonly file: string,
    readonly detail?: string,
    options?: FileReadErrorOptions,
  ) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code], options?.cause === undefined ? undefined : { cause: options.cause });
    // Compiled to ES5, a subclass of Error loses its prototype: instanceof in the pane would miss it.
    Object.setPrototypeOf(this, FileReadError.prototype);
    if (options?.technical !== undefined) this.technical = options.technical;
  }
}

export function isFileReadError(e: unknown): e is FileReadError {
  return e instanceof FileReadError;
}

/** One line for the user: `<file>: <message>`; anything that is not a FileReadError is described too. */
export function describeFileError(e: unknown): string {
  if (e instanceof FileReadError) return e.file ? `${e.file}: ${e.message}` : e.message;
  const text = e instanceof Error ? e.message : String(e);
  return `Не удалось прочитать файл: ${text}`;
}
