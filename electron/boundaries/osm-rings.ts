/**
 * Polygons of OpenStreetMap boundary relations from an Overpass `out geom` answer: member ways are
 * joined end to end into closed rings (outer and inner by role), and every inner ring is put in the
 * outer ring that contains it.
 */
import type { Polygonal } from './geometry';

export interface OverpassElement {
  type: string;
  id: number;
  tags?: Record<string, string>;
  members?: { type: string; role: string; geometry?: { lat: number; lon: number }[] }[];
}

type Line = number[][];
const key = (p: number[]) => `${p[0]},${p[1]}`;

/** Joins open lines into closed rings; lines that never close are returned in `open`. */
export function joinRings(lines: Line[]): { rings: Line[]; open: number } {
  const pending = lines.filter((l) => l.length > 1).map((l) => [...l]);
  const rings: Line[] = [];
  let open = 0;
  while (pending.length) {
    let ring = pending.pop() as Line;
    for (;;) {
      if (key(ring[0]) === key(ring[ring.length - 1]) && ring.length > 3) {
        rings.push(ring);
        break;
      }
      const end = key(ring[ring.length - 1]);
      const i = pending.findIndex((l) => key(l[0]) === end || key(l[l.length - 1]) === end);
      if (i < 0) {
        open++;
        break;
      }
      const next = pending.splice(i, 1)[0];
      if (key(next[0]) !== end) next.reverse();
      ring = ring.concat(next.slice(1));
    }
  }
  return { rings, open };
}

function inside(p: number[], ring: Line): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** The polygons of one relation, and how many of its way chains did not close. */
export function relationPolygons(rel: OverpassElement): { polygons: Polygonal; open: number } {
  const lines = (role: string) =>
    (rel.members ?? [])
      .filter((m) => m.type === 'way' && (m.role || 'outer') === role && m.geometry?.length)
      .map((m) => (m.geometry ?? []).map((g) => [g.lon, g.lat]));
  const outer = joinRings(lines('outer'));
  const inner = joinRings(lines('inner'));
  const polygons: Polygonal = outer.rings.map((r) => [r]);
  for (const hole of inner.rings) {
    const host = polygons.find((poly) => inside(hole[0], poly[0]));
    if (host) host.push(hole);
  }
  return { polygons, open: outer.open + inner.open };
}
