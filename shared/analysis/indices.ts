/**
 * Spectral indices as data, plus fused kernels over typed arrays.
 *
 * Formulas follow Awesome Spectral Indices (Montero et al. 2023, doi 10.1038/s41597-023-02096-0)
 * and the original papers cited per index. The same definitions feed the map (renderer workers) and
 * the numbers (CLI / engine), so the two cannot disagree.
 *
 * Kernels take arrays already on one grid (same length), convert DN to physical values with
 * value = DN·scale + offset BEFORE the math (an offset changes normalized differences; docs/bands.md, docs/indices.md),
 * and write NaN where any input is nodata (raw value equal to nodata, or NaN in float inputs) or where
 * the formula is undefined (zero denominator).
 */

import { NigahError } from '../errors';
import type { BandRole } from '../scene';
import { ndU16Simd } from './simd';

export type IndexId =
  | 'ndvi'
  | 'evi'
  | 'savi'
  | 'gndvi'
  | 'ndwi'
  | 'mndwi'
  | 'ndmi'
  | 'nbr'
  | 'ndbi'
  | 'awei-sh'
  | 'awei-nsh'
  | 'ndti';

export type RampId = 'ndvi' | 'water' | 'moisture' | 'burn' | 'builtup' | 'turbidity';

export interface IndexDef {
  id: IndexId;
  /** Short upper-case name (NDVI). */
  name: string;
  /** UI label: name plus what it shows. */
  label: string;
  longName: string;
  /** Human formula with band letters. */
  formula: string;
  /** The same formula in Nigah's band-math language (shared/analysis/expression.ts). */
  expression: string;
  /** Band roles the formula reads, in formula order. */
  bands: BandRole[];
  /** True when the formula has constants that assume surface reflectance 0–1 (EVI, SAVI, AWEI). */
  needsReflectance: boolean;
  /** Range the values normally fall in; the default display stretch. */
  typicalRange: [number, number];
  /** Default threshold when the index is used to classify (water > t, vegetation > t). */
  defaultThreshold: number;
  /** What values above the threshold mean; water indices drive the water/flood commands. */
  kind: 'vegetation' | 'water' | 'moisture' | 'burn' | 'builtup' | 'turbidity';
  citation: string;
  ramp: RampId;
}

/** STAC eo common names used by the indices, with the letters the formulas use. */
export const ROLE_LETTERS: Partial<Record<BandRole, string>> = {
  blue: 'B',
  green: 'G',
  red: 'R',
  nir: 'N',
  swir16: 'S1',
  swir22: 'S2',
};

/** Names shown to people (the STAC name plus the familiar one). */
export const ROLE_LABELS: Partial<Record<BandRole, string>> = {
  coastal: 'coastal',
  blue: 'blue',
  green: 'green',
  red: 'red',
  nir: 'nir (NIR)',
  nir08: 'nir08 (narrow NIR)',
  swir16: 'swir16 (SWIR1)',
  swir22: 'swir22 (SWIR2)',
};

export const INDICES: readonly IndexDef[] = [
  {
    id: 'ndvi',
    name: 'NDVI',
    label: 'NDVI — vegetation',
    longName: 'Normalized Difference Vegetation Index',
    formula: '(N − R) / (N + R)',
    expression: '(nir - red) / (nir + red)',
    bands: ['nir', 'red'],
    needsReflectance: false,
    typicalRange: [-0.2, 0.9],
    defaultThreshold: 0.3,
    kind: 'vegetation',
    citation: 'Rouse et al. 1974, Monitoring vegetation systems in the Great Plains with ERTS (NASA SP-351)',
    ramp: 'ndvi',
  },
  {
    id: 'evi',
    name: 'EVI',
    label: 'EVI — vegetation (enhanced)',
    longName: 'Enhanced Vegetation Index',
    formula: '2.5 · (N − R) / (N + 6R − 7.5B + 1)',
    expression: '2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)',
    bands: ['nir', 'red', 'blue'],
    needsReflectance: true,
    typicalRange: [-0.2, 0.9],
    defaultThreshold: 0.25,
    kind: 'vegetation',
    citation: 'Huete et al. 2002, Remote Sens. Environ. 83, doi 10.1016/S0034-4257(02)00096-2',
    ramp: 'ndvi',
  },
  {
    id: 'savi',
    name: 'SAVI',
    label: 'SAVI — vegetation (soil-adjusted)',
    longName: 'Soil-Adjusted Vegetation Index (L = 0.5)',
    formula: '(1 + L) · (N − R) / (N + R + L), L = 0.5',
    expression: '1.5 * (nir - red) / (nir + red + 0.5)',
    bands: ['nir', 'red'],
    needsReflectance: true,
    typicalRange: [-0.2, 0.8],
    defaultThreshold: 0.2,
    kind: 'vegetation',
    citation: 'Huete 1988, Remote Sens. Environ. 25, doi 10.1016/0034-4257(88)90106-X',
    ramp: 'ndvi',
  },
  {
    id: 'gndvi',
    name: 'GNDVI',
    label: 'GNDVI — vegetation (green)',
    longName: 'Green Normalized Difference Vegetation Index',
    formula: '(N − G) / (N + G)',
    expression: '(nir - green) / (nir + green)',
    bands: ['nir', 'green'],
    needsReflectance: false,
    typicalRange: [-0.2, 0.9],
    defaultThreshold: 0.3,
    kind: 'vegetation',
    citation: 'Gitelson et al. 1996, Remote Sens. Environ. 58, doi 10.1016/S0034-4257(96)00072-7',
    ramp: 'ndvi',
  },
  {
    id: 'ndwi',
    name: 'NDWI',
    label: 'NDWI — open water (McFeeters)',
    longName: 'Normalized Difference Water Index (McFeeters)',
    formula: '(G − N) / (G + N)',
    expression: '(green - nir) / (green + nir)',
    bands: ['green', 'nir'],
    needsReflectance: false,
    typicalRange: [-0.8, 0.8],
    defaultThreshold: 0,
    kind: 'water',
    citation: 'McFeeters 1996, Int. J. Remote Sens. 17, doi 10.1080/01431169608948714',
    ramp: 'water',
  },
  {
    id: 'mndwi',
    name: 'MNDWI',
    label: 'MNDWI — open water (modified, SWIR)',
    longName: 'Modified Normalized Difference Water Index',
    formula: '(G − S1) / (G + S1)',
    expression: '(green - swir16) / (green + swir16)',
    bands: ['green', 'swir16'],
    needsReflectance: false,
    typicalRange: [-0.8, 0.8],
    defaultThreshold: 0,
    kind: 'water',
    citation: 'Xu 2006, Int. J. Remote Sens. 27, doi 10.1080/01431160600589179',
    ramp: 'water',
  },
  {
    id: 'ndmi',
    name: 'NDMI',
    label: 'NDMI — canopy moisture (Gao NDWI / LSWI)',
    longName: 'Normalized Difference Moisture Index (Gao 1996 "NDWI", LSWI)',
    formula: '(N − S1) / (N + S1)',
    expression: '(nir - swir16) / (nir + swir16)',
    bands: ['nir', 'swir16'],
    needsReflectance: false,
    typicalRange: [-0.6, 0.7],
    defaultThreshold: 0.2,
    kind: 'moisture',
    citation: 'Gao 1996, Remote Sens. Environ. 58, doi 10.1016/S0034-4257(96)00067-3',
    ramp: 'moisture',
  },
  {
    id: 'nbr',
    name: 'NBR',
    label: 'NBR — burn ratio',
    longName: 'Normalized Burn Ratio',
    formula: '(N − S2) / (N + S2)',
    expression: '(nir - swir22) / (nir + swir22)',
    bands: ['nir', 'swir22'],
    needsReflectance: false,
    typicalRange: [-0.6, 0.8],
    defaultThreshold: 0.1,
    kind: 'burn',
    citation: 'Key & Benson 2006, Landscape Assessment (LA), USDA RMRS-GTR-164-CD',
    ramp: 'burn',
  },
  {
    id: 'ndbi',
    name: 'NDBI',
    label: 'NDBI — built-up',
    longName: 'Normalized Difference Built-up Index',
    formula: '(S1 − N) / (S1 + N)',
    expression: '(swir16 - nir) / (swir16 + nir)',
    bands: ['swir16', 'nir'],
    needsReflectance: false,
    typicalRange: [-0.6, 0.4],
    defaultThreshold: 0,
    kind: 'builtup',
    citation: 'Zha et al. 2003, Int. J. Remote Sens. 24, doi 10.1080/01431160304987',
    ramp: 'builtup',
  },
  {
    id: 'awei-sh',
    name: 'AWEIsh',
    label: 'AWEIsh — water (shadow-suppressing)',
    longName: 'Automated Water Extraction Index (with shadows)',
    formula: 'B + 2.5·G − 1.5·(N + S1) − 0.25·S2',
    expression: 'blue + 2.5 * green - 1.5 * (nir + swir16) - 0.25 * swir22',
    bands: ['blue', 'green', 'nir', 'swir16', 'swir22'],
    needsReflectance: true,
    typicalRange: [-1, 0.5],
    defaultThreshold: 0,
    kind: 'water',
    citation: 'Feyisa et al. 2014, Remote Sens. Environ. 140, doi 10.1016/j.rse.2013.08.029',
    ramp: 'water',
  },
  {
    id: 'awei-nsh',
    name: 'AWEInsh',
    label: 'AWEInsh — water (no shadows)',
    longName: 'Automated Water Extraction Index (no shadows)',
    formula: '4·(G − S1) − (0.25·N + 2.75·S2)',
    expression: '4 * (green - swir16) - (0.25 * nir + 2.75 * swir22)',
    bands: ['green', 'swir16', 'nir', 'swir22'],
    needsReflectance: true,
    typicalRange: [-1.5, 0.8],
    defaultThreshold: 0,
    kind: 'water',
    citation: 'Feyisa et al. 2014, Remote Sens. Environ. 140, doi 10.1016/j.rse.2013.08.029',
    ramp: 'water',
  },
  {
    id: 'ndti',
    name: 'NDTI',
    label: 'NDTI — water turbidity',
    longName: 'Normalized Difference Turbidity Index',
    formula: '(R − G) / (R + G)',
    expression: '(red - green) / (red + green)',
    bands: ['red', 'green'],
    needsReflectance: false,
    typicalRange: [-0.4, 0.4],
    defaultThreshold: 0,
    kind: 'turbidity',
    citation: 'Lacaux et al. 2007, Remote Sens. Environ. 106, doi 10.1016/j.rse.2006.07.012',
    ramp: 'turbidity',
  },
];

const BY_ID = new Map<string, IndexDef>(INDICES.map((d) => [d.id, d]));
/** Spellings people type: "AWEIsh", "awei_sh", "aweish", "lswi". */
const INDEX_ALIASES: Record<string, IndexId> = {
  aweish: 'awei-sh',
  awei_sh: 'awei-sh',
  aweinsh: 'awei-nsh',
  awei_nsh: 'awei-nsh',
  lswi: 'ndmi',
};

/** The definition for an id or alias (case-insensitive), or undefined. */
export function findIndex(name: string): IndexDef | undefined {
  const key = name.trim().toLowerCase();
  return BY_ID.get(key) ?? BY_ID.get(INDEX_ALIASES[key] ?? '');
}

export function getIndex(id: string): IndexDef {
  const def = findIndex(id);
  if (!def)
    throw new NigahError('BAD_ARGUMENT', `Unknown index "${id}".`, {
      hint: `Use one of ${INDICES.map((d) => d.id).join(', ')}, or a band-math expression such as "(nir - red) / (nir + red)".`,
    });
  return def;
}

/** Typed arrays a band can arrive in (decoded GeoTIFF samples). */
export type BandArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** DN → physical: value = DN·scale + offset; `nodata` is compared against the raw DN. */
export interface BandScaling {
  scale: number;
  offset: number;
  nodata: number | null;
}

export type BandSet = Partial<Record<BandRole, BandArray>>;
export type ScalingSet = Partial<Record<BandRole, Partial<BandScaling>>>;

/** Roles a definition needs that `available` lacks, in formula order. */
export function missingBands(def: IndexDef, available: Iterable<BandRole>): BandRole[] {
  const have = new Set(available);
  return def.bands.filter((r) => !have.has(r));
}

/**
 * Throws MISSING_BAND naming the band(s) and suggesting an index the scene can compute, e.g.
 * "MNDWI needs swir16 (SWIR1); GF-1 WFV has no SWIR — use NDWI".
 */
export function assertBands(def: IndexDef, available: Iterable<BandRole>, sceneName = 'This scene'): void {
  const have = [...available];
  const missing = missingBands(def, have);
  if (missing.length === 0) return;
  const names = missing.map((r) => ROLE_LABELS[r] ?? r).join(' and ');
  const alternatives = INDICES.filter(
    (d) => d.kind === def.kind && d.id !== def.id && missingBands(d, have).length === 0,
  );
  const noSwir = missing.some((r) => r === 'swir16' || r === 'swir22');
  const hint = alternatives.length
    ? `${sceneName} has no ${noSwir ? 'SWIR' : missing.join('/')} — use ${alternatives.map((d) => d.name).join(' or ')}.`
    : `Bands available: ${have.length ? have.join(', ') : 'none with known roles'}. Map a band with --bands role=N.`;
  throw new NigahError('MISSING_BAND', `${def.name} needs ${names}.`, {
    hint,
    details: { index: def.id, missing, available: have },
  });
}

function scalingOf(s: Partial<BandScaling> | undefined): BandScaling {
  return { scale: s?.scale ?? 1, offset: s?.offset ?? 0, nodata: s?.nodata ?? null };
}

/** Nodata value as a number that never equals a real sample when absent. */
function nd(s: BandScaling): number {
  return s.nodata === null || s.nodata === undefined ? Number.NaN : s.nodata;
}

function pick(def: IndexDef, bands: BandSet, role: BandRole): BandArray {
  const a = bands[role];
  if (!a) assertBands(def, Object.keys(bands) as BandRole[]);
  return a as BandArray;
}

/**
 * Normalized difference (a − b)/(a + b) on physical values. One fused pass: no temporaries.
 * NaN input, raw == nodata, or a + b == 0 → NaN.
 */
export function normalizedDifference(
  a: BandArray,
  b: BandArray,
  sa: Partial<BandScaling> | undefined,
  sb: Partial<BandScaling> | undefined,
  out: Float32Array,
  start = 0,
  end = out.length,
): void {
  const A = scalingOf(sa);
  const B = scalingOf(sb);
  const ka = A.scale;
  const oa = A.offset;
  const kb = B.scale;
  const ob = B.offset;
  const na = nd(A);
  const nb = nd(B);
  if (ka === kb && oa === ob && ka > 0) {
    // Common scale k and offset o: (u − v)/(u + v) = (x − y)/(x + y + c) with c = 2o/k. Snapping c
    // to an integer (−2000 for Sentinel-2 baseline ≥ 04.00, 0 for DN/10000) keeps x + y + c exact,
    // so a true zero denominator is exactly zero (→ NaN) instead of a float64 crumb (→ ±1e13).
    let c = (2 * oa) / ka;
    if (Math.abs(c - Math.round(c)) < 1e-9 * Math.max(1, Math.abs(c))) c = Math.round(c);
    if (
      a instanceof Uint16Array &&
      b instanceof Uint16Array &&
      Number.isInteger(c) &&
      Math.abs(c) < 1 << 24 &&
      ndU16Simd(a, b, out, start, end, A.nodata, B.nodata, c)
    )
      return;
    for (let i = start; i < end; i++) {
      const x = a[i];
      const y = b[i];
      const s = x + y + c;
      out[i] = x === na || y === nb || s === 0 ? Number.NaN : (x - y) / s;
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const x = a[i];
    const y = b[i];
    if (x === na || y === nb) {
      out[i] = Number.NaN;
      continue;
    }
    const u = x * ka + oa;
    const v = y * kb + ob;
    const s = u + v;
    out[i] = s === 0 ? Number.NaN : (u - v) / s;
  }
}

/** Physical values of one band (NaN for nodata) into a Float32Array. */
export function toPhysical(
  src: BandArray,
  s: Partial<BandScaling> | undefined,
  out: Float32Array,
  start = 0,
  end = out.length,
): void {
  const S = scalingOf(s);
  const k = S.scale;
  const o = S.offset;
  const n = nd(S);
  for (let i = start; i < end; i++) {
    const x = src[i];
    out[i] = x === n ? Number.NaN : x * k + o;
  }
}

const ND_PAIRS: Partial<Record<IndexId, [BandRole, BandRole]>> = {
  ndvi: ['nir', 'red'],
  gndvi: ['nir', 'green'],
  ndwi: ['green', 'nir'],
  mndwi: ['green', 'swir16'],
  ndmi: ['nir', 'swir16'],
  nbr: ['nir', 'swir22'],
  ndbi: ['swir16', 'nir'],
  ndti: ['red', 'green'],
};

/**
 * Compute a built-in index over whole arrays (all the same length, on the same grid) into `out`.
 * `start`/`end` limit the pixel range so a caller can split work.
 */
export function computeIndex(
  id: IndexId | string,
  bands: BandSet,
  scales: ScalingSet,
  out: Float32Array,
  start = 0,
  end = out.length,
): Float32Array {
  const def = getIndex(id);
  assertBands(def, Object.keys(bands).filter((k) => bands[k as BandRole]) as BandRole[]);
  const pair = ND_PAIRS[def.id];
  if (pair) {
    normalizedDifference(
      pick(def, bands, pair[0]),
      pick(def, bands, pair[1]),
      scales[pair[0]],
      scales[pair[1]],
      out,
      start,
      end,
    );
    return out;
  }
  const get = (role: BandRole) => {
    const S = scalingOf(scales[role]);
    return { a: pick(def, bands, role), k: S.scale, o: S.offset, n: nd(S) };
  };
  switch (def.id) {
    case 'evi': {
      const N = get('nir');
      const R = get('red');
      const B = get('blue');
      for (let i = start; i < end; i++) {
        const xn = N.a[i];
        const xr = R.a[i];
        const xb = B.a[i];
        if (xn === N.n || xr === R.n || xb === B.n) {
          out[i] = Number.NaN;
          continue;
        }
        const n = xn * N.k + N.o;
        const r = xr * R.k + R.o;
        const b = xb * B.k + B.o;
        const den = n + 6 * r - 7.5 * b + 1;
        out[i] = den === 0 ? Number.NaN : (2.5 * (n - r)) / den;
      }
      return out;
    }
    case 'savi': {
      const N = get('nir');
      const R = get('red');
      for (let i = start; i < end; i++) {
        const xn = N.a[i];
        const xr = R.a[i];
        if (xn === N.n || xr === R.n) {
          out[i] = Number.NaN;
          continue;
        }
        const n = xn * N.k + N.o;
        const r = xr * R.k + R.o;
        const den = n + r + 0.5;
        out[i] = den === 0 ? Number.NaN : (1.5 * (n - r)) / den;
      }
      return out;
    }
    case 'awei-sh': {
      const B = get('blue');
      const G = get('green');
      const N = get('nir');
      const S1 = get('swir16');
      const S2 = get('swir22');
      for (let i = start; i < end; i++) {
        const xb = B.a[i];
        const xg = G.a[i];
        const xn = N.a[i];
        const x1 = S1.a[i];
        const x2 = S2.a[i];
        if (xb === B.n || xg === G.n || xn === N.n || x1 === S1.n || x2 === S2.n) {
          out[i] = Number.NaN;
          continue;
        }
        out[i] =
          xb * B.k +
          B.o +
          2.5 * (xg * G.k + G.o) -
          1.5 * (xn * N.k + N.o + (x1 * S1.k + S1.o)) -
          0.25 * (x2 * S2.k + S2.o);
      }
      return out;
    }
    case 'awei-nsh': {
      const G = get('green');
      const S1 = get('swir16');
      const N = get('nir');
      const S2 = get('swir22');
      for (let i = start; i < end; i++) {
        const xg = G.a[i];
        const x1 = S1.a[i];
        const xn = N.a[i];
        const x2 = S2.a[i];
        if (xg === G.n || x1 === S1.n || xn === N.n || x2 === S2.n) {
          out[i] = Number.NaN;
          continue;
        }
        out[i] =
          4 * (xg * G.k + G.o - (x1 * S1.k + S1.o)) - (0.25 * (xn * N.k + N.o) + 2.75 * (x2 * S2.k + S2.o));
      }
      return out;
    }
    default:
      throw new NigahError('INTERNAL', `No kernel for index ${def.id}.`);
  }
}
