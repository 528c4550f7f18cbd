/**
 * Renderer build. No React plugin: Vite 8 transforms TSX with Oxc, and the automatic JSX runtime
 * is all React 19 needs (no Fast Refresh in production builds anyway).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root: here,
  // Test hooks (window.__nigahTest, renderer/src/map/testHooks.ts) are compiled out of the release
  // build that `npm run dist` packages; `npm run build` (tests, benchmarks, `npm start`) keeps them.
  define: { __NIGAH_TEST_HOOKS__: JSON.stringify(mode !== 'release') },
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // geotiff's "browser" export is a UMD bundle; the ES module build tree-shakes and works in
    // module workers.
    alias: {
      geotiff: fileURLToPath(new URL('../node_modules/geotiff/dist-module/geotiff.js', import.meta.url)),
    },
  },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  logLevel: 'warn',
}));
