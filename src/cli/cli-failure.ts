/** A reason the command could not run, already in Russian: printed as one line, exit code 2. */
export class CliFailure extends Error {
  /** `reported`: the reason was already printed (as a --json document): only the exit code remains. */
  constructor(
    message: string,
    readonly reported = false,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const EXIT = { clean: 0, errorsFound: 1, couldNotRun: 2 } as const;
