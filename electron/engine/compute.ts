/**
 * Per-tile computation shared by the worker threads and the in-process path: read the bands a
 * formula needs for one window of the target grid (resampling coarser bands and reprojecting other
 * CRSs onto it), then evaluate a built-in index or a compiled expression. Runs in Node only (fs).
 */
import { closeSync, openSync } from 'node:fs';
import proj4 from 'proj4';
import { type CompiledExpression, compileExpression } from '../../shared/analysis/expression';
import { type BandArray, type BandScaling, computeIndex, getIndex } from '../../shared/analysis/indices';
import {
  coordsBounds,
  mappedCoords,
  type ResampleMethod,
  resampleMapped,
  resampleSeparable,
  separableMap,
  windowFor,
} from '../../shared/analysis/resample';
import { worldToPixel } from '../../shared/analysis/zonal';
import { projDef } from '../../shared/proj';
import type { BandRole, GeoTransform } from '../../shared/scene';
import { nameFd, readWindow } from './decode';
import './projections';
import type { TiffImage } from './tiff-file';

export interface BandSource {
  role: BandRole;
  path: string;
  image: TiffImage;
  /** 0-based sample in the file. */
  sample: number;
  gt: GeoTransform;
  crs: string;
  scaling: BandScaling;
}

export type Formula = { kind: 'index'; id: string } | { kind: 'expr'; text: string };

export interface Grid {
  gt: GeoTransform;
  crs: string;
  width: number;
  height: number;
}

/** A per-scene validity mask (e.g. a cloud mask): pixels whose value is not 0 become nodata. */
export type MaskSource = Omit<BandSource, 'role'>;

export interface ComputeSpec {
  bands: BandSource[];
  formula: Formula;
  grid: Grid;
  resampling: ResampleMethod;
  /** Cloud (or other) mask of the scene: 0 = clear, anything else (1 cloud, 255 nodata) → NaN. */
  mask?: MaskSource;
}

/** Open file descriptors, kept for the life of a worker. */
export class FdCache {
  private readonly fds = new Map<string, number>();
  get(path: string): number {
    let fd = this.fds.get(path);
    if (fd === undefined) {
      fd = openSync(path, 'r');
      this.fds.set(path, fd);
      nameFd(fd, path);
    }
    return fd;
  }
  close(): void {
    for (const fd of this.fds.values()) {
      nameFd(fd, null);
      closeSync(fd);
    }
    this.fds.clear();
  }
}

const exprCache = new Map<string, CompiledExpression>();
function compiled(text: string): CompiledExpression {
  let c = exprCache.get(text);
  if (!c) {
    c = compileExpression(text);
    exprCache.set(text, c);
  }
  return c;
}

const sameGt = (a: GeoTransform, b: GeoTransform) =>
  a.every((v, i) => Math.abs(v - b[i]) <= 1e-9 * Math.max(1, Math.abs(v)));

const projCache = new Map<string, (x: number, y: number) => [number, number]>();
function transformer(from: string, to: string): (x: number, y: number) => [number, number] {
  const key = `${from}>${to}`;
  let f = projCache.get(key);
  if (!f) {
    const conv = proj4(projDef(from), projDef(to));
    f = (x, y) => conv.forward([x, y]) as [number, number];
    projCache.set(key, f);
  }
  return f;
}

function onGrid(band: BandSource, grid: Grid): boolean {
  return (
    band.crs === grid.crs &&
    sameGt(band.gt, grid.gt) &&
    band.image.width === grid.width &&
    band.image.height === grid.height
  );
}

/**
 * Values of one band on the window [x0, x0+w) × [y0, y0+h) of the grid (the caller clips the window
 * to the grid). Same grid → raw samples as stored; otherwise Float32 resampled raw values with
 * nodata → NaN.
 */
export function readBandOnGrid(
  fds: FdCache,
  band: BandSource,
  grid: Grid,
  x0: number,
  y0: number,
  w: number,
  h: number,
  method: ResampleMethod,
): BandArray {
  const img = band.image;
  const fd = fds.get(band.path);
  const nodata = band.scaling.nodata;
  if (
    band.crs === grid.crs &&
    sameGt(band.gt, grid.gt) &&
    img.width === grid.width &&
    img.height === grid.height
  ) {
    return readWindow(fd, img, [band.sample], x0, y0, w, h, nodata ?? 0)[0];
  }
  const out = new Float32Array(w * h);
  if (band.crs === grid.crs && band.gt[2] === 0 && band.gt[4] === 0 && grid.gt[2] === 0 && grid.gt[4] === 0) {
    const { sx, sy } = separableMap(grid.gt, band.gt, x0, y0, w, h);
    const win = windowFor(
      Math.min(sx[0], sx[w - 1]),
      Math.min(sy[0], sy[h - 1]),
      Math.max(sx[0], sx[w - 1]),
      Math.max(sy[0], sy[h - 1]),
      img.width,
      img.height,
      method,
    );
    if (!win) return out.fill(Number.NaN);
    const data = readWindow(fd, img, [band.sample], win.x0, win.y0, win.x1 - win.x0, win.y1 - win.y0)[0];
    return resampleSeparable(
      { data, x0: win.x0, y0: win.y0, w: win.x1 - win.x0, h: win.y1 - win.y0, nodata },
      sx,
      sy,
      method,
      out,
    );
  }
  // Another CRS (or rotated grids): target pixel centre → world → band CRS → band pixel.
  const toWorld = (c: number, r: number): [number, number] => [
    grid.gt[0] + c * grid.gt[1] + r * grid.gt[2],
    grid.gt[3] + c * grid.gt[4] + r * grid.gt[5],
  ];
  const proj =
    band.crs === grid.crs
      ? (x: number, y: number): [number, number] => [x, y]
      : transformer(grid.crs, band.crs);
  const toPix = worldToPixel(band.gt);
  const coords = mappedCoords(x0, y0, w, h, (c, r) => {
    const [X, Y] = toWorld(c, r);
    const [u, v] = proj(X, Y);
    return toPix(u, v);
  });
  const [a, b, c, d] = coordsBounds(coords);
  const win = windowFor(a, b, c, d, img.width, img.height, method);
  if (!win) return out.fill(Number.NaN);
  const data = readWindow(
    fd,
    img,
    [band.sample],
    win.x0,
    win.y0,
    win.x1 - win.x0,
    win.y1 - win.y0,
    nodata ?? 0,
  )[0];
  return resampleMapped(
    { data, x0: win.x0, y0: win.y0, w: win.x1 - win.x0, h: win.y1 - win.y0, nodata },
    coords,
    method,
    out,
  );
}

/** Bands a formula needs. */
export function formulaBands(f: Formula): BandRole[] {
  return f.kind === 'index' ? getIndex(f.id).bands : compiled(f.text).bands;
}

/** A w×h window placed at the top left of a tileSize² array, the rest filled with `fill`. */
function padTile<T extends BandArray>(a: T, w: number, h: number, tileSize: number, fill: number): T {
  if (w === tileSize && h === tileSize) return a;
  const out = new (a.constructor as new (n: number) => T)(tileSize * tileSize);
  out.fill(fill);
  for (let r = 0; r < h; r++) out.set(a.subarray(r * w, r * w + w) as never, r * tileSize);
  return out;
}

/**
 * Index values for the tile (tx, ty) of size tileSize on the grid, padded with NaN beyond the grid:
 * a tileSize² Float32Array ready for the COG writer. The cloud mask, if any, is applied (NaN).
 */
export function computeTile(
  fds: FdCache,
  spec: ComputeSpec,
  tx: number,
  ty: number,
  tileSize: number,
): Float32Array {
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  const w = Math.min(tileSize, spec.grid.width - x0);
  const h = Math.min(tileSize, spec.grid.height - y0);
  return padTile(computeWindow(fds, spec, x0, y0, w, h), w, h, tileSize, Number.NaN);
}

/**
 * The tile's index values WITHOUT the cloud mask (padded with NaN) and the cloud-mask values on the
 * grid (padded with 255 = nodata; null when the spec has no mask), so callers can tell cloud from
 * missing data.
 */
export function computeTileParts(
  fds: FdCache,
  spec: ComputeSpec,
  tx: number,
  ty: number,
  tileSize: number,
): { values: Float32Array; cloud: BandArray | null } {
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  const w = Math.min(tileSize, spec.grid.width - x0);
  const h = Math.min(tileSize, spec.grid.height - y0);
  const values = padTile(evaluateWindow(fds, spec, x0, y0, w, h), w, h, tileSize, Number.NaN);
  const cloud = spec.mask ? padTile(readMaskWindow(fds, spec, x0, y0, w, h), w, h, tileSize, 255) : null;
  return { values, cloud };
}

function readMaskWindow(
  fds: FdCache,
  spec: ComputeSpec,
  x0: number,
  y0: number,
  w: number,
  h: number,
): BandArray {
  return readBandOnGrid(fds, { ...spec.mask!, role: 'pan' }, spec.grid, x0, y0, w, h, 'nearest');
}

/** Index values for an arbitrary window inside the grid (w·h, row-major), cloud mask applied. */
export function computeWindow(
  fds: FdCache,
  spec: ComputeSpec,
  x0: number,
  y0: number,
  w: number,
  h: number,
): Float32Array {
  const out = evaluateWindow(fds, spec, x0, y0, w, h);
  if (spec.mask) {
    const m = readMaskWindow(fds, spec, x0, y0, w, h);
    for (let i = 0; i < out.length; i++) if (m[i] !== 0) out[i] = Number.NaN;
  }
  return out;
}

/** Index values for a window inside the grid, without the cloud mask. */
function evaluateWindow(
  fds: FdCache,
  spec: ComputeSpec,
  x0: number,
  y0: number,
  w: number,
  h: number,
): Float32Array {
  const roles = formulaBands(spec.formula);
  const bands: Partial<Record<BandRole, BandArray>> = {};
  const scales: Partial<Record<BandRole, BandScaling>> = {};
  const sources = roles.map((role) => {
    const src = spec.bands.find((b) => b.role === role);
    if (!src) throw new Error(`band ${role} missing from the compute spec`);
    scales[role] = src.scaling;
    return src;
  });
  // Bands stored in one pixel-interleaved file on the target grid: decode each block once for all.
  const done = new Set<BandSource>();
  for (const src of sources) {
    if (done.has(src) || src.image.planar !== 1 || src.image.samplesPerPixel < 2 || !onGrid(src, spec.grid))
      continue;
    const group = sources.filter(
      (o) => !done.has(o) && o.path === src.path && o.image === src.image && onGrid(o, spec.grid),
    );
    if (group.length < 2) continue;
    const arrays = readWindow(
      fds.get(src.path),
      src.image,
      group.map((g) => g.sample),
      x0,
      y0,
      w,
      h,
      src.scaling.nodata ?? 0,
    );
    group.forEach((g, i) => {
      bands[g.role] = arrays[i];
      done.add(g);
    });
  }
  for (const src of sources) {
    if (!done.has(src)) bands[src.role] = readBandOnGrid(fds, src, spec.grid, x0, y0, w, h, spec.resampling);
  }
  const out = new Float32Array(w * h);
  if (spec.formula.kind === 'index') computeIndex(spec.formula.id, bands, scales, out);
  else compiled(spec.formula.text).evaluate(bands, scales, out);
  return out;
}
