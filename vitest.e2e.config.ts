import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: web mode on a fresh data folder, driven in Debian's Chromium through
 * playwright-core. Two files at a time, each with its own server and browser; screenshots go
 * to test-output/e2e/. The renderer must be built first (npm test does it); the server is
 * bundled by the global setup.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Bundles web mode into out/web once, as `npm run web` does at every start.
    globalSetup: ['tests/e2e/helpers/build-web.setup.ts'],
    pool: 'forks',
    // Two files at a time: a journey spends most of its time waiting for a browser or a print, and
    // the stage took twice as long one by one. Each file has its own server, data folder and database.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
