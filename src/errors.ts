/** A run that cannot be done (bad usage, bad config, missing path): one message, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
