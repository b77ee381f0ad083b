import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

/**
 * The renderer alone (web mode, E2E, `npm run build`). The desktop build uses the same
 * settings through electron.vite.config.ts.
 */
export const rendererDefines = {
  __VUE_OPTIONS_API__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
};

export const rendererAlias = {
  '@shared': fileURLToPath(new URL('./electron/shared', import.meta.url)),
};

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  define: rendererDefines,
  resolve: { alias: rendererAlias },
  build: {
    outDir: fileURLToPath(new URL('./renderer/dist', import.meta.url)),
    emptyOutDir: true,
    // Inline assets would need data: in the CSP; files keep it strict.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    target: 'chrome128',
  },
  server: { port: 5173, strictPort: false },
});
