const REASONS: Record<string, string> = {
  ENOENT: 'нет такого файла или папки',
  EACCES: 'нет доступа',
  EPERM: 'нет прав',
  EBUSY: 'файл занят другой программой (закройте его в Excel)',
  ENOSPC: 'нет места на диске',
  EROFS: 'диск только для чтения',
  EISDIR: 'это папка, а не файл',
};

/** An operating-system error (a file that cannot be written, a full disk) as one Russian line. */
export function describeSystemError(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !REASONS[err.code]) return undefined;
  return `Не удалось выполнить операцию с файлом${err.path ? ` ${err.path}` : ''}: ${REASONS[err.code]}`;
}
