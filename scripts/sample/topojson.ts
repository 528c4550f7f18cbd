/**
 * Minimal TopoJSON → GeoJSON conversion (https://github.com/topojson/topojson-specification):
 * decode (optionally quantised, delta-encoded) arcs, optionally simplify each arc with
 * Douglas–Peucker (arcs are shared, so neighbouring polygons stay seamless), then stitch rings.
 */

type Pos = [number, number];

export interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, TopoObject>;
}

interface TopoObject {
  type: string;
  geometries?: TopoObject[];
  arcs?: unknown;
  coordinates?: unknown;
  properties?: Record<string, unknown>;
  id?: string | number;
}

export interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

export function decodeArcs(topo: Topology): Pos[][] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      if (!t) return [p[0], p[1]] as Pos;
      x += p[0];
      y += p[1];
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as Pos;
    });
  });
}

function perpDist(p: Pos, a: Pos, b: Pos): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Douglas–Peucker keeping both endpoints (so arcs still meet). Keeps ≥ 4 points on closed arcs. */
export function simplifyArc(arc: Pos[], tolerance: number): Pos[] {
  if (arc.length <= 4 || tolerance <= 0) return arc;
  const keep = new Uint8Array(arc.length);
  keep[0] = 1;
  keep[arc.length - 1] = 1;
  const stack: [number, number][] = [[0, arc.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let maxD = -1;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpDist(arc[i], arc[s], arc[e]);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx >= 0 && maxD > tolerance) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  let out = arc.filter((_, i) => keep[i]);
  const closed = arc[0][0] === arc[arc.length - 1][0] && arc[0][1] === arc[arc.length - 1][1];
  if (closed && out.length < 4) {
    // A closed ring needs at least 4 positions: keep the two farthest interior points.
    const q = Math.floor(arc.length / 3);
    out = [arc[0], arc[q], arc[2 * q], arc[arc.length - 1]];
  }
  return out;
}

function stitch(arcs: Pos[][], indexes: number[]): Pos[] {
  const ring: Pos[] = [];
  indexes.forEach((k, n) => {
    const a = k >= 0 ? arcs[k] : arcs[~k].slice().reverse();
    // Consecutive arcs share their junction point.
    ring.push(...(n === 0 ? a : a.slice(1)));
  });
  return ring;
}

function geometry(o: TopoObject, arcs: Pos[][]): Feature['geometry'] {
  switch (o.type) {
    case 'Point':
    case 'MultiPoint':
      return { type: o.type, coordinates: o.coordinates };
    case 'LineString':
      return { type: o.type, coordinates: stitch(arcs, o.arcs as number[]) };
    case 'MultiLineString':
      return { type: o.type, coordinates: (o.arcs as number[][]).map((l) => stitch(arcs, l)) };
    case 'Polygon':
      return { type: o.type, coordinates: (o.arcs as number[][]).map((r) => stitch(arcs, r)) };
    case 'MultiPolygon':
      return {
        type: o.type,
        coordinates: (o.arcs as number[][][]).map((p) => p.map((r) => stitch(arcs, r))),
      };
    default:
      return null;
  }
}

/** Features of one named object. */
export function toFeatures(topo: Topology, name: string, tolerance = 0): Feature[] {
  const obj = topo.objects[name];
  if (!obj) throw new Error(`TopoJSON has no object "${name}"`);
  const arcs = decodeArcs(topo).map((a) => simplifyArc(a, tolerance));
  const list = obj.type === 'GeometryCollection' ? (obj.geometries ?? []) : [obj];
  return list.map((g) => ({
    type: 'Feature',
    properties: { ...(g.properties ?? {}) },
    geometry: geometry(g, arcs),
  }));
}

/** Round every coordinate to `digits` decimals (in place) and drop repeated positions. */
export function roundCoordinates(value: unknown, digits: number): unknown {
  const f = 10 ** digits;
  const walk = (c: unknown): unknown => {
    if (Array.isArray(c) && typeof c[0] === 'number') return c.map((v: number) => Math.round(v * f) / f);
    if (Array.isArray(c)) {
      const mapped = c.map(walk);
      if (mapped.length > 0 && Array.isArray(mapped[0]) && typeof (mapped[0] as unknown[])[0] === 'number') {
        const dedup = (mapped as number[][]).filter(
          (p, i, arr) => i === 0 || p[0] !== arr[i - 1][0] || p[1] !== arr[i - 1][1],
        );
        // Keep rings valid (≥ 4 positions) if rounding collapsed them.
        return dedup.length >= 4 || dedup.length === mapped.length ? dedup : mapped;
      }
      return mapped;
    }
    return c;
  };
  return walk(value);
}
