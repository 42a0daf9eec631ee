import { expect } from 'vitest';
import { UsageError } from '../src/errors.js';

/** The usage error that `run` throws; fails the test when it throws nothing or something else. */
export function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, but nothing was thrown');
}
