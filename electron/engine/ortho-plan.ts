/**
 * Planning an orthorectification: where heights come from (a DEM in any CRS, a constant, or the
 * model's HEIGHT_OFF), whether the DEM covers the scene, and the output grid — the scene's UTM zone
 * at the sensor's nominal GSD, covering the footprint of the image, snapped to whole pixels.
 */
import proj4 from 'proj4';
import { NigahError } from '../../shared/errors';
import { projDef } from '../../shared/proj';
import { RpcForward, type RpcModel, rpcImageToGround } from '../../shared/rpc';
import type { GeoTransform } from '../../shared/scene';
import { FdCache } from './compute';
import { readWindow } from './decode';
import type { OrthoDem } from './ortho-tile';
import { tiffOf } from './scene-input';

export interface HeightChoice {
  dem: OrthoDem | null;
  /** Constant height, and the fallback where the DEM has no value. */
  height: number;
  notice: string | null;
}

/** Opens a DEM GeoTIFF (any EPSG CRS): one band of heights in metres. */
export function openDem(path: string): OrthoDem {
  const f = tiffOf(path);
  if (!f.geotransform || f.epsg === null)
    throw new NigahError('BAD_ARGUMENT', `The DEM ${path} has no georeferencing (or no EPSG code).`, {
      hint: 'Use a GeoTIFF DEM such as SRTM or Copernicus GLO-30, or assign its CRS with gdal_edit.py -a_srs.',
    });
  if (f.geotransform[2] !== 0 || f.geotransform[4] !== 0)
    throw new NigahError('BAD_ARGUMENT', `The DEM ${path} is rotated.`, {
      hint: 'Warp it north-up first: gdalwarp dem.tif dem-north-up.tif.',
    });
  return { path, image: f.images[0], gt: f.geotransform, crs: `EPSG:${f.epsg}`, nodata: f.nodata };
}

/** Point sampler of a DEM (bilinear), for planning: lon/lat → metres, or null outside / no data. */
export function demSampler(dem: OrthoDem): (lon: number, lat: number) => number | null {
  const fds = new FdCache();
  const conv = dem.crs === 'EPSG:4326' ? null : proj4(projDef(4326), projDef(dem.crs));
  const img = dem.image;
  const bw = Math.min(img.blockWidth, img.width);
  const bh = Math.min(img.blockHeight, 256);
  // Decoded blocks, kept: planning samples a few thousand points that cluster along the scene edges.
  const blocks = new Map<number, ArrayLike<number>>();
  const at = (x: number, y: number): number => {
    const bx = Math.floor(x / bw);
    const by = Math.floor(y / bh);
    const key = by * 1e6 + bx;
    let b = blocks.get(key);
    if (!b) {
      b = readWindow(fds.get(dem.path), img, [0], bx * bw, by * bh, bw, bh, Number.NaN)[0];
      blocks.set(key, b);
    }
    return b[(y - by * bh) * bw + (x - bx * bw)];
  };
  return (lon, lat) => {
    const p = conv ? conv.forward([lon, lat]) : [lon, lat];
    const x = (p[0] - dem.gt[0]) / dem.gt[1] - 0.5;
    const y = (p[1] - dem.gt[3]) / dem.gt[5] - 0.5;
    if (!(x >= -0.5 && y >= -0.5 && x < img.width - 0.5 && y < img.height - 0.5)) return null;
    const x0 = Math.max(0, Math.min(img.width - 2, Math.floor(x)));
    const y0 = Math.max(0, Math.min(img.height - 2, Math.floor(y)));
    const fx = Math.min(1, Math.max(0, x - x0));
    const fy = Math.min(1, Math.max(0, y - y0));
    const z = [at(x0, y0), at(x0 + 1, y0), at(x0, y0 + 1), at(x0 + 1, y0 + 1)];
    if (z.some((v) => Number.isNaN(v) || v === dem.nodata)) return null;
    return (z[0] * (1 - fx) + z[1] * fx) * (1 - fy) + (z[2] * (1 - fx) + z[3] * fx) * fy;
  };
}

/** Image points on an n×n lattice (edges included), GDAL pixel/line. */
function lattice(width: number, height: number, n: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) pts.push([(i / (n - 1)) * width, (j / (n - 1)) * height]);
  return pts;
}

const side = (dx: number, dy: number): string => {
  const ns = dy > 0.15 ? 'north' : dy < -0.15 ? 'south' : '';
  const ew = dx > 0.15 ? 'east' : dx < -0.15 ? 'west' : '';
  return ns && ew ? `${ns}-${ew}` : ns || ew || 'central';
};

/**
 * Fails with a message naming the part of the scene (and its lon/lat box) that the DEM does not
 * cover, sampled on a 21×21 lattice of the image at the model's mean height.
 */
export function checkDemCoverage(
  model: RpcModel,
  width: number,
  height: number,
  dem: OrthoDem,
  file: string,
): void {
  const at = demSampler(dem);
  const all: [number, number][] = [];
  const missing: [number, number][] = [];
  for (const [px, py] of lattice(width, height, 21)) {
    const g = rpcImageToGround(model, px, py, model.heightOff);
    if (!g) continue;
    all.push(g);
    if (at(g[0], g[1]) === null) missing.push(g);
  }
  if (!missing.length) return;
  const box = (pts: [number, number][]) => {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  const [w, s, e, n] = box(missing);
  const [W, S, E, N] = box(all);
  const part =
    missing.length === all.length
      ? 'any part'
      : `the ${side(((w + e) / 2 - (W + E) / 2) / (E - W), ((s + n) / 2 - (S + N) / 2) / (N - S))} part`;
  const f = (v: number) => v.toFixed(3);
  throw new NigahError(
    'BAD_ARGUMENT',
    `The DEM ${file} does not cover ${part} of the scene: lon ${f(w)}–${f(e)}, lat ${f(s)}–${f(n)} (${missing.length} of ${all.length} sample points have no height).`,
    {
      hint: `Use a DEM covering lon ${f(W)}–${f(E)}, lat ${f(S)}–${f(N)} (e.g. mosaic SRTM tiles with gdalbuildvrt + gdal_translate), or give a constant --height.`,
      details: { uncovered: [w, s, e, n], scene: [W, S, E, N] },
    },
  );
}

export interface OrthoGrid {
  epsg: number;
  gt: GeoTransform;
  width: number;
  height: number;
  gsd: number;
}

export function utmEpsg(lon: number, lat: number): number {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return (lat >= 0 ? 32600 : 32700) + zone;
}

/** Ground sample distance of the model at the image centre (metres, mean of both axes). */
export function modelGsd(model: RpcModel, width: number, height: number, h: number): number {
  const c = rpcImageToGround(model, width / 2, height / 2, h);
  const x = rpcImageToGround(model, width / 2 + 1, height / 2, h);
  const y = rpcImageToGround(model, width / 2, height / 2 + 1, h);
  if (!c || !x || !y)
    throw new NigahError('BAD_ARGUMENT', 'The RPC model cannot be inverted at the image centre.');
  const conv = proj4(projDef(4326), projDef(utmEpsg(c[0], c[1])));
  const [a, b, d] = [c, x, y].map((p) => conv.forward(p));
  return (Math.hypot(b[0] - a[0], b[1] - a[1]) + Math.hypot(d[0] - a[0], d[1] - a[1])) / 2;
}

/** Output grid covering the image footprint (border points projected at their DEM height). */
export function planGrid(
  model: RpcModel,
  width: number,
  height: number,
  heights: HeightChoice,
  gsd: number,
): OrthoGrid {
  const at = heights.dem ? demSampler(heights.dem) : null;
  const hOf = at ? (lon: number, lat: number) => at(lon, lat) ?? heights.height : heights.height;
  const border: [number, number][] = [];
  const k = 64;
  for (let i = 0; i <= k; i++) {
    const t = i / k;
    border.push([t * width, 0], [t * width, height], [0, t * height], [width, t * height]);
  }
  const ground = border.map(([px, py]) => rpcImageToGround(model, px, py, hOf)).filter((g) => g !== null);
  if (ground.length < border.length / 2)
    throw new NigahError(
      'BAD_ARGUMENT',
      'The RPC model cannot place the image on the ground (it does not invert).',
      {
        hint: 'The RPC file may not belong to this image.',
      },
    );
  const centre = rpcImageToGround(model, width / 2, height / 2, hOf) ?? ground[0];
  const epsg = utmEpsg(centre[0], centre[1]);
  const conv = proj4(projDef(4326), projDef(epsg));
  const xy = ground.map((g) => conv.forward(g));
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const x0 = Math.floor(Math.min(...xs) / gsd) * gsd;
  const x1 = Math.ceil(Math.max(...xs) / gsd) * gsd;
  const y0 = Math.floor(Math.min(...ys) / gsd) * gsd;
  const y1 = Math.ceil(Math.max(...ys) / gsd) * gsd;
  return {
    epsg,
    gt: [x0, gsd, 0, y1, 0, -gsd],
    width: Math.round((x1 - x0) / gsd),
    height: Math.round((y1 - y0) / gsd),
    gsd,
  };
}

/** Whether the forward model maps the planned grid's centre back inside the image (sanity). */
export function gridHitsImage(
  model: RpcModel,
  grid: OrthoGrid,
  width: number,
  height: number,
  h: number,
): boolean {
  const conv = proj4(projDef(grid.epsg), projDef(4326));
  const [lon, lat] = conv.forward([
    grid.gt[0] + (grid.width / 2) * grid.gt[1],
    grid.gt[3] + (grid.height / 2) * grid.gt[5],
  ]);
  const p = [0, 0];
  new RpcForward(model).project(lon, lat, h, p);
  return p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height;
}
