import type { Classification } from './classify';
import type { SourceOutcome } from './outcome';

/**
 * How a run ended, the same for every command and host: `clean` — everything was read and no error
 * found (warnings allowed); `problems` — errors in the data, rows left out, forms of unknown template;
 * `failed` — something given could not be read or the work could not be done (exit codes 0, 1, 2).
 */
export type RunStatus = 'clean' | 'problems' | 'failed';

export function runStatus(outcomes: readonly SourceOutcome[], classification?: Classification): RunStatus {
  if (outcomes.some((o) => o.status === 'unreadable')) return 'failed';
  if (outcomes.some((o) => o.report.counts.errors > 0)) return 'problems';
  if (classification?.kind === 'region' && (classification.coverage.registerLeftOut.length > 0 || classification.coverage.missing.length > 0)) return 'problems';
  return 'clean';
}

export const EXIT_CODES: Record<RunStatus, number> = { clean: 0, problems: 1, failed: 2 };
