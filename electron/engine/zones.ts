/**
 * Zones (districts…) for zonal statistics: GeoJSON in lon/lat (RFC 7946), projected to the raster's
 * CRS with proj4 and rasterized to row spans on its grid (shared/analysis/zonal.ts).
 */
import { readFileSync } from 'node:fs';
import { polygonAreaLonLat } from '../../shared/analysis/area';
import { type PolygonRings, rasterizeSpans, worldToPixel, type ZoneSpans } from '../../shared/analysis/zonal';
import { NigahError } from '../../shared/errors';
import { fromLonLat } from '../../shared/proj';
import type { Grid } from './compute';

export interface Zone {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  spans: ZoneSpans;
  /** Area of the whole zone on the ellipsoid (m²), also outside the raster. */
  areaM2: number;
}

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

const NAME_KEYS = [
  'name',
  'NAME',
  'shapeName',
  'district',
  'DISTRICT',
  'ADM2_EN',
  'ADM1_EN',
  'NAME_2',
  'NAME_1',
  'name_en',
];

export function zoneName(props: Record<string, unknown> | null, i: number): string {
  for (const k of NAME_KEYS) {
    const v = props?.[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return `zone ${i + 1}`;
}

export function readFeatures(path: string): Feature[] {
  let json: { type?: string; features?: Feature[]; geometry?: unknown; coordinates?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT')
      throw new NigahError('NOT_FOUND', `No such boundaries file: ${path}.`, { hint: 'Check the path.' });
    throw new NigahError('NOT_JSON', `${path} is not valid JSON: ${(e as Error).message}`, {
      hint: 'Pass boundaries as GeoJSON in lon/lat (EPSG:4326).',
    });
  }
  if (json.type === 'Topology')
    throw new NigahError('BAD_ARGUMENT', `${path} is TopoJSON.`, {
      hint: 'Convert it to GeoJSON first (e.g. ogr2ogr -f GeoJSON out.geojson in.topojson), or use sample-data/boundaries/*.geojson.',
    });
  if (json.type === 'FeatureCollection' && Array.isArray(json.features)) return json.features;
  if (json.type === 'Feature') return [json as unknown as Feature];
  if (json.type === 'Polygon' || json.type === 'MultiPolygon')
    return [{ type: 'Feature', properties: {}, geometry: json as Feature['geometry'] }];
  throw new NigahError('BAD_ARGUMENT', `${path} holds no GeoJSON polygons.`, {
    hint: 'Pass a FeatureCollection of Polygon/MultiPolygon features in lon/lat.',
  });
}

/** Zones overlapping the grid (zones with no pixel inside are kept with 0 pixels, so reports list them). */
export function loadZones(path: string, grid: Grid): Zone[] {
  const features = readFeatures(path);
  const toPix = worldToPixel(grid.gt);
  return features
    .map((f, i) => {
      const g = f.geometry;
      const polys: number[][][][] =
        g?.type === 'Polygon'
          ? [g.coordinates as number[][][]]
          : g?.type === 'MultiPolygon'
            ? (g.coordinates as number[][][][])
            : [];
      const rings: PolygonRings[] = polys.map((poly) =>
        poly.map((ring) => {
          const world = fromLonLat(
            grid.crs,
            ring.map((p) => [p[0], p[1]] as [number, number]),
          );
          return world.map(([x, y]) => toPix(x, y));
        }),
      );
      const props = f.properties ?? {};
      const id = String(props.id ?? props.shapeID ?? props.ADM2_PCODE ?? props.pcode ?? i + 1);
      return {
        id,
        name: zoneName(props, i),
        properties: props,
        spans: rasterizeSpans(rings, grid.width, grid.height),
        areaM2: polys.reduce((sum, poly) => sum + polygonAreaLonLat(poly), 0),
      };
    })
    .filter((z) => z.spans.height > 0);
}
