import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../shared/analysis/expression';
import { assertBands, computeIndex, getIndex, INDICES } from '../../shared/analysis/indices';
import { NigahError } from '../../shared/errors';

// Hand-computed reference pixels. DN with Sentinel-2 baseline-04 scaling: ρ = DN/10000 − 0.1.
// Pixel 0: blue 1500, green 1900, red 1600, nir 4600, swir16 3000, swir22 2200
//   → ρ: B 0.05, G 0.09, R 0.06, N 0.36, S1 0.20, S2 0.12
// Pixel 1: water-like: B 1700, G 2000, R 1500, N 1300, S1 1100, S2 1050
//   → ρ: B 0.07, G 0.10, R 0.05, N 0.03, S1 0.01, S2 0.005
// Pixel 2: nodata (0) in red.
const dn = {
  blue: new Uint16Array([1500, 1700, 1500]),
  green: new Uint16Array([1900, 2000, 1900]),
  red: new Uint16Array([1600, 1500, 0]),
  nir: new Uint16Array([4600, 1300, 4600]),
  swir16: new Uint16Array([3000, 1100, 3000]),
  swir22: new Uint16Array([2200, 1050, 2200]),
};
const s2 = { scale: 1e-4, offset: -0.1, nodata: 0 };
const scales = { blue: s2, green: s2, red: s2, nir: s2, swir16: s2, swir22: s2 };

// Expected values worked out by hand from the reflectances above.
const expected: Record<string, [number, number]> = {
  ndvi: [(0.36 - 0.06) / (0.36 + 0.06), (0.03 - 0.05) / (0.03 + 0.05)], // 0.714286, −0.25
  evi: [(2.5 * 0.3) / (0.36 + 0.36 - 0.375 + 1), (2.5 * -0.02) / (0.03 + 0.3 - 0.525 + 1)], // 0.557621, −0.062112
  savi: [(1.5 * 0.3) / (0.42 + 0.5), (1.5 * -0.02) / (0.08 + 0.5)], // 0.489130, −0.051724
  gndvi: [(0.36 - 0.09) / 0.45, (0.03 - 0.1) / 0.13], // 0.6, −0.538462
  ndwi: [(0.09 - 0.36) / 0.45, (0.1 - 0.03) / 0.13], // −0.6, 0.538462
  mndwi: [(0.09 - 0.2) / 0.29, (0.1 - 0.01) / 0.11], // −0.379310, 0.818182
  ndmi: [(0.36 - 0.2) / 0.56, (0.03 - 0.01) / 0.04], // 0.285714, 0.5
  nbr: [(0.36 - 0.12) / 0.48, (0.03 - 0.005) / 0.035], // 0.5, 0.714286
  ndbi: [(0.2 - 0.36) / 0.56, (0.01 - 0.03) / 0.04], // −0.285714, −0.5
  'awei-sh': [0.05 + 0.225 - 1.5 * 0.56 - 0.03, 0.07 + 0.25 - 1.5 * 0.04 - 0.00125], // −0.595, 0.25875
  'awei-nsh': [4 * (0.09 - 0.2) - (0.09 + 0.33), 4 * (0.1 - 0.01) - (0.0075 + 0.01375)], // −0.86, 0.33875
  ndti: [(0.06 - 0.09) / 0.15, (0.05 - 0.1) / 0.15], // −0.2, −0.333333
};

describe('built-in indices on hand-computed pixels', () => {
  it('covers every index of docs/indices.md', () => {
    expect(INDICES.map((d) => d.id).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const def of INDICES) {
    it(`${def.name}: reflectance from scale/offset first, nodata → NaN`, () => {
      const out = computeIndex(def.id, dn, scales, new Float32Array(3));
      expect(out[0]).toBeCloseTo(expected[def.id][0], 6);
      expect(out[1]).toBeCloseTo(expected[def.id][1], 6);
      if (def.bands.includes('red')) expect(out[2]).toBeNaN();
      else expect(out[2]).not.toBeNaN();
    });
    it(`${def.name}: its expression text evaluates to the same values`, () => {
      const expr = compileExpression(def.expression);
      const out = expr.evaluate(dn, scales, new Float32Array(3));
      expect(out[0]).toBeCloseTo(expected[def.id][0], 6);
      expect(out[1]).toBeCloseTo(expected[def.id][1], 6);
    });
  }
  it('an offset changes a normalized difference (so it must be applied first)', () => {
    const raw = computeIndex('ndvi', dn, { red: { scale: 1e-4 }, nir: { scale: 1e-4 } }, new Float32Array(3));
    expect(raw[0]).toBeCloseTo((4600 - 1600) / (4600 + 1600), 6); // 0.483871, not 0.714286
  });
  it('float inputs with NaN give NaN; zero denominators give NaN', () => {
    const out = computeIndex(
      'ndvi',
      { nir: new Float32Array([Number.NaN, 0, 0.5]), red: new Float32Array([0.1, 0, 0.1]) },
      {},
      new Float32Array(3),
    );
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(0.4 / 0.6, 6);
  });
});

describe('missing bands', () => {
  it('names the band and suggests NDWI for a sensor without SWIR', () => {
    try {
      assertBands(getIndex('mndwi'), ['blue', 'green', 'red', 'nir'], 'GF-1 WFV');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NigahError);
      const err = e as NigahError;
      expect(err.code).toBe('MISSING_BAND');
      expect(err.message).toBe('MNDWI needs swir16 (SWIR1).');
      expect(err.hint).toBe('GF-1 WFV has no SWIR — use NDWI.');
    }
  });
  it('computeIndex refuses when a band array is absent', () => {
    expect(() => computeIndex('nbr', { nir: dn.nir }, {}, new Float32Array(3))).toThrow(/NBR needs swir22/);
  });
  it('unknown index names list the valid ones', () => {
    expect(() => getIndex('ndxi')).toThrow(/Unknown index "ndxi"/);
  });
});
