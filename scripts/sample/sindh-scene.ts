/**
 * The synthetic Sindh landscape (SYNTHETIC — not an observation): Kirthar-like barren hills on the
 * west, a desert plain, a Manchar-like lake, a field grid, a Sehwan-like town behind a ring dike and
 * the Indus running NNE→SSW on the east. Everything is a function of map coordinates, so the same
 * landscape can be sampled on any grid (10 m, 20 m, 16 m).
 *
 * Reflectances (surface, 0–1) per band [blue, green, red, nir, swir16, swir22] are linear mixtures
 * of endmembers; water pixels mix water and land by their sub-pixel water fraction, so edges are
 * mixed pixels. Truth: water = water fraction ≥ 0.5; vegetated = not water and NDVI ≥ 0.3 (before
 * clouds and texture, which scale all bands alike and leave NDVI unchanged).
 */
import { clamp01, fbm, hash2, valueNoise } from './noise';

/** UTM 42N (EPSG:32642) frame of the scene: top-left corner and size in metres. */
export const FRAME = { x0: 366000, y0: 2934000, widthM: 22000, heightM: 20000, epsg: 32642 } as const;

export type FloodState = 'pre' | 'post';
export const NBANDS = 6;

type Vec = [number, number, number, number, number, number];
const VEG: Vec = [0.03, 0.075, 0.04, 0.42, 0.21, 0.1];
const SOIL: Vec = [0.09, 0.13, 0.175, 0.22, 0.3, 0.26];
const SAND: Vec = [0.15, 0.215, 0.285, 0.33, 0.4, 0.345];
const ROCK: Vec = [0.11, 0.16, 0.215, 0.255, 0.33, 0.29];
const URBAN: Vec = [0.14, 0.155, 0.175, 0.215, 0.28, 0.25];
const ROOF: Vec = [0.2, 0.22, 0.24, 0.27, 0.34, 0.31];
const RIVER: Vec = [0.075, 0.105, 0.095, 0.045, 0.018, 0.012];
const LAKE: Vec = [0.06, 0.075, 0.05, 0.022, 0.01, 0.006];
const FLOOD: Vec = [0.095, 0.125, 0.12, 0.065, 0.03, 0.02];
const ASPHALT: Vec = [0.11, 0.12, 0.13, 0.15, 0.19, 0.17];
const CLOUD: Vec = [0.46, 0.45, 0.46, 0.49, 0.37, 0.27];
/** Share of direct light left in a cloud shadow (a pure scale: indices are unchanged). */
const SHADOW = 0.42;

export interface Grid {
  /** Top-left corner (map units) and square pixel size. */
  x0: number;
  y0: number;
  pixel: number;
  width: number;
  height: number;
}

export interface CloudModel {
  seed: number;
  /** fbm threshold: higher → fewer clouds. */
  threshold: number;
  /** Cloud mask = opacity ≥ this. */
  maskOpacity: number;
  /** Shadow offset in metres (to the side away from the sun). */
  shadowDx: number;
  shadowDy: number;
}

export interface RenderOptions {
  state: FloodState;
  clouds: CloudModel | null;
  /** True where the sensor recorded nothing (u, v in metres from the frame's top-left). */
  nodata: (u: number, v: number) => boolean;
}

export interface Rendered {
  grid: Grid;
  /** Reflectance per band (NaN where nodata). */
  refl: Float32Array[];
  water: Uint8Array;
  vegetated: Uint8Array;
  cloud: Uint8Array;
  nodata: Uint8Array;
}

// ---- landscape geometry (u east, v south, metres from the frame's top-left) ----

function riverCenter(v: number): number {
  return (
    20300 - 0.1 * v + 1300 * (valueNoise(0, v, 5200, 11) - 0.5) + 500 * (valueNoise(0, v, 1900, 12) - 0.5)
  );
}

function hillsEdge(v: number): number {
  const south = v > 14000 ? (v - 14000) * 0.35 : 0;
  return 1500 + 1100 * (valueNoise(0, v, 5000, 21) - 0.5) + 500 * (valueNoise(0, v, 1300, 22) - 0.5) + south;
}

function desertEdge(v: number): number {
  return hillsEdge(v) + 1300 + 700 * (valueNoise(0, v, 3000, 23) - 0.5);
}

/** Signed distance-like level sets (metres, negative inside). */
function ellipseDist(
  u: number,
  v: number,
  cu: number,
  cv: number,
  a: number,
  b: number,
  wobble: number,
  seed: number,
): number {
  const du = (u - cu) / a;
  const dv = (v - cv) / b;
  const r = Math.sqrt(du * du + dv * dv);
  const g = r - 1 - wobble * fbm(u, v, 2600, 3, seed);
  return g * 0.5 * (a + b);
}

const TOWN_V = 11300;
function townCenter(): [number, number] {
  return [riverCenter(TOWN_V) - 1700, TOWN_V];
}
const [TOWN_U] = townCenter();

function townDist(u: number, v: number): number {
  return ellipseDist(u, v, TOWN_U, TOWN_V, 850, 700, 0.15, 31);
}

function segmentDist(u: number, v: number, a: [number, number], b: [number, number]): number {
  const du = b[0] - a[0];
  const dv = b[1] - a[1];
  const t = clamp01(((u - a[0]) * du + (v - a[1]) * dv) / (du * du + dv * dv));
  const pu = a[0] + t * du - u;
  const pv = a[1] + t * dv - v;
  return Math.sqrt(pu * pu + pv * pv);
}

// The lake's outflow channel (Aral Wah-like) from the lake's south-east shore to the river.
const CHANNEL_A: [number, number] = [6300, 12600];
const CHANNEL_B: [number, number] = [riverCenter(14200), 14200];

interface Water {
  /** Water fraction of the pixel, 0..1. */
  f: number;
  kind: Vec;
}

function waterAt(u: number, v: number, cx: number, state: FloodState, pix: number, out: Water): void {
  const post = state === 'post';
  const frac = (d: number) => clamp01(0.5 - d / pix);
  let f = 0;
  let kind = RIVER;
  // River channel: half-width ~230 m before, ~750 m in spate.
  const hw = post ? 760 + 180 * fbm(u, v, 2500, 2, 41) : 235 + 70 * fbm(u, v, 2200, 2, 42);
  let fr = frac(Math.abs(u - cx) - hw);
  if (!post && fr > 0) {
    // Sandbars inside the June channel.
    const bar = fbm(u, v, 700, 3, 43);
    if (bar > 0.18) fr *= clamp01(1 - (bar - 0.18) * 40);
  }
  if (fr > f) {
    f = fr;
    kind = RIVER;
  }
  const fl = post
    ? frac(ellipseDist(u, v, 5300, 10700, 4000, 4700, 0.45, 51))
    : frac(ellipseDist(u, v, 4400, 10000, 2300, 3200, 0.35, 52));
  if (fl > f) {
    f = fl;
    kind = LAKE;
  }
  const fc = frac(segmentDist(u, v, CHANNEL_A, CHANNEL_B) - 22);
  if (fc > f) {
    f = fc;
    kind = RIVER;
  }
  if (post) {
    // Low land between lake and river, and the river's west floodplain.
    const flow = frac(ellipseDist(u, v, 12200, 14300, 4600, 3300, 0.6, 61));
    const dfp = Math.abs(u - cx) - (2000 + 700 * fbm(u, v, 3200, 3, 62));
    const island = fbm(u, v, 900, 2, 63) > 0.2;
    const ffp = island ? 0 : frac(dfp);
    const ff = Math.max(flow, ffp);
    if (ff > f) {
      f = ff;
      kind = FLOOD;
    }
  }
  // The town and its ring dike stay dry.
  const td = townDist(u, v);
  if (td < 60) f = 0;
  else if (td < 60 + pix) f *= clamp01((td - 60) / pix);
  out.f = f;
  out.kind = kind;
}

/** Land cover reflectance (no water) and its NDVI-relevant mixture. */
function landAt(u: number, v: number, cx: number, state: FloodState, pix: number, out: Float64Array): void {
  const td = townDist(u, v);
  if (td < 60) {
    if (td > 0) {
      // Ring dike: compacted earth.
      for (let b = 0; b < 6; b++) out[b] = SAND[b] * 0.9;
      return;
    }
    const street = u % 130 < 14 || v % 110 < 14;
    const bld = hash2(Math.floor(u / 35), Math.floor(v / 35), 32);
    const tree = hash2(Math.floor(u / 50), Math.floor(v / 50), 33) < 0.08;
    for (let b = 0; b < 6; b++) {
      if (street) out[b] = URBAN[b] * 0.95;
      else if (tree) out[b] = 0.35 * VEG[b] + 0.65 * URBAN[b];
      else out[b] = bld < 0.55 ? ROOF[b] * (0.9 + 0.25 * bld) : URBAN[b] * (0.85 + 0.2 * bld);
    }
    return;
  }
  const he = hillsEdge(v);
  if (u < he) {
    // Barren hills with a cheap hillshade from the noise gradient.
    const n0 = fbm(u, v, 1600, 3, 71);
    const n1 = fbm(u + 60, v - 60, 1600, 3, 71);
    const shade = clamp01(0.92 + (n1 - n0) * 6 + 0.3 * n0) + 0.15;
    for (let b = 0; b < 6; b++) out[b] = ROCK[b] * shade;
    return;
  }
  const de = desertEdge(v);
  if (u < de) {
    const t = 0.9 + 0.2 * fbm(u, v, 900, 3, 72);
    const scrub = clamp01((fbm(u, v, 400, 2, 73) - 0.25) * 3) * 0.3;
    for (let b = 0; b < 6; b++) out[b] = (SAND[b] * (1 - scrub) + SOIL[b] * scrub) * t;
    return;
  }
  const dr = Math.abs(u - cx);
  if (dr < 700) {
    // Riparian belt (kachcha): sand and bush.
    const bush = clamp01((fbm(u, v, 500, 3, 74) + 0.05) * 4) * 0.7;
    for (let b = 0; b < 6; b++) out[b] = VEG[b] * bush + SAND[b] * (1 - bush) * 0.95;
    return;
  }
  fieldsAt(u, v, state, out);
  // Indus Highway-like road west of the river, and the spur into the town (anti-aliased).
  const road = Math.max(
    clamp01(0.5 - (Math.abs(u - highwayAt(v)) - 8) / pix),
    u > highwayAt(TOWN_V) && u < TOWN_U ? clamp01(0.5 - (Math.abs(v - TOWN_V) - 6) / pix) : 0,
  );
  if (road > 0) for (let b = 0; b < 6; b++) out[b] = road * ASPHALT[b] + (1 - road) * out[b];
}

function highwayAt(v: number): number {
  return 16600 - 0.1 * v + 500 * (valueNoise(0, v, 7000, 13) - 0.5);
}

function fieldsAt(u: number, v: number, state: FloodState, out: Float64Array): void {
  const post = state === 'post';
  // Field grid: 300 m × 360 m fields with 10 m earth bunds.
  const fu = Math.floor(u / 300);
  const fv = Math.floor(v / 360);
  const bund = u - fu * 300 < 10 || v - fv * 360 < 10;
  const r = hash2(fu, fv, 81);
  const soilT = 0.85 + 0.3 * hash2(fu, fv, 82);
  let veg: number;
  if (bund) veg = 0.05;
  else if (!post) veg = r < 0.38 ? 0.03 + 0.1 * hash2(fu, fv, 83) : 0.55 + 0.35 * hash2(fu, fv, 84);
  else veg = r < 0.19 ? 0.04 + 0.1 * hash2(fu, fv, 85) : 0.7 + 0.25 * hash2(fu, fv, 86);
  if (!bund && veg > 0.5) veg = clamp01(veg + 0.05 * fbm(u, v, 400, 2, 87));
  for (let b = 0; b < 6; b++) out[b] = VEG[b] * veg + SOIL[b] * soilT * (1 - veg);
}

function cloudOpacity(u: number, v: number, c: CloudModel): number {
  const n = fbm(u, v, 1800, 4, c.seed) + 0.35 * (valueNoise(u, v, 6000, c.seed + 7) - 0.5);
  return clamp01((n - c.threshold) * 22);
}

/** Sample the landscape on a grid. */
export function renderScene(grid: Grid, opts: RenderOptions): Rendered {
  const n = grid.width * grid.height;
  const refl = Array.from({ length: NBANDS }, () => new Float32Array(n));
  const water = new Uint8Array(n);
  const vegetated = new Uint8Array(n);
  const cloud = new Uint8Array(n);
  const nodata = new Uint8Array(n);
  const land = new Float64Array(6);
  const w: Water = { f: 0, kind: RIVER };
  for (let row = 0; row < grid.height; row++) {
    const v = FRAME.y0 - (grid.y0 - (row + 0.5) * grid.pixel);
    const cx = riverCenter(v);
    for (let col = 0; col < grid.width; col++) {
      const u = grid.x0 + (col + 0.5) * grid.pixel - FRAME.x0;
      const i = row * grid.width + col;
      if (opts.nodata(u, v)) {
        nodata[i] = 1;
        for (let b = 0; b < NBANDS; b++) refl[b][i] = Number.NaN;
        continue;
      }
      landAt(u, v, cx, opts.state, grid.pixel, land);
      waterAt(u, v, cx, opts.state, grid.pixel, w);
      const f = w.f;
      const isWater = f >= 0.5;
      water[i] = isWater ? 1 : 0;
      if (!isWater) {
        const red = f * w.kind[2] + (1 - f) * land[2];
        const nir = f * w.kind[3] + (1 - f) * land[3];
        if ((nir - red) / (nir + red) >= 0.3) vegetated[i] = 1;
      }
      // Gentle texture (all bands alike) so surfaces do not look flat.
      const tex = 1 + 0.03 * fbm(u, v, 700, 2, 91);
      const wtex = 1 + 0.06 * fbm(u, v, 1500, 2, 92);
      let alpha = 0;
      let shade = 1;
      if (opts.clouds) {
        alpha = cloudOpacity(u, v, opts.clouds);
        if (alpha >= opts.clouds.maskOpacity) cloud[i] = 1;
        const s = cloudOpacity(u + opts.clouds.shadowDx, v + opts.clouds.shadowDy, opts.clouds);
        shade = 1 - (1 - SHADOW) * s;
      }
      for (let b = 0; b < NBANDS; b++) {
        const ground = (f * w.kind[b] * wtex + (1 - f) * land[b] * tex) * shade;
        refl[b][i] = alpha * CLOUD[b] + (1 - alpha) * ground;
      }
    }
  }
  return { grid, refl, water, vegetated, cloud, nodata };
}
