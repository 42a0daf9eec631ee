import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hostile cases that take more than a few seconds run in `npm run test:hostile` (vitest.hostile.config.ts).
    // The installed package and the pre-commit hook install from the registry: `npm run test:package`.
    exclude: ['test/**/*.slow.test.ts', 'test/package/**', '**/node_modules/**'],
    testTimeout: 20_000,
  },
});
