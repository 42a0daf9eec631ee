import { defineConfig } from 'vitest/config';

/** The HTML report opened in the system's Chromium: `npm run test:browser` (test/browser/). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
  },
});
