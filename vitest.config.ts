import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hostile cases that take more than a few seconds run in `npm run test:hostile` (vitest.hostile.config.ts), the
    // report in a real browser in `npm run test:browser` (vitest.browser.config.ts); the installed package and the
    // pre-commit hook install from the registry: `npm run test:package`.
    exclude: ['test/**/*.slow.test.ts', 'test/browser/**', 'test/package/**', '**/node_modules/**'],
    testTimeout: 20_000,
  },
});
