/**
 * Colour ramps for index overlays, as data, and a LUT-based colorizer for RGBA tiles.
 *
 * Ramps are stops on t ∈ [0, 1] (t = (value − min)/(max − min)); display code picks min/max (usually
 * the index's typicalRange). colorize() uses a 1024-entry lookup table, so it is one multiply, one
 * floor and four byte copies per pixel.
 */
import type { RampId } from './indices';

export type RGBA = [number, number, number, number];

export interface Ramp {
  id: RampId | string;
  label: string;
  /** Ascending t in [0, 1] with the colour at that t. */
  stops: { t: number; color: RGBA }[];
}

/**
 * NDVI-like (diverging): blue for water (negative NDVI) → tan/brown bare soil → yellow sparse →
 * greens for dense vegetation. With the NDVI display range [-0.2, 0.9]: t(0) ≈ 0.18, so negative values
 * (water, which has NDVI < 0) are blue, 0–0.2 brown, 0.2–0.4 yellow, > 0.6 deep green.
 */
export const NDVI_RAMP: Ramp = {
  id: 'ndvi',
  label: 'water (blue) – bare soil (brown) – sparse (yellow) – dense vegetation (green)',
  stops: [
    { t: 0, color: [33, 102, 172, 255] },
    { t: 0.12, color: [103, 169, 207, 255] },
    { t: 0.18, color: [166, 97, 26, 255] },
    { t: 0.3, color: [223, 194, 125, 255] },
    { t: 0.4, color: [254, 224, 139, 255] },
    { t: 0.55, color: [166, 217, 106, 255] },
    { t: 0.75, color: [26, 152, 80, 255] },
    { t: 1, color: [0, 84, 40, 255] },
  ],
};

/** Water indices: dry land light beige → pale cyan → deep blue for open water (high values). */
export const WATER_RAMP: Ramp = {
  id: 'water',
  label: 'dry (beige) – wet (cyan) – open water (dark blue)',
  stops: [
    { t: 0, color: [140, 81, 10, 255] },
    { t: 0.3, color: [223, 194, 125, 255] },
    { t: 0.48, color: [245, 245, 245, 255] },
    { t: 0.6, color: [128, 205, 230, 255] },
    { t: 0.8, color: [33, 113, 181, 255] },
    { t: 1, color: [8, 48, 107, 255] },
  ],
};

export const MOISTURE_RAMP: Ramp = {
  id: 'moisture',
  label: 'dry (brown) – moist canopy (blue-green)',
  stops: [
    { t: 0, color: [140, 81, 10, 255] },
    { t: 0.4, color: [246, 232, 195, 255] },
    { t: 0.7, color: [90, 180, 172, 255] },
    { t: 1, color: [1, 102, 94, 255] },
  ],
};

export const BURN_RAMP: Ramp = {
  id: 'burn',
  label: 'burnt (dark red) – unburnt vegetation (green)',
  stops: [
    { t: 0, color: [103, 0, 13, 255] },
    { t: 0.35, color: [244, 109, 67, 255] },
    { t: 0.55, color: [255, 255, 191, 255] },
    { t: 1, color: [26, 152, 80, 255] },
  ],
};

export const BUILTUP_RAMP: Ramp = {
  id: 'builtup',
  label: 'vegetation/water (green) – built-up (magenta)',
  stops: [
    { t: 0, color: [77, 146, 33, 255] },
    { t: 0.5, color: [247, 247, 247, 255] },
    { t: 1, color: [197, 27, 125, 255] },
  ],
};

export const TURBIDITY_RAMP: Ramp = {
  id: 'turbidity',
  label: 'clear (blue) – turbid (brown)',
  stops: [
    { t: 0, color: [5, 48, 97, 255] },
    { t: 0.5, color: [247, 247, 247, 255] },
    { t: 1, color: [140, 81, 10, 255] },
  ],
};

export const RAMPS: Record<string, Ramp> = {
  ndvi: NDVI_RAMP,
  water: WATER_RAMP,
  moisture: MOISTURE_RAMP,
  burn: BURN_RAMP,
  builtup: BUILTUP_RAMP,
  turbidity: TURBIDITY_RAMP,
};

export function getRamp(id: string | Ramp): Ramp {
  if (typeof id !== 'string') return id;
  return RAMPS[id] ?? NDVI_RAMP;
}

/** Colour at t ∈ [0, 1] (clamped), linear between stops. */
export function rampColor(ramp: Ramp | string, t: number): RGBA {
  const r = getRamp(ramp);
  const s = r.stops;
  if (!(t > s[0].t)) return [...s[0].color];
  if (t >= s[s.length - 1].t) return [...s[s.length - 1].color];
  let k = 1;
  while (s[k].t < t) k++;
  const a = s[k - 1];
  const b = s[k];
  const f = (t - a.t) / (b.t - a.t);
  return [0, 1, 2, 3].map((c) => Math.round(a.color[c] + f * (b.color[c] - a.color[c]))) as RGBA;
}

const LUT_SIZE = 1024;
const lutCache = new Map<string, Uint8Array>();

/** RGBA lookup table of LUT_SIZE entries over t ∈ [0, 1]. */
export function rampLut(ramp: Ramp | string): Uint8Array {
  const r = getRamp(ramp);
  const key = typeof ramp === 'string' ? ramp : JSON.stringify(r.stops);
  let lut = lutCache.get(key);
  if (!lut) {
    lut = new Uint8Array(LUT_SIZE * 4);
    for (let i = 0; i < LUT_SIZE; i++) lut.set(rampColor(r, i / (LUT_SIZE - 1)), i * 4);
    lutCache.set(key, lut);
  }
  return lut;
}

/**
 * Values → RGBA pixels (out.length = 4·values.length). NaN (nodata) → transparent (alpha 0).
 * Values outside [min, max] clamp to the ends of the ramp.
 */
export function colorize(
  values: Float32Array,
  ramp: Ramp | string,
  min: number,
  max: number,
  out: Uint8ClampedArray,
): Uint8ClampedArray {
  const lut = rampLut(ramp);
  const span = max - min;
  const k = span !== 0 ? (LUT_SIZE - 1) / span : 0;
  const last = LUT_SIZE - 1;
  const n = values.length;
  if (out.byteOffset % 4 === 0) {
    // One 32-bit store per pixel (RGBA bytes packed in platform order; transparent black is 0).
    const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, LUT_SIZE);
    const o32 = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v)) {
        o32[i] = 0;
        continue;
      }
      let j = ((v - min) * k + 0.5) | 0;
      if (j < 0) j = 0;
      else if (j > last) j = last;
      o32[i] = lut32[j];
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const o = i * 4;
    if (Number.isNaN(v)) {
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
      out[o + 3] = 0;
      continue;
    }
    let j = ((v - min) * k + 0.5) | 0;
    if (j < 0) j = 0;
    else if (j > last) j = last;
    const l = j * 4;
    out[o] = lut[l];
    out[o + 1] = lut[l + 1];
    out[o + 2] = lut[l + 2];
    out[o + 3] = lut[l + 3];
  }
  return out;
}

export interface LegendStop {
  value: number;
  /** #rrggbb */
  color: string;
  rgba: RGBA;
}

function hex(c: RGBA): string {
  return `#${[c[0], c[1], c[2]].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** `count` evenly spaced legend entries from min to max (inclusive). */
export function legendStops(ramp: Ramp | string, min: number, max: number, count = 6): LegendStop[] {
  const out: LegendStop[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    const rgba = rampColor(ramp, t);
    out.push({ value: min + t * (max - min), color: hex(rgba), rgba });
  }
  return out;
}

/** The ramp's own stops as value/colour pairs for [min, max] (e.g. for an OpenLayers 'interpolate' style). */
export function rampStops(ramp: Ramp | string, min: number, max: number): LegendStop[] {
  return getRamp(ramp).stops.map((s) => ({
    value: min + s.t * (max - min),
    color: hex(s.color),
    rgba: [...s.color] as RGBA,
  }));
}
