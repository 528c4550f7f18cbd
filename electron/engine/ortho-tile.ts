/**
 * Orthorectification of a run of output tiles (runs in a worker thread): each output pixel centre
 * (in the scene's UTM zone) → lon/lat (interpolated from exactly projected nodes every 16 px, like
 * GDAL's approximate transformer) → height (DEM bilinear, or a constant) → image pixel/line by the
 * exact RPC forward model, then nearest or bilinear resampling of the raw image. Pixels that fall
 * outside the image get nodata.
 */
import { deflateSync } from 'node:zlib';
import proj4 from 'proj4';
import type { BandArray } from '../../shared/analysis/indices';
import { projDef } from '../../shared/proj';
import { type RpcModel, rpcTerms } from '../../shared/rpc';
import type { GeoTransform } from '../../shared/scene';
import { type CogDataType, type CogLayout, encodeTile, newPixels, type TypedPixels } from '../../shared/tiff';
import type { FdCache } from './compute';
import { readWindow } from './decode';
import type { TiffImage } from './tiff-file';

export interface OrthoDem {
  path: string;
  image: TiffImage;
  gt: GeoTransform;
  crs: string;
  nodata: number | null;
}

export interface OrthoSpec {
  model: RpcModel;
  /** The raw (L1A) image and the 0-based samples to carry. */
  source: { path: string; image: TiffImage; samples: number[] };
  grid: { gt: GeoTransform; epsg: number; width: number; height: number };
  /** A DEM, or a constant height (metres above the ellipsoid). */
  dem: OrthoDem | null;
  height: number;
  resampling: 'near' | 'bilinear';
  dataType: CogDataType;
  nodata: number;
}

export interface OrthoJob {
  kind: 'ortho';
  spec: OrthoSpec;
  ty: number;
  tx0: number;
  tx1: number;
  layout: CogLayout;
  deflateLevel: number;
}

export interface OrthoTileResult {
  tx: number;
  ty: number;
  bytes: Uint8Array[];
  pixels: TypedPixels[];
}

const STEP = 16;

/** lon/lat (and DEM pixel coordinates) at nodes every STEP px over a tile, exact. */
function tileNodes(spec: OrthoSpec, px0: number, py0: number, t: number) {
  const n = t / STEP + 1;
  const gt = spec.grid.gt;
  const toLL = proj4(projDef(spec.grid.epsg), projDef(4326));
  const toDem = spec.dem && spec.dem.crs !== 'EPSG:4326' ? proj4(projDef(4326), projDef(spec.dem.crs)) : null;
  const lon = new Float64Array(n * n);
  const lat = new Float64Array(n * n);
  const dx = new Float64Array(n * n);
  const dy = new Float64Array(n * n);
  const dgt = spec.dem?.gt;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const x = gt[0] + (px0 + i * STEP + 0.5) * gt[1];
      const y = gt[3] + (py0 + j * STEP + 0.5) * gt[5];
      const ll = toLL.forward([x, y]);
      lon[k] = ll[0];
      lat[k] = ll[1];
      if (dgt) {
        const p = toDem ? toDem.forward([ll[0], ll[1]]) : ll;
        dx[k] = (p[0] - dgt[0]) / dgt[1];
        dy[k] = (p[1] - dgt[3]) / dgt[5];
      }
    }
  return { n, lon, lat, dx, dy };
}

/** DEM window covering the DEM coordinates of the nodes (1 px margin), as float64 heights. */
function demWindow(fds: FdCache, dem: OrthoDem, dx: Float64Array, dy: Float64Array) {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < dx.length; k++) {
    x0 = Math.min(x0, dx[k]);
    x1 = Math.max(x1, dx[k]);
    y0 = Math.min(y0, dy[k]);
    y1 = Math.max(y1, dy[k]);
  }
  const img = dem.image;
  const wx0 = Math.max(0, Math.floor(x0) - 2);
  const wy0 = Math.max(0, Math.floor(y0) - 2);
  const wx1 = Math.min(img.width, Math.ceil(x1) + 3);
  const wy1 = Math.min(img.height, Math.ceil(y1) + 3);
  if (wx1 <= wx0 || wy1 <= wy0) return null;
  const nd = dem.nodata ?? Number.NaN;
  const data = readWindow(fds.get(dem.path), img, [0], wx0, wy0, wx1 - wx0, wy1 - wy0, nd)[0];
  return { data, x0: wx0, y0: wy0, w: wx1 - wx0, h: wy1 - wy0, nodata: nd };
}

type DemWin = NonNullable<ReturnType<typeof demWindow>>;

/** Bilinear DEM height at DEM pixel coordinates (corner-based), or NaN where it has no data. */
function demHeight(win: DemWin, x: number, y: number): number {
  const u = x - 0.5 - win.x0;
  const v = y - 0.5 - win.y0;
  const i = Math.floor(u);
  const j = Math.floor(v);
  const fu = u - i;
  const fv = v - j;
  const d = win.data;
  const nd = win.nodata;
  if (i >= 0 && j >= 0 && i + 1 < win.w && j + 1 < win.h) {
    const k = j * win.w + i;
    const z00 = d[k];
    const z10 = d[k + 1];
    const z01 = d[k + win.w];
    const z11 = d[k + win.w + 1];
    if (z00 !== nd && z10 !== nd && z01 !== nd && z11 !== nd)
      return (z00 + (z10 - z00) * fu) * (1 - fv) + (z01 + (z11 - z01) * fu) * fv;
  }
  let s = 0;
  let ws = 0;
  for (let b = 0; b < 2; b++) {
    const jj = Math.min(win.h - 1, Math.max(0, j + b));
    const wy = b ? fv : 1 - fv;
    for (let a = 0; a < 2; a++) {
      const ii = Math.min(win.w - 1, Math.max(0, i + a));
      const z = d[jj * win.w + ii];
      if (z === nd || Number.isNaN(z)) continue;
      const wt = (a ? fu : 1 - fu) * wy;
      s += z * wt;
      ws += wt;
    }
  }
  return ws > 0 ? s / ws : Number.NaN;
}

/** Fractional image coordinates (GDAL pixel/line) of every pixel centre of one output tile. */
export function tileImageCoords(
  fds: FdCache,
  spec: OrthoSpec,
  tx: number,
  ty: number,
  t: number,
): Float32Array {
  const px0 = tx * t;
  const py0 = ty * t;
  const nodes = tileNodes(spec, px0, py0, t);
  const win = spec.dem ? demWindow(fds, spec.dem, nodes.dx, nodes.dy) : null;
  const project = compiledForward(spec.model);
  const out = new Float32Array(t * t * 2);
  const n = nodes.n;
  // Tile padding beyond the grid stays nodata.
  const cw = Math.min(t, spec.grid.width - px0);
  const rh = Math.min(t, spec.grid.height - py0);
  out.fill(Number.NaN);
  const { lon, lat, dx, dy } = nodes;
  const useDem = spec.dem !== null;
  const h0 = spec.height;
  const p = new Float64Array(2);
  for (let r = 0; r < rh; r++) {
    const j = Math.min(n - 2, Math.floor(r / STEP));
    const fy = (r - j * STEP) / STEP;
    for (let i = 0; i * STEP < cw; i++) {
      // This row's values at the segment's two nodes, then linear across the segment.
      const k = j * n + i;
      const a = k;
      const b = k + 1;
      const lonA = lon[a] + (lon[a + n] - lon[a]) * fy;
      const lonB = lon[b] + (lon[b + n] - lon[b]) * fy;
      const latA = lat[a] + (lat[a + n] - lat[a]) * fy;
      const latB = lat[b] + (lat[b + n] - lat[b]) * fy;
      const dxA = dx[a] + (dx[a + n] - dx[a]) * fy;
      const dxB = dx[b] + (dx[b + n] - dx[b]) * fy;
      const dyA = dy[a] + (dy[a + n] - dy[a]) * fy;
      const dyB = dy[b] + (dy[b + n] - dy[b]) * fy;
      const c1 = Math.min(cw, (i + 1) * STEP);
      for (let c = i * STEP; c < c1; c++) {
        const fx = (c - i * STEP) / STEP;
        let h = h0;
        if (useDem) {
          h = win ? demHeight(win, dxA + (dxB - dxA) * fx, dyA + (dyB - dyA) * fx) : Number.NaN;
          if (Number.isNaN(h)) h = h0;
        }
        project(lonA + (lonB - lonA) * fx, latA + (latB - latA) * fx, h, p);
        const o = 2 * (r * t + c);
        out[o] = p[0];
        out[o + 1] = p[1];
      }
    }
  }
  return out;
}

/** The forward model with its coefficients in locals: the per-pixel hot path. */
function compiledForward(m: RpcModel): (lon: number, lat: number, h: number, out: Float64Array) => void {
  const [ln, ld, sn, sd] = [m.lineNum, m.lineDen, m.sampNum, m.sampDen].map((v) => Float64Array.from(v));
  const { longOff, latOff, heightOff, lineOff, sampOff, lineScale, sampScale } = m;
  const iL = 1 / m.longScale;
  const iP = 1 / m.latScale;
  const iH = 1 / m.heightScale;
  const t = new Float64Array(20);
  return (lon, lat, h, out) => {
    const L = (lon - longOff) * iL;
    const P = (lat - latOff) * iP;
    const H = (h - heightOff) * iH;
    rpcTerms(L, P, H, t);
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < 20; i++) {
      const x = t[i];
      a += ln[i] * x;
      b += ld[i] * x;
      c += sn[i] * x;
      d += sd[i] * x;
    }
    out[0] = (c / d) * sampScale + sampOff + 0.5;
    out[1] = (a / b) * lineScale + lineOff + 0.5;
  };
}

function coordsBox(all: Float32Array[], img: TiffImage): [number, number, number, number] | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const c of all)
    for (let k = 0; k < c.length; k += 2) {
      const x = c[k];
      const y = c[k + 1];
      if (x < -1 || y < -1 || x > img.width + 1 || y > img.height + 1) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  if (x1 < x0) return null;
  const bx0 = Math.max(0, Math.floor(x0) - 2);
  const by0 = Math.max(0, Math.floor(y0) - 2);
  const bx1 = Math.min(img.width, Math.ceil(x1) + 2);
  const by1 = Math.min(img.height, Math.ceil(y1) + 2);
  return bx1 > bx0 && by1 > by0 ? [bx0, by0, bx1 - bx0, by1 - by0] : null;
}

interface Win {
  data: BandArray[];
  x0: number;
  y0: number;
  w: number;
  h: number;
}

/** Bilinear over the valid neighbours only (image edges, nodata), clamped to the window. */
function edgeBilinear(
  src: BandArray,
  win: Win,
  i: number,
  j: number,
  fu: number,
  fw: number,
  nd: number,
): number {
  let s = 0;
  let ws = 0;
  for (let b = 0; b < 2; b++) {
    const jj = Math.min(win.h - 1, Math.max(0, j + b));
    const wy = b ? fw : 1 - fw;
    for (let a = 0; a < 2; a++) {
      const ii = Math.min(win.w - 1, Math.max(0, i + a));
      const z = src[jj * win.w + ii];
      if (z === nd) continue;
      const wt = (a ? fu : 1 - fu) * wy;
      s += z * wt;
      ws += wt;
    }
  }
  return s / ws;
}

/** Resample one band of the window at the given coordinates into a tile. */
function resampleBand(
  spec: OrthoSpec,
  win: Win | null,
  band: number,
  coords: Float32Array,
  out: TypedPixels,
): void {
  const nd = spec.nodata;
  out.fill(nd);
  if (!win) return;
  const src = win.data[band];
  const W = spec.source.image.width;
  const H = spec.source.image.height;
  const max = spec.dataType === 'uint8' ? 255 : spec.dataType === 'uint16' ? 65535 : 32767;
  const min = spec.dataType === 'int16' ? -32768 : 0;
  const float = spec.dataType === 'float32' || spec.dataType === 'float64';
  for (let k = 0, n = out.length; k < n; k++) {
    const sx = coords[2 * k];
    const sy = coords[2 * k + 1];
    if (!(sx >= 0 && sy >= 0 && sx < W && sy < H)) continue;
    const ix = Math.floor(sx) - win.x0;
    const iy = Math.floor(sy) - win.y0;
    const near = src[iy * win.w + ix];
    if (near === nd) continue;
    let v = near;
    if (spec.resampling === 'bilinear') {
      const u = sx - 0.5 - win.x0;
      const w = sy - 0.5 - win.y0;
      const i = Math.floor(u);
      const j = Math.floor(w);
      const fu = u - i;
      const fw = w - j;
      const q = j * win.w + i;
      const z00 = i >= 0 && j >= 0 && i + 1 < win.w && j + 1 < win.h ? src[q] : nd;
      const z10 = z00 === nd ? nd : src[q + 1];
      const z01 = z00 === nd ? nd : src[q + win.w];
      const z11 = z00 === nd ? nd : src[q + win.w + 1];
      if (z00 !== nd && z10 !== nd && z01 !== nd && z11 !== nd)
        v = (z00 + (z10 - z00) * fu) * (1 - fw) + (z01 + (z11 - z01) * fu) * fw;
      else v = edgeBilinear(src, win, i, j, fu, fw, nd);
      if (!float) v = Math.min(max, Math.max(min, Math.round(v)));
    }
    // A valid pixel never becomes nodata (GDAL's warper does the same).
    out[k] = v === nd && !float ? nd + (nd < max ? 1 : -1) : v;
  }
}

const compress = (level: number) => (raw: Uint8Array) => {
  const b = deflateSync(raw, { level, memLevel: 9 });
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
};

/** Runs one job: every tile of the run, every band, encoded, with its pixels for the overviews. */
export function runOrthoJob(
  fds: FdCache,
  job: OrthoJob,
): { result: OrthoTileResult[]; transfer: ArrayBuffer[] } {
  const { spec, layout } = job;
  const t = layout.tileSize;
  const coords: Float32Array[] = [];
  for (let tx = job.tx0; tx <= job.tx1; tx++) coords.push(tileImageCoords(fds, spec, tx, job.ty, t));
  const box = coordsBox(coords, spec.source.image);
  const win: Win | null = box
    ? {
        data: readWindow(
          fds.get(spec.source.path),
          spec.source.image,
          spec.source.samples,
          ...box,
          spec.nodata,
        ),
        x0: box[0],
        y0: box[1],
        w: box[2],
        h: box[3],
      }
    : null;
  const result: OrthoTileResult[] = [];
  const transfer: ArrayBuffer[] = [];
  const deflate = compress(job.deflateLevel);
  coords.forEach((c, i) => {
    const tile: OrthoTileResult = { tx: job.tx0 + i, ty: job.ty, bytes: [], pixels: [] };
    for (let b = 0; b < spec.source.samples.length; b++) {
      const px = newPixels(spec.dataType, t * t);
      resampleBand(spec, win, b, c, px);
      const bytes = encodeTile(layout, px, deflate);
      tile.bytes.push(bytes);
      tile.pixels.push(px);
      transfer.push(bytes.buffer as ArrayBuffer, px.buffer as ArrayBuffer);
    }
    result.push(tile);
  });
  return { result, transfer };
}
