/**
 * Mask → polygons along pixel edges (exact outlines, no smoothing), 4-connected foreground.
 * Boundary edges are directed with the foreground on their right (y down), so outer rings come out
 * clockwise on screen and holes counter-clockwise; at a saddle vertex the trace turns right, which keeps
 * diagonal neighbours apart (4-connectivity). Vertices are emitted only where the direction changes.
 *
 * Chosen over d3-contour (marching squares over a float grid) because masks are binary and pixel
 * outlines are what analysts check against the raster; and it needs no dependency.
 */
export type PixelRing = [number, number][];

export interface PixelPolygon {
  /** Outer ring first, then holes; closed (first point repeated). Pixel corner coordinates. */
  rings: PixelRing[];
  /** Pixel count (area in pixels). */
  pixels: number;
}

const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * Trace the outlines of `mask[i] === value` regions of a w×h mask. Regions smaller than `minPixels`
 * are dropped.
 */
export function vectorizeMask(
  mask: Uint8Array,
  w: number,
  h: number,
  value = 1,
  minPixels = 1,
): PixelPolygon[] {
  const W = w + 1;
  // Up to two outgoing edges per vertex: direction + 1, 0 = none.
  const out1 = new Uint8Array(W * (h + 1));
  const out2 = new Uint8Array(W * (h + 1));
  const inside = (c: number, r: number) => c >= 0 && r >= 0 && c < w && r < h && mask[r * w + c] === value;
  const add = (c: number, r: number, d: number) => {
    const v = r * W + c;
    if (out1[v] === 0) out1[v] = d + 1;
    else out2[v] = d + 1;
  };
  let edges = 0;
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      if (mask[r * w + c] !== value) continue;
      if (!inside(c, r - 1)) {
        add(c, r, 0);
        edges++;
      }
      if (!inside(c + 1, r)) {
        add(c + 1, r, 1);
        edges++;
      }
      if (!inside(c, r + 1)) {
        add(c + 1, r + 1, 2);
        edges++;
      }
      if (!inside(c - 1, r)) {
        add(c, r + 1, 3);
        edges++;
      }
    }
  if (edges === 0) return [];
  const take = (v: number, prefer: number[]): number => {
    for (const d of prefer) {
      if (out1[v] === d + 1) {
        out1[v] = out2[v];
        out2[v] = 0;
        return d;
      }
      if (out2[v] === d + 1) {
        out2[v] = 0;
        return d;
      }
    }
    return -1;
  };
  const rings: { ring: PixelRing; area: number }[] = [];
  for (let v0 = 0; v0 < out1.length; v0++) {
    while (out1[v0] !== 0) {
      let c = v0 % W;
      let r = (v0 - c) / W;
      let d = take(v0, [0, 1, 2, 3]);
      const ring: PixelRing = [[c, r]];
      const sc = c;
      const sr = r;
      for (;;) {
        c += DX[d];
        r += DY[d];
        // Back at the start: the ring is closed (edges left at a saddle start belong to another ring).
        if (c === sc && r === sr) break;
        const nd = take(r * W + c, [(d + 1) & 3, d, (d + 3) & 3]);
        if (nd < 0) break;
        if (nd !== d) ring.push([c, r]);
        d = nd;
      }
      ring.push([ring[0][0], ring[0][1]]);
      rings.push({ ring, area: signedArea(ring) });
    }
  }
  const outers = rings
    .filter((r) => r.area > 0)
    .map((r) => ({ ...r, holes: [] as PixelRing[], bbox: bboxOf(r.ring) }));
  outers.sort((a, b) => a.area - b.area);
  for (const hole of rings.filter((r) => r.area < 0)) {
    // A point just to the right of the hole's first edge lies in the foreground that bounds the hole.
    const [a, b] = hole.ring;
    const dx = Math.sign(b[0] - a[0]);
    const dy = Math.sign(b[1] - a[1]);
    const px = (a[0] + b[0]) / 2 - dy * 0.25;
    const py = (a[1] + b[1]) / 2 + dx * 0.25;
    const host = outers.find(
      (o) =>
        px >= o.bbox[0] &&
        px <= o.bbox[2] &&
        py >= o.bbox[1] &&
        py <= o.bbox[3] &&
        pointInRing(o.ring, px, py),
    );
    if (host) host.holes.push(hole.ring);
  }
  const polys: PixelPolygon[] = [];
  for (const o of outers) {
    const pixels = o.area + o.holes.reduce((s, h) => s + signedArea(h), 0);
    if (pixels >= minPixels) polys.push({ rings: [o.ring, ...o.holes], pixels });
  }
  return polys;
}

/** Shoelace area, positive for clockwise-on-screen (y down) rings. */
export function signedArea(ring: PixelRing): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function bboxOf(ring: PixelRing): [number, number, number, number] {
  let a = Number.POSITIVE_INFINITY;
  let b = Number.POSITIVE_INFINITY;
  let c = Number.NEGATIVE_INFINITY;
  let d = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    if (x < a) a = x;
    if (y < b) b = y;
    if (x > c) c = x;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}

export function pointInRing(ring: PixelRing, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Downsample a mask by an integer factor for vectorizing very large rasters: a block is 1 when any of
 * its pixels is 1 ("any" keeps thin flooded channels), 255 when all are nodata, else 0.
 */
export function downsampleMask(
  mask: Uint8Array,
  w: number,
  h: number,
  factor: number,
): { mask: Uint8Array; w: number; h: number } {
  if (factor <= 1) return { mask, w, h };
  const ow = Math.ceil(w / factor);
  const oh = Math.ceil(h / factor);
  const out = new Uint8Array(ow * oh).fill(255);
  for (let r = 0; r < h; r++) {
    const orow = Math.floor(r / factor) * ow;
    for (let c = 0; c < w; c++) {
      const v = mask[r * w + c];
      const o = orow + Math.floor(c / factor);
      if (v === 1) out[o] = 1;
      else if (v === 0 && out[o] === 255) out[o] = 0;
    }
  }
  return { mask: out, w: ow, h: oh };
}
