/**
 * Histogram and stretch math against values worked out by hand (see each comment).
 */
import { describe, expect, it } from 'vitest';
import {
  histogram,
  histogramExtent,
  histogramPercentile,
  stretchByte,
  stretchRange,
} from '../../shared/analysis/stretch';

const TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('histogram', () => {
  it('bins 0…9 into ten bins of width 0.9, the maximum in the last', () => {
    const h = histogram(TEN, 10);
    expect(h.min).toBe(0);
    expect(h.max).toBe(9);
    expect(h.counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(h.total).toBe(10);
  });

  it('applies scale and offset, skips nodata and NaN', () => {
    // DN 2, 4, 6 × 0.5 = 1, 2, 3; width (3 − 1) / 2 = 1: 1 → bin 0, 2 → bin 1, 3 → bin 1 (last).
    const h = histogram([2, 0, 4, Number.NaN, 6], 2, { scale: 0.5, nodata: 0 });
    expect([h.min, h.max]).toEqual([1, 3]);
    expect(h.counts).toEqual([1, 2]);
    expect(h.total).toBe(3);
  });

  it('clamps values outside a given range into the end bins', () => {
    // Range [0, 10], 5 bins of 2: −1 → 0, 0 → 0, 5 → 2, 11 → 4.
    expect(histogram([-1, 0, 5, 11], 5, { range: [0, 10] }).counts).toEqual([2, 0, 1, 0, 1]);
  });

  it('is empty when every value is nodata', () => {
    const h = histogram([0, 0], 4, { nodata: 0 });
    expect(h.total).toBe(0);
    expect(histogramPercentile(h, 50)).toBeNaN();
  });
});

describe('percentiles and stretch ranges', () => {
  const h = histogram(TEN, 10);

  it('interpolates inside the bin where the cumulative count is reached', () => {
    // 50 % of 10 = 5: four values below bin 4, its one value completes it → upper edge 5 × 0.9.
    expect(histogramPercentile(h, 50)).toBeCloseTo(4.5, 12);
    // 25 % = 2.5: half-way into bin 2 → 2.5 × 0.9; 75 % = 7.5 → 7.5 × 0.9.
    expect(histogramPercentile(h, 25)).toBeCloseTo(2.25, 12);
    expect(histogramPercentile(h, 75)).toBeCloseTo(6.75, 12);
    expect(histogramPercentile(h, 0)).toBe(0);
    expect(histogramPercentile(h, 100)).toBeCloseTo(9, 12);
  });

  it('gives each mode its range', () => {
    expect(stretchRange({ mode: 'percentile', lowPct: 25, highPct: 75 }, h, [0, 0.3])).toEqual([
      expect.closeTo(2.25, 12),
      expect.closeTo(6.75, 12),
    ]);
    // Min–max: edges of the first and last bins that hold data.
    const sparse = histogram([-1, 0, 5, 11], 5, { range: [-2, 18] }); // bins of 4: −1, 0 → 0; 5 → 1; 11 → 3
    expect(sparse.counts).toEqual([2, 1, 0, 1, 0]);
    expect(histogramExtent(sparse)).toEqual([-2, 14]);
    expect(stretchRange({ mode: 'minmax', lowPct: 2, highPct: 98 }, sparse, [0, 1])).toEqual([-2, 14]);
    expect(stretchRange({ mode: 'manual', lowPct: 2, highPct: 98 }, h, [0.05, 0.2])).toEqual([0.05, 0.2]);
    expect(stretchRange({ mode: 'fixed', lowPct: 2, highPct: 98 }, h, [0, 0.3])).toEqual([0, 0.3]);
  });

  it('maps values linearly onto display bytes', () => {
    // (0.15 − 0.1) / (0.3 − 0.1) = 0.25 → 63.75 → 64.
    expect(stretchByte(0.15, 0.1, 0.3)).toBe(64);
    expect(stretchByte(0.05, 0.1, 0.3)).toBe(0);
    expect(stretchByte(0.5, 0.1, 0.3)).toBe(255);
  });
});
