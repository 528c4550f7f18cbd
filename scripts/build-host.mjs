// Bundles the Electron main process, the preload and the browser-mode host into dist/electron/.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // @napi-rs/canvas loads its native Skia binding (.node) at run time: required from node_modules.
  external: ['electron', '@napi-rs/canvas'],
  // import.meta.url is only read where __dirname is missing (ESM runs); silence the CJS warning.
  logOverride: { 'empty-import-meta': 'silent' },
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  build({ ...common, entryPoints: ['electron/web.ts'], outfile: 'dist/electron/web.cjs' }),
  build({
    ...common,
    entryPoints: ['electron/engine/worker.ts'],
    outfile: 'dist/electron/engine-worker.cjs',
  }),
]);
