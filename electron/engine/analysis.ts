/**
 * The analysis engine's entry points (Node): full-scene index rasters, water masks, flood mapping and
 * zonal statistics, tile by tile on a worker pool with progress and cancellation. Outputs are COGs
 * through shared/tiff's writer and GeoJSON/CSV/JSON written atomically; mask runs in mask-run.ts.
 */

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
import { type LonLatBox, type LonLatRings, windowGrid, windowSpans } from '../../shared/analysis/window';
import { NigahError } from '../../shared/errors';
import type { BandRole, Scene } from '../../shared/scene';
import { assertOutputsSafe, sceneInputs } from '../host/output-guard';
import { CogFileWriter } from './cog-output';
import type { ComputeSpec, Formula, Grid } from './compute';
import {
  type HistSpec,
  INT16_NODATA,
  INT16_SCALE,
  type IndexJob,
  type IndexResult,
  type Job,
  type StageTimes,
} from './jobs';
import { type MaskRunResult, runMasks } from './mask-run';
import { sharedPool } from './pool';
import { bandSources, cloudMaskSource, finestGrid, sceneRoles, sensorName } from './scene-input';
import { assertProcessableSize } from './size-guard';
import { type EngineOptions, geoOf, tileCount, tiles } from './tiling';
import { loadZones } from './zones';

export type { ClassArea, GeoJSONPolygons, MaskRunResult, ZoneRow } from './mask-run';
export type { EngineOptions, Progress } from './tiling';

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
  assertProcessableSize(spec.grid.width, spec.grid.height, `The grid of ${scene.title}`);
  const mask = useCloudMask ? cloudMaskSource(scene) : undefined;
  if (mask) spec.mask = mask;
  return spec;
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
  /**
   * Where the time went, ms: worker CPU time per stage summed over threads (inflate, predictor,
   * deinterleave, kernel, stats, encode), overviews = workers' 2×2 reductions + the main thread's
   * pyramid and the final overview encode (wall).
   */
  timings: StageTimes;
}

export async function computeIndexRaster(
  scene: Scene,
  indexOrExpression: string,
  out: string,
  opts: EngineOptions = {},
): Promise<IndexRasterResult> {
  const t0 = performance.now();
  assertOutputsSafe({ output: out }, sceneInputs(scene));
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
  const int16 = opts.type === 'int16';
  const writer = new CogFileWriter(
    out,
    {
      width: grid.width,
      height: grid.height,
      tileSize,
      geo: geoOf(grid),
      resampling: 'average',
      metadata: { NIGAH_INDEX: f.label, NIGAH_SCENE: scene.id },
      // Scaled int16: GDAL and QGIS read value = stored × scale through the band's scale/offset.
      ...(int16
        ? {
            dataType: 'int16' as const,
            nodata: INT16_NODATA,
            bandMetadata: [{ description: f.label, scale: 1 / INT16_SCALE, offset: 0 }],
            predictor: 2 as const,
          }
        : {
            dataType: 'float32' as const,
            nodata: Number.NaN,
            bandMetadata: [{ description: f.label }],
            predictor: level < 0 ? (3 as const) : (1 as const),
          }),
    },
    pool,
    level,
    opts.memoryBudget,
    // Overviews share the layout's predictor, so they use the same setting.
    level,
  );
  const hist = histSpecFor(f.def);
  const stats = createStats(hist.lo, hist.hi, hist.bins);
  const timings: StageTimes = {
    inflate: 0,
    predictor: 0,
    deinterleave: 0,
    kernel: 0,
    stats: 0,
    encode: 0,
    overviews: 0,
  };
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
        int16,
      };
      yield job;
    }
  };
  try {
    await pool.map<IndexResult>(
      jobs(),
      (r) => {
        mergeStats(stats, r.stats);
        const t = performance.now();
        if (r.pixels) writer.addTile(0, r.tx, r.ty, r.bytes!, r.pixels);
        else writer.addTileWithQuarter(0, r.tx, r.ty, r.bytes!, r.quarter!);
        timings.overviews += performance.now() - t;
        for (const k of Object.keys(timings) as (keyof StageTimes)[]) timings[k] += r.times?.[k] ?? 0;
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
  const tFinish = performance.now();
  const { bytes } = await writer.finish();
  timings.overviews += performance.now() - tFinish;
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
    timings,
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
// Water

export const WATER_INDICES = ['mndwi', 'ndwi', 'awei-sh', 'awei-nsh'];

/** Best water index the scene supports: MNDWI with SWIR1, else NDWI (GF, CBERS: no SWIR). */
export function defaultWaterIndex(scene: Scene): string {
  return sceneRoles(scene).includes('swir16') ? 'mndwi' : 'ndwi';
}

export interface WaterOptions extends EngineOptions {
  /** Apply the scene's cloud mask asset when it has one (default true). */
  cloudMask?: boolean;
  /** Area of interest [w, s, e, n] (lon/lat): only the scene's pixels under it are analysed. */
  window?: LonLatBox;
  /** A polygon area of interest (lon/lat rings): only pixels inside it are counted. */
  aoiRings?: LonLatRings;
  index?: string;
  threshold?: 'auto' | number;
  robust?: boolean;
  out?: string;
  /** Result class raster (shared/analysis/resultClasses.ts). */
  classesOut?: string;
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
  assertOutputsSafe({ mask: opts.out, classes: opts.classesOut }, [...sceneInputs(scene), opts.zones]);
  const name = opts.index ?? defaultWaterIndex(scene);
  const f = resolveFormula(scene, name);
  const spec = specFor(scene, f, null, opts.resampling ?? 'nearest', opts.cloudMask !== false);
  const threshold = await chooseThreshold(spec, f, opts.threshold ?? 'auto', opts, 'water histogram');
  // An area of interest limits the mapping; the threshold comes from the whole scene.
  const aoi = areaOfInterest(spec.grid, opts);
  spec.grid = aoi.grid;
  const zones = opts.zones ? await loadZones(opts.zones, spec.grid) : undefined;
  const r = await runMasks({
    ...opts,
    aoi: aoi.spans,
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

/** The analysis grid of an area of interest (box, or polygon's box) and the polygon's pixels. */
function areaOfInterest(grid: Grid, o: { window?: LonLatBox; aoiRings?: LonLatRings }) {
  const pts = o.aoiRings?.flat() ?? [];
  const box: LonLatBox | undefined =
    o.window ??
    (pts.length
      ? [
          Math.min(...pts.map((p) => p[0])),
          Math.min(...pts.map((p) => p[1])),
          Math.max(...pts.map((p) => p[0])),
          Math.max(...pts.map((p) => p[1])),
        ]
      : undefined);
  const area = box ? windowGrid(grid, box) : grid;
  return { grid: area, spans: o.aoiRings?.length ? windowSpans(area, o.aoiRings) : undefined };
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
  /** Area of interest [w, s, e, n] (lon/lat): only the post scene's pixels under it are analysed. */
  window?: LonLatBox;
  /** A polygon area of interest (lon/lat rings): only pixels inside it are counted. */
  aoiRings?: LonLatRings;
  index?: string;
  threshold?: 'auto' | number;
  /** Threshold for the pre scene; defaults to the same rule as the post scene. */
  preThreshold?: 'auto' | number;
  robust?: boolean;
  ndviThreshold?: number;
  zones?: string;
  maskOut?: string;
  croplandOut?: string;
  /** Result class raster (shared/analysis/resultClasses.ts). */
  classesOut?: string;
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

/** Pre and post must share ground: otherwise every pixel is "no data" and the histogram is empty. */
function assertScenesOverlap(pre: Scene, post: Scene): void {
  const known = (b: number[]) => b.length === 4 && b.every(Number.isFinite) && b[2] > b[0] && b[3] > b[1];
  const [a, b] = [pre.bbox, post.bbox];
  if (!known(a) || !known(b)) return;
  if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) return;
  const box = (x: number[]) => x.map((v) => v.toFixed(3)).join(', ');
  throw new NigahError(
    'BAD_ARGUMENT',
    `The scenes do not overlap: ${pre.title} covers ${box(a)} and ${post.title} covers ${box(b)} (lon/lat).`,
    {
      hint: 'Choose a pre-event and a post-event scene of the same area (the same tile or path/row).',
      details: { pre: a, post: b },
    },
  );
}

export async function computeFlood(pre: Scene, post: Scene, opts: FloodOptions = {}): Promise<FloodResult> {
  const t0 = performance.now();
  assertOutputsSafe({ mask: opts.maskOut, cropland: opts.croplandOut, classes: opts.classesOut }, [
    ...sceneInputs(pre),
    ...sceneInputs(post),
    opts.zones,
  ]);
  assertScenesOverlap(pre, post);
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
  // An area of interest limits the mapping, not the thresholds: those come from the whole scenes,
  // so the area is classified exactly as in a whole-scene run.
  const aoi = areaOfInterest(grid, opts);
  const area = aoi.grid;
  postSpec.grid = area;
  preSpec.grid = area;
  const ndviRoles = sceneRoles(pre);
  const ndviSpec =
    ndviRoles.includes('red') && ndviRoles.includes('nir')
      ? specFor(pre, resolveFormula(pre, 'ndvi'), area, 'nearest', useMask)
      : undefined;
  const ndviThreshold = opts.ndviThreshold ?? getIndex('ndvi').defaultThreshold;
  const zones = opts.zones ? await loadZones(opts.zones, area) : undefined;
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
    aoi: aoi.spans,
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
