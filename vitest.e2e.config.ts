import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: web mode on a fresh data folder, driven in Debian's Chromium through
 * playwright-core. One file at a time (each starts its own server and browser); screenshots go
 * to test-output/e2e/. The renderer must be built first (npm test does it); the server is
 * bundled by the global setup.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Bundles web mode into out/web once, as `npm run web` does at every start.
    globalSetup: ['tests/e2e/helpers/build-web.setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
