/**
 * `nigah index <scene> --index <name|expression> [--bands role=N|role=file,...] --out <file.tif>`
 * Full-scene index (or band-math expression) as a float32 COG (NaN nodata), tile by tile in workers.
 */
import { INDICES } from '../../../shared/analysis/indices';
import { computeIndexRaster } from '../../engine/analysis';
import { fmt, need, numberOption, parseArgs, progressPrinter } from '../../engine/cli-args';
import { sharedPool } from '../../engine/pool';
import { loadSceneInput } from '../../engine/scene-input';
import type { CliCommand } from '../types';

const usage = `nigah index <scene> --index <name|expression> [--bands role=N|role=file,...] --out <file.tif> [--json]
  <scene>            a GeoTIFF (multi-band: map bands with --bands), a folder of band files, or a STAC item JSON
  --index            ${INDICES.map((d) => d.id).join(', ')}, or an expression such as "(nir - red) / (nir + red)"
  --bands            role=N (1-based band of a multi-band file) or role=file.tif, comma-separated
  --out              output GeoTIFF (tiled DEFLATE COG, float32, NaN nodata, overviews)
  --resampling       nearest (default) or bilinear, for bands coarser than the finest one
  --deflate-level    -1 (default: floating-point predictor + run-length DEFLATE, fast), 0 (Huffman-only),
                     or a zlib level 1 (fast) to 9 (smallest)
  --json             print a machine-readable summary`;

export const command: CliCommand = {
  name: 'index',
  summary: 'Compute a spectral index or band-math expression for a whole scene, as a COG',
  usage,
  async run(args, io) {
    // Start the worker threads now: they load while the scene headers are read.
    sharedPool();
    const p = parseArgs(args, ['index', 'bands', 'out', 'resampling', 'deflate-level'], ['json'], usage);
    if (p.positional.length !== 1) {
      io.err(`nigah index: expected one <scene>.\nUsage: ${usage}\n`);
      return 2;
    }
    const index = need(p, 'index', usage);
    const out = need(p, 'out', usage);
    const resampling = p.options.resampling === 'bilinear' ? 'bilinear' : 'nearest';
    const scene = await loadSceneInput(p.positional[0], p.options.bands);
    const r = await computeIndexRaster(scene, index, out, {
      resampling,
      deflateLevel: numberOption(p, 'deflate-level', usage),
      onProgress: progressPrinter(io.err),
    });
    if (p.flags.has('json')) {
      io.out(`${JSON.stringify({ ...r, scene: { id: scene.id, datetime: scene.datetime } }, null, 2)}\n`);
      return 0;
    }
    const s = r.stats;
    io.out(
      `${r.label} → ${out} (${r.width}×${r.height}, ${r.crs}, ${(r.bytes / 1e6).toFixed(1)} MB) in ${(r.elapsedMs / 1000).toFixed(2)} s\n` +
        `  valid pixels ${s.count}, nodata ${s.nodata}; min ${fmt(s.min)} max ${fmt(s.max)} mean ${fmt(s.mean)} std ${fmt(s.std)}\n` +
        `  percentiles p2 ${fmt(s.percentiles.p2)} p50 ${fmt(s.percentiles.p50)} p98 ${fmt(s.percentiles.p98)}\n`,
    );
    return 0;
  },
};
