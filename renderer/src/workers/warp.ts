/**
 * Where each pixel of a view tile (Web Mercator) falls in the scene's CRS, computed in the worker.
 *
 * Why here and not OpenLayers' reprojection: OL reprojects data tiles on the UI thread with WebGL
 * plus readPixels; in software GL (headless Chromium, machines without a GPU driver) that cost
 * ~150 ms of UI-thread time per tile in our profile (1.8 s of 4.5 s for one scene + NDVI), which
 * alone broke the 300 ms first-pixels budget. Here the exact transform (proj4) is evaluated on a
 * 17 × 17 mesh per 256 px tile and interpolated bilinearly between nodes: UTM and Web Mercator are
 * both smooth and conformal, so over 16 px the interpolation error is far below a pixel.
 */
import proj4 from 'proj4';

const STEP = 16;
const converters = new Map<string, proj4.Converter>();

function converter(from: string, to: string): proj4.Converter {
  const key = `${from}\n${to}`;
  let c = converters.get(key);
  if (!c) {
    c = proj4(from, to);
    converters.set(key, c);
  }
  return c;
}

export interface WarpGrid {
  width: number;
  height: number;
  /** Scene-CRS coordinates of each output pixel centre, row-major. */
  xs: Float64Array;
  ys: Float64Array;
  /** Scene-CRS size of one output pixel near the tile centre (for choosing an overview). */
  resolution: number;
  /** Scene-CRS bounds of the tile. */
  bounds: [number, number, number, number];
}

/**
 * @param viewDef proj4 definition of the tile's CRS (Web Mercator)
 * @param sceneDef proj4 definition of the scene's CRS; identical strings skip the transform
 * @param extent tile extent in the view CRS [minX, minY, maxX, maxY]
 */
export function warpGrid(
  viewDef: string,
  sceneDef: string,
  extent: [number, number, number, number],
  width: number,
  height: number,
): WarpGrid {
  const [minX, minY, maxX, maxY] = extent;
  const rx = (maxX - minX) / width;
  const ry = (maxY - minY) / height;
  const xs = new Float64Array(width * height);
  const ys = new Float64Array(width * height);
  const same = viewDef === sceneDef;
  const conv = same ? null : converter(viewDef, sceneDef);
  const nx = Math.ceil(width / STEP) + 1;
  const ny = Math.ceil(height / STEP) + 1;
  const mx = new Float64Array(nx * ny);
  const my = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x = minX + (i * STEP + 0.5) * rx;
      const y = maxY - (j * STEP + 0.5) * ry;
      const p = conv ? conv.forward([x, y]) : [x, y];
      mx[j * nx + i] = p[0];
      my[j * nx + i] = p[1];
    }
  }
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -Infinity;
  let by1 = -Infinity;
  for (let k = 0; k < mx.length; k++) {
    if (mx[k] < bx0) bx0 = mx[k];
    if (mx[k] > bx1) bx1 = mx[k];
    if (my[k] < by0) by0 = my[k];
    if (my[k] > by1) by1 = my[k];
  }
  for (let row = 0; row < height; row++) {
    const j = Math.floor(row / STEP);
    const fy = (row - j * STEP) / STEP;
    for (let col = 0; col < width; col++) {
      const i = Math.floor(col / STEP);
      const fx = (col - i * STEP) / STEP;
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      const o = row * width + col;
      xs[o] = (mx[a] * (1 - fx) + mx[b] * fx) * (1 - fy) + (mx[c] * (1 - fx) + mx[d] * fx) * fy;
      ys[o] = (my[a] * (1 - fx) + my[b] * fx) * (1 - fy) + (my[c] * (1 - fx) + my[d] * fx) * fy;
    }
  }
  const ci = Math.floor(nx / 2) - 1;
  const cj = Math.floor(ny / 2) - 1;
  const k = cj * nx + ci;
  const resolution = Math.hypot(mx[k + 1] - mx[k], my[k + 1] - my[k]) / STEP;
  const pad = resolution * STEP;
  return { width, height, xs, ys, resolution, bounds: [bx0 - pad, by0 - pad, bx1 + pad, by1 + pad] };
}
