import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSubmissionFile } from '../../src/files/read-file';
import { gridFromBytes } from '../../src/pane/browser-files';
import { REPO, SHARED } from '../helpers/templates';

/** The command line and the browser read a file into the same grid, or refuse it with the same code. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(xlsx|xlsm|xls|csv|txt|ods)$/i.test(n) ? [full] : [];
  });
}

const FILES = [...filesUnder(path.join(REPO, 'test', 'fixtures')), ...filesUnder(path.join(REPO, 'samples', 'sample-region')), path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv')];

const outcome = async (read: () => Promise<unknown>) => {
  try {
    return { grid: await read() };
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message.replace(/^.*?: /, '') };
  }
};

describe('the Node and the browser entry points of the one reader', () => {
  it('read every fixture and sample file, CSV encodings included, into equal grids', async () => {
    expect(FILES.length).toBeGreaterThan(40);
    for (const file of FILES) {
      const node = await outcome(() => readSubmissionFile(file));
      const browser = await outcome(() => gridFromBytes(new Uint8Array(readFileSync(file)), path.basename(file)));
      expect({ file, ...browser }).toEqual({ file, ...node });
    }
  });
});
