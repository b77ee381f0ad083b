import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [vue()],
  // Renderer code imports the contract as @shared/… (component tests run it under happy-dom).
  resolve: { alias: { '@shared': fileURLToPath(new URL('./electron/shared', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Three files at a time on CI's 2 cores: much of a file's time is spent waiting for Chromium,
    // LibreOffice or a spawned CLI, so a third worker cut the stage from 520 s to 385 s here.
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
