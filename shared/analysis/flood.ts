/**
 * Flood and water mapping per pixel, and the area tally of a run.
 *
 * Each pixel of a run gets one code: why it is or is not observed (state) and the classes it is in
 * (flags). Flood = water after ∧ not water before; permanent water = water before ∧ after; flooded
 * cropland = flood ∧ NDVI before > threshold. A pixel is observed when both scenes have data and
 * neither is cloudy there; hidden by cloud when cloud covers it in either scene (and both have data);
 * otherwise it has no data. Classes count only on observed pixels.
 *
 * The tally is an accumulator over codes: per code, pixels and area (m², from the row's pixel area),
 * so tiles and zone spans can be added in any order and the totals derived once at the end.
 */
import { areaUnits } from './area';
import { MASK_NODATA, MASK_YES } from './classify';
import { forEachSpanInWindow, type ZoneSpans } from './zonal';

export const STATE_OBSERVED = 0;
export const STATE_CLOUD = 1;
export const STATE_NODATA = 2;

/** Class flags of a pixel code (low bits); the state is in bits 4–5. */
export const FLAG_YES = 1;
export const FLAG_WATER_POST = 2;
export const FLAG_PERMANENT = 4;
export const FLAG_FLOODED_CROPLAND = 8;
const STATE_SHIFT = 4;
/** Number of distinct pixel codes. */
export const CODES = 3 << STATE_SHIFT;
/** Code of a pixel outside a polygon area of interest: in no state, never counted. */
export const CODE_OUTSIDE = 255;

export function codeState(code: number): number {
  return code >> STATE_SHIFT;
}

/**
 * Per-pixel state of one scene: NaN index value (band nodata) or cloud-mask nodata (255 or NaN after
 * resampling) → no data; any other non-zero cloud-mask value → cloud; else observed.
 */
export function sceneState(
  values: Float32Array,
  cloud: ArrayLike<number> | null,
  out: Uint8Array,
): Uint8Array {
  for (let i = 0; i < out.length; i++) {
    const c = cloud ? cloud[i] : 0;
    out[i] =
      Number.isNaN(values[i]) || c === MASK_NODATA || Number.isNaN(c)
        ? STATE_NODATA
        : c !== 0
          ? STATE_CLOUD
          : STATE_OBSERVED;
  }
  return out;
}

/** Index values hidden where the state is not observed (NaN), in place. */
export function hideUnobserved(values: Float32Array, state: Uint8Array): Float32Array {
  for (let i = 0; i < values.length; i++) if (state[i] !== STATE_OBSERVED) values[i] = Number.NaN;
  return values;
}

export interface PixelInput {
  /** Water index after the event (or of the single scene) and its per-pixel state. */
  post: Float32Array;
  postState: Uint8Array;
  postThreshold: number;
  /** Water index before the event (flood runs) and its state. */
  pre?: Float32Array;
  preState?: Uint8Array;
  preThreshold?: number;
  /** NDVI before the event, for flooded cropland. */
  ndviPre?: Float32Array;
  ndviThreshold?: number;
}

/** Pixel codes of a tile (see the module comment). */
export function pixelCodes(p: PixelInput, out: Uint8Array): Uint8Array {
  const tPre = p.preThreshold ?? p.postThreshold;
  const tNdvi = p.ndviThreshold ?? 0.3;
  for (let i = 0; i < out.length; i++) {
    const state = p.preState ? Math.max(p.postState[i], p.preState[i]) : p.postState[i];
    let flags = 0;
    if (state === STATE_OBSERVED) {
      const after = p.post[i] > p.postThreshold;
      if (!p.pre) flags = after ? FLAG_YES : 0;
      else {
        const before = p.pre[i] > tPre;
        if (after) flags |= FLAG_WATER_POST;
        if (after && before) flags |= FLAG_PERMANENT;
        if (after && !before) {
          flags |= FLAG_YES;
          if (p.ndviPre && p.ndviPre[i] > tNdvi) flags |= FLAG_FLOODED_CROPLAND;
        }
      }
    }
    out[i] = flags | (state << STATE_SHIFT);
  }
  return out;
}

/** The uint8 mask of one flag (1 yes, 0 no, 255 where not observed), as written to mask COGs. */
export function maskOfFlag(codes: Uint8Array, flag: number, out: Uint8Array): Uint8Array {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c >> STATE_SHIFT !== STATE_OBSERVED ? MASK_NODATA : c & flag ? MASK_YES : 0;
  }
  return out;
}

/** Pixels and area (m²) per pixel code. */
export interface CodeTally {
  pixels: Float64Array;
  m2: Float64Array;
}

export function newTally(): CodeTally {
  return { pixels: new Float64Array(CODES), m2: new Float64Array(CODES) };
}

/**
 * Add the pixels [c0, c1) of one row of a code tile to the tally; `rowArea` is the area (m²) of a
 * pixel in that row. Counts codes first, then areas, so the inner loop is a histogram. Pixels
 * outside the area of interest (CODE_OUTSIDE) are not counted.
 */
export function tallySpan(
  t: CodeTally,
  codes: Uint8Array,
  start: number,
  end: number,
  rowArea: number,
): void {
  const counts = new Uint32Array(256);
  for (let i = start; i < end; i++) counts[codes[i]]++;
  for (let c = 0; c < CODES; c++)
    if (counts[c]) {
      t.pixels[c] += counts[c];
      t.m2[c] += counts[c] * rowArea;
    }
}

/** Tally a w×h window stored with row stride `stride`, whose first row is raster row y0. */
export function tallyWindow(
  t: CodeTally,
  codes: Uint8Array,
  stride: number,
  w: number,
  h: number,
  y0: number,
  rowAreas: ArrayLike<number>,
): CodeTally {
  for (let y = 0; y < h; y++) tallySpan(t, codes, y * stride, y * stride + w, rowAreas[y0 + y]);
  return t;
}

export function mergeTally(a: CodeTally, b: CodeTally): CodeTally {
  for (let c = 0; c < CODES; c++) {
    a.pixels[c] += b.pixels[c];
    a.m2[c] += b.m2[c];
  }
  return a;
}

export interface AreaFigure {
  pixels: number;
  m2: number;
  km2: number;
  ha: number;
}

function sumWhere(t: CodeTally, keep: (code: number) => boolean): AreaFigure {
  let pixels = 0;
  let m2 = 0;
  for (let c = 0; c < CODES; c++)
    if (keep(c)) {
      pixels += t.pixels[c];
      m2 += t.m2[c];
    }
  const u = areaUnits(m2);
  return { pixels, m2, km2: u.km2, ha: u.ha };
}

/** The areas a tally holds: main class (flood or water), observed/cloud/no-data areas and the rest. */
export interface TallyAreas {
  yes: AreaFigure;
  observed: AreaFigure;
  cloud: AreaFigure;
  nodata: AreaFigure;
  waterPost: AreaFigure;
  permanentWater: AreaFigure;
  floodedCropland: AreaFigure;
}

export function tallyAreas(t: CodeTally): TallyAreas {
  const observed = (c: number) => codeState(c) === STATE_OBSERVED;
  return {
    yes: sumWhere(t, (c) => observed(c) && (c & FLAG_YES) !== 0),
    observed: sumWhere(t, observed),
    cloud: sumWhere(t, (c) => codeState(c) === STATE_CLOUD),
    nodata: sumWhere(t, (c) => codeState(c) === STATE_NODATA),
    waterPost: sumWhere(t, (c) => observed(c) && (c & FLAG_WATER_POST) !== 0),
    permanentWater: sumWhere(t, (c) => observed(c) && (c & FLAG_PERMANENT) !== 0),
    floodedCropland: sumWhere(t, (c) => observed(c) && (c & FLAG_FLOODED_CROPLAND) !== 0),
  };
}

/**
 * Mark the pixels of a tile outside the area of interest `aoi` (row spans on the run's grid) as
 * CODE_OUTSIDE; the tile covers the window `win` of the grid and is stored with row stride `stride`.
 */
export function markOutside(
  codes: Uint8Array,
  aoi: ZoneSpans,
  win: { x0: number; y0: number; w: number; h: number },
  stride: number,
): Uint8Array {
  const inside = new Uint8Array(codes.length);
  forEachSpanInWindow(aoi, win.x0, win.y0, win.w, win.h, (r, c0, c1) => {
    const start = (r - win.y0) * stride + (c0 - win.x0);
    inside.fill(1, start, start + (c1 - c0));
  });
  for (let i = 0; i < codes.length; i++) if (!inside[i]) codes[i] = CODE_OUTSIDE;
  return codes;
}

/** One zone's tally and the sum of its (post) index values, for the zone's mean index. */
export interface ZoneTally {
  tally: CodeTally;
  indexSum: number;
  indexCount: number;
}

export function newZoneTally(): ZoneTally {
  return { tally: newTally(), indexSum: 0, indexCount: 0 };
}

/**
 * Add the part of a zone inside the window [x0, x0+w) × [y0, y0+h) of the raster; `codes` and
 * `index` hold that window with row stride `stride`.
 */
export function tallyZoneWindow(
  zt: ZoneTally,
  zone: ZoneSpans,
  codes: Uint8Array,
  index: Float32Array | null,
  stride: number,
  win: { x0: number; y0: number; w: number; h: number },
  rowAreas: ArrayLike<number>,
): void {
  forEachSpanInWindow(zone, win.x0, win.y0, win.w, win.h, (r, c0, c1) => {
    const start = (r - win.y0) * stride + (c0 - win.x0);
    const end = start + (c1 - c0);
    tallySpan(zt.tally, codes, start, end, rowAreas[r]);
    if (!index) return;
    for (let i = start; i < end; i++) {
      const v = index[i];
      if (!Number.isNaN(v)) {
        zt.indexSum += v;
        zt.indexCount++;
      }
    }
  });
}
