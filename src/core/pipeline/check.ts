import { readPlans } from '../cycle/plan-readback';
import type { Grid } from '../grid/grid';
import { makeIssue } from '../messages/issues';
import type { Template } from '../template/template';
import { detectTemplate, readMetadata } from '../template/template-detect';
import { registerSchools, validateAgainst, type ValidationResult } from '../validate/validate';
import { makeValidationReport } from '../validate/validation-report';
import { isRegisterTemplate, type SourceOutcome } from './outcome';
import type { SourceFailure, SourceInput, SourceRef } from './source';

/** Rows read to tell a source's template: the header band is found within the first 20 rows. */
const HEAD_ROWS = 30;

export interface CheckOptions {
  templates: readonly Template[];
  /** The template the user chose instead of detection… */
  picked?: Template;
  /** …for every source, or only for the open workbook (or a single source), as the pane offers it. */
  pickedFor?: 'all' | 'open';
  /** Schools of a register given apart (--register): every results form is checked against them. */
  registerSchools?: ReadonlySet<string>;
  /** Keep the typed records of results forms (classification and merge need them; validation alone does not). */
  keepRecords?: boolean;
  now?: Date;
}

/** checkSources one source at a time, so that a caller can yield or report progress between sources. */
export interface SourceChecking {
  readonly total: number;
  /** The source the next `step()` checks; undefined once all are checked. */
  readonly upcoming: SourceInput | undefined;
  /** Checks the upcoming source and returns its outcome; undefined when there was none left. */
  step(): Promise<SourceOutcome | undefined>;
  /** The outcomes in the order the sources were given. */
  outcomes(): SourceOutcome[];
}

interface Planned {
  input: SourceInput;
  index: number;
  template?: Template;
  detectionFailed?: SourceFailure;
}

function refOf(input: SourceInput, sha256?: string): SourceRef {
  return { id: input.id, name: input.name, ...(input.folder !== undefined && { folder: input.folder }), ...(input.open && { open: true }), ...(sha256 && { sha256 }) };
}

const folderKey = (input: SourceInput) => input.folder ?? '';

function unreadable(input: SourceInput, failure: SourceFailure, now: Date): SourceOutcome {
  const issue = makeIssue('error', { code: 'file_unreadable', reason: failure.code, reasonText: failure.message, ...(failure.technical && { technical: failure.technical }) });
  const result: ValidationResult = { sheets: [], issues: [issue] };
  return { source: refOf(input), status: 'unreadable', failure, report: makeValidationReport(input.name, '', result, now) };
}

function ownOutput(input: SourceInput, grid: Grid, sha256: string | undefined, now: Date): SourceOutcome {
  const { plans, appendices, issues } = readPlans(grid, input.name);
  const marks = plans.reduce((n, p) => n + p.marks.length, 0);
  const result: ValidationResult = { sheets: [], issues: [makeIssue('warning', { code: 'own_output', what: input.role === 'report' ? 'copy' : 'report', ...(plans.length ? { marks } : {}) }), ...issues] };
  return { source: refOf(input, sha256), status: 'own', report: makeValidationReport(input.name, sha256 ?? '', result, now), ...(plans.length ? { plans } : {}), ...(appendices.length ? { appendices } : {}) };
}

/**
 * Validates every source: registers first, so that results forms are checked against the schools
 * listed by the registers of their folder (all registers when sources have no folder, as in the
 * pane), or against the register given apart. A source that cannot be read, and a workbook Okoshko
 * wrote itself, get an outcome saying so.
 */
export async function sourceChecking(inputs: readonly SourceInput[], options: CheckOptions): Promise<SourceChecking> {
  const now = options.now ?? new Date();
  const pickedFor = (input: SourceInput) => (options.picked && (options.pickedFor === 'all' || input.open || inputs.length === 1) ? options.picked : undefined);
  const planned: Planned[] = [];
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index];
    const forced = pickedFor(input);
    if (forced || input.role === 'report') {
      planned.push({ input, index, template: forced });
      continue;
    }
    const read = await input.read(HEAD_ROWS);
    planned.push('failure' in read ? { input, index, detectionFailed: read.failure } : { input, index, template: detectTemplate(read.grid, options.templates).template });
  }
  const ordered = [...planned].sort((a, b) => Number(isRegisterTemplate(b.template)) - Number(isRegisterTemplate(a.template)) || a.index - b.index);
  const schoolsByFolder = new Map<string, Set<string>>();
  const done: { index: number; outcome: SourceOutcome }[] = [];
  let at = 0;

  const check = async (p: Planned): Promise<SourceOutcome> => {
    if (p.detectionFailed) return unreadable(p.input, p.detectionFailed, now);
    const read = await p.input.read();
    if ('failure' in read) return unreadable(p.input, read.failure, now);
    const grid = read.grid;
    if (p.input.role === 'report' || readMetadata(grid)?.report) return ownOutput(p.input, grid, read.sha256, now);
    const forced = pickedFor(p.input);
    const detection = forced ? { template: forced, issues: [] } : detectTemplate(grid, options.templates);
    const knownSchools = options.registerSchools ?? schoolsByFolder.get(folderKey(p.input));
    const result: ValidationResult = detection.template ? validateAgainst(grid, detection.template, { knownSchools }) : { sheets: [], issues: [] };
    result.issues.unshift(...detection.issues);
    const { plans, appendices, issues: markIssues } = readPlans(grid, p.input.name);
    result.issues.push(...markIssues);
    if (isRegisterTemplate(detection.template) && !options.registerSchools) {
      const key = folderKey(p.input);
      schoolsByFolder.set(key, new Set([...(schoolsByFolder.get(key) ?? []), ...registerSchools(result)]));
    }
    const report = makeValidationReport(p.input.name, read.sha256 ?? '', result, now);
    const keep = options.keepRecords !== false || isRegisterTemplate(detection.template);
    return { source: refOf(p.input, read.sha256), status: 'checked', template: detection.template, ...(keep && { result }), report, ...(plans.length ? { plans } : {}), ...(appendices.length ? { appendices } : {}) };
  };

  return {
    total: ordered.length,
    get upcoming() {
      return at < ordered.length ? ordered[at].input : undefined;
    },
    async step() {
      if (at >= ordered.length) return undefined;
      const p = ordered[at++];
      const outcome = await check(p);
      done.push({ index: p.index, outcome });
      return outcome;
    },
    outcomes: () => done.slice().sort((a, b) => a.index - b.index).map((x) => x.outcome),
  };
}

/** Validates every source at once (see sourceChecking). */
export async function checkSources(inputs: readonly SourceInput[], options: CheckOptions): Promise<SourceOutcome[]> {
  const checking = await sourceChecking(inputs, options);
  while (await checking.step());
  return checking.outcomes();
}
