/**
 * `nigah ortho <package> [--dem <file> | --height <m>] [--resampling near|bilinear] --out <file.tif>`
 * — orthorectify a Level-1A product (CRESDA package folder or .tar.gz, or a raw TIFF with .rpb /
 * _rpc.txt / internal RPCs) by its RPC model into a COG in the scene's UTM zone.
 */
import os from 'node:os';
import path from 'node:path';
import { NigahError } from '../../../shared/errors';
import { orthorectify } from '../../engine/ortho';
import { orthoInputOf } from '../../engine/ortho-input';
import { sharedPool } from '../../engine/pool';
import { assertOutputsSafe } from '../../host/output-guard';
import { fmt, need, numberOption, parseOptions, progressPrinter } from '../args';
import type { CliCommand } from '../types';

const usage = `nigah ortho <package> [--dem <file> | --height <m>] [--resampling near|bilinear] --out <file.tif> [--json]
  <package>      a CRESDA L1A package (folder or .tar.gz) or a raw TIFF with its RPCs (.rpb, _rpc.txt or inside)
  --dem          a GeoTIFF DEM in any CRS (SRTM, Copernicus GLO-30…), sampled bilinearly
  --height       a constant terrain height in metres instead of a DEM
                 (neither: the model's HEIGHT_OFF, with a notice)
  --resampling   bilinear (default) or near
  --out          the output COG (in the scene's UTM zone at the sensor's nominal GSD)
  --json         print a machine-readable summary`;

export const command: CliCommand = {
  name: 'ortho',
  summary: 'Orthorectify a Level-1A product by its RPC model (with a DEM or a height)',
  usage,
  async run(args, io) {
    sharedPool();
    const p = parseOptions(args, ['dem', 'height', 'resampling', 'out'], ['json'], usage);
    if (p.positional.length !== 1) {
      io.err(`nigah ortho: expected one <package>.\nUsage: ${usage}\n`);
      return 2;
    }
    const out = need(p, 'out', usage);
    const resampling = p.options.resampling ?? 'bilinear';
    if (resampling !== 'near' && resampling !== 'bilinear')
      throw new NigahError('BAD_ARGUMENT', `--resampling ${resampling} is not known.`, {
        hint: 'Use --resampling near or --resampling bilinear.',
      });
    const { input } = await orthoInputOf(p.positional[0], path.join(os.tmpdir(), 'nigah-cli-cache'));
    assertOutputsSafe({ '--out': out }, [p.positional[0], input.tiffPath, p.options.dem]);
    const progress = progressPrinter(io.err);
    const r = await orthorectify(input, {
      dem: p.options.dem,
      height: numberOption(p, 'height', usage),
      resampling,
      out,
      onProgress: (done, total) => progress({ phase: 'orthorectifying', done, total }),
    });
    if (p.flags.has('json')) {
      io.out(
        `${JSON.stringify({ kind: 'ortho', out: r.path, epsg: r.grid.epsg, geotransform: r.grid.gt, width: r.grid.width, height: r.grid.height, heights: r.heightSource, resampling, bytes: r.bytes, notices: r.notices }, null, 2)}\n`,
      );
      return 0;
    }
    for (const n of r.notices) io.err(`notice: ${n}\n`);
    io.out(
      `${path.basename(p.positional[0])} → ${r.path}\n` +
        `  EPSG:${r.grid.epsg}, ${r.grid.width} × ${r.grid.height} px at ${fmt(r.grid.gsd)} m, heights from ${r.heightSource}, ${resampling}\n`,
    );
    return 0;
  },
};
