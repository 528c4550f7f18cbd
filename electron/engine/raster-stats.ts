/**
 * Zonal statistics of an existing single-band raster (an index COG or a mask written by the engine,
 * or any GeoTIFF): per zone pixel counts, areas (per-row geodesic for lon/lat rasters), the share of
 * mask pixels (value 1) and the mean/min/max of valid values. Reads tile by tile (bounded memory).
 */
import { rowAreas } from '../../shared/analysis/area';
import { accumulateZone, forEachSpanInWindow, newZoneAccumulator } from '../../shared/analysis/zonal';
import { NigahError } from '../../shared/errors';
import { FdCache, type Grid } from './compute';
import { readWindow } from './decode';
import { assertProcessableSize } from './size-guard';
import { readTiffFile } from './tiff-file';
import { loadZones } from './zones';

export interface RasterZoneStats {
  id: string;
  name: string;
  pixels: number;
  areaKm2: number;
  validPixels: number;
  validKm2: number;
  /** Pixels equal to 1 (masks) and their area. */
  maskPixels: number;
  maskKm2: number;
  maskHa: number;
  /** Share (0–100) of the zone's area inside the raster that is 1 in the mask. */
  maskSharePct: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface RasterStatsResult {
  raster: string;
  band: number;
  isMask: boolean;
  grid: Grid;
  zones: RasterZoneStats[];
}

export async function zonalStatsOfRaster(
  path: string,
  zonesPath: string,
  band = 1,
): Promise<RasterStatsResult> {
  const f = readTiffFile(path);
  const img = f.images[0];
  if (!f.geotransform || f.epsg === null)
    throw new NigahError('UNKNOWN_CRS', `${path} has no georeferencing or EPSG code.`, {
      hint: 'Use a GeoTIFF written by Nigah or GDAL with an EPSG CRS.',
    });
  if (band < 1 || band > img.samplesPerPixel)
    throw new NigahError(
      'BAD_ARGUMENT',
      `${path} has ${img.samplesPerPixel} band(s); --band ${band} does not exist.`,
      {
        hint: `Use --band 1 to ${img.samplesPerPixel}.`,
      },
    );
  const grid: Grid = { gt: f.geotransform, crs: `EPSG:${f.epsg}`, width: img.width, height: img.height };
  assertProcessableSize(img.width, img.height, path);
  const zones = await loadZones(zonesPath, grid);
  const areas = rowAreas(grid.gt, grid.height, grid.crs);
  const isMask = img.dataType === 'uint8';
  const nodata = f.nodata;
  const accs = zones.map(() => newZoneAccumulator(['yes']));
  const mins = zones.map(() => Number.POSITIVE_INFINITY);
  const maxs = zones.map(() => Number.NEGATIVE_INFINITY);
  const fds = new FdCache();
  try {
    const fd = fds.get(path);
    const bw = img.blockWidth;
    const bh = Math.max(img.blockHeight, 256);
    for (let y0 = 0; y0 < grid.height; y0 += bh)
      for (let x0 = 0; x0 < grid.width; x0 += bw) {
        const w = Math.min(bw, grid.width - x0);
        const h = Math.min(bh, grid.height - y0);
        if (!zones.some((z) => z.spans.rowStart[Math.min(y0 + h, z.spans.height)] > z.spans.rowStart[y0]))
          continue;
        const data = readWindow(fd, img, [band - 1], x0, y0, w, h)[0];
        const valid = new Uint8Array(w * h);
        const values = new Float32Array(w * h);
        const mask = new Uint8Array(w * h);
        for (let i = 0; i < w * h; i++) {
          const v = data[i];
          const ok = !(v === nodata || Number.isNaN(v) || (isMask && v === 255));
          valid[i] = ok ? 1 : 0;
          values[i] = ok ? v : Number.NaN;
          mask[i] = ok && v === 1 ? 1 : 0;
        }
        zones.forEach((z, k) => {
          accumulateZone(accs[k], z.spans, x0, y0, w, h, areas, { yes: mask }, valid, values);
          forEachSpanInWindow(z.spans, x0, y0, w, h, (r, c0, c1) => {
            const base = (r - y0) * w - x0;
            for (let c = c0; c < c1; c++) {
              const v = values[base + c];
              if (v < mins[k]) mins[k] = v;
              if (v > maxs[k]) maxs[k] = v;
            }
          });
        });
      }
  } finally {
    fds.close();
  }
  return {
    raster: path,
    band,
    isMask,
    grid,
    zones: zones.map((z, k) => {
      const a = accs[k];
      return {
        id: z.id,
        name: z.name,
        pixels: a.pixels,
        areaKm2: a.areaM2 / 1e6,
        validPixels: a.validPixels,
        validKm2: a.validAreaM2 / 1e6,
        maskPixels: a.classPixels.yes,
        maskKm2: a.classAreaM2.yes / 1e6,
        maskHa: a.classAreaM2.yes / 1e4,
        maskSharePct: a.areaM2 > 0 ? (100 * a.classAreaM2.yes) / a.areaM2 : null,
        mean: a.indexCount ? a.indexSum / a.indexCount : null,
        min: a.indexCount ? mins[k] : null,
        max: a.indexCount ? maxs[k] : null,
      };
    }),
  };
}
