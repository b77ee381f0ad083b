import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { rendererAlias, rendererDefines } from './vite.renderer.config';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Core reads its SQL migrations beside migrate.ts, i.e. beside the bundled main (out/main), and
 * the built-in templates from templates/ (packaged: extraResources). Both are copied after the
 * main bundle is written so `electron .` finds them exactly as the packaged app does.
 */
function copyRuntimeFiles(): Plugin {
  return {
    name: 'vorlagenwerk-copy-runtime-files',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir ?? resolve(root, 'out/main');
      // One folder per engine (migrations/sqlite, migrations/postgres).
      for (const dialect of readdirSync(join(root, 'electron/core/db/migrations'))) {
        const from = join(root, 'electron/core/db/migrations', dialect);
        const to = join(outDir, 'migrations', dialect);
        mkdirSync(to, { recursive: true });
        for (const file of readdirSync(from)) if (file.endsWith('.sql')) cpSync(join(from, file), join(to, file));
      }
      cpSync(join(root, 'templates'), join(outDir, '..', 'templates'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The pack assembler starts this file as a worker thread beside the bundle.
          'pack-worker': resolve(root, 'electron/core/export/pack/pack-worker.ts'),
          // Word import parses in a worker with a heap limit (docx-isolated.ts).
          'docx-worker': resolve(root, 'electron/core/document/docx-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
    plugins: [copyRuntimeFiles()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [vue()],
    define: rendererDefines,
    resolve: { alias: rendererAlias },
    build: {
      outDir: resolve(root, 'out/renderer'),
      assetsInlineLimit: 0,
      target: 'chrome140',
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
