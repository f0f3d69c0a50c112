import cliProgress from 'cli-progress';

/** A progress bar on stderr for work over many files; silent when stderr is not a terminal. */
export function fileProgress(total: number, enabled: boolean): { tick(file: string): void; stop(): void } {
  if (!enabled || total < 2 || !process.stderr.isTTY) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: 'Проверка |{bar}| {value}/{total} файлов  {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { file: '' });
  return { tick: (file) => bar.increment(1, { file }), stop: () => bar.stop() };
}
