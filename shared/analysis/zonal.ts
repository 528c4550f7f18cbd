/**
 * Zonal statistics by scanline rasterization. A polygon (already in pixel coordinates of the raster:
 * pixel (c, r) covers [c, c+1] × [r, r+1]) becomes, per row, the spans of pixels whose CENTRES lie
 * inside it (even–odd rule over all rings, so holes and multipolygon parts work). Spans are stored
 * compactly (CSR by row), so a district over a 10980² scene costs a few hundred KB, not a label raster,
 * and tiles can be accumulated in any order.
 */
import type { GeoTransform } from '../scene';

export type Ring = [number, number][];
/** Polygon = outer ring + holes; a zone may have several polygons (MultiPolygon). */
export type PolygonRings = Ring[];

export interface ZoneSpans {
  height: number;
  /** Spans of row r are k in [rowStart[r], rowStart[r+1]). */
  rowStart: Int32Array;
  x0: Int32Array;
  /** Exclusive end column. */
  x1: Int32Array;
  /** Number of pixels inside. */
  pixels: number;
}

/** Rasterize one zone (all rings of all its polygons, even–odd) on a width × height grid. */
export function rasterizeSpans(polygons: PolygonRings[], width: number, height: number): ZoneSpans {
  // Edges as flat arrays.
  const ex0: number[] = [];
  const ey0: number[] = [];
  const ex1: number[] = [];
  const ey1: number[] = [];
  for (const poly of polygons)
    for (const ring of poly) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % n];
        if (a[1] === b[1]) continue;
        ex0.push(a[0]);
        ey0.push(a[1]);
        ex1.push(b[0]);
        ey1.push(b[1]);
      }
    }
  const counts = new Int32Array(height + 1);
  const rowRange = (k: number): [number, number] => {
    const ya = Math.min(ey0[k], ey1[k]);
    const yb = Math.max(ey0[k], ey1[k]);
    // Rows whose centre r + 0.5 is in [ya, yb).
    const r0 = Math.max(0, Math.ceil(ya - 0.5));
    const r1 = Math.min(height - 1, Math.ceil(yb - 0.5) - 1);
    return [r0, r1];
  };
  for (let k = 0; k < ex0.length; k++) {
    const [r0, r1] = rowRange(k);
    for (let r = r0; r <= r1; r++) counts[r + 1]++;
  }
  for (let r = 0; r < height; r++) counts[r + 1] += counts[r];
  const xs = new Float64Array(counts[height]);
  const fill = counts.slice(0, height);
  for (let k = 0; k < ex0.length; k++) {
    const [r0, r1] = rowRange(k);
    const dx = (ex1[k] - ex0[k]) / (ey1[k] - ey0[k]);
    for (let r = r0; r <= r1; r++) xs[fill[r]++] = ex0[k] + (r + 0.5 - ey0[k]) * dx;
  }
  const rowStart = new Int32Array(height + 1);
  const sx0: number[] = [];
  const sx1: number[] = [];
  let pixels = 0;
  for (let r = 0; r < height; r++) {
    rowStart[r] = sx0.length;
    const seg = xs.subarray(counts[r], counts[r + 1]).sort();
    for (let i = 0; i + 1 < seg.length; i += 2) {
      // Columns whose centre c + 0.5 is in [xa, xb).
      const c0 = Math.max(0, Math.ceil(seg[i] - 0.5));
      const c1 = Math.min(width, Math.ceil(seg[i + 1] - 0.5));
      if (c1 > c0) {
        // Merge with the previous span when touching (shared edges of adjacent parts).
        const last = sx1.length - 1;
        if (last >= rowStart[r] && sx1[last] >= c0) sx1[last] = Math.max(sx1[last], c1);
        else {
          sx0.push(c0);
          sx1.push(c1);
        }
      }
    }
    for (let k = rowStart[r]; k < sx0.length; k++) pixels += sx1[k] - sx0[k];
  }
  rowStart[height] = sx0.length;
  return { height, rowStart, x0: Int32Array.from(sx0), x1: Int32Array.from(sx1), pixels };
}

/** Inverse of a GDAL geotransform: world (x, y) → pixel (col, row) as fractional coordinates. */
export function worldToPixel(gt: GeoTransform): (x: number, y: number) => [number, number] {
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (det === 0) throw new Error('Degenerate geotransform');
  return (x, y) => {
    const dx = x - gt[0];
    const dy = y - gt[3];
    return [(gt[5] * dx - gt[2] * dy) / det, (-gt[4] * dx + gt[1] * dy) / det];
  };
}

export function pixelToWorld(gt: GeoTransform): (c: number, r: number) => [number, number] {
  return (c, r) => [gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]];
}

/** GeoJSON geometry (Polygon / MultiPolygon) → rings through `project` (e.g. lon/lat → pixel). */
export function geometryToRings(
  geometry: { type: string; coordinates: unknown } | null,
  project: (p: [number, number]) => [number, number],
): PolygonRings[] {
  if (!geometry) return [];
  const conv = (poly: number[][][]): PolygonRings =>
    poly.map((ring) => ring.map((p) => project([p[0], p[1]])));
  if (geometry.type === 'Polygon') return [conv(geometry.coordinates as number[][][])];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as number[][][][]).map(conv);
  return [];
}

/** Visit the spans of `zone` that fall inside the window [x0, x0+w) × [y0, y0+h) in raster coordinates. */
export function forEachSpanInWindow(
  zone: ZoneSpans,
  x0: number,
  y0: number,
  w: number,
  h: number,
  visit: (row: number, c0: number, c1: number) => void,
): void {
  const rEnd = Math.min(zone.height, y0 + h);
  for (let r = Math.max(0, y0); r < rEnd; r++) {
    for (let k = zone.rowStart[r]; k < zone.rowStart[r + 1]; k++) {
      const a = Math.max(zone.x0[k], x0);
      const b = Math.min(zone.x1[k], x0 + w);
      if (b > a) visit(r, a, b);
    }
  }
}

/** Totals of one zone: pixel counts and areas (m²) of each class, and index mean. */
export interface ZoneAccumulator {
  /** Pixels of the zone inside the raster (any value). */
  pixels: number;
  areaM2: number;
  /** Pixels with valid data (not nodata). */
  validPixels: number;
  validAreaM2: number;
  /** Per-class pixel counts and areas (e.g. flood, floodedCropland). */
  classPixels: Record<string, number>;
  classAreaM2: Record<string, number>;
  indexSum: number;
  indexCount: number;
}

export function newZoneAccumulator(classes: string[]): ZoneAccumulator {
  return {
    pixels: 0,
    areaM2: 0,
    validPixels: 0,
    validAreaM2: 0,
    classPixels: Object.fromEntries(classes.map((c) => [c, 0])),
    classAreaM2: Object.fromEntries(classes.map((c) => [c, 0])),
    indexSum: 0,
    indexCount: 0,
  };
}

/**
 * Accumulate one tile into a zone. `tile` holds w×h values of the window at (x0, y0); `masks` are
 * uint8 class masks of the same window (1 = in class, 0 = not, 255 = nodata); `index` optional float
 * values (NaN = nodata). `rowArea[r]` is the pixel area (m²) of raster row r.
 */
export function accumulateZone(
  acc: ZoneAccumulator,
  zone: ZoneSpans,
  x0: number,
  y0: number,
  w: number,
  h: number,
  rowArea: Float64Array,
  masks: Record<string, Uint8Array>,
  validity: Uint8Array | null,
  index?: Float32Array | null,
): void {
  const names = Object.keys(masks);
  forEachSpanInWindow(zone, x0, y0, w, h, (r, c0, c1) => {
    const pa = rowArea[r];
    const base = (r - y0) * w - x0;
    const n = c1 - c0;
    acc.pixels += n;
    acc.areaM2 += n * pa;
    let valid = 0;
    if (validity) {
      for (let c = c0; c < c1; c++) if (validity[base + c]) valid++;
    } else valid = n;
    acc.validPixels += valid;
    acc.validAreaM2 += valid * pa;
    for (const name of names) {
      const m = masks[name];
      let k = 0;
      for (let c = c0; c < c1; c++) if (m[base + c] === 1) k++;
      acc.classPixels[name] += k;
      acc.classAreaM2[name] += k * pa;
    }
    if (index) {
      for (let c = c0; c < c1; c++) {
        const v = index[base + c];
        if (!Number.isNaN(v)) {
          acc.indexSum += v;
          acc.indexCount++;
        }
      }
    }
  });
}

export function mergeZoneAccumulators(a: ZoneAccumulator, b: ZoneAccumulator): ZoneAccumulator {
  a.pixels += b.pixels;
  a.areaM2 += b.areaM2;
  a.validPixels += b.validPixels;
  a.validAreaM2 += b.validAreaM2;
  for (const k of Object.keys(b.classPixels)) {
    a.classPixels[k] = (a.classPixels[k] ?? 0) + b.classPixels[k];
    a.classAreaM2[k] = (a.classAreaM2[k] ?? 0) + b.classAreaM2[k];
  }
  a.indexSum += b.indexSum;
  a.indexCount += b.indexCount;
  return a;
}
