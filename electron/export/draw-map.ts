/**
 * The map box of a page: the composed raster, district outlines and names (vectors), a labelled
 * lon/lat grid and the neat line. Coordinates go scene CRS → page points through the frame.
 */
import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import { formatDegrees, graticuleStep, ticks } from '../../shared/export/carto';
import type { Box } from '../../shared/export/layout';
import { fromLonLat, toLonLat } from '../../shared/proj';
import type { MapFrame, RasterLayer } from './map-image';
import { drawVector, type PageVector, townsShown } from './page-vectors';
import { drawText, textWidth } from './text';

/** A zone outline in lon/lat: polygons, each a list of rings. */
export interface ZoneShape {
  name: string;
  polygons: number[][][][];
}

export interface MapContent {
  frame: MapFrame;
  raster: RasterLayer;
  /** Opacity of the scene raster (default 1). */
  rasterOpacity?: number;
  /** Named outlines (the labelled boundary layer). */
  zones: ZoneShape[];
  /** Other vector layers, bottom first; neighbouring countries and lakes go under the raster. */
  vectors?: PageVector[];
}

const UNDER = new Set(['neighbours', 'lakes']);

type ToPage = (x: number, y: number) => [number, number];

function pageTransform(frame: MapFrame, box: Box): ToPage {
  const [e0, e1, e2, e3] = frame.extent;
  const kx = box.w / (e2 - e0);
  const ky = box.h / (e3 - e1);
  return (x, y) => [box.x + (x - e0) * kx, box.y + (e3 - y) * ky];
}

function drawRaster(ctx: SKRSContext2D, raster: RasterLayer, box: Box, opacity = 1): void {
  const c = createCanvas(raster.width, raster.height);
  c.getContext('2d').putImageData(new ImageData(raster.rgba, raster.width, raster.height), 0, 0);
  ctx.save();
  ctx.globalAlpha = opacity;
  ctx.drawImage(c, box.x, box.y, box.w, box.h);
  ctx.restore();
}

function drawTownNames(ctx: SKRSContext2D, v: PageVector, frame: MapFrame, box: Box, size: number): void {
  for (const p of townsShown(v, frame, pageTransform(frame, box), box))
    drawText(ctx, p.name, p.xy[0] + 3, p.xy[1] - 1, {
      size,
      baseline: 'alphabetic',
      color: '#1f2630',
      halo: true,
    });
}

function tracePoints(ctx: SKRSContext2D, pts: [number, number][]): void {
  pts.forEach(([x, y], i) => {
    if (i) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
  });
}

function tracePolygon(
  ctx: SKRSContext2D,
  rings: number[][][],
  crs: string,
  toPage: ToPage,
): [number, number][] {
  let outer: [number, number][] = [];
  rings.forEach((ring, i) => {
    const pts = fromLonLat(
      crs,
      ring.map((p) => [p[0], p[1]] as [number, number]),
    ).map(([x, y]) => toPage(x, y));
    if (i === 0) outer = pts;
    tracePoints(ctx, pts);
    ctx.closePath();
  });
  return outer;
}

function inRing(ring: [number, number][], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Where to write a zone's name: the middle of the part of its outline that shows in the map box
 * (sampled on a 16 × 16 grid inset from the edges), so districts larger than the map are named too.
 */
function labelPoint(outers: [number, number][][], box: Box, pad: number): [number, number] | null {
  const n = 16;
  const hits: [number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = box.x + pad + ((box.w - 2 * pad) * (i + 0.5)) / n;
      const y = box.y + pad + ((box.h - 2 * pad) * (j + 0.5)) / n;
      if (outers.some((r) => inRing(r, x, y))) hits.push([x, y]);
    }
  if (!hits.length) return null;
  const mx = hits.reduce((a, p) => a + p[0], 0) / hits.length;
  const my = hits.reduce((a, p) => a + p[1], 0) / hits.length;
  return hits.reduce((b, p) => (Math.hypot(p[0] - mx, p[1] - my) < Math.hypot(b[0] - mx, b[1] - my) ? p : b));
}

function drawZones(
  ctx: SKRSContext2D,
  zones: ZoneShape[],
  frame: MapFrame,
  box: Box,
  fontSize: number,
): void {
  const toPage = pageTransform(frame, box);
  const labels: { name: string; at: [number, number] }[] = [];
  ctx.save();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.4;
  for (const z of zones) {
    ctx.beginPath();
    const outers = z.polygons.map((poly) => tracePolygon(ctx, poly, frame.crs, toPage));
    ctx.stroke();
    const at = labelPoint(outers, box, fontSize * 2);
    if (at) labels.push({ name: z.name, at });
  }
  ctx.strokeStyle = '#222222';
  ctx.lineWidth = 0.6;
  ctx.setLineDash([2.5, 1.5]);
  for (const z of zones) {
    ctx.beginPath();
    for (const poly of z.polygons) tracePolygon(ctx, poly, frame.crs, toPage);
    ctx.stroke();
  }
  ctx.restore();
  for (const l of labels) {
    // Kept whole inside the map box.
    const half = textWidth(ctx, l.name, { size: fontSize, bold: true }) / 2 + 2;
    const x = Math.min(Math.max(l.at[0], box.x + half), box.x + box.w - half);
    drawText(ctx, l.name, x, l.at[1], {
      size: fontSize,
      bold: true,
      align: 'center',
      baseline: 'middle',
      color: '#1a1a1a',
      halo: true,
    });
  }
}

/** Lon/lat lines every `graticuleStep`, labelled along the bottom and left edges. */
function drawGraticule(ctx: SKRSContext2D, frame: MapFrame, box: Box, fontSize: number): void {
  const [e0, e1, e2, e3] = frame.extent;
  const corners = toLonLat(frame.crs, [
    [e0, e1],
    [e0, e3],
    [e2, e1],
    [e2, e3],
  ]);
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  const [lo0, lo1, la0, la1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const step = graticuleStep(Math.max(lo1 - lo0, la1 - la0));
  const toPage = pageTransform(frame, box);
  const line = (pts: [number, number][]) => fromLonLat(frame.crs, pts).map(([x, y]) => toPage(x, y));
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.strokeStyle = 'rgba(255,255,255,0.75)';
  ctx.lineWidth = 0.4;
  const n = 24;
  const lonTicks = ticks(lo0, lo1, step);
  const latTicks = ticks(la0, la1, step);
  for (const lon of lonTicks) {
    const pts = line(
      Array.from({ length: n + 1 }, (_, i) => [lon, la0 + ((la1 - la0) * i) / n] as [number, number]),
    );
    ctx.beginPath();
    tracePoints(ctx, pts);
    ctx.stroke();
  }
  for (const lat of latTicks) {
    const pts = line(
      Array.from({ length: n + 1 }, (_, i) => [lo0 + ((lo1 - lo0) * i) / n, lat] as [number, number]),
    );
    ctx.beginPath();
    tracePoints(ctx, pts);
    ctx.stroke();
  }
  ctx.restore();
  const size = fontSize * 0.8;
  const midLat = (la0 + la1) / 2;
  const midLon = (lo0 + lo1) / 2;
  for (const lon of lonTicks) {
    const [x] = line([[lon, midLat]])[0];
    if (x > box.x + size * 2 && x < box.x + box.w - size * 2)
      drawText(ctx, formatDegrees(lon, 'lon'), x, box.y + box.h + 1.5, {
        size,
        align: 'center',
        color: '#333',
      });
  }
  for (const lat of latTicks) {
    const [, y] = line([[midLon, lat]])[0];
    if (y > box.y + size && y < box.y + box.h - size) {
      ctx.save();
      ctx.translate(box.x - 1.5, y);
      ctx.rotate(-Math.PI / 2);
      drawText(ctx, formatDegrees(lat, 'lat'), 0, -size * 1.35, { size, align: 'center', color: '#333' });
      ctx.restore();
    }
  }
}

export function drawMapBox(ctx: SKRSContext2D, content: MapContent, box: Box, fontSize: number): void {
  ctx.save();
  ctx.fillStyle = '#f4f4f0';
  ctx.fillRect(box.x, box.y, box.w, box.h);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  const toPage = pageTransform(content.frame, box);
  const vectors = content.vectors ?? [];
  for (const v of vectors) if (UNDER.has(v.kind)) drawVector(ctx, v, content.frame, toPage, box);
  drawRaster(ctx, content.raster, box, content.rasterOpacity);
  for (const v of vectors) if (!UNDER.has(v.kind)) drawVector(ctx, v, content.frame, toPage, box);
  drawZones(ctx, content.zones, content.frame, box, fontSize * 0.9);
  for (const v of vectors) if (v.kind === 'towns') drawTownNames(ctx, v, content.frame, box, fontSize * 0.75);
  ctx.restore();
  drawGraticule(ctx, content.frame, box, fontSize);
  ctx.save();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 0.8;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.restore();
}
