/**
 * Resampling a band onto another grid (a window of it at a time): coarser Sentinel-2 20 m bands onto
 * the 10 m grid (same CRS, axis-aligned: separable coordinate maps), and a pre-event scene onto the
 * post-event grid in another CRS (per-pixel coordinates interpolated from a coarse grid of exactly
 * transformed points, like GDAL's approximate transformer; error far below a pixel for UTM↔UTM over
 * a tile). Output is Float32 raw values with nodata → NaN, so kernels downstream need no nodata test.
 */
import type { GeoTransform } from '../scene';
import type { BandArray } from './indices';

export type ResampleMethod = 'nearest' | 'bilinear';

/** A window of a source band held in memory: samples of rows y0..y0+h, columns x0..x0+w. */
export interface SourceWindow {
  data: BandArray;
  x0: number;
  y0: number;
  w: number;
  h: number;
  /** Raw nodata value (compared before any scaling), or null. */
  nodata: number | null;
}

/**
 * Fractional source pixel coordinates of the target pixel CENTRES for an axis-aligned pair of grids in
 * the same CRS: sx[c] for target columns x0..x0+w, sy[r] for rows y0..y0+h.
 */
export function separableMap(
  target: GeoTransform,
  source: GeoTransform,
  x0: number,
  y0: number,
  w: number,
  h: number,
): { sx: Float64Array; sy: Float64Array } {
  if (target[2] !== 0 || target[4] !== 0 || source[2] !== 0 || source[4] !== 0)
    throw new Error('separableMap: rotated geotransforms need mappedCoords');
  const sx = new Float64Array(w);
  const sy = new Float64Array(h);
  for (let c = 0; c < w; c++) sx[c] = (target[0] + (x0 + c + 0.5) * target[1] - source[0]) / source[1];
  for (let r = 0; r < h; r++) sy[r] = (target[3] + (y0 + r + 0.5) * target[5] - source[3]) / source[5];
  return { sx, sy };
}

/** Source pixel window [x0, x1) × [y0, y1) needed to sample coordinates in [minX, maxX] × [minY, maxY]. */
export function windowFor(
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  width: number,
  height: number,
  method: ResampleMethod,
): { x0: number; y0: number; x1: number; y1: number } | null {
  const m = method === 'bilinear' ? 1 : 0;
  const x0 = Math.max(0, Math.floor(minX - 0.5) - m);
  const y0 = Math.max(0, Math.floor(minY - 0.5) - m);
  const x1 = Math.min(width, Math.floor(maxX) + 1 + m);
  const y1 = Math.min(height, Math.floor(maxY) + 1 + m);
  if (x1 <= x0 || y1 <= y0) return null;
  return { x0, y0, x1, y1 };
}

function sample(win: SourceWindow, fx: number, fy: number, method: ResampleMethod): number {
  const nd = win.nodata === null ? Number.NaN : win.nodata;
  if (method === 'nearest') {
    const ix = Math.floor(fx) - win.x0;
    const iy = Math.floor(fy) - win.y0;
    if (ix < 0 || iy < 0 || ix >= win.w || iy >= win.h) return Number.NaN;
    const v = win.data[iy * win.w + ix];
    return v === nd ? Number.NaN : v;
  }
  // Bilinear between the four surrounding centres; at the border or next to nodata use nearest.
  const gx = fx - 0.5 - win.x0;
  const gy = fy - 0.5 - win.y0;
  const ix = Math.floor(gx);
  const iy = Math.floor(gy);
  if (ix < 0 || iy < 0 || ix + 1 >= win.w || iy + 1 >= win.h) return sample(win, fx, fy, 'nearest');
  const tx = gx - ix;
  const ty = gy - iy;
  const o = iy * win.w + ix;
  const a = win.data[o];
  const b = win.data[o + 1];
  const c = win.data[o + win.w];
  const d = win.data[o + win.w + 1];
  if (a === nd || b === nd || c === nd || d === nd) return sample(win, fx, fy, 'nearest');
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/** Resample with separable coordinates (same CRS, axis-aligned) into out (w×h, row-major). */
export function resampleSeparable(
  win: SourceWindow,
  sx: Float64Array,
  sy: Float64Array,
  method: ResampleMethod,
  out: Float32Array,
): Float32Array {
  const w = sx.length;
  const h = sy.length;
  if (method === 'nearest') {
    const nd = win.nodata === null ? Number.NaN : win.nodata;
    const ix = new Int32Array(w);
    for (let c = 0; c < w; c++) ix[c] = Math.floor(sx[c]) - win.x0;
    for (let r = 0; r < h; r++) {
      const iy = Math.floor(sy[r]) - win.y0;
      const o = r * w;
      if (iy < 0 || iy >= win.h) {
        out.fill(Number.NaN, o, o + w);
        continue;
      }
      const row = iy * win.w;
      for (let c = 0; c < w; c++) {
        const x = ix[c];
        if (x < 0 || x >= win.w) out[o + c] = Number.NaN;
        else {
          const v = win.data[row + x];
          out[o + c] = v === nd ? Number.NaN : v;
        }
      }
    }
    return out;
  }
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out[r * w + c] = sample(win, sx[c], sy[r], method);
  return out;
}

/** Resample at arbitrary per-pixel source coordinates (coords = [sx0, sy0, sx1, sy1, …]). */
export function resampleMapped(
  win: SourceWindow,
  coords: Float64Array,
  method: ResampleMethod,
  out: Float32Array,
): Float32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = sample(win, coords[2 * i], coords[2 * i + 1], method);
  return out;
}

/**
 * Per-pixel source coordinates for target pixel centres of the window (x0, y0, w, h), computed exactly
 * at every `step`-th pixel (and the last) through `toSource(col, row)` and bilinearly interpolated in
 * between. `toSource` receives target pixel-centre coordinates and returns source pixel coordinates.
 */
export function mappedCoords(
  x0: number,
  y0: number,
  w: number,
  h: number,
  toSource: (col: number, row: number) => [number, number],
  step = 16,
): Float64Array {
  const gx: number[] = [];
  for (let c = 0; c < w; c += step) gx.push(c);
  if (gx[gx.length - 1] !== w - 1) gx.push(w - 1);
  const gy: number[] = [];
  for (let r = 0; r < h; r += step) gy.push(r);
  if (gy[gy.length - 1] !== h - 1) gy.push(h - 1);
  const nx = gx.length;
  const grid = new Float64Array(nx * gy.length * 2);
  gy.forEach((r, j) => {
    gx.forEach((c, i) => {
      const p = toSource(x0 + c + 0.5, y0 + r + 0.5);
      grid[(j * nx + i) * 2] = p[0];
      grid[(j * nx + i) * 2 + 1] = p[1];
    });
  });
  const out = new Float64Array(w * h * 2);
  let j = 0;
  for (let r = 0; r < h; r++) {
    while (j + 1 < gy.length - 1 && gy[j + 1] <= r) j++;
    const ry = gy.length > 1 ? (r - gy[j]) / (gy[j + 1] - gy[j] || 1) : 0;
    const j1 = Math.min(j + 1, gy.length - 1);
    let i = 0;
    for (let c = 0; c < w; c++) {
      while (i + 1 < nx - 1 && gx[i + 1] <= c) i++;
      const i1 = Math.min(i + 1, nx - 1);
      const rx = nx > 1 ? (c - gx[i]) / (gx[i1] - gx[i] || 1) : 0;
      for (let k = 0; k < 2; k++) {
        const a = grid[(j * nx + i) * 2 + k];
        const b = grid[(j * nx + i1) * 2 + k];
        const cc = grid[(j1 * nx + i) * 2 + k];
        const d = grid[(j1 * nx + i1) * 2 + k];
        out[(r * w + c) * 2 + k] = (a * (1 - rx) + b * rx) * (1 - ry) + (cc * (1 - rx) + d * rx) * ry;
      }
    }
  }
  return out;
}

/** Bounding box of mapped coordinates: [minX, minY, maxX, maxY]. */
export function coordsBounds(coords: Float64Array): [number, number, number, number] {
  let a = Number.POSITIVE_INFINITY;
  let b = Number.POSITIVE_INFINITY;
  let c = Number.NEGATIVE_INFINITY;
  let d = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < coords.length; i += 2) {
    const x = coords[i];
    const y = coords[i + 1];
    if (x < a) a = x;
    if (x > c) c = x;
    if (y < b) b = y;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}
