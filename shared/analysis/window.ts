/**
 * An area of interest as an analysis window: the part of a raster grid that covers a lon/lat
 * bounding box, on the same pixels (whole pixels, no resampling), so an analysis limited to the
 * area reads and counts only those pixels.
 */
import { NigahError } from '../errors';
import { fromLonLat } from '../proj';
import type { GeoTransform } from '../scene';
import { rasterizeSpans, worldToPixel, type ZoneSpans } from './zonal';

export interface WindowGrid {
  gt: GeoTransform;
  crs: string;
  width: number;
  height: number;
}

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/**
 * The sub-grid of `grid` covering `bbox`: every pixel that the box touches. The box's edges are
 * densified (the grid's CRS may curve them, e.g. UTM). Rotated grids are not windowed.
 */
export function windowGrid(grid: WindowGrid, bbox: LonLatBox): WindowGrid {
  const [w, s, e, n] = bbox;
  if (!(e > w && n > s))
    throw new NigahError('BAD_ARGUMENT', 'The area of interest is empty.', { hint: 'Draw it again.' });
  const g = grid.gt;
  if (g[2] !== 0 || g[4] !== 0)
    throw new NigahError('BAD_ARGUMENT', 'A rotated raster grid cannot be limited to an area of interest.', {
      hint: 'Run the analysis on the whole scene.',
    });
  const edge: [number, number][] = [];
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    edge.push([w + (e - w) * t, s], [w + (e - w) * t, n], [w, s + (n - s) * t], [e, s + (n - s) * t]);
  }
  const xy = fromLonLat(grid.crs, edge);
  const cols = xy.map(([x]) => (x - g[0]) / g[1]);
  const rows = xy.map(([, y]) => (y - g[3]) / g[5]);
  const c0 = Math.max(0, Math.floor(Math.min(...cols)));
  const c1 = Math.min(grid.width, Math.ceil(Math.max(...cols)));
  const r0 = Math.max(0, Math.floor(Math.min(...rows)));
  const r1 = Math.min(grid.height, Math.ceil(Math.max(...rows)));
  if (c1 <= c0 || r1 <= r0)
    throw new NigahError('BAD_ARGUMENT', 'The area of interest does not overlap the scene.', {
      hint: 'Draw the area over the scene, or clear it to analyse the whole scene.',
      details: { bbox },
    });
  return {
    crs: grid.crs,
    width: c1 - c0,
    height: r1 - r0,
    gt: [g[0] + c0 * g[1], g[1], 0, g[3] + r0 * g[5], 0, g[5]],
  };
}

/** A polygon area of interest: rings of [lon, lat] (outer ring and holes, even–odd). */
export type LonLatRings = [number, number][][];

/**
 * The pixels of `grid` whose centres lie inside the polygon, as row spans (the zonal scanline
 * rasterizer): an analysis limited to a drawn polygon or a picked district counts only these. The
 * rings' vertices are projected to the grid's CRS and joined by straight lines there.
 */
export function windowSpans(grid: WindowGrid, rings: LonLatRings): ZoneSpans {
  const toPix = worldToPixel(grid.gt);
  const pix = rings.map((ring) => fromLonLat(grid.crs, ring).map(([x, y]) => toPix(x, y)));
  const spans = rasterizeSpans([pix], grid.width, grid.height);
  if (spans.pixels === 0)
    throw new NigahError('BAD_ARGUMENT', 'The area of interest covers no pixel of the scene.', {
      hint: 'Draw the area over the scene (larger than a pixel), or clear it to analyse the whole scene.',
    });
  return spans;
}
