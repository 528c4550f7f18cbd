/**
 * Display stretches: a histogram of a band's physical values, percentiles read off it, and the
 * [low, high] range each stretch mode gives. Pure numbers, shared by the map's workers (which
 * build the histograms of what is in view) and the layers panel (which draws them).
 */

export interface Histogram {
  /** Lower edge of the first bin and upper edge of the last. */
  min: number;
  max: number;
  counts: number[];
  /** Values counted (nodata and NaN excluded). */
  total: number;
}

/**
 * Histogram of DN values turned into physical values (DN · scale + offset). Nodata DNs and NaN
 * are skipped. Bins are equal-width over [min, max] of the data (or `range` when given; values
 * outside it are clamped into the end bins); the maximum falls in the last bin.
 */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  opts: { scale?: number; offset?: number; nodata?: number | null; range?: [number, number] } = {},
): Histogram {
  const scale = opts.scale ?? 1;
  const offset = opts.offset ?? 0;
  const nodata = opts.nodata ?? null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  if (opts.range) [min, max] = opts.range;
  else {
    for (let i = 0; i < values.length; i++) {
      const d = values[i];
      if (d === nodata || Number.isNaN(d)) continue;
      const v = d * scale + offset;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const counts = new Array<number>(bins).fill(0);
  if (!(max >= min)) return { min: Number.NaN, max: Number.NaN, counts, total: 0 };
  const width = (max - min) / bins;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i];
    if (d === nodata || Number.isNaN(d)) continue;
    const v = d * scale + offset;
    const b = width > 0 ? Math.floor((v - min) / width) : 0;
    counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
    total++;
  }
  return { min, max, counts, total };
}

/**
 * The value below which `p` % of the counted values fall, interpolated linearly inside the bin
 * where the cumulative count reaches it (values spread evenly within a bin).
 */
export function histogramPercentile(h: Histogram, p: number): number {
  if (h.total === 0) return Number.NaN;
  const target = (Math.min(100, Math.max(0, p)) / 100) * h.total;
  const width = (h.max - h.min) / h.counts.length;
  let cum = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b];
    if (c > 0 && cum + c >= target) return h.min + (b + (target - cum) / c) * width;
    cum += c;
  }
  return h.max;
}

/** Lowest and highest bin edges that hold data. */
export function histogramExtent(h: Histogram): [number, number] {
  const width = (h.max - h.min) / h.counts.length;
  const first = h.counts.findIndex((c) => c > 0);
  let last = h.counts.length - 1;
  while (last > 0 && h.counts[last] === 0) last--;
  if (first < 0) return [Number.NaN, Number.NaN];
  return [h.min + first * width, h.min + (last + 1) * width];
}

export type StretchMode = 'fixed' | 'percentile' | 'minmax' | 'manual';

export interface StretchSpec {
  mode: StretchMode;
  /** Percentiles for 'percentile' (e.g. 2 and 98). */
  lowPct: number;
  highPct: number;
}

/**
 * The [low, high] display range of one band: 'percentile' and 'minmax' read the histogram,
 * 'fixed' and 'manual' keep `current` (the fixed reflectance range or the dragged one).
 */
export function stretchRange(
  spec: StretchSpec,
  h: Histogram | null,
  current: [number, number],
): [number, number] {
  if (!h || h.total === 0 || spec.mode === 'fixed' || spec.mode === 'manual') return current;
  const [lo, hi] =
    spec.mode === 'minmax'
      ? histogramExtent(h)
      : [histogramPercentile(h, spec.lowPct), histogramPercentile(h, spec.highPct)];
  return hi > lo ? [lo, hi] : current;
}

/** Display byte of a value under a linear stretch [lo, hi] (0 below, 255 above). */
export function stretchByte(v: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  const t = (v - lo) / (hi - lo);
  return t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
}
