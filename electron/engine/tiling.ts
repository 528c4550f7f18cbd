/**
 * What every engine run shares: its options (pool, cancellation, progress, tile size, output
 * compression), the tile walk over a grid and the georeferencing of outputs on that grid.
 */
import { isGeographic } from '../../shared/analysis/area';
import type { ResampleMethod } from '../../shared/analysis/resample';
import { NigahError } from '../../shared/errors';
import { epsgNumber, isProj4String } from '../../shared/proj';
import type { CogOptions } from '../../shared/tiff';
import type { Grid } from './compute';
import type { WorkerPool } from './pool';

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export interface EngineOptions {
  pool?: WorkerPool;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  tileSize?: number;
  /** Bytes of compressed tiles held in memory per output before spilling to a spool file. */
  memoryBudget?: number;
  /** zlib level for output tiles (default 1 for float index rasters, 6 for masks). */
  deflateLevel?: number;
  resampling?: ResampleMethod;
  /**
   * Index raster type: float32 (default, NaN nodata) or int16 = round(value × 10000) with nodata
   * −32768 and scale 0.0001 in the GDAL metadata — about half the size, for large batches.
   */
  type?: 'float32' | 'int16';
}

export function geoOf(grid: Grid): CogOptions['geo'] {
  const epsg = epsgNumber(grid.crs);
  if (epsg === null && isProj4String(grid.crs))
    // The COG writer's GeoKeys carry EPSG codes only: refuse rather than write an output without a CRS.
    throw new NigahError(
      'UNKNOWN_CRS',
      'This scene’s coordinate reference system has no EPSG code, so results cannot be written in it yet.',
      {
        hint: 'Reproject the scene to an EPSG-coded CRS first, e.g. gdalwarp -t_srs EPSG:32642 in.tif out.tif.',
      },
    );
  if (epsg === null) return undefined;
  return { epsg, geographic: isGeographic(grid.crs), transform: grid.gt };
}

export function* tiles(grid: Grid, tileSize: number): Generator<[number, number]> {
  const across = Math.ceil(grid.width / tileSize);
  const down = Math.ceil(grid.height / tileSize);
  for (let ty = 0; ty < down; ty++) for (let tx = 0; tx < across; tx++) yield [tx, ty];
}

export function tileCount(grid: Grid, tileSize: number): number {
  return Math.ceil(grid.width / tileSize) * Math.ceil(grid.height / tileSize);
}
