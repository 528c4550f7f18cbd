/**
 * The jobs a worker thread runs, as plain data (structured-clone friendly), and their execution.
 * Used by worker.ts (in a thread) and directly by tests / single-thread fallbacks.
 */
import { deflateSync, constants as zlibConstants } from 'node:zlib';
import { colorize } from '../../shared/analysis/colormap';
import {
  FLAG_FLOODED_CROPLAND,
  FLAG_YES,
  hideUnobserved,
  markOutside,
  maskOfFlag,
  type PixelInput,
  pixelCodes,
  sceneState,
} from '../../shared/analysis/flood';
import {
  type BandArray,
  type BandSet,
  computeIndex,
  getIndex,
  type ScalingSet,
} from '../../shared/analysis/indices';
import { classesOfCodes } from '../../shared/analysis/resultClasses';
import { accumulate, createStats, type Histogram, type RunningStats } from '../../shared/analysis/stats';
import type { ZoneSpans } from '../../shared/analysis/zonal';
import { type CogLayout, encodeTile, type TypedPixels } from '../../shared/tiff';
import { needsPreparation, prepareCodecs, readTimes, snapshotReadTimes } from '../../shared/tiff/read';
import { type ComputeSpec, computeTile, computeTileParts, FdCache } from './compute';
import { type OrthoJob, runOrthoJob } from './ortho-tile';

export interface HistSpec {
  lo: number;
  hi: number;
  bins: number;
}

/** Index tile: values (optional), compressed COG tile (optional), stats and histogram. */
export interface IndexJob {
  kind: 'index';
  spec: ComputeSpec;
  tx: number;
  ty: number;
  tileSize: number;
  /** Encode for this COG layout (level 0). */
  layout?: CogLayout;
  deflateLevel: number;
  returnValues: boolean;
  /** Return the tile reduced 2×2 (average skipping NaN) for the first overview instead of its values. */
  returnQuarter?: boolean;
  hist: HistSpec;
  /** Also return histograms of sub-blocks this size (for tiled Otsu). */
  histBlock?: number;
  /** Encode as int16 value × INT16_SCALE (nodata INT16_NODATA) and return those pixels for the overviews. */
  int16?: boolean;
}

/** Scaled int16 index output: stored = round(value × 10000), NaN → −32768 (GDAL reads value = stored × 1e-4). */
export const INT16_SCALE = 10000;
export const INT16_NODATA = -32768;

export function toInt16(values: Float32Array): Int16Array {
  const out = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? INT16_NODATA : Math.max(-32767, Math.min(32767, Math.round(v * INT16_SCALE)));
  }
  return out;
}

/** Milliseconds of one tile's work by stage (worker CPU time). */
export interface StageTimes {
  inflate: number;
  predictor: number;
  deinterleave: number;
  kernel: number;
  stats: number;
  encode: number;
  overviews: number;
}

export interface IndexResult {
  tx: number;
  ty: number;
  times?: StageTimes;
  bytes?: Uint8Array;
  values?: Float32Array;
  /** (tileSize/2)² average of each 2×2 block, NaN-skipping: this tile's quarter of an overview tile. */
  quarter?: Float32Array;
  /** The int16 pixels written (int16 output), for the overviews. */
  pixels?: Int16Array;
  stats: RunningStats;
  /** Histogram counts of each sub-block with valid pixels (layout of `hist`). */
  blockHists?: Float64Array[];
}

/** Water / flood masks for one tile. Thresholds already chosen. */
export interface MaskJob {
  kind: 'mask';
  tx: number;
  ty: number;
  tileSize: number;
  post: ComputeSpec;
  postThreshold: number;
  pre?: ComputeSpec;
  preThreshold?: number;
  /** NDVI of the pre scene on the post grid, for flooded cropland. */
  ndviPre?: ComputeSpec;
  ndviThreshold?: number;
  /** Encode masks for this uint8 layout. */
  layout?: CogLayout;
  deflateLevel: number;
  returnIndex?: boolean;
  /** Also make the result class raster (shared/analysis/resultClasses.ts). */
  classes?: boolean;
  /** A polygon area of interest as row spans on the grid: pixels outside are not counted. */
  aoi?: ZoneSpans;
}

export interface MaskResult {
  tx: number;
  ty: number;
  /** Pixel codes (state and classes, shared/analysis/flood.ts), tileSize². */
  codes: Uint8Array;
  /** Water (single scene) or flood (pair) mask, tileSize². */
  mask: Uint8Array;
  maskBytes?: Uint8Array;
  cropland?: Uint8Array;
  croplandBytes?: Uint8Array;
  /** Result classes, tileSize², when asked for. */
  classes?: Uint8Array;
  classBytes?: Uint8Array;
  /** The (post) index values of the tile where observed, when asked for (zonal mean index). */
  index?: Float32Array;
}

export interface EncodeJob {
  kind: 'encode';
  layout: CogLayout;
  pixels: TypedPixels;
  deflateLevel: number;
}

/** A display tile: index values colourised to RGBA (what a map worker does per 512² tile). */
export interface DisplayJob {
  kind: 'display';
  index: string;
  bands: BandSet;
  scales: ScalingSet;
  min?: number;
  max?: number;
}

export type Job = IndexJob | MaskJob | EncodeJob | DisplayJob | OrthoJob;

const fds = new FdCache();

export function closeFiles(): void {
  fds.close();
}

/**
 * zlib DEFLATE for TIFF tiles. memLevel 9 (the biggest hash table) was the fastest setting on float32
 * NDVI tiles (13.2 ms vs 15.7 ms at the default 8, same ratio). Level 0 is used as "Huffman only"
 * (Z_HUFFMAN_ONLY: no match search, about twice as fast, ~0.84 of raw size on float tiles) — for
 * overview tiles of float rasters, which are small and rarely compress well anyway. Level -1 is
 * run-length DEFLATE (Z_RLE), meant for tiles behind the floating-point predictor (see analysis.ts).
 */
function compressor(level: number) {
  const opts =
    level < 0
      ? { level: 1, memLevel: 9, strategy: zlibConstants.Z_RLE }
      : level === 0
        ? { level: 1, memLevel: 9, strategy: zlibConstants.Z_HUFFMAN_ONLY }
        : { level, memLevel: 9 };
  return (raw: Uint8Array) => {
    // One output chunk big enough for the whole tile (stored blocks add ~5 bytes per 64 KB): zlib's
    // default 16 KB chunks cost ~0.3 ms more per 512² float tile in native calls and concatenation.
    const b = deflateSync(raw, { ...opts, chunkSize: raw.length + (raw.length >> 6) + 64 });
    // An exact-size copy that owns its ArrayBuffer, so it can be transferred: structured-cloning a
    // view clones its whole backing store (measured ~1.8 ms per message before).
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
      ? new Uint8Array(b.buffer as ArrayBuffer)
      : new Uint8Array(b);
  };
}

/** Load the codecs (JPEG, ZSTD, LERC…) of every image a job reads, once per thread. */
export async function prepareJob(job: Job): Promise<void> {
  if (job.kind === 'ortho')
    for (const src of [job.spec.source, job.spec.dem])
      if (src && needsPreparation(src.image)) await prepareCodecs([src.image], src.path);
  const specs =
    job.kind === 'index' ? [job.spec] : job.kind === 'mask' ? [job.post, job.pre, job.ndviPre] : [];
  for (const spec of specs) {
    if (!spec) continue;
    for (const src of [...spec.bands, ...(spec.mask ? [spec.mask] : [])])
      if (needsPreparation(src.image)) await prepareCodecs([src.image], src.path);
  }
}

export function runJob(job: Job): { result: unknown; transfer: ArrayBuffer[] } {
  if (job.kind === 'ortho') return runOrthoJob(fds, job);
  if (job.kind === 'encode') {
    const bytes = encodeTile(job.layout, job.pixels, compressor(job.deflateLevel));
    return { result: bytes, transfer: [bytes.buffer as ArrayBuffer] };
  }
  if (job.kind === 'display') {
    const def = getIndex(job.index);
    const n = (Object.values(job.bands)[0] as BandArray).length;
    const values = computeIndex(def.id, job.bands, job.scales, new Float32Array(n));
    const rgba = colorize(
      values,
      def.ramp,
      job.min ?? def.typicalRange[0],
      job.max ?? def.typicalRange[1],
      new Uint8ClampedArray(n * 4),
    );
    return { result: rgba, transfer: [rgba.buffer as ArrayBuffer] };
  }
  if (job.kind === 'index') {
    const r0 = snapshotReadTimes();
    const t0 = performance.now();
    const values = computeTile(fds, job.spec, job.tx, job.ty, job.tileSize);
    const t1 = performance.now();
    const t = job.tileSize;
    // Statistics over the part of the tile inside the grid (padding is not nodata).
    const w = Math.min(t, job.spec.grid.width - job.tx * t);
    const h = Math.min(t, job.spec.grid.height - job.ty * t);
    const stats = createStats(job.hist.lo, job.hist.hi, job.hist.bins);
    if (w === t) accumulate(stats, values, 0, t * h);
    else for (let r = 0; r < h; r++) accumulate(stats, values, r * t, r * t + w);
    const res: IndexResult = { tx: job.tx, ty: job.ty, stats };
    if (job.histBlock) {
      const b = job.histBlock;
      res.blockHists = [];
      for (let by = 0; by < h; by += b)
        for (let bx = 0; bx < w; bx += b) {
          const st = createStats(job.hist.lo, job.hist.hi, job.hist.bins);
          for (let r = by; r < Math.min(h, by + b); r++)
            accumulate(st, values, r * t + bx, r * t + Math.min(w, bx + b));
          if (st.count > 0) res.blockHists.push(st.hist.counts);
        }
    }
    const t2 = performance.now();
    if (job.layout && job.int16) {
      res.pixels = toInt16(values);
      res.bytes = encodeTile(job.layout, res.pixels, compressor(job.deflateLevel));
    } else if (job.layout) res.bytes = encodeTile(job.layout, values, compressor(job.deflateLevel));
    const t3 = performance.now();
    if (job.returnValues) res.values = values;
    if (job.returnQuarter && !job.int16) res.quarter = reduceQuarter(values, t);
    const read = {
      inflate: readTimes.inflate - r0.inflate,
      predictor: readTimes.predictor - r0.predictor,
      deinterleave: readTimes.deinterleave - r0.deinterleave,
    };
    res.times = {
      ...read,
      kernel: t1 - t0 - read.inflate - read.predictor - read.deinterleave,
      stats: t2 - t1,
      encode: t3 - t2,
      overviews: performance.now() - t3,
    };
    const transfer: ArrayBuffer[] = [stats.hist.counts.buffer as ArrayBuffer];
    if (res.values) transfer.push(values.buffer as ArrayBuffer);
    if (res.quarter) transfer.push(res.quarter.buffer as ArrayBuffer);
    if (res.pixels) transfer.push(res.pixels.buffer as ArrayBuffer);
    if (res.bytes) transfer.push(res.bytes.buffer as ArrayBuffer);
    return { result: res, transfer };
  }
  return runMaskJob(job);
}

function runMaskJob(job: MaskJob): { result: unknown; transfer: ArrayBuffer[] } {
  const n = job.tileSize * job.tileSize;
  const post = computeTileParts(fds, job.post, job.tx, job.ty, job.tileSize);
  const postState = sceneState(post.values, post.cloud, new Uint8Array(n));
  const input: PixelInput = { post: post.values, postState, postThreshold: job.postThreshold };
  if (job.pre) {
    const pre = computeTileParts(fds, job.pre, job.tx, job.ty, job.tileSize);
    input.pre = pre.values;
    input.preState = sceneState(pre.values, pre.cloud, new Uint8Array(n));
    input.preThreshold = job.preThreshold;
    if (job.ndviPre) {
      input.ndviPre = computeTile(fds, job.ndviPre, job.tx, job.ty, job.tileSize);
      input.ndviThreshold = job.ndviThreshold;
    }
  }
  const codes = pixelCodes(input, new Uint8Array(n));
  if (job.aoi) markOutside(codes, job.aoi, tileWindowOf(job), job.tileSize);
  const res: MaskResult = {
    tx: job.tx,
    ty: job.ty,
    codes,
    mask: maskOfFlag(codes, FLAG_YES, new Uint8Array(n)),
  };
  if (input.ndviPre) res.cropland = maskOfFlag(codes, FLAG_FLOODED_CROPLAND, new Uint8Array(n));
  if (job.classes) res.classes = classesOfCodes(codes, new Uint8Array(n));
  if (job.returnIndex) res.index = hideUnobserved(post.values, postState);
  if (job.layout) {
    const z = compressor(job.deflateLevel);
    res.maskBytes = encodeTile(job.layout, res.mask, z);
    if (res.cropland) res.croplandBytes = encodeTile(job.layout, res.cropland, z);
    if (res.classes) res.classBytes = encodeTile(job.layout, res.classes, z);
  }
  const transfer = [
    res.codes,
    res.mask,
    res.cropland,
    res.classes,
    res.index,
    res.maskBytes,
    res.croplandBytes,
    res.classBytes,
  ]
    .filter((a): a is Uint8Array | Float32Array => !!a)
    .map((a) => a.buffer as ArrayBuffer);
  return { result: res, transfer: [...new Set(transfer)] };
}

/** The part of the grid a mask job's tile covers. */
function tileWindowOf(job: MaskJob): { x0: number; y0: number; w: number; h: number } {
  const x0 = job.tx * job.tileSize;
  const y0 = job.ty * job.tileSize;
  const { width, height } = job.post.grid;
  return { x0, y0, w: Math.min(job.tileSize, width - x0), h: Math.min(job.tileSize, height - y0) };
}

export type { Histogram };

/**
 * 2×2 average skipping NaN (all four NaN → NaN): the same rule as shared/tiff's reduceTile for float
 * rasters with NaN nodata, done here in the worker so the main thread only assembles quarters.
 */
export function reduceQuarter(v: Float32Array, t: number): Float32Array {
  const h = t >> 1;
  const out = new Float32Array(h * h);
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * t;
    const r1 = r0 + t;
    for (let x = 0; x < h; x++) {
      const c = 2 * x;
      let sum = 0;
      let n = 0;
      const a = v[r0 + c];
      const b = v[r0 + c + 1];
      const d = v[r1 + c];
      const e = v[r1 + c + 1];
      if (!Number.isNaN(a)) {
        sum += a;
        n++;
      }
      if (!Number.isNaN(b)) {
        sum += b;
        n++;
      }
      if (!Number.isNaN(d)) {
        sum += d;
        n++;
      }
      if (!Number.isNaN(e)) {
        sum += e;
        n++;
      }
      out[y * h + x] = n ? sum / n : Number.NaN;
    }
  }
  return out;
}
