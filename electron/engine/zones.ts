/**
 * Zones (districts…) for zonal statistics: any boundary file the boundaries reader takes (GeoJSON,
 * TopoJSON, Shapefile, KML; reprojected to lon/lat from the file's CRS), projected to the raster's
 * CRS with proj4 and rasterized to row spans on its grid (shared/analysis/zonal.ts).
 */

import { existsSync } from 'node:fs';
import nodePath from 'node:path';
import { polygonAreaLonLat } from '../../shared/analysis/area';
import { type PolygonRings, rasterizeSpans, worldToPixel, type ZoneSpans } from '../../shared/analysis/zonal';
import { fromLonLat } from '../../shared/proj';
import { builtinFeatures } from '../boundaries/builtin';
import { normaliseLayers, readBoundaryPath } from '../boundaries/read';
import { createBoundaryStore } from '../boundaries/store';
import { defaultUserDataDir } from '../host/paths';
import type { Grid } from './compute';

export interface Zone {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  spans: ZoneSpans;
  /** Area of the whole zone on the ellipsoid (m²), also outside the raster. */
  areaM2: number;
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

/**
 * A boundary file, or the id of a layer in the user's boundaries (nigah boundaries add/list) or of
 * an embedded layer (ne-admin1: provinces).
 */
async function readZoneFeatures(arg: string) {
  if (!existsSync(arg) && /^[\w.-]+$/.test(arg)) {
    const stored = await createBoundaryStore(nodePath.join(defaultUserDataDir(), 'boundaries')).file(arg);
    if (stored) return readBoundaryPath(stored);
    const builtin = builtinFeatures(arg);
    if (builtin) {
      return normaliseLayers([{ name: arg, features: builtin.features, crs: null }], arg);
    }
  }
  return readBoundaryPath(arg);
}

/** Zones overlapping the grid (zones with no pixel inside are kept with 0 pixels, so reports list them). */
export async function loadZones(path: string, grid: Grid): Promise<Zone[]> {
  const { features } = await readZoneFeatures(path);
  const toPix = worldToPixel(grid.gt);
  return features
    .map((f, i) => {
      const polys = f.geometry.coordinates;
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
      const id = String(props.id ?? f.id ?? props.shapeID ?? props.ADM2_PCODE ?? props.pcode ?? i + 1);
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
