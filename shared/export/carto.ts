/**
 * Numbers a map page needs: the extent fitted to the map box, a scale-bar length that is a round
 * number, graticule steps in degrees, and digits for Urdu pages.
 */

/** [minX, minY, maxX, maxY] in the map CRS. */
export type Extent = [number, number, number, number];

/** Grows the extent about its centre so that its width/height equals the box's aspect. */
export function fitExtent(e: Extent, boxW: number, boxH: number): Extent {
  const w = e[2] - e[0];
  const h = e[3] - e[1];
  const cx = (e[0] + e[2]) / 2;
  const cy = (e[1] + e[3]) / 2;
  const aspect = boxW / boxH;
  const [W, H] = w / h > aspect ? [w, w / aspect] : [h * aspect, h];
  return [cx - W / 2, cy - H / 2, cx + W / 2, cy + H / 2];
}

/** The largest 1, 2 or 5 × 10^k not above `v`. */
export function roundDown125(v: number): number {
  if (!(v > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  const f = v / p;
  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
}

export interface ScaleBar {
  /** Length in metres. */
  metres: number;
  /** Length on the page, in the same unit as `mapWidth`. */
  length: number;
  /** Tick label unit. */
  unit: 'm' | 'km';
  /** Segments drawn (alternating black and white). */
  segments: number;
}

/**
 * A scale bar at most `maxLength` long on the page, for a map `mapWidth` long that shows
 * `groundWidth` metres across.
 */
export function scaleBar(groundWidth: number, mapWidth: number, maxLength: number): ScaleBar {
  const perUnit = groundWidth / mapWidth;
  const metres = roundDown125(maxLength * perUnit);
  const first = metres / 10 ** Math.floor(Math.log10(metres));
  return {
    metres,
    length: metres / perUnit,
    unit: metres >= 1000 ? 'km' : 'm',
    segments: first === 2 ? 4 : first === 5 ? 5 : 4,
  };
}

const DEGREE_STEPS = [1 / 60, 2 / 60, 5 / 60, 10 / 60, 0.25, 0.5, 1, 2, 5, 10];

/** A graticule step giving about `lines` lines across `span` degrees. */
export function graticuleStep(span: number, lines = 4): number {
  for (const s of DEGREE_STEPS) if (span / s <= lines) return s;
  return DEGREE_STEPS[DEGREE_STEPS.length - 1];
}

/** Multiples of `step` inside [lo, hi]. */
export function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/** 67.75 → "67°45′E" (lon) or "26°30′N" (lat). */
export function formatDegrees(v: number, axis: 'lon' | 'lat'): string {
  const hemi = axis === 'lon' ? (v < 0 ? 'W' : 'E') : v < 0 ? 'S' : 'N';
  const a = Math.abs(v);
  let d = Math.floor(a + 1e-9);
  let mins = Math.round((a - d) * 60);
  if (mins === 60) {
    d += 1;
    mins = 0;
  }
  return mins ? `${d}°${String(mins).padStart(2, '0')}′${hemi}` : `${d}°${hemi}`;
}

const URDU_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Western digits → extended Arabic-Indic digits (U+06F0–U+06F9), as Urdu text writes them. */
export function urduDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => URDU_DIGITS[Number(d)]);
}

/** A number for a page in `lang`: grouped thousands, `digits` decimals, Urdu digits in Urdu. */
export function formatNumber(v: number, lang: 'en' | 'ur', digits = 1): string {
  if (!Number.isFinite(v)) return '–';
  const s = v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return lang === 'ur' ? urduDigits(s).replace(/,/g, '٬').replace(/\./g, '٫') : s;
}
