import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './templates';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `okoshko` command (npm test builds it first) as a user would. */
export function okoshko(args: string[], cwd = REPO): CliRun {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'okoshko.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'okoshko-test-'));
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}
