/**
 * A water or flood mask run over a grid: tile jobs on the worker pool, mask COGs written as tiles
 * arrive, and the area tally (shared/analysis/flood.ts) for the scene and each zone, including the
 * areas hidden by cloud or without data, and polygons of the mask.
 */
import { rowAreas } from '../../shared/analysis/area';
import { MASK_NODATA, MASK_YES } from '../../shared/analysis/classify';
import {
  type AreaFigure,
  type CodeTally,
  newTally,
  newZoneTally,
  type TallyAreas,
  tallyAreas,
  tallyWindow,
  tallyZoneWindow,
  type ZoneTally,
} from '../../shared/analysis/flood';
import { CLASS_NODATA, RESULT_CLASSES_TEXT } from '../../shared/analysis/resultClasses';
import { vectorizeMask } from '../../shared/analysis/vectorize';
import type { ZoneSpans } from '../../shared/analysis/zonal';
import { toLonLat } from '../../shared/proj';
import type { CogOptions } from '../../shared/tiff';
import { CogFileWriter } from './cog-output';
import type { ComputeSpec, Grid } from './compute';
import type { Job, MaskJob, MaskResult } from './jobs';
import { sharedPool } from './pool';
import { type EngineOptions, geoOf, tileCount, tiles } from './tiling';
import type { Zone } from './zones';

export type ClassArea = AreaFigure;

export interface ZoneRow {
  id: string;
  name: string;
  /** Whole zone area (ellipsoidal), km². */
  zoneKm2: number;
  /** Zone pixels inside the raster and their area. */
  pixels: number;
  areaKm2: number;
  /** Observed (valid, cloud-free in every scene) pixels and area. */
  validPixels: number;
  validKm2: number;
  /** The same observed area under the name shared with the app's result rows. */
  observedKm2: number;
  /** Area hidden by cloud (in either scene, where both have data). */
  cloudKm2: number;
  /** Area without data in the scene (or in either scene of a pair). */
  nodataKm2: number;
  /** Water before and after (flood runs only). */
  permanentWaterKm2?: number;
  classes: Record<string, ClassArea>;
  /** Share (0–100) of the whole zone in the main class (flooded share of the district). */
  sharePct: number | null;
  /** Share (0–100) of the zone's observed (valid, cloud-free) area inside the scene in the main class. */
  shareObservedPct: number | null;
  /** Mean of the (post-event) water index over the zone's observed pixels. */
  meanIndex: number | null;
}

export interface MaskRunResult {
  grid: Grid;
  /** Mask pixels: 1 (flood or water), 0 (observed, not in class), 255 (cloud or no data). */
  counts: { yes: number; no: number; nodata: number };
  area: ClassArea;
  cropland?: ClassArea;
  waterPost?: ClassArea;
  permanentWater?: ClassArea;
  validArea: ClassArea;
  /** Observed (valid, cloud-free) area, km². */
  observedKm2: number;
  /** Area hidden by cloud, km². */
  cloudKm2: number;
  /** Area without data, km². */
  nodataKm2: number;
  /** Water before and after, km² (flood runs). */
  permanentWaterKm2?: number;
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

export interface MaskRunOptions extends EngineOptions {
  post: ComputeSpec;
  postThreshold: number;
  pre?: ComputeSpec;
  preThreshold?: number;
  ndviPre?: ComputeSpec;
  ndviThreshold?: number;
  out?: string;
  croplandOut?: string;
  /** The result class raster (shared/analysis/resultClasses.ts). */
  classesOut?: string;
  /** A polygon area of interest as row spans on the grid: pixels outside count nowhere. */
  aoi?: ZoneSpans;
  vectorize?: boolean;
  minPixels?: number;
  zones?: Zone[];
  classLabel: string;
  metadata?: Record<string, string>;
}

/** Largest side of the mask that is vectorized at full resolution; larger masks are block-reduced. */
const VECTOR_MAX = 4096;

interface VectorMask {
  data: Uint8Array;
  w: number;
  h: number;
  factor: number;
}

function newVectorMask(grid: Grid): VectorMask {
  const factor = Math.max(1, Math.ceil(Math.max(grid.width, grid.height) / VECTOR_MAX));
  const w = Math.ceil(grid.width / factor);
  const h = Math.ceil(grid.height / factor);
  return { data: new Uint8Array(w * h).fill(MASK_NODATA), w, h, factor };
}

/** Block-reduce a tile into the vector mask: a block is 1 if any pixel is, 0 if any is observed. */
function addToVectorMask(v: VectorMask, mask: Uint8Array, win: Window, stride: number): void {
  for (let y = 0; y < win.h; y++) {
    const vrow = Math.floor((win.y0 + y) / v.factor) * v.w;
    for (let x = 0; x < win.w; x++) {
      const m = mask[y * stride + x];
      const k = vrow + Math.floor((win.x0 + x) / v.factor);
      if (m === MASK_YES) v.data[k] = MASK_YES;
      else if (m === 0 && v.data[k] === MASK_NODATA) v.data[k] = 0;
    }
  }
}

interface Window {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

function tileWindow(grid: Grid, tx: number, ty: number, tileSize: number): Window {
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  return { x0, y0, w: Math.min(tileSize, grid.width - x0), h: Math.min(tileSize, grid.height - y0) };
}

function maskWriters(o: MaskRunOptions, grid: Grid, tileSize: number) {
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
  const mask = o.out ? new CogFileWriter(o.out, maskOpts(o.classLabel), pool, level, o.memoryBudget) : null;
  const cropland =
    o.croplandOut && o.ndviPre
      ? new CogFileWriter(o.croplandOut, maskOpts('flooded cropland'), pool, level, o.memoryBudget)
      : null;
  const classes = o.classesOut
    ? new CogFileWriter(
        o.classesOut,
        {
          ...maskOpts('result classes'),
          nodata: CLASS_NODATA,
          metadata: { ...o.metadata, NIGAH_CLASSES: RESULT_CLASSES_TEXT },
        },
        pool,
        level,
        o.memoryBudget,
      )
    : null;
  return { mask, cropland, classes, level };
}

type Writers = ReturnType<typeof maskWriters>;

function writersOf(w: Writers): CogFileWriter[] {
  return [w.mask, w.cropland, w.classes].filter((x): x is CogFileWriter => !!x);
}

function maskJobs(o: MaskRunOptions, tileSize: number, level: number, layout: MaskJob['layout']) {
  return function* (): Generator<Job> {
    for (const [tx, ty] of tiles(o.post.grid, tileSize)) {
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
        classes: !!o.classesOut,
        aoi: o.aoi,
      };
      yield job;
    }
  };
}

export async function runMasks(o: MaskRunOptions): Promise<MaskRunResult> {
  const grid = o.post.grid;
  const tileSize = o.tileSize ?? 512;
  const writers = maskWriters(o, grid, tileSize);
  const areas = rowAreas(grid.gt, grid.height, grid.crs);
  const total = newTally();
  const zoneTallies = (o.zones ?? []).map(() => newZoneTally());
  const vector = o.vectorize ? newVectorMask(grid) : null;
  const layout = writersOf(writers)[0]?.layout;
  try {
    await (o.pool ?? sharedPool()).map<MaskResult>(
      maskJobs(o, tileSize, writers.level, layout)(),
      (r) => {
        const win = tileWindow(grid, r.tx, r.ty, tileSize);
        tallyWindow(total, r.codes, tileSize, win.w, win.h, win.y0, areas);
        if (vector) addToVectorMask(vector, r.mask, win, tileSize);
        o.zones?.forEach((z, i) => {
          tallyZoneWindow(zoneTallies[i], z.spans, r.codes, r.index ?? null, tileSize, win, areas);
        });
        writers.mask?.addTile(0, r.tx, r.ty, r.maskBytes!, r.mask);
        if (r.cropland) writers.cropland?.addTile(0, r.tx, r.ty, r.croplandBytes!, r.cropland);
        if (r.classes) writers.classes?.addTile(0, r.tx, r.ty, r.classBytes!, r.classes);
      },
      {
        signal: o.signal,
        total: tileCount(grid, tileSize),
        onProgress: (done, n) => o.onProgress?.({ phase: `${o.classLabel} tiles`, done, total: n }),
      },
    );
  } catch (e) {
    for (const w of writersOf(writers)) w.abort();
    throw e;
  }
  for (const w of writersOf(writers)) await w.finish();
  const result = runResult(o, grid, total);
  if (vector) result.polygons = maskToGeoJSON(vector, grid, o.minPixels ?? 1, o.classLabel);
  if (o.zones) result.zones = o.zones.map((z, i) => zoneRow(o, z, zoneTallies[i]));
  return result;
}

function runResult(o: MaskRunOptions, grid: Grid, total: CodeTally): MaskRunResult {
  const a = tallyAreas(total);
  const result: MaskRunResult = {
    grid,
    counts: {
      yes: a.yes.pixels,
      no: a.observed.pixels - a.yes.pixels,
      nodata: a.cloud.pixels + a.nodata.pixels,
    },
    area: a.yes,
    validArea: a.observed,
    observedKm2: a.observed.km2,
    cloudKm2: a.cloud.km2,
    nodataKm2: a.nodata.km2,
  };
  if (o.ndviPre) result.cropland = a.floodedCropland;
  if (o.pre) {
    result.waterPost = a.waterPost;
    result.permanentWater = a.permanentWater;
    result.permanentWaterKm2 = a.permanentWater.km2;
  }
  return result;
}

function zoneRow(o: MaskRunOptions, z: Zone, zt: ZoneTally): ZoneRow {
  const a: TallyAreas = tallyAreas(zt.tally);
  const inside = a.observed.m2 + a.cloud.m2 + a.nodata.m2;
  const classes: Record<string, ClassArea> = { [o.classLabel]: a.yes };
  if (o.ndviPre) classes['flooded cropland'] = a.floodedCropland;
  return {
    id: z.id,
    name: z.name,
    zoneKm2: z.areaM2 / 1e6,
    pixels: a.observed.pixels + a.cloud.pixels + a.nodata.pixels,
    areaKm2: inside / 1e6,
    validPixels: a.observed.pixels,
    validKm2: a.observed.km2,
    observedKm2: a.observed.km2,
    cloudKm2: a.cloud.km2,
    nodataKm2: a.nodata.km2,
    ...(o.pre ? { permanentWaterKm2: a.permanentWater.km2 } : {}),
    classes,
    sharePct: z.areaM2 > 0 ? (100 * a.yes.m2) / z.areaM2 : null,
    shareObservedPct: a.observed.m2 > 0 ? (100 * a.yes.m2) / a.observed.m2 : null,
    meanIndex: zt.indexCount ? zt.indexSum / zt.indexCount : null,
  };
}

/** Vectorize a (possibly block-reduced) mask into lon/lat polygons with pixel counts and areas. */
function maskToGeoJSON(v: VectorMask, grid: Grid, minPixels: number, label: string): GeoJSONPolygons {
  const { factor } = v;
  const polys = vectorizeMask(
    v.data,
    v.w,
    v.h,
    MASK_YES,
    Math.max(1, Math.ceil(minPixels / (factor * factor))),
  );
  const gt = grid.gt;
  const round = (x: number) => Math.round(x * 1e7) / 1e7;
  const features: GeoJSONPolygons['features'] = polys.map((p) => {
    const rings = p.rings.map((ring) => {
      const world = ring.map(([c, r]) => {
        const C = Math.min(c * factor, grid.width);
        const R = Math.min(r * factor, grid.height);
        return [gt[0] + C * gt[1] + R * gt[2], gt[3] + C * gt[4] + R * gt[5]] as [number, number];
      });
      return toLonLat(grid.crs, world).map(([x, y]) => [round(x), round(y)]);
    });
    // RFC 7946: exterior counter-clockwise, holes clockwise (in lon/lat).
    rings.forEach((ring, i) => {
      if ((i === 0) !== lonLatArea(ring) > 0) ring.reverse();
    });
    return {
      type: 'Feature' as const,
      properties: {
        class: label,
        pixels: p.pixels * factor * factor,
        ...(factor > 1 ? { blockReduction: factor } : {}),
      },
      geometry: { type: 'Polygon' as const, coordinates: rings },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Signed shoelace area in lon/lat (positive = counter-clockwise). */
function lonLatArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
