/**
 * `save_result` of the local executor: a cube without a time dimension as a COG. Masks (values 0, 1
 * and no data only) are written as uint8 with 255 no data, like the engine's masks; anything else as
 * float32 with NaN no data, like the engine's index rasters.
 */
import { deflateSync } from 'node:zlib';
import { isGeographic } from '../../shared/analysis/area';
import { MASK_NODATA } from '../../shared/analysis/classify';
import { NigahError } from '../../shared/errors';
import { epsgNumber } from '../../shared/proj';
import type { GeoTransform } from '../../shared/scene';
import { concatChunks, writeCog } from '../../shared/tiff';
import { writeFileAtomic } from '../host/atomic';
import type { Cube } from './load';

export interface SavedResult {
  out: string;
  width: number;
  height: number;
  crs: string;
  geotransform: GeoTransform;
  bands: string[];
  dataType: 'uint8' | 'float32';
}

function isMask(planes: Float64Array[]): boolean {
  for (const p of planes)
    for (let i = 0; i < p.length; i++) if (p[i] !== 0 && p[i] !== 1 && !Number.isNaN(p[i])) return false;
  return true;
}

export async function saveCube(c: Cube, out: string): Promise<SavedResult> {
  if (c.t && c.t.length > 1)
    throw new NigahError(
      'BAD_ARGUMENT',
      'The result still has several dates; reduce the time dimension before save_result.',
    );
  const { grid, x0, y0, w, h } = c.target;
  const g = grid.gt;
  const gt: GeoTransform = [
    g[0] + x0 * g[1] + y0 * g[2],
    g[1],
    g[2],
    g[3] + x0 * g[4] + y0 * g[5],
    g[4],
    g[5],
  ];
  const mask = isMask(c.planes);
  const data = c.planes.map((p) => {
    if (!mask) return Float32Array.from(p, (v) => (Number.isFinite(v) ? v : Number.NaN));
    return Uint8Array.from(p, (v) => (Number.isNaN(v) ? MASK_NODATA : v));
  });
  const bands = c.bands ?? ['result'];
  const epsg = epsgNumber(grid.crs);
  const chunks = writeCog({
    width: w,
    height: h,
    dataType: mask ? 'uint8' : 'float32',
    nodata: mask ? MASK_NODATA : Number.NaN,
    tileSize: 256,
    geo: epsg === null ? undefined : { epsg, geographic: isGeographic(grid.crs), transform: gt },
    data,
    resampling: mask ? 'nearest' : 'average',
    compress: (b) => new Uint8Array(deflateSync(b, { level: 6 })),
    bandMetadata: bands.map((description) => ({ description })),
    metadata: { NIGAH_OPENEO: 'local executor' },
  });
  await writeFileAtomic(out, concatChunks(chunks));
  return {
    out,
    width: w,
    height: h,
    crs: grid.crs,
    geotransform: gt,
    bands,
    dataType: mask ? 'uint8' : 'float32',
  };
}
