import cliProgress from 'cli-progress';

/** What a long command is doing, on stderr, only when stderr is a terminal: nothing mixes into a pipe or --json. */
export interface Progress {
  /** A file was read and checked. */
  file(name: string, done: number, total: number): void;
  /** A stage after the files: classification, recommendations, writing sheets. */
  stage(text: string): void;
  stop(): void;
}

const SILENT: Progress = { file: () => undefined, stage: () => undefined, stop: () => undefined };

export function progress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return SILENT;
  let bar: cliProgress.SingleBar | undefined;
  let line = false;
  const clearLine = () => {
    if (line) process.stderr.write('\r\x1b[2K');
    line = false;
  };
  return {
    file(name, done, total) {
      if (total < 2) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: 'Проверка |{bar}| {value}/{total} файлов  {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { file: '' });
      }
      bar.update(done, { file: name });
    },
    stage(text) {
      bar?.stop();
      bar = undefined;
      clearLine();
      process.stderr.write(`${text}…`);
      line = true;
    },
    stop() {
      bar?.stop();
      bar = undefined;
      clearLine();
    },
  };
}
