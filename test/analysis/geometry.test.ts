import { describe, expect, it } from 'vitest';
import { polygonAreaLonLat, quadrangleArea, rowAreas, WGS84 } from '../../shared/analysis/area';
import { resampleSeparable, separableMap } from '../../shared/analysis/resample';
import { pointInRing, signedArea, vectorizeMask } from '../../shared/analysis/vectorize';
import { rasterizeSpans } from '../../shared/analysis/zonal';

/**
 * Independent geodesic reference: integrate the WGS84 area element M(φ)·N(φ)·cos φ dφ dλ numerically
 * (composite Simpson, 2000 intervals), with M the meridian and N the prime-vertical radius of curvature.
 */
function simpsonArea(lat1: number, lat2: number, dLon: number): number {
  const a = WGS84.a;
  const e2 = WGS84.f * (2 - WGS84.f);
  const f = (deg: number) => {
    const p = (deg * Math.PI) / 180;
    const s2 = Math.sin(p) ** 2;
    const M = (a * (1 - e2)) / (1 - e2 * s2) ** 1.5;
    const N = a / Math.sqrt(1 - e2 * s2);
    return M * N * Math.cos(p);
  };
  const n = 2000;
  const h = (lat2 - lat1) / n;
  let s = f(lat1) + f(lat2);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lat1 + i * h);
  return Math.abs(((s * h) / 3) * (Math.PI / 180) ** 2 * dLon);
}

describe('pixel areas', () => {
  it('projected CRS: |a·e − b·d| in every row', () => {
    const r = rowAreas([600000, 10, 0, 2970000, 0, -10], 3, 'EPSG:32642');
    expect([...r]).toEqual([100, 100, 100]);
    expect(rowAreas([0, 10, 2, 0, 1, -10], 1, 'EPSG:32642')[0]).toBe(102);
  });
  it('geographic quadrangles equal the numerically integrated ellipsoidal area', () => {
    for (const [lat1, lat2, dl] of [
      [24, 25, 1],
      [35, 35.0001, 0.0001],
      [0, 1, 1],
      [-10, 60, 3],
    ]) {
      const ref = simpsonArea(lat1, lat2, dl);
      expect(Math.abs(quadrangleArea(lat1, lat2, dl) - ref) / ref).toBeLessThan(1e-9);
    }
  });
  it('the whole ellipsoid has the published WGS84 surface area (510,065,621.7 km²)', () => {
    expect(quadrangleArea(-90, 90, 360) / 1e6).toBeCloseTo(510065621.7, 0);
  });
  it('per-row areas of an EPSG:4326 raster shrink with latitude and sum to the zone area', () => {
    // 0.0001° pixels from 30°N to 29.99°N (100 rows), 1 column.
    const rows = rowAreas([67, 0.0001, 0, 30, 0, -0.0001], 100, 'EPSG:4326');
    expect(rows[0]).toBeLessThan(rows[99]);
    const total = rows.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - simpsonArea(29.99, 30, 0.0001)) / total).toBeLessThan(1e-9);
    // About 11.07 m × 9.63 m near 30°N, not 1e-8 "degrees²".
    expect(rows[0]).toBeGreaterThan(105);
    expect(rows[0]).toBeLessThan(108);
  });
});

/** Brute-force reference: is the pixel centre inside (even–odd over all rings)? */
function bruteMask(polys: [number, number][][][], w: number, h: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      let inside = false;
      for (const poly of polys)
        for (const ring of poly) if (pointInRing(ring, c + 0.5, r + 0.5)) inside = !inside;
      m[r * w + c] = inside ? 1 : 0;
    }
  return m;
}

function spansToMask(spans: ReturnType<typeof rasterizeSpans>, w: number, h: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let r = 0; r < h; r++)
    for (let k = spans.rowStart[r]; k < spans.rowStart[r + 1]; k++)
      for (let c = spans.x0[k]; c < spans.x1[k]; c++) m[r * w + c] = 1;
  return m;
}

describe('scanline rasterization', () => {
  it('matches a point-in-polygon test at every pixel centre (triangle, hole, two parts, off-grid)', () => {
    const polys: [number, number][][][] = [
      [
        [
          [2.3, 1.1],
          [37.8, 4.2],
          [20.1, 29.7],
          [2.3, 1.1],
        ],
        [
          [15, 8],
          [22, 8],
          [22, 14],
          [15, 14],
          [15, 8],
        ],
      ],
      [
        [
          [30, 20],
          [45, 20],
          [45, 45],
          [30, 45],
          [30, 20],
        ],
      ],
    ];
    const w = 40;
    const h = 35;
    const spans = rasterizeSpans(polys, w, h);
    const got = spansToMask(spans, w, h);
    const ref = bruteMask(polys, w, h);
    expect([...got]).toEqual([...ref]);
    expect(spans.pixels).toBe(ref.reduce((a, b) => a + b, 0));
  });
});

describe('mask vectorization', () => {
  it('outlines have the pixel area, holes included, and rasterize back to the same mask', () => {
    const w = 12;
    const h = 10;
    const mask = new Uint8Array(w * h);
    // A 6×6 block with a 2×2 hole, a separate 1-pixel island, and a diagonal neighbour (4-connected: separate).
    for (let r = 1; r < 7; r++) for (let c = 1; c < 7; c++) mask[r * w + c] = 1;
    for (let r = 3; r < 5; r++) for (let c = 3; c < 5; c++) mask[r * w + c] = 0;
    mask[8 * w + 10] = 1;
    mask[7 * w + 7] = 1; // touches the block only at a corner
    const polys = vectorizeMask(mask, w, h);
    expect(polys.map((p) => p.pixels).sort((a, b) => a - b)).toEqual([1, 1, 32]);
    const block = polys.find((p) => p.pixels === 32)!;
    expect(block.rings.length).toBe(2);
    expect(signedArea(block.rings[0])).toBe(36);
    expect(signedArea(block.rings[1])).toBe(-4);
    const back = spansToMask(
      rasterizeSpans(
        polys.map((p) => p.rings),
        w,
        h,
      ),
      w,
      h,
    );
    expect([...back]).toEqual([...mask]);
  });
});

describe('lon/lat polygon areas (district areas)', () => {
  it('a graticule rectangle equals the exact quadrangle area', () => {
    const ring = [
      [67, 25],
      [68, 25],
      [68, 26],
      [67, 26],
      [67, 25],
    ];
    expect(
      Math.abs(polygonAreaLonLat([ring]) - quadrangleArea(25, 26, 1)) / quadrangleArea(25, 26, 1),
    ).toBeLessThan(1e-12);
  });
  it('a hole is subtracted; orientation does not matter', () => {
    const outer = [
      [67, 25],
      [67, 26],
      [68, 26],
      [68, 25],
      [67, 25],
    ];
    const hole = [
      [67.25, 25.25],
      [67.75, 25.25],
      [67.75, 25.75],
      [67.25, 25.75],
      [67.25, 25.25],
    ];
    const expected = quadrangleArea(25, 26, 1) - quadrangleArea(25.25, 25.75, 0.5);
    expect(Math.abs(polygonAreaLonLat([outer, hole]) - expected) / expected).toBeLessThan(1e-12);
  });
  it('a densified triangle agrees with the sum of thin exact strips (independent integration)', () => {
    // Triangle (67,25) (69,25) (67,27), straight in lon/lat; width at latitude φ is 2 − (φ − 25) degrees.
    // Edges densified every ~1 km, as boundary files are (OSM vertices are far denser).
    const corners = [
      [67, 25],
      [69, 25],
      [67, 27],
    ];
    const tri: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const [a, b] = [corners[k], corners[(k + 1) % 3]];
      for (let i = 0; i < 250; i++)
        tri.push([a[0] + ((b[0] - a[0]) * i) / 250, a[1] + ((b[1] - a[1]) * i) / 250]);
    }
    tri.push(tri[0]);
    let ref = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const a = 25 + (2 * i) / n;
      const b = 25 + (2 * (i + 1)) / n;
      ref += quadrangleArea(a, b, 2 - ((a + b) / 2 - 25));
    }
    expect(Math.abs(polygonAreaLonLat([tri]) - ref) / ref).toBeLessThan(1e-6);
  });
});

describe('resampling onto the finest grid', () => {
  // A 2×2 source at 20 m: [0, 10; 20, 30], nodata none, onto the 10 m grid (4×4).
  const win = { data: new Uint16Array([0, 10, 20, 30]), x0: 0, y0: 0, w: 2, h: 2, nodata: null };
  const { sx, sy } = separableMap([0, 10, 0, 40, 0, -10], [0, 20, 0, 40, 0, -20], 0, 0, 4, 4);
  it('maps 10 m pixel centres to 20 m pixel coordinates', () => {
    expect([...sx]).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect([...sy]).toEqual([0.25, 0.75, 1.25, 1.75]);
  });
  it('nearest: each 20 m pixel becomes 2×2 pixels', () => {
    const out = resampleSeparable(win, sx, sy, 'nearest', new Float32Array(16));
    expect([...out]).toEqual([0, 0, 10, 10, 0, 0, 10, 10, 20, 20, 30, 30, 20, 20, 30, 30]);
  });
  it('bilinear: interpolates between pixel centres (hand-computed), nearest at the outer border', () => {
    const out = resampleSeparable(win, sx, sy, 'bilinear', new Float32Array(16));
    // (0.75, 0.75): weights 0.25 along x and y from the first centre → 0.75·(0.75·0 + 0.25·10) + 0.25·(0.75·20 + 0.25·30) = 7.5
    expect(out[1 * 4 + 1]).toBeCloseTo(7.5, 6);
    // (1.25, 1.25): 0.25·(0.25·0 + 0.75·10) + 0.75·(0.25·20 + 0.75·30) = 22.5
    expect(out[2 * 4 + 2]).toBeCloseTo(22.5, 6);
    expect(out[0]).toBe(0);
    expect(out[15]).toBe(30);
  });
  it('nodata next to a pixel falls back to nearest, never blends nodata in', () => {
    const nd = { ...win, data: new Uint16Array([0, 10, 20, 30]), nodata: 0 };
    const out = resampleSeparable(nd, sx, sy, 'bilinear', new Float32Array(16));
    expect(out[0]).toBeNaN();
    expect(out[1 * 4 + 1]).toBeNaN(); // nearest is the nodata pixel
    expect(out[1 * 4 + 2]).toBe(10);
  });
});
