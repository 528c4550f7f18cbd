/**
 * The analysis engine's entry points (Node): full-scene index rasters, water masks, flood mapping and
 * zonal statistics, tile by tile on a worker pool with progress and cancellation. Outputs are COGs
 * through shared/tiff (Helper A's writer) and GeoJSON/CSV/JSON written atomically.
 */

import { areaUnits, isGeographic, rowAreas } from '../../shared/analysis/area';
import { MASK_NODATA, MASK_YES } from '../../shared/analysis/classify';
import { compileExpression } from '../../shared/analysis/expression';
import { assertBands, findIndex, getIndex, type IndexDef } from '../../shared/analysis/indices';
import type { ResampleMethod } from '../../shared/analysis/resample';
import {
  createStats,
  type Histogram,
  mergeStats,
  otsu,
  type RobustOtsuResult,
  type RunningStats,
  robustOtsu,
  type Summary,
  summarizeStats,
} from '../../shared/analysis/stats';
import { vectorizeMask } from '../../shared/analysis/vectorize';
import { accumulateZone, newZoneAccumulator, type ZoneAccumulator } from '../../shared/analysis/zonal';
import { NigahError } from '../../shared/errors';
import { epsgNumber, toLonLat } from '../../shared/proj';
import type { BandRole, Scene } from '../../shared/scene';
import type { CogOptions } from '../../shared/tiff';
import { CogFileWriter } from './cog-output';
import type { ComputeSpec, Formula, Grid } from './compute';
import type { HistSpec, IndexJob, IndexResult, Job, MaskJob, MaskResult } from './jobs';
import { sharedPool, type WorkerPool } from './pool';
import { bandSources, cloudMaskSource, finestGrid, sceneRoles, sensorName } from './scene-input';
import { loadZones, type Zone } from './zones';

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
}

export interface ResolvedFormula {
  formula: Formula;
  def: IndexDef | null;
  label: string;
  roles: BandRole[];
}

/** A built-in index name or a band-math expression, checked against the scene's bands. */
export function resolveFormula(scene: Scene, indexOrExpression: string): ResolvedFormula {
  const roles = sceneRoles(scene);
  const def = findIndex(indexOrExpression);
  if (def) {
    assertBands(def, roles, sensorName(scene));
    return { formula: { kind: 'index', id: def.id }, def, label: def.name, roles: def.bands };
  }
  if (
    /^[a-z][a-z0-9_-]*$/i.test(indexOrExpression.trim()) &&
    !roles.includes(indexOrExpression.trim() as BandRole)
  ) {
    // A bare word that is neither an index nor a band of this scene: most likely a misspelt index.
    try {
      compileExpression(indexOrExpression, roles);
    } catch {
      getIndex(indexOrExpression);
    }
  }
  const c = compileExpression(indexOrExpression, roles);
  return {
    formula: { kind: 'expr', text: indexOrExpression },
    def: null,
    label: indexOrExpression,
    roles: c.bands,
  };
}

function specFor(
  scene: Scene,
  f: ResolvedFormula,
  grid: Grid | null,
  resampling: ResampleMethod,
  useCloudMask = false,
): ComputeSpec {
  const sources = bandSources(scene, f.roles);
  const spec: ComputeSpec = {
    bands: sources,
    formula: f.formula,
    grid: grid ?? finestGrid(sources),
    resampling,
  };
  const mask = useCloudMask ? cloudMaskSource(scene) : undefined;
  if (mask) spec.mask = mask;
  return spec;
}

function geoOf(grid: Grid): CogOptions['geo'] {
  const epsg = epsgNumber(grid.crs);
  if (epsg === null) return undefined;
  return { epsg, geographic: isGeographic(grid.crs), transform: grid.gt };
}

function* tiles(grid: Grid, tileSize: number): Generator<[number, number]> {
  const across = Math.ceil(grid.width / tileSize);
  const down = Math.ceil(grid.height / tileSize);
  for (let ty = 0; ty < down; ty++) for (let tx = 0; tx < across; tx++) yield [tx, ty];
}

function tileCount(grid: Grid, tileSize: number): number {
  return Math.ceil(grid.width / tileSize) * Math.ceil(grid.height / tileSize);
}

/** Histogram layout for an index: ND indices live in [−1, 1]; others get a range around typical values. */
export function histSpecFor(def: IndexDef | null, bins = 1024): HistSpec {
  if (!def) return { lo: -5, hi: 5, bins: bins * 8 };
  const [a, b] = def.typicalRange;
  if (a >= -1 && b <= 1 && !def.needsReflectance) return { lo: -1, hi: 1, bins };
  const span = b - a;
  return { lo: Math.min(-1, a - span), hi: Math.max(1, b + span), bins: bins * 2 };
}

// ---------------------------------------------------------------------------------------------
// Index rasters

export interface IndexRasterResult {
  out: string;
  label: string;
  formula: Formula;
  width: number;
  height: number;
  crs: string;
  geotransform: Grid['gt'];
  stats: Summary;
  bytes: number;
  elapsedMs: number;
}

export async function computeIndexRaster(
  scene: Scene,
  indexOrExpression: string,
  out: string,
  opts: EngineOptions = {},
): Promise<IndexRasterResult> {
  const t0 = performance.now();
  const f = resolveFormula(scene, indexOrExpression);
  const spec = specFor(scene, f, null, opts.resampling ?? 'nearest');
  const grid = spec.grid;
  const tileSize = opts.tileSize ?? 512;
  const pool = opts.pool ?? sharedPool();
  // Float index rasters default to "-1": the floating-point predictor (TIFF predictor 3) with
  // run-length DEFLATE (zlib Z_RLE). On the bench scene's NDVI (10980², 4-band uint16 input, 2 cores)
  // the whole run took 6.2 s and wrote 465 MB, against 7.5 s and 421 MB with plain zlib level 1;
  // per 512² tile: level 1 15.3 ms (0.59 of raw), predictor 3 + RLE 9.2 ms (0.73), Huffman-only
  // 7.3 ms (0.86), level 6 19.1 ms (0.58). Compressing the output is the largest cost of the run.
  const level = opts.deflateLevel ?? -1;
  if (!Number.isInteger(level) || level < -1 || level > 9)
    throw new NigahError(
      'BAD_ARGUMENT',
      `The DEFLATE level must be a whole number from -1 to 9 (got ${level}).`,
      {
        hint: '-1 (default) is fast with the floating-point predictor; 9 is the smallest and slowest.',
      },
    );
  const writer = new CogFileWriter(
    out,
    {
      width: grid.width,
      height: grid.height,
      dataType: 'float32',
      nodata: Number.NaN,
      tileSize,
      geo: geoOf(grid),
      resampling: 'average',
      bandMetadata: [{ description: f.label }],
      metadata: { NIGAH_INDEX: f.label, NIGAH_SCENE: scene.id },
      predictor: level < 0 ? 3 : 1,
    },
    pool,
    level,
    opts.memoryBudget,
    // Overviews share the layout's predictor, so they use the same setting.
    level,
  );
  const hist = histSpecFor(f.def);
  const stats = createStats(hist.lo, hist.hi, hist.bins);
  const total = tileCount(grid, tileSize);
  const jobs = function* (): Generator<Job> {
    for (const [tx, ty] of tiles(grid, tileSize)) {
      const job: IndexJob = {
        kind: 'index',
        spec,
        tx,
        ty,
        tileSize,
        layout: writer.layout,
        deflateLevel: level,
        returnValues: false,
        returnQuarter: true,
        hist,
      };
      yield job;
    }
  };
  try {
    await pool.map<IndexResult>(
      jobs(),
      (r) => {
        mergeStats(stats, r.stats);
        writer.addTileWithQuarter(0, r.tx, r.ty, r.bytes!, r.quarter!);
      },
      {
        signal: opts.signal,
        total,
        onProgress: (done, n) => opts.onProgress?.({ phase: `${f.label} tiles`, done, total: n }),
      },
    );
  } catch (e) {
    writer.abort();
    throw e;
  }
  const { bytes } = await writer.finish();
  return {
    out,
    label: f.label,
    formula: f.formula,
    width: grid.width,
    height: grid.height,
    crs: grid.crs,
    geotransform: grid.gt,
    stats: summarizeStats(stats),
    bytes,
    elapsedMs: performance.now() - t0,
  };
}

// ---------------------------------------------------------------------------------------------
// Thresholds

export interface ThresholdInfo {
  value: number;
  method: 'manual' | 'otsu' | 'tiled-otsu';
  /** Global Otsu value, when automatic. */
  globalOtsu?: number;
  separability?: number;
  tilesUsed?: number;
  tilesTotal?: number;
}

/**
 * Block size of the histograms tiled Otsu selects from: 256 px (2.56 km at 10 m), small enough that
 * a river or a flooded field fills a good share of some blocks (Cao et al. 2019 use comparable tiles).
 */
export const HIST_BLOCK = 256;

/** Pass 1: per-tile histograms of an index on a grid → automatic threshold. */
export async function autoThreshold(
  spec: ComputeSpec,
  def: IndexDef | null,
  opts: EngineOptions & { robust?: boolean; phase?: string },
): Promise<ThresholdInfo & { stats: Summary }> {
  const tileSize = opts.tileSize ?? 512;
  const pool = opts.pool ?? sharedPool();
  const hist: HistSpec = { ...histSpecFor(def, 512) };
  const tileHists: Histogram[] = [];
  const all = createStats(hist.lo, hist.hi, hist.bins);
  const jobs = function* (): Generator<Job> {
    for (const [tx, ty] of tiles(spec.grid, tileSize))
      yield {
        kind: 'index',
        spec,
        tx,
        ty,
        tileSize,
        deflateLevel: 0,
        returnValues: false,
        hist,
        histBlock: HIST_BLOCK,
      } satisfies IndexJob;
  };
  await pool.map<IndexResult>(
    jobs(),
    (r) => {
      for (const counts of r.blockHists ?? []) tileHists.push({ lo: hist.lo, hi: hist.hi, counts });
      mergeStats(all, r.stats);
    },
    {
      signal: opts.signal,
      total: tileCount(spec.grid, tileSize),
      onProgress: (done, n) => opts.onProgress?.({ phase: opts.phase ?? 'histogram', done, total: n }),
    },
  );
  const stats = summarizeStats(all);
  if (all.count === 0)
    throw new NigahError('BAD_ARGUMENT', 'The scene has no valid pixels for this index (all nodata).', {
      hint: 'Check the scene and its nodata value.',
    });
  const r: RobustOtsuResult | null =
    opts.robust === false ? null : robustOtsu(tileHists, { prior: def?.defaultThreshold });
  if (r) {
    return {
      value: r.threshold,
      method: r.method,
      globalOtsu: r.global?.threshold,
      separability: r.separability,
      tilesUsed: r.tilesUsed,
      tilesTotal: r.tilesTotal,
      stats,
    };
  }
  const g = otsu(all.hist);
  if (!g)
    throw new NigahError('BAD_ARGUMENT', 'No automatic threshold: the index has a single value.', {
      hint: 'Pass --threshold <number>.',
    });
  return { value: g.threshold, method: 'otsu', globalOtsu: g.threshold, separability: g.separability, stats };
}

// ---------------------------------------------------------------------------------------------
// Masks (water, flood)

export interface ClassArea {
  pixels: number;
  m2: number;
  km2: number;
  ha: number;
}

export interface ZoneRow {
  id: string;
  name: string;
  /** Whole zone area (ellipsoidal), km². */
  zoneKm2: number;
  /** Zone pixels inside the raster and their area. */
  pixels: number;
  areaKm2: number;
  validPixels: number;
  validKm2: number;
  classes: Record<string, ClassArea>;
  /** Share (0–100) of the whole zone in the main class (flooded share of the district). */
  sharePct: number | null;
  /** Share (0–100) of the zone's observed (valid, cloud-free) area inside the scene in the main class. */
  shareObservedPct: number | null;
  /** Mean of the (post-event) water index over the zone's valid pixels. */
  meanIndex: number | null;
}

function classArea(pixels: number, m2: number): ClassArea {
  const u = areaUnits(m2);
  return { pixels, m2, km2: u.km2, ha: u.ha };
}

export interface MaskRunResult {
  grid: Grid;
  counts: { yes: number; no: number; nodata: number };
  area: ClassArea;
  cropland?: ClassArea;
  waterPost?: ClassArea;
  validArea: ClassArea;
  polygons?: GeoJSONPolygons;
  zones?: ZoneRow[];
}

export interface GeoJSONPolygons {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown>;
    geometry: { type: 'Polygon'; coordinates: number[][][] };
  }[];
}

interface MaskRunOptions extends EngineOptions {
  post: ComputeSpec;
  postThreshold: number;
  pre?: ComputeSpec;
  preThreshold?: number;
  ndviPre?: ComputeSpec;
  ndviThreshold?: number;
  out?: string;
  croplandOut?: string;
  vectorize?: boolean;
  minPixels?: number;
  zones?: Zone[];
  classLabel: string;
  metadata?: Record<string, string>;
}

/** Largest side of the mask that is vectorized at full resolution; larger masks are block-reduced. */
const VECTOR_MAX = 4096;

async function runMasks(o: MaskRunOptions): Promise<MaskRunResult> {
  const grid = o.post.grid;
  const tileSize = o.tileSize ?? 512;
  const pool = o.pool ?? sharedPool();
  const level = o.deflateLevel ?? 6;
  const maskOpts = (desc: string): CogOptions => ({
    width: grid.width,
    height: grid.height,
    dataType: 'uint8',
    nodata: MASK_NODATA,
    tileSize,
    geo: geoOf(grid),
    resampling: 'nearest',
    bandMetadata: [{ description: desc }],
    metadata: { ...o.metadata, NIGAH_MASK: `${desc}: 1 yes, 0 no, 255 nodata` },
  });
  const writer = o.out ? new CogFileWriter(o.out, maskOpts(o.classLabel), pool, level, o.memoryBudget) : null;
  const cropWriter =
    o.croplandOut && o.ndviPre
      ? new CogFileWriter(o.croplandOut, maskOpts('flooded cropland'), pool, level, o.memoryBudget)
      : null;
  const areas = rowAreas(grid.gt, grid.height, grid.crs);
  let yes = 0;
  let no = 0;
  let nodata = 0;
  let yesM2 = 0;
  let validM2 = 0;
  let crop = 0;
  let cropM2 = 0;
  let wpost = 0;
  let wpostM2 = 0;
  const factor = Math.max(1, Math.ceil(Math.max(grid.width, grid.height) / VECTOR_MAX));
  const vw = Math.ceil(grid.width / factor);
  const vh = Math.ceil(grid.height / factor);
  const vmask = o.vectorize ? new Uint8Array(vw * vh).fill(MASK_NODATA) : null;
  const zoneAcc: ZoneAccumulator[] = (o.zones ?? []).map(() => newZoneAccumulator(['yes', 'cropland']));
  const layout = writer?.layout ?? cropWriter?.layout;
  const jobs = function* (): Generator<Job> {
    for (const [tx, ty] of tiles(grid, tileSize)) {
      const job: MaskJob = {
        kind: 'mask',
        tx,
        ty,
        tileSize,
        post: o.post,
        postThreshold: o.postThreshold,
        pre: o.pre,
        preThreshold: o.preThreshold,
        ndviPre: o.ndviPre,
        ndviThreshold: o.ndviThreshold,
        layout,
        deflateLevel: level,
        returnIndex: !!o.zones?.length,
      };
      yield job;
    }
  };
  try {
    await pool.map<MaskResult>(
      jobs(),
      (r) => {
        const x0 = r.tx * tileSize;
        const y0 = r.ty * tileSize;
        const w = Math.min(tileSize, grid.width - x0);
        const h = Math.min(tileSize, grid.height - y0);
        for (let y = 0; y < h; y++) {
          const pa = areas[y0 + y];
          const row = y * tileSize;
          let ry = 0;
          let rn = 0;
          let rc = 0;
          let rw = 0;
          for (let x = 0; x < w; x++) {
            const v = r.mask[row + x];
            if (v === MASK_YES) ry++;
            else if (v === MASK_NODATA) rn++;
            if (r.cropland && r.cropland[row + x] === MASK_YES) rc++;
            if (r.waterPost && r.waterPost[row + x] === MASK_YES) rw++;
          }
          yes += ry;
          nodata += rn;
          no += w - ry - rn;
          yesM2 += ry * pa;
          validM2 += (w - rn) * pa;
          crop += rc;
          cropM2 += rc * pa;
          wpost += rw;
          wpostM2 += rw * pa;
          if (vmask) {
            const vrow = Math.floor((y0 + y) / factor) * vw;
            for (let x = 0; x < w; x++) {
              const v = r.mask[row + x];
              const k = vrow + Math.floor((x0 + x) / factor);
              if (v === MASK_YES) vmask[k] = MASK_YES;
              else if (v === 0 && vmask[k] === MASK_NODATA) vmask[k] = 0;
            }
          }
        }
        if (o.zones?.length) {
          // Compact the tile to w×h for the zonal accumulator.
          const compact = (a: Uint8Array) => {
            if (w === tileSize) return a.subarray(0, w * h);
            const c = new Uint8Array(w * h);
            for (let y = 0; y < h; y++) c.set(a.subarray(y * tileSize, y * tileSize + w), y * w);
            return c;
          };
          const m = compact(r.mask);
          const valid = new Uint8Array(w * h);
          for (let i = 0; i < valid.length; i++) valid[i] = m[i] === MASK_NODATA ? 0 : 1;
          const masks: Record<string, Uint8Array> = { yes: m };
          if (r.cropland) masks.cropland = compact(r.cropland);
          let index: Float32Array | null = null;
          if (r.index) {
            index = w === tileSize ? r.index.subarray(0, w * h) : new Float32Array(w * h);
            if (w !== tileSize)
              for (let y = 0; y < h; y++) index.set(r.index.subarray(y * tileSize, y * tileSize + w), y * w);
          }
          o.zones.forEach((z, i) => {
            accumulateZone(zoneAcc[i], z.spans, x0, y0, w, h, areas, masks, valid, index);
          });
        }
        if (writer) writer.addTile(0, r.tx, r.ty, r.maskBytes!, r.mask);
        if (cropWriter && r.cropland) cropWriter.addTile(0, r.tx, r.ty, r.croplandBytes!, r.cropland);
      },
      {
        signal: o.signal,
        total: tileCount(grid, tileSize),
        onProgress: (done, n) => o.onProgress?.({ phase: `${o.classLabel} tiles`, done, total: n }),
      },
    );
  } catch (e) {
    writer?.abort();
    cropWriter?.abort();
    throw e;
  }
  if (writer) await writer.finish();
  if (cropWriter) await cropWriter.finish();
  const result: MaskRunResult = {
    grid,
    counts: { yes, no, nodata },
    area: classArea(yes, yesM2),
    validArea: classArea(yes + no, validM2),
  };
  if (o.ndviPre) result.cropland = classArea(crop, cropM2);
  if (o.pre) result.waterPost = classArea(wpost, wpostM2);
  if (vmask) result.polygons = maskToGeoJSON(vmask, vw, vh, factor, grid, o.minPixels ?? 1, o.classLabel);
  if (o.zones) {
    result.zones = o.zones.map((z, i) => {
      const a = zoneAcc[i];
      const classes: Record<string, ClassArea> = {
        [o.classLabel]: classArea(a.classPixels.yes, a.classAreaM2.yes),
      };
      if (o.ndviPre) classes['flooded cropland'] = classArea(a.classPixels.cropland, a.classAreaM2.cropland);
      return {
        id: z.id,
        name: z.name,
        zoneKm2: z.areaM2 / 1e6,
        pixels: a.pixels,
        areaKm2: a.areaM2 / 1e6,
        validPixels: a.validPixels,
        validKm2: a.validAreaM2 / 1e6,
        classes,
        sharePct: z.areaM2 > 0 ? (100 * a.classAreaM2.yes) / z.areaM2 : null,
        shareObservedPct: a.validAreaM2 > 0 ? (100 * a.classAreaM2.yes) / a.validAreaM2 : null,
        meanIndex: a.indexCount ? a.indexSum / a.indexCount : null,
      };
    });
  }
  return result;
}

/** Vectorize a (possibly block-reduced) mask into lon/lat polygons with pixel counts and areas. */
export function maskToGeoJSON(
  mask: Uint8Array,
  w: number,
  h: number,
  factor: number,
  grid: Grid,
  minPixels: number,
  label: string,
): GeoJSONPolygons {
  const polys = vectorizeMask(mask, w, h, MASK_YES, Math.max(1, Math.ceil(minPixels / (factor * factor))));
  const gt = grid.gt;
  const features: GeoJSONPolygons['features'] = [];
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  for (const p of polys) {
    const rings = p.rings.map((ring) => {
      const world = ring.map(([c, r]) => {
        const C = Math.min(c * factor, grid.width);
        const R = Math.min(r * factor, grid.height);
        return [gt[0] + C * gt[1] + R * gt[2], gt[3] + C * gt[4] + R * gt[5]] as [number, number];
      });
      const ll = toLonLat(grid.crs, world).map(([x, y]) => [round(x), round(y)]);
      // RFC 7946: exterior counter-clockwise, holes clockwise (in lon/lat).
      return ll;
    });
    rings.forEach((ring, i) => {
      const ccw = lonLatArea(ring) > 0;
      if ((i === 0) !== ccw) ring.reverse();
    });
    features.push({
      type: 'Feature',
      properties: {
        class: label,
        pixels: p.pixels * factor * factor,
        ...(factor > 1 ? { blockReduction: factor } : {}),
      },
      geometry: { type: 'Polygon', coordinates: rings },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Signed shoelace area in lon/lat (positive = counter-clockwise). */
function lonLatArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

// ---------------------------------------------------------------------------------------------
// Water

export const WATER_INDICES = ['mndwi', 'ndwi', 'awei-sh', 'awei-nsh'];

/** Best water index the scene supports: MNDWI with SWIR1, else NDWI (GF, CBERS: no SWIR). */
export function defaultWaterIndex(scene: Scene): string {
  return sceneRoles(scene).includes('swir16') ? 'mndwi' : 'ndwi';
}

export interface WaterOptions extends EngineOptions {
  /** Apply the scene's cloud mask asset when it has one (default true). */
  cloudMask?: boolean;
  index?: string;
  threshold?: 'auto' | number;
  robust?: boolean;
  out?: string;
  vectorize?: boolean;
  minPixels?: number;
  zones?: string;
}

export interface WaterResult extends MaskRunResult {
  index: string;
  threshold: ThresholdInfo;
  scene: { id: string; datetime: string | null; title: string };
  elapsedMs: number;
}

export async function computeWater(scene: Scene, opts: WaterOptions = {}): Promise<WaterResult> {
  const t0 = performance.now();
  const name = opts.index ?? defaultWaterIndex(scene);
  const f = resolveFormula(scene, name);
  const spec = specFor(scene, f, null, opts.resampling ?? 'nearest', opts.cloudMask !== false);
  const threshold = await chooseThreshold(spec, f, opts.threshold ?? 'auto', opts, 'water histogram');
  const zones = opts.zones ? loadZones(opts.zones, spec.grid) : undefined;
  const r = await runMasks({
    ...opts,
    post: spec,
    postThreshold: threshold.value,
    out: opts.out,
    vectorize: opts.vectorize,
    minPixels: opts.minPixels,
    zones,
    classLabel: 'water',
    metadata: {
      NIGAH_INDEX: f.label,
      NIGAH_THRESHOLD: String(threshold.value),
      NIGAH_METHOD: threshold.method,
    },
  });
  return {
    ...r,
    index: f.label,
    threshold,
    scene: { id: scene.id, datetime: scene.datetime, title: scene.title },
    elapsedMs: performance.now() - t0,
  };
}

async function chooseThreshold(
  spec: ComputeSpec,
  f: ResolvedFormula,
  t: 'auto' | number,
  opts: EngineOptions & { robust?: boolean },
  phase: string,
): Promise<ThresholdInfo> {
  if (typeof t === 'number') return { value: t, method: 'manual' };
  const { stats: _s, ...info } = await autoThreshold(spec, f.def, { ...opts, phase });
  return info;
}

// ---------------------------------------------------------------------------------------------
// Flood

export interface FloodOptions extends EngineOptions {
  /** Apply each scene's cloud mask asset when it has one (default true). */
  cloudMask?: boolean;
  index?: string;
  threshold?: 'auto' | number;
  /** Threshold for the pre scene; defaults to the same rule as the post scene. */
  preThreshold?: 'auto' | number;
  robust?: boolean;
  ndviThreshold?: number;
  zones?: string;
  maskOut?: string;
  croplandOut?: string;
  minPixels?: number;
  vectorize?: boolean;
}

export interface FloodResult extends MaskRunResult {
  index: string;
  thresholds: { post: ThresholdInfo; pre: ThresholdInfo; ndviPre: number | null };
  scenes: {
    pre: { id: string; datetime: string | null; crs: string };
    post: { id: string; datetime: string | null; crs: string };
  };
  reprojected: boolean;
  method: string;
  elapsedMs: number;
}

export async function computeFlood(pre: Scene, post: Scene, opts: FloodOptions = {}): Promise<FloodResult> {
  const t0 = performance.now();
  const both = sceneRoles(pre).filter((r) => sceneRoles(post).includes(r));
  const name = opts.index ?? (both.includes('swir16') ? 'mndwi' : 'ndwi');
  const fPost = resolveFormula(post, name);
  const fPre = resolveFormula(pre, name);
  const resampling = opts.resampling ?? 'nearest';
  const useMask = opts.cloudMask !== false;
  const postSpec = specFor(post, fPost, null, resampling, useMask);
  const grid = postSpec.grid;
  // The pre scene on the post grid (reprojected / resampled with nearest when they differ).
  const preSpec = specFor(pre, fPre, grid, 'nearest', useMask);
  const preGrid = finestGrid(preSpec.bands);
  const reprojected =
    preGrid.crs !== grid.crs ||
    preGrid.width !== grid.width ||
    preGrid.height !== grid.height ||
    preGrid.gt.some((v, i) => v !== grid.gt[i]);
  const tPost = await chooseThreshold(
    postSpec,
    fPost,
    opts.threshold ?? 'auto',
    opts,
    'post-event histogram',
  );
  const tPre = await chooseThreshold(
    preSpec,
    fPre,
    opts.preThreshold ?? opts.threshold ?? 'auto',
    opts,
    'pre-event histogram',
  );
  const ndviRoles = sceneRoles(pre);
  const ndviSpec =
    ndviRoles.includes('red') && ndviRoles.includes('nir')
      ? specFor(pre, resolveFormula(pre, 'ndvi'), grid, 'nearest', useMask)
      : undefined;
  const ndviThreshold = opts.ndviThreshold ?? getIndex('ndvi').defaultThreshold;
  const zones = opts.zones ? loadZones(opts.zones, grid) : undefined;
  const r = await runMasks({
    ...opts,
    post: postSpec,
    postThreshold: tPost.value,
    pre: preSpec,
    preThreshold: tPre.value,
    ndviPre: ndviSpec,
    ndviThreshold,
    out: opts.maskOut,
    croplandOut: opts.croplandOut,
    vectorize: opts.vectorize ?? true,
    minPixels: opts.minPixels,
    zones,
    classLabel: 'flood',
    metadata: {
      NIGAH_INDEX: fPost.label,
      NIGAH_THRESHOLD_POST: String(tPost.value),
      NIGAH_THRESHOLD_PRE: String(tPre.value),
      NIGAH_PRE: pre.id,
      NIGAH_POST: post.id,
    },
  });
  return {
    ...r,
    index: fPost.label,
    thresholds: { post: tPost, pre: tPre, ndviPre: ndviSpec ? ndviThreshold : null },
    scenes: {
      pre: { id: pre.id, datetime: pre.datetime, crs: pre.crs },
      post: { id: post.id, datetime: post.datetime, crs: post.crs },
    },
    reprojected,
    method:
      `flood = (${fPost.label} after > t_post) AND NOT (${fPre.label} before > t_pre), pre scene ` +
      `${reprojected ? 'reprojected (nearest) onto' : 'on'} the post-event grid; flooded cropland = flood AND NDVI before > ${ndviThreshold}` +
      `; thresholds: ${tPost.method}`,
    elapsedMs: performance.now() - t0,
  };
}

export { type RunningStats, sensorName };
