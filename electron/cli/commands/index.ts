/**
 * `nigah index <scene> --index <name|expression> [--bands role=N|role=file,...] --out <file.tif>`
 * Full-scene index (or band-math expression) as a float32 COG (NaN nodata), tile by tile in workers.
 */
import { INDICES } from '../../../shared/analysis/indices';
import { NigahError } from '../../../shared/errors';
import { computeIndexRaster } from '../../engine/analysis';
import { assertOutputsSafe, sceneInputs } from '../../host/output-guard';
import { fmt, need, numberOption, progressPrinter } from '../args';
import { startEngineCommand } from '../engine-command';
import type { CliCommand } from '../types';

const usage = `nigah index <scene> --index <name|expression> [--bands role=N|role=file,...] --out <file.tif> [--json]
  <scene>            a GeoTIFF (multi-band: map bands with --bands), a folder of band files, or a STAC item JSON
  --index            ${INDICES.map((d) => d.id).join(', ')}, or an expression such as "(nir - red) / (nir + red)"
  --bands            role=N (1-based band of a multi-band file) or role=file.tif, comma-separated
  --out              output GeoTIFF (tiled DEFLATE COG, float32, NaN nodata, overviews)
  --resampling       nearest (default) or bilinear, for bands coarser than the finest one
  --deflate-level    -1 (default: floating-point predictor + run-length DEFLATE, fast), 0 (Huffman-only),
                     or a zlib level 1 (fast) to 9 (smallest)
  --type             float32 (default; NaN nodata) or int16: value × 10000, nodata −32768, scale 0.0001
                     in the GDAL metadata so GDAL and QGIS read true values; about half the size —
                     the choice for large batches
  --json             print a machine-readable summary`;

export const command: CliCommand = {
  name: 'index',
  summary: 'Compute a spectral index or band-math expression for a whole scene, as a COG',
  usage,
  async run(args, io) {
    const start = await startEngineCommand(args, io, {
      name: 'index',
      usage,
      valued: ['index', 'bands', 'out', 'resampling', 'deflate-level', 'type'],
      flags: ['json'],
      scenes: 1,
    });
    if (!start) return 2;
    const { p } = start;
    const scene = start.scene!;
    const index = need(p, 'index', usage);
    const out = need(p, 'out', usage);
    assertOutputsSafe({ '--out': out }, [p.positional[0], ...sceneInputs(scene)]);
    const resampling = p.options.resampling === 'bilinear' ? 'bilinear' : 'nearest';
    const type = p.options.type ?? 'float32';
    if (type !== 'float32' && type !== 'int16')
      throw new NigahError('BAD_ARGUMENT', `--type must be float32 or int16, got "${type}".`, {
        hint: `Usage: ${usage}`,
      });
    const r = await computeIndexRaster(scene, index, out, {
      resampling,
      deflateLevel: numberOption(p, 'deflate-level', usage),
      type,
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
        `  percentiles p2 ${fmt(s.percentiles.p2)} p50 ${fmt(s.percentiles.p50)} p98 ${fmt(s.percentiles.p98)}\n` +
        `  time by stage (s, summed over threads): ${Object.entries(r.timings)
          .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)}`)
          .join(', ')}\n`,
    );
    return 0;
  },
};
