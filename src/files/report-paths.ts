import path from 'node:path';

export const REPORT_SUFFIX = '.report.xlsx';

/** The deepest folder that holds every one of the files. */
export function commonFolder(files: readonly string[]): string {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  if (dirs.length === 0) return process.cwd();
  let n = dirs[0].length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && i < d.length && d[i] === dirs[0][i]) i++;
    n = i;
  }
  return dirs[0].slice(0, n).join(path.sep) || path.sep;
}

/**
 * Where each checked file's report goes: beside it, or under `reportDir` at the file's path relative to
 * the folder all the files share — so 2024/vpr.xlsx and 2025/vpr.xlsx get two reports, not one.
 */
export function reportPaths(files: readonly string[], reportDir?: string): Map<string, string> {
  const root = commonFolder(files);
  const dirOf = (file: string) => (reportDir ? path.join(reportDir, path.relative(root, path.dirname(path.resolve(file)))) : path.dirname(file));
  const plain = (file: string) => path.join(dirOf(file), path.basename(file).replace(/\.[^.]+$/, '') + REPORT_SUFFIX);
  const taken = new Map<string, number>();
  for (const file of files) taken.set(path.resolve(plain(file)), (taken.get(path.resolve(plain(file))) ?? 0) + 1);
  const out = new Map<string, string>();
  // vpr.xlsx and vpr.csv side by side keep their extensions apart: vpr.xlsx.report.xlsx, vpr.csv.report.xlsx.
  for (const file of files) out.set(file, taken.get(path.resolve(plain(file)))! > 1 ? path.join(dirOf(file), path.basename(file) + REPORT_SUFFIX) : plain(file));
  return out;
}
