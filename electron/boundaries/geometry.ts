/**
 * Polygon geometry of boundary features: normalised to lists of polygons (rings of [lon, lat]),
 * repaired where the repair is unambiguous (unclosed rings, repeated or non-finite points, ring
 * orientation) and named where it is not (degenerate or self-intersecting rings).
 */

/** Polygons, each a list of rings (the first the outer ring), each a list of [x, y]. */
export type Polygonal = number[][][][];

export interface GeoFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** The polygons of a Polygon or MultiPolygon (GeometryCollections are flattened); [] otherwise. */
export function polygonsOf(geometry: GeoFeature['geometry']): Polygonal {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as number[][][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Polygonal;
  if (geometry.type === 'GeometryCollection') {
    const parts = (geometry as { geometries?: GeoFeature['geometry'][] }).geometries ?? [];
    return parts.flatMap((g) => polygonsOf(g));
  }
  return [];
}

/** Twice the signed area (shoelace); positive counter-clockwise. */
function signedArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

function cleanRing(ring: number[][]): number[][] {
  const out: number[][] = [];
  for (const p of ring) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push([p[0], p[1]]);
  }
  if (out.length > 1) {
    const [a, b] = [out[0], out[out.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) out.pop();
  }
  return out; // open: first point not repeated
}

function segmentsCross(a: number[], b: number[], c: number[], d: number[]): boolean {
  const o = (p: number[], q: number[], r: number[]) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c);
  const o2 = o(a, b, d);
  const o3 = o(c, d, a);
  const o4 = o(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * The first proper crossing of two non-adjacent edges of an open ring, or null. Edges are bucketed
 * on a grid so rings of thousands of vertices stay near-linear.
 */
export function selfIntersection(ring: number[][]): number[] | null {
  const n = ring.length;
  if (n < 4) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of ring) {
    x0 = Math.min(x0, p[0]);
    y0 = Math.min(y0, p[1]);
    x1 = Math.max(x1, p[0]);
    y1 = Math.max(y1, p[1]);
  }
  const cells = Math.max(1, Math.ceil(Math.sqrt(n)));
  const cw = (x1 - x0) / cells || 1;
  const ch = (y1 - y0) / cells || 1;
  const grid = new Map<number, number[]>();
  const cell = (v: number, o: number, s: number) => Math.min(cells - 1, Math.floor((v - o) / s));
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const [cx0, cx1] = [cell(Math.min(a[0], b[0]), x0, cw), cell(Math.max(a[0], b[0]), x0, cw)];
    const [cy0, cy1] = [cell(Math.min(a[1], b[1]), y0, ch), cell(Math.max(a[1], b[1]), y0, ch)];
    for (let cx = cx0; cx <= cx1; cx++)
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = cy * cells + cx;
        const list = grid.get(key) ?? [];
        for (const j of list) {
          if (Math.abs(i - j) <= 1 || (i === n - 1 && j === 0)) continue;
          if (segmentsCross(a, b, ring[j], ring[(j + 1) % n])) return a;
        }
        list.push(i);
        grid.set(key, list);
      }
  }
  return null;
}

/**
 * Repairs the polygons of one feature in place of a copy: returns the repaired polygons (outer rings
 * counter-clockwise, holes clockwise, every ring closed) and a sentence per ring it had to drop or
 * could not repair.
 */
export function repairPolygons(polys: Polygonal, label: string): { polygons: Polygonal; problems: string[] } {
  const problems: string[] = [];
  const polygons: Polygonal = [];
  polys.forEach((poly, pi) => {
    const rings: number[][][] = [];
    poly.forEach((raw, ri) => {
      const ring = cleanRing(Array.isArray(raw) ? raw : []);
      const where = `${label}, part ${pi + 1}, ring ${ri + 1}`;
      if (ring.length < 3) {
        problems.push(`${where}: fewer than 3 distinct points, dropped.`);
        return;
      }
      const area = signedArea2(ring);
      if (area === 0) {
        problems.push(`${where}: no area (all points on a line), dropped.`);
        return;
      }
      const cross = selfIntersection(ring);
      if (cross)
        problems.push(
          `${where}: the ring crosses itself near ${cross[0].toFixed(4)}, ${cross[1].toFixed(4)}; areas there are counted by the even–odd rule.`,
        );
      const wantCcw = rings.length === 0;
      if (area > 0 !== wantCcw) ring.reverse();
      ring.push([ring[0][0], ring[0][1]]);
      rings.push(ring);
    });
    if (rings.length) polygons.push(rings);
  });
  return { polygons, problems };
}

/** Bounding box [w, s, e, n] of polygons, or null when empty. */
export function bboxOf(polys: Polygonal[]): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of polys)
    for (const poly of g)
      for (const p of poly[0] ?? []) {
        w = Math.min(w, p[0]);
        s = Math.min(s, p[1]);
        e = Math.max(e, p[0]);
        n = Math.max(n, p[1]);
      }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
