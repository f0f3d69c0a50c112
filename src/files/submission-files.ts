import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SUBMISSION_EXTENSIONS = /\.(xlsx|xlsm|xls|csv|txt)$/i;
export const REPORT_SUFFIX = '.report.xlsx';

/** Okoshko's reports and write-back copies, backups of a workbook written in place. */
const OWN_FILES = /(\.report\.xlsx|\.okoshko\.xls[xm]|\.bak(-[\w-]+)?\.xls[xm])$/i;

/** A file Okoshko wrote, a backup it kept, or Excel's lock file: never a submission. */
function isOwnOrLockFile(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || OWN_FILES.test(name);
}

/** Files named on the command line, with folders expanded recursively, in a stable order. */
export function expandSubmissionPaths(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (SUBMISSION_EXTENSIONS.test(name) && !isOwnOrLockFile(name)) out.push(full);
    }
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      /* a missing file is reported when it is read */
    }
    if (isDir) walk(input);
    else out.push(input);
  }
  return [...new Set(out)];
}

/** Where the report of a checked file goes: beside it (or in `reportDir`), never over it. */
export function reportPathFor(source: string, reportDir?: string): string {
  const base = path.basename(source).replace(/\.[^.]+$/, '');
  return path.join(reportDir ?? path.dirname(source), base + REPORT_SUFFIX);
}
