import { defineConfig } from 'vitest/config';

/**
 * The package as users get it (`npm run test:package`): packed and installed into an empty folder, linted by publint,
 * and installed by pre-commit as a hook. Each installs packages from the registry, so they run apart from `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
