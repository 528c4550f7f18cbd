import { describe, expect, it } from 'vitest';
import {
  accumulate,
  computeStats,
  createStats,
  histogram,
  isBimodal,
  mergeStats,
  otsu,
  robustOtsu,
  summarizeStats,
} from '../../shared/analysis/stats';

/** Deterministic PRNG (mulberry32) and Box–Muller normals. */
function rng(seed: number) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (m: number, s: number) =>
    m + s * Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}

/**
 * Independent reference: Otsu by brute force over the raw samples — for each candidate threshold t
 * (midpoints between sorted distinct values), split the samples and compute the between-class variance
 * w0·w1·(m0 − m1)² directly. No histogram involved.
 */
function bruteForceOtsu(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const prefix = [0];
  for (const x of v) prefix.push(prefix[prefix.length - 1] + x);
  let best = -1;
  let bestT = Number.NaN;
  for (let i = 1; i < n; i++) {
    if (v[i] === v[i - 1]) continue;
    const w0 = i / n;
    const m0 = prefix[i] / i;
    const m1 = (prefix[n] - prefix[i]) / (n - i);
    const between = w0 * (1 - w0) * (m0 - m1) ** 2;
    if (between > best) {
      best = between;
      bestT = (v[i] + v[i - 1]) / 2;
    }
  }
  return bestT;
}

describe('statistics', () => {
  it('min, max, mean, std and percentiles match exact values; NaN never counts', () => {
    const vals = new Float32Array([1, 2, 3, 4, Number.NaN, 5, 6, 7, 8, 9, 10]);
    const s = computeStats(vals);
    expect(s.count).toBe(10);
    expect(s.nodata).toBe(1);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(s.mean).toBeCloseTo(5.5, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(8.25), 10); // population std of 1..10
    expect(s.percentiles.p50).toBeCloseTo(5.5, 12); // numpy.percentile(1..10, 50)
    expect(s.percentiles.p25).toBeCloseTo(3.25, 12);
  });
  it('histogram percentiles agree with exact ones within a bin, and merging tiles equals one pass', () => {
    const { u } = rng(7);
    const all = Float32Array.from({ length: 20_000 }, () => u() * 2 - 1);
    const a = createStats(-1, 1, 2048);
    const b = createStats(-1, 1, 2048);
    accumulate(a, all, 0, 10_000);
    accumulate(b, all, 10_000, 20_000);
    const merged = summarizeStats(mergeStats(a, b));
    const exact = computeStats(all);
    expect(merged.count).toBe(20_000);
    expect(merged.mean).toBeCloseTo(exact.mean!, 6);
    for (const p of ['p5', 'p50', 'p95'])
      expect(Math.abs(merged.percentiles[p]! - exact.percentiles[p]!)).toBeLessThan(2 / 2048);
  });
});

describe('Otsu', () => {
  it('matches a brute-force between-class-variance reference on a bimodal sample', () => {
    const { normal } = rng(1);
    const vals: number[] = [];
    for (let i = 0; i < 3000; i++) vals.push(normal(-0.4, 0.12));
    for (let i = 0; i < 1500; i++) vals.push(normal(0.35, 0.1));
    const ref = bruteForceOtsu(vals);
    const got = otsu(histogram(vals, -1, 1, 2048))!;
    expect(Math.abs(got.threshold - ref)).toBeLessThan(0.01);
    expect(got.shareAbove).toBeGreaterThan(0.3);
    expect(got.separability).toBeGreaterThan(0.7);
  });
  it('matches the reference on an asymmetric sample too', () => {
    const { normal, u } = rng(99);
    const vals: number[] = [];
    for (let i = 0; i < 4000; i++) vals.push(normal(0.1, 0.2));
    for (let i = 0; i < 800; i++) vals.push(u() * 0.3 + 0.5);
    const ref = bruteForceOtsu(vals);
    const got = otsu(histogram(vals, -1.5, 1.5, 4096))!;
    expect(Math.abs(got.threshold - ref)).toBeLessThan(0.01);
  });
  it('global Otsu drifts when water is a tiny share; tiled Otsu recovers the water/land split', () => {
    const { normal } = rng(3);
    // 64 tiles of land (NDWI-like ≈ −0.45, with a dry and a wet-soil mode), water only in 4 tiles.
    const tiles = [];
    for (let t = 0; t < 64; t++) {
      const vals: number[] = [];
      for (let i = 0; i < 1000; i++) vals.push(i % 2 ? normal(-0.55, 0.05) : normal(-0.3, 0.05));
      if (t < 4) for (let i = 0; i < 200; i++) vals.push(normal(0.45, 0.06));
      tiles.push(histogram(vals, -1, 1, 512));
    }
    const global = otsu({
      lo: -1,
      hi: 1,
      counts: tiles.reduce((acc, h) => acc.map((c, i) => c + h.counts[i]), new Float64Array(512)),
    })!;
    const robust = robustOtsu(tiles, { prior: 0 })!;
    expect(robust.method).toBe('tiled-otsu');
    expect(robust.tilesUsed).toBe(4);
    // Water (0.45 ± 0.06) separated from wet soil (−0.3 ± 0.05): anywhere in the gap is right…
    expect(robust.threshold).toBeGreaterThan(-0.1);
    expect(robust.threshold).toBeLessThan(0.25);
    // …while the global threshold splits the two land modes instead.
    expect(global.threshold).toBeLessThan(-0.35);
  });
  it('bimodality test: rejects a unimodal tile', () => {
    const { normal } = rng(5);
    const uni = histogram(
      Array.from({ length: 5000 }, () => normal(0, 0.2)),
      -1,
      1,
      256,
    );
    expect(isBimodal(uni)).toBe(false);
    const bi = histogram(
      Array.from({ length: 5000 }, (_, i) => (i % 3 ? normal(-0.5, 0.08) : normal(0.4, 0.08))),
      -1,
      1,
      256,
    );
    expect(isBimodal(bi)).toBe(true);
  });
});

describe('histogram edges', () => {
  it('values beyond the range (even huge ones) land in the end bins, none are lost', () => {
    const v = new Float32Array([-1e30, -2, -1, 0, 0.999, 1, 3, 1e30, Number.NaN]);
    const h = histogram(v, -1, 1, 4);
    expect([...h.counts]).toEqual([3, 0, 1, 4]);
    const g = histogram(Array.from(v), -1, 1, 4);
    expect([...g.counts]).toEqual([3, 0, 1, 4]);
  });
});
