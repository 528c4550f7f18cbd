/**
 * Polygon simplification for vector exports: Douglas–Peucker on each ring with a tolerance in the
 * ring's units (degrees for RFC 7946 GeoJSON), keeping rings closed and dropping rings that collapse
 * below 4 positions. Orientation is left as it was (RFC 7946 right-hand rule is applied by the caller).
 */

type Ring = number[][];

function perpendicular(p: number[], a: number[], b: number[]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker keep-flags for pts[first..last], iterative (rings may have many vertices). */
function markKept(pts: Ring, tolerance: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[0, pts.length - 1]];
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let at = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicular(pts[i], pts[first], pts[last]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([first, at], [at, last]);
    }
  }
}

/** A closed ring simplified; the split point is the vertex farthest from the first one. */
export function simplifyRing(ring: Ring, tolerance: number): Ring | null {
  if (ring.length < 4) return null;
  if (tolerance <= 0) return ring;
  const open = ring.slice(0, -1);
  let far = 0;
  let best = -1;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot(open[i][0] - open[0][0], open[i][1] - open[0][1]);
    if (d > best) {
      best = d;
      far = i;
    }
  }
  const halves = [open.slice(0, far + 1), [...open.slice(far), open[0]]];
  const out: Ring = [];
  for (const half of halves) {
    const keep = new Uint8Array(half.length);
    markKept(half, tolerance, keep);
    for (let i = 0; i < half.length - 1; i++) if (keep[i]) out.push(half[i]);
  }
  if (out.length < 3) return null;
  out.push(out[0]);
  return out;
}

/** Polygon rings simplified; null when the exterior ring collapses. Collapsed holes are dropped. */
export function simplifyPolygon(rings: Ring[], tolerance: number): Ring[] | null {
  const outer = simplifyRing(rings[0], tolerance);
  if (!outer) return null;
  const holes = rings
    .slice(1)
    .map((r) => simplifyRing(r, tolerance))
    .filter((r): r is Ring => r !== null);
  return [outer, ...holes];
}

/** Signed shoelace area (positive = counter-clockwise in x-right, y-up axes). */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Mutates and returns rings. */
export function rightHandRule(rings: Ring[]): Ring[] {
  rings.forEach((ring, i) => {
    if ((i === 0) !== signedArea(ring) > 0) ring.reverse();
  });
  return rings;
}
