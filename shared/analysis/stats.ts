/**
 * Statistics that can be accumulated tile by tile and merged across workers: count, min, max, mean,
 * standard deviation (sums in float64), and a fixed-range histogram from which percentiles and Otsu
 * thresholds are derived. NaN (nodata) never enters any of them.
 */
export interface Histogram {
  /** Lower edge of the first bin and upper edge of the last. Values outside are clamped to the end bins. */
  lo: number;
  hi: number;
  counts: Float64Array;
}

export interface RunningStats {
  count: number;
  /** Pixels seen that were NaN (nodata). */
  nodata: number;
  min: number;
  max: number;
  sum: number;
  sumSq: number;
  hist: Histogram;
}

export interface Summary {
  count: number;
  nodata: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  percentiles: Record<string, number | null>;
}

export const DEFAULT_BINS = 2048;

export function createStats(lo = -1, hi = 1, bins = DEFAULT_BINS): RunningStats {
  return {
    count: 0,
    nodata: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    sum: 0,
    sumSq: 0,
    hist: { lo, hi, counts: new Float64Array(bins) },
  };
}

/** Add values[start, end). NaN counts as nodata; values outside [lo, hi] go to the end bins. */
export function accumulate(
  st: RunningStats,
  values: ArrayLike<number>,
  start = 0,
  end = values.length,
): RunningStats {
  // Index tiles get a monomorphic Float32Array loop: V8 deoptimizes a generic one that has seen
  // several array types (measured 1.4 s vs 0.26 s in one worker on a 10980² scene).
  if (values instanceof Float32Array) return accumulateF32(st, values, start, end);
  return accumulateAny(st, values, start, end);
}

/** Scratch histogram with 4 interleaved lanes (see accumulateF32). */
let lanes = new Uint32Array(0);

function accumulateF32(st: RunningStats, values: Float32Array, start: number, end: number): RunningStats {
  const counts = st.hist.counts;
  const nb = counts.length;
  const lo = st.hist.lo;
  const hi = st.hist.hi;
  const k = nb / (hi - lo);
  // Neighbouring pixels often fall in the same bin (fields, water): incrementing one counter back to
  // back stalls on store-to-load forwarding. Four interleaved counters per bin break that chain.
  if (lanes.length < nb * 4) lanes = new Uint32Array(nb * 4);
  else lanes.fill(0, 0, nb * 4);
  // A local binding the loop can keep in a register (0.73 vs 0.79 ms per 512² tile).
  const ln = lanes;
  let count = 0;
  let nodata = 0;
  let min = st.min;
  let max = st.max;
  let sum = 0;
  let sumSq = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nodata++;
      continue;
    }
    count++;
    sum += v;
    sumSq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
    // Range checks before the int conversion: |0 of a huge value would wrap around.
    let b = 0;
    if (v >= hi) b = nb - 1;
    else if (v > lo) {
      b = ((v - lo) * k) | 0;
      if (b >= nb) b = nb - 1;
    }
    ln[(b << 2) | (i & 3)]++;
  }
  for (let b = 0; b < nb; b++) {
    const q = b << 2;
    counts[b] += ln[q] + ln[q + 1] + ln[q + 2] + ln[q + 3];
  }
  st.count += count;
  st.nodata += nodata;
  st.min = min;
  st.max = max;
  st.sum += sum;
  st.sumSq += sumSq;
  return st;
}

function accumulateAny(
  st: RunningStats,
  values: ArrayLike<number>,
  start: number,
  end: number,
): RunningStats {
  const counts = st.hist.counts;
  const nb = counts.length;
  const lo = st.hist.lo;
  const k = nb / (st.hist.hi - lo);
  let count = 0;
  let nodata = 0;
  let min = st.min;
  let max = st.max;
  let sum = 0;
  let sumSq = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nodata++;
      continue;
    }
    count++;
    sum += v;
    sumSq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
    let b = Math.floor((v - lo) * k);
    if (b < 0) b = 0;
    else if (b >= nb) b = nb - 1;
    counts[b]++;
  }
  st.count += count;
  st.nodata += nodata;
  st.min = min;
  st.max = max;
  st.sum += sum;
  st.sumSq += sumSq;
  return st;
}

/** Merge b into a (same histogram layout). */
export function mergeStats(a: RunningStats, b: RunningStats): RunningStats {
  if (a.hist.counts.length !== b.hist.counts.length || a.hist.lo !== b.hist.lo || a.hist.hi !== b.hist.hi)
    throw new Error('mergeStats: histogram layouts differ');
  a.count += b.count;
  a.nodata += b.nodata;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  a.sum += b.sum;
  a.sumSq += b.sumSq;
  for (let i = 0; i < a.hist.counts.length; i++) a.hist.counts[i] += b.hist.counts[i];
  return a;
}

export function binCenter(h: Histogram, i: number): number {
  return h.lo + ((i + 0.5) * (h.hi - h.lo)) / h.counts.length;
}

/** Percentile p ∈ [0, 100] from the histogram, linear within the bin (resolution (hi−lo)/bins). */
export function histogramPercentile(h: Histogram, p: number): number | null {
  let total = 0;
  for (let i = 0; i < h.counts.length; i++) total += h.counts[i];
  if (total === 0) return null;
  const target = (p / 100) * total;
  const w = (h.hi - h.lo) / h.counts.length;
  let acc = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (acc + c >= target && c > 0) return h.lo + (i + (target - acc) / c) * w;
    acc += c;
  }
  return h.hi;
}

export function summarizeStats(st: RunningStats, percentiles = [2, 5, 25, 50, 75, 95, 98]): Summary {
  const n = st.count;
  const mean = n ? st.sum / n : null;
  const variance = n ? Math.max(0, st.sumSq / n - (st.sum / n) ** 2) : null;
  const pct: Record<string, number | null> = {};
  for (const p of percentiles) {
    const v = histogramPercentile(st.hist, p);
    // Clamp into the observed range: the end bins also hold clamped outliers.
    pct[`p${p}`] = v === null ? null : Math.min(st.max, Math.max(st.min, v));
  }
  return {
    count: n,
    nodata: st.nodata,
    min: n ? st.min : null,
    max: n ? st.max : null,
    mean,
    std: variance === null ? null : Math.sqrt(variance),
    percentiles: pct,
  };
}

/** Exact statistics of a small array (sorting): for tests and display tiles. */
export function computeStats(
  values: ArrayLike<number>,
  lo?: number,
  hi?: number,
  bins = DEFAULT_BINS,
): Summary {
  let mn = Number.POSITIVE_INFINITY;
  let mx = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const st = createStats(
    lo ?? (Number.isFinite(mn) ? mn : 0),
    hi ?? (Number.isFinite(mx) && mx > mn ? mx : mn + 1),
    bins,
  );
  accumulate(st, values);
  const s = summarizeStats(st);
  const finite = Float64Array.from(
    Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[],
  ).sort();
  for (const key of Object.keys(s.percentiles)) {
    const p = Number(key.slice(1));
    s.percentiles[key] = finite.length ? exactPercentile(finite, p) : null;
  }
  return s;
}

/** Linear-interpolated percentile of sorted values (numpy's default "linear" method). */
export function exactPercentile(sorted: Float64Array | number[], p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

// ---------------------------------------------------------------------------------------------
// Thresholds

export interface OtsuResult {
  threshold: number;
  /** Between-class variance at the threshold divided by the total variance (0–1; ≥ ~0.5 is bimodal). */
  separability: number;
  /** Share of valid pixels above the threshold. */
  shareAbove: number;
}

/**
 * Otsu 1979 (doi 10.1109/TSMC.1979.4310076) on a histogram: the threshold (a bin edge) maximising the
 * between-class variance ω0·ω1·(μ0 − μ1)².
 */
export function otsu(h: Histogram): OtsuResult | null {
  const c = h.counts;
  const n = c.length;
  let total = 0;
  let sumAll = 0;
  let sumSqAll = 0;
  for (let i = 0; i < n; i++) {
    const x = binCenter(h, i);
    total += c[i];
    sumAll += c[i] * x;
    sumSqAll += c[i] * x * x;
  }
  if (total === 0) return null;
  const meanAll = sumAll / total;
  const varAll = sumSqAll / total - meanAll * meanAll;
  let w0 = 0;
  let sum0 = 0;
  let best = -1;
  let bestI = -1;
  for (let i = 0; i < n - 1; i++) {
    w0 += c[i];
    sum0 += c[i] * binCenter(h, i);
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0;
    const m1 = (sumAll - sum0) / w1;
    const between = (w0 / total) * (w1 / total) * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      bestI = i;
    }
  }
  if (bestI < 0) return null;
  // Plateaus (empty bins between the modes) give equal variance: take the middle of the plateau.
  let j = bestI;
  while (j + 1 < n - 1 && c[j + 1] === 0) j++;
  const edge = (k: number) => h.lo + ((k + 1) * (h.hi - h.lo)) / n;
  const threshold = (edge(bestI) + edge(j)) / 2;
  let above = 0;
  for (let i = bestI + 1; i < n; i++) above += c[i];
  return { threshold, separability: varAll > 0 ? best / varAll : 0, shareAbove: above / total };
}

export interface TileHistogram {
  hist: Histogram;
}

export interface RobustOtsuResult extends OtsuResult {
  method: 'otsu' | 'tiled-otsu';
  tilesUsed: number;
  tilesTotal: number;
  /** Plain global Otsu, for the report. */
  global: OtsuResult | null;
}

/**
 * Threshold robust to a small water share: tiled Otsu in the spirit of Donchyts et al. 2016
 * (doi 10.3390/rs8050386: Otsu on samples around the water/land edges of an initial fixed-threshold
 * map) and Cao et al. 2019 (doi 10.3390/w11040786: tiles selected by bimodality). A tile qualifies
 * when its own Otsu split is clearly bimodal (both classes ≥ 10 % of the tile, between-class variance
 * ≥ 80 % of the total: a single Gaussian gives 64 %, a uniform 75 %) and — when a physical prior is
 * known (0 for NDWI/MNDWI) — the two class means lie on either side of it, i.e. the tile holds water
 * AND land rather than two kinds of land. The histograms of the qualifying tiles are summed and Otsu
 * runs on the sum, where water is no longer a tiny share. With fewer than `minTiles`, global Otsu.
 */
export function robustOtsu(
  tiles: Histogram[],
  opts: { prior?: number; minTiles?: number } = {},
): RobustOtsuResult | null {
  if (tiles.length === 0) return null;
  const minTiles = opts.minTiles ?? 2;
  const sum = (hs: Histogram[]): Histogram => {
    const counts = new Float64Array(hs[0].counts.length);
    for (const h of hs) for (let i = 0; i < counts.length; i++) counts[i] += h.counts[i];
    return { lo: hs[0].lo, hi: hs[0].hi, counts };
  };
  const all = sum(tiles);
  const global = otsu(all);
  const selected = tiles.filter((h) => {
    const split = bimodalSplit(h);
    return split !== null && (opts.prior === undefined || (split.m0 < opts.prior && split.m1 > opts.prior));
  });
  if (selected.length < minTiles || !global)
    return global ? { ...global, method: 'otsu', tilesUsed: 0, tilesTotal: tiles.length, global } : null;
  const t = otsu(sum(selected));
  if (!t) return { ...global, method: 'otsu', tilesUsed: 0, tilesTotal: tiles.length, global };
  // Share above is reported over the whole scene, not over the selected tiles.
  let above = 0;
  let total = 0;
  for (let i = 0; i < all.counts.length; i++) {
    total += all.counts[i];
    if (binCenter(all, i) > t.threshold) above += all.counts[i];
  }
  return {
    threshold: t.threshold,
    separability: t.separability,
    shareAbove: total ? above / total : 0,
    method: 'tiled-otsu',
    tilesUsed: selected.length,
    tilesTotal: tiles.length,
    global,
  };
}

/** Otsu split of a clearly bimodal histogram (see robustOtsu), with both class means; null otherwise. */
export function bimodalSplit(
  h: Histogram,
  minShare = 0.1,
  minSeparability = 0.8,
): { threshold: number; m0: number; m1: number } | null {
  const o = otsu(h);
  if (!o || o.shareAbove < minShare || o.shareAbove > 1 - minShare || o.separability < minSeparability)
    return null;
  let n0 = 0;
  let s0 = 0;
  let n1 = 0;
  let s1 = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const x = binCenter(h, i);
    const c = h.counts[i];
    if (x < o.threshold) {
      n0 += c;
      s0 += c * x;
    } else {
      n1 += c;
      s1 += c * x;
    }
  }
  if (n0 === 0 || n1 === 0) return null;
  return { threshold: o.threshold, m0: s0 / n0, m1: s1 / n1 };
}

export function isBimodal(h: Histogram): boolean {
  return bimodalSplit(h) !== null;
}

/** Histogram of one array over [lo, hi) with `bins` bins (NaN skipped). */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins = 256,
  start = 0,
  end = values.length,
): Histogram {
  const st = createStats(lo, hi, bins);
  accumulate(st, values, start, end);
  return st.hist;
}
