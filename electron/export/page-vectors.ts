/**
 * Vector layers of a page (boundary layers and the embedded base map: neighbouring countries,
 * rivers, lakes, towns): the features near the map read from the boundaries service, drawn in
 * the app map's styles (renderer/src/map/boundaries.ts) with each layer's opacity.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { GeoJSONFeatureCollection } from '../../shared/contract';
import type { Box } from '../../shared/export/layout';
import { fromLonLat } from '../../shared/proj';
import { zoneName } from '../engine/zones';
import type { ZoneShape } from './draw-map';
import type { MapFrame } from './map-image';

export type VectorKind =
  | 'country'
  | 'province'
  | 'division'
  | 'district'
  | 'tehsil'
  | 'neighbours'
  | 'rivers'
  | 'lakes'
  | 'towns';

export interface PageVector {
  id: string;
  name: string;
  kind: VectorKind;
  attribution: string;
  opacity: number;
  labels: boolean;
  polygons: ZoneShape[];
  lines: number[][][];
  points: { name: string; at: [number, number]; population: number }[];
}

/** Stroke, width, dash and fill of each kind, as on the app's map. */
export const VECTOR_STYLE: Record<
  VectorKind,
  { stroke: string; width: number; dash?: number[]; fill?: string }
> = {
  country: { stroke: '#3b4250', width: 1.6 },
  province: { stroke: '#5c6675', width: 1.1 },
  division: { stroke: '#8a93a0', width: 0.8, dash: [4, 3] },
  district: { stroke: '#222222', width: 0.6, dash: [2.5, 1.5] },
  tehsil: { stroke: '#6e7887', width: 0.5, dash: [2, 2] },
  neighbours: { stroke: '#9a968c', width: 0.5, fill: '#e4e0d6' },
  rivers: { stroke: '#3a7fc1', width: 1 },
  lakes: { stroke: '#3a7fc1', width: 0.5, fill: '#a9cbe6' },
  towns: { stroke: '#1f2630', width: 0.5, fill: '#ffffff' },
};

type Bbox = [number, number, number, number];

function coordsBox(coords: unknown): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else for (const x of c) walk(x);
  };
  walk(coords);
  return b;
}

const meets = (a: Bbox, b: Bbox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/** The features of a layer that reach `bbox` (lon/lat), split into polygons, lines and points. */
export function vectorShapes(
  fc: GeoJSONFeatureCollection,
  bbox: Bbox,
): Pick<PageVector, 'polygons' | 'lines' | 'points'> {
  const out: Pick<PageVector, 'polygons' | 'lines' | 'points'> = { polygons: [], lines: [], points: [] };
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || !meets(coordsBox(g.coordinates), bbox)) return;
    const name = zoneName(f.properties, i);
    if (g.type === 'Polygon') out.polygons.push({ name, polygons: [g.coordinates as number[][][]] });
    else if (g.type === 'MultiPolygon')
      out.polygons.push({ name, polygons: g.coordinates as number[][][][] });
    else if (g.type === 'LineString') out.lines.push(g.coordinates as number[][]);
    else if (g.type === 'MultiLineString') out.lines.push(...(g.coordinates as number[][][]));
    else if (g.type === 'Point') {
      const population = Number(f.properties?.population ?? 0);
      out.points.push({ name, at: g.coordinates as [number, number], population });
    }
  });
  return out;
}

type ToPage = (x: number, y: number) => [number, number];

function project(line: number[][], crs: string, toPage: ToPage): [number, number][] {
  return fromLonLat(
    crs,
    line.map((p) => [p[0], p[1]] as [number, number]),
  ).map(([x, y]) => toPage(x, y));
}

function trace(ctx: SKRSContext2D, pts: [number, number][], close: boolean): void {
  pts.forEach(([x, y], i) => {
    if (i) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
  });
  if (close) ctx.closePath();
}

/** Draws a vector layer's outlines, fills, lines and town dots (names are drawn by the caller). */
export function drawVector(
  ctx: SKRSContext2D,
  v: PageVector,
  frame: MapFrame,
  toPage: ToPage,
  box: Box,
): void {
  const st = VECTOR_STYLE[v.kind];
  ctx.save();
  ctx.globalAlpha = v.opacity;
  ctx.strokeStyle = st.stroke;
  ctx.lineWidth = st.width;
  ctx.setLineDash(st.dash ?? []);
  if (v.polygons.length) {
    ctx.beginPath();
    for (const z of v.polygons)
      for (const poly of z.polygons)
        for (const ring of poly) trace(ctx, project(ring, frame.crs, toPage), true);
    if (st.fill) {
      ctx.fillStyle = st.fill;
      ctx.fill('evenodd');
    }
    ctx.stroke();
  }
  if (v.lines.length) {
    ctx.beginPath();
    for (const l of v.lines) trace(ctx, project(l, frame.crs, toPage), false);
    ctx.stroke();
  }
  for (const p of townsShown(v, frame, toPage, box)) {
    ctx.beginPath();
    ctx.arc(p.xy[0], p.xy[1], 1.8, 0, Math.PI * 2);
    ctx.fillStyle = st.fill ?? '#fff';
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

/** Towns inside the map box, the most populous first, at most 24. */
export function townsShown(v: PageVector, frame: MapFrame, toPage: ToPage, box: Box) {
  return v.points
    .map((p) => {
      const [x, y] = fromLonLat(frame.crs, [p.at])[0];
      return { ...p, xy: toPage(x, y) };
    })
    .filter(
      ({ xy: [x, y] }) => x > box.x + 2 && x < box.x + box.w - 2 && y > box.y + 2 && y < box.y + box.h - 2,
    )
    .sort((a, b) => b.population - a.population)
    .slice(0, 24);
}
