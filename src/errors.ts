/** The exit code of a run that could not be done (SPEC 8): bad usage, bad config, an internal error, an output it cannot write. */
export const EXIT_USAGE = 2;

/** A run that cannot be done (bad usage, bad config, missing path): one message, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs a check, adding the message of the usage error it throws to `errors` (any other error goes on): a config's
 * errors are gathered, to be told in one run. Whether the check passed.
 */
export function collectUsageError(errors: string[], check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    errors.push(error.message);
    return false;
  }
}

/** A rule's check threw: a defect of cxlint, reported with the rule's name so that the report says where to look. */
export class RuleCrash extends Error {
  constructor(
    readonly rule: string,
    cause: unknown,
  ) {
    super(`in rule ${rule}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RuleCrash';
    if (cause instanceof Error && cause.stack) this.stack = cause.stack;
  }
}

/** The one line that tells the user of an internal error: which rule, when a rule threw. */
export function internalErrorText(error: unknown): string {
  if (error instanceof RuleCrash) return `internal error ${error.message}`;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}
