/**
 * The map box of a page: the composed raster, district outlines and names (vectors), a labelled
 * lon/lat grid and the neat line. Coordinates go scene CRS → page points through the frame.
 */
import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import { formatDegrees, graticuleStep, ticks } from '../../shared/export/carto';
import type { Box } from '../../shared/export/layout';
import { fromLonLat, toLonLat } from '../../shared/proj';
import type { MapFrame, RasterLayer } from './map-image';
import { drawText } from './text';

/** A zone outline in lon/lat: polygons, each a list of rings. */
export interface ZoneShape {
  name: string;
  polygons: number[][][][];
}

export interface MapContent {
  frame: MapFrame;
  raster: RasterLayer;
  zones: ZoneShape[];
}

type ToPage = (x: number, y: number) => [number, number];

function pageTransform(frame: MapFrame, box: Box): ToPage {
  const [e0, e1, e2, e3] = frame.extent;
  const kx = box.w / (e2 - e0);
  const ky = box.h / (e3 - e1);
  return (x, y) => [box.x + (x - e0) * kx, box.y + (e3 - y) * ky];
}

function drawRaster(ctx: SKRSContext2D, raster: RasterLayer, box: Box): void {
  const c = createCanvas(raster.width, raster.height);
  c.getContext('2d').putImageData(new ImageData(raster.rgba, raster.width, raster.height), 0, 0);
  ctx.drawImage(c, box.x, box.y, box.w, box.h);
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

function centroid(pts: [number, number][]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i];
    const [x1, y1] = pts[(i + 1) % pts.length];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return a === 0 ? pts[0] : [cx / (3 * a), cy / (3 * a)];
}

function inside(box: Box, [x, y]: [number, number], pad = 0): boolean {
  return x > box.x + pad && x < box.x + box.w - pad && y > box.y + pad && y < box.y + box.h - pad;
}

function drawZones(
  ctx: SKRSContext2D,
  zones: ZoneShape[],
  frame: MapFrame,
  box: Box,
  fontSize: number,
): void {
  const toPage = pageTransform(frame, box);
  const labels: { name: string; at: [number, number]; area: number }[] = [];
  ctx.save();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.4;
  for (const z of zones) {
    let best: { at: [number, number]; area: number } | null = null;
    ctx.beginPath();
    for (const poly of z.polygons) {
      const outer = tracePolygon(ctx, poly, frame.crs, toPage);
      const xs = outer.map((p) => p[0]);
      const ys = outer.map((p) => p[1]);
      const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
      if (!best || area > best.area) best = { at: centroid(outer), area };
    }
    ctx.stroke();
    if (best) labels.push({ name: z.name, ...best });
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
  for (const l of labels)
    if (inside(box, l.at, fontSize * 2))
      drawText(ctx, l.name, l.at[0], l.at[1], {
        size: fontSize,
        bold: true,
        align: 'center',
        baseline: 'middle',
        color: '#1a1a1a',
        halo: true,
      });
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
  drawRaster(ctx, content.raster, box);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  drawZones(ctx, content.zones, content.frame, box, fontSize * 0.9);
  ctx.restore();
  drawGraticule(ctx, content.frame, box, fontSize);
  ctx.save();
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 0.8;
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.restore();
}
