/**
 * The jobs a worker thread runs, as plain data (structured-clone friendly), and their execution.
 * Used by worker.ts (in a thread) and directly by tests / single-thread fallbacks.
 */
import { deflateSync, constants as zlibConstants } from 'node:zlib';
import { floodedCroplandMask, floodMask, thresholdMask } from '../../shared/analysis/classify';
import { colorize } from '../../shared/analysis/colormap';
import {
  type BandArray,
  type BandSet,
  computeIndex,
  getIndex,
  type ScalingSet,
} from '../../shared/analysis/indices';
import { accumulate, createStats, type Histogram, type RunningStats } from '../../shared/analysis/stats';
import { type CogLayout, encodeTile, type TypedPixels } from '../../shared/tiff';
import { type ComputeSpec, computeTile, FdCache } from './compute';

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
}

export interface IndexResult {
  tx: number;
  ty: number;
  bytes?: Uint8Array;
  values?: Float32Array;
  /** (tileSize/2)² average of each 2×2 block, NaN-skipping: this tile's quarter of an overview tile. */
  quarter?: Float32Array;
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
}

export interface MaskResult {
  tx: number;
  ty: number;
  /** Water (single scene) or flood (pair) mask, tileSize². */
  mask: Uint8Array;
  maskBytes?: Uint8Array;
  cropland?: Uint8Array;
  croplandBytes?: Uint8Array;
  /** Post-scene water mask (pair only): for reporting water after. */
  waterPost?: Uint8Array;
  /** The (post) index values of the tile, when asked for (zonal mean index). */
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

export type Job = IndexJob | MaskJob | EncodeJob | DisplayJob;

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
    const b = deflateSync(raw, opts);
    // An exact-size copy that owns its ArrayBuffer, so it can be transferred: structured-cloning a
    // view clones its whole backing store (measured ~1.8 ms per message before).
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
      ? new Uint8Array(b.buffer as ArrayBuffer)
      : new Uint8Array(b);
  };
}

export function runJob(job: Job): { result: unknown; transfer: ArrayBuffer[] } {
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
    const values = computeTile(fds, job.spec, job.tx, job.ty, job.tileSize);
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
    if (job.layout) res.bytes = encodeTile(job.layout, values, compressor(job.deflateLevel));
    if (job.returnValues) res.values = values;
    if (job.returnQuarter) res.quarter = reduceQuarter(values, t);
    const transfer: ArrayBuffer[] = [stats.hist.counts.buffer as ArrayBuffer];
    if (res.values) transfer.push(values.buffer as ArrayBuffer);
    if (res.quarter) transfer.push(res.quarter.buffer as ArrayBuffer);
    if (res.bytes) transfer.push(res.bytes.buffer as ArrayBuffer);
    return { result: res, transfer };
  }
  const n = job.tileSize * job.tileSize;
  const post = computeTile(fds, job.post, job.tx, job.ty, job.tileSize);
  const waterPost = thresholdMask(post, job.postThreshold, new Uint8Array(n));
  let mask = waterPost;
  const res: MaskResult = { tx: job.tx, ty: job.ty, mask };
  if (job.returnIndex) res.index = post;
  if (job.pre) {
    const pre = computeTile(fds, job.pre, job.tx, job.ty, job.tileSize);
    const waterPre = thresholdMask(pre, job.preThreshold ?? job.postThreshold, new Uint8Array(n));
    mask = floodMask(waterPost, waterPre, new Uint8Array(n));
    res.mask = mask;
    res.waterPost = waterPost;
    if (job.ndviPre) {
      const ndvi = computeTile(fds, job.ndviPre, job.tx, job.ty, job.tileSize);
      res.cropland = floodedCroplandMask(mask, ndvi, job.ndviThreshold ?? 0.3, new Uint8Array(n));
    }
  }
  if (job.layout) {
    res.maskBytes = encodeTile(job.layout, mask, compressor(job.deflateLevel));
    if (res.cropland) res.croplandBytes = encodeTile(job.layout, res.cropland, compressor(job.deflateLevel));
  }
  const transfer = [res.mask, res.cropland, res.waterPost, res.index, res.maskBytes, res.croplandBytes]
    .filter((a): a is Uint8Array | Float32Array => !!a)
    .map((a) => a.buffer as ArrayBuffer);
  return { result: res, transfer: [...new Set(transfer)] };
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
