import { defineConfig } from 'vitest/config';

/** The slow part of the hostile-input battery (gigabyte files, deep chains, whole-disk globs): `npm run test:hostile`. */
export default defineConfig({
  test: {
    include: ['test/hostile/**/*.slow.test.ts'],
    testTimeout: 120_000,
    // Each case measures its own peak memory: one at a time, so that two large cases do not compete for the machine.
    fileParallelism: false,
  },
});
