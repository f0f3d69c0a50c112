import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli';
import { REGION } from '../helpers/planted';
import { REPO } from '../helpers/templates';
import { hostileFiles } from '../read/helpers/hostile-files';

/**
 * Memory bounded by design: the built command in its own process, its peak resident memory as the
 * kernel counts it. Times are not asserted here (the machines are noisy); npm run bench has them.
 */


interface Measured {
  status: number | null;
  output: string;
  peakMb: number;
}

function okoshkoPeak(args: string[], dir: string): Measured {
  const probe = path.join(dir, 'peak.js');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nPEAK_RSS_MB=' + Math.round(process.resourceUsage().maxRSS / 1024) + '\\n'));\n");
  const r = spawnSync(process.execPath, ['--require', probe, path.join(REPO, 'bin', 'okoshko.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } });
  const peak = /PEAK_RSS_MB=(\d+)/.exec(r.stderr);
  if (!peak) throw new Error(`no peak reported: ${r.stderr}`);
  return { status: r.status, output: r.stdout + r.stderr, peakMb: Number(peak[1]) };
}

describe('memory of the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses or reads each hostile file with one Russian line naming it, under 300 MB at its peak', () => {
    for (const [name, bytes] of Object.entries(hostileFiles())) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const m = okoshkoPeak(['validate', file], dir);
      expect({ name, crashed: m.status !== 0 && m.status !== 1 && m.status !== 2 }).toEqual({ name, crashed: false });
      expect(m.output).toContain(name);
      expect(m.output).not.toMatch(/at .*\.js:\d+|RangeError|heap out of memory/);
      expect({ name, under300: m.peakMb < 300 }).toEqual({ name, under300: true });
    }
  }, 300_000);

  it('validates 1,000 forms in one run under 400 MB at its peak, each file read and let go in turn', () => {
    const forms = path.join(dir, 'формы');
    mkdirSync(forms);
    const sample = path.join(REGION, 'incoming', 'berezovsky-vpr.xlsx');
    for (let i = 1; i <= 1000; i++) copyFileSync(sample, path.join(forms, `школа-${i}-vpr.xlsx`));
    const m = okoshkoPeak(['validate', forms], dir);
    expect(m.output).toContain('Итого файлов: 1000');
    expect(m.peakMb).toBeLessThan(400);
  }, 300_000);

  it('runs the main job on the sample region’s 2024 and 2025 forms under 400 MB at its peak', () => {
    const out = path.join(dir, 'реестр.okoshko.xlsx');
    const m = okoshkoPeak(['run', path.join(REGION, '2024'), path.join(REGION, '2025'), '--out', out], dir);
    expect(m.output).toContain('рекомендаци');
    expect(m.peakMb).toBeLessThan(400);
  }, 300_000);
});
