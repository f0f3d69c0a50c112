import { readGrid } from '../src/read';
import { FileReadError } from '../src/read/read-error';
import { hostileFiles } from '../test/read/helpers/hostile-files';

export interface HostileFigure {
  name: string;
  kilobytes: number;
  seconds: number;
  /** The refusal's code, or «прочитан» when the file is read. */
  outcome: string;
}

/** Each hostile file through the reader: how long until it is refused or read (memory is asserted in test/cli/memory-bounds.test.ts). */
export function benchHostileFiles(): HostileFigure[] {
  return Object.entries(hostileFiles()).map(([name, bytes]) => {
    const start = process.hrtime.bigint();
    let outcome = 'прочитан';
    try {
      readGrid(bytes, name);
    } catch (e) {
      if (!(e instanceof FileReadError)) throw e;
      outcome = e.code;
    }
    return { name, kilobytes: bytes.length / 1024, seconds: Number(process.hrtime.bigint() - start) / 1e9, outcome };
  });
}
