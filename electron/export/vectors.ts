/**
 * Water and flood polygons for other GIS tools: GeoJSON per RFC 7946 (EPSG:4326 longitude/latitude,
 * exterior rings counter-clockwise, holes clockwise) simplified with a stated tolerance, and KML
 * (tokml) from the same features.
 */
import tokml from 'tokml';
import { polygonAreaLonLat } from '../../shared/analysis/area';
import { vectorizeMask } from '../../shared/analysis/vectorize';
import { NigahError } from '../../shared/errors';
import { rightHandRule, simplifyPolygon } from '../../shared/export/simplify';
import { toLonLat } from '../../shared/proj';
import { tiffOf } from '../engine/scene-input';
import { mapFrame, maskPixels } from './map-image';

/** Largest side traced at full resolution; larger masks are sampled onto a coarser grid first. */
const VECTOR_MAX = 4096;

export interface PolygonExport {
  type: 'FeatureCollection';
  /** Foreign member (RFC 7946 §6.1): how the outlines were simplified. */
  simplification: { method: 'Douglas-Peucker'; toleranceMetres: number; crs: string; sampledEvery?: number };
  features: {
    type: 'Feature';
    properties: { class: string; area_km2: number };
    geometry: { type: 'Polygon'; coordinates: number[][][] };
  }[];
}

/**
 * Polygons of a mask COG (value 1), traced on pixel edges, simplified in the mask's CRS with
 * `toleranceMetres` (default: half a pixel), then transformed to lon/lat. RFC 7946 GeoJSON.
 */
export function maskPolygons(path: string, label: string, toleranceMetres?: number): PolygonExport {
  const f = tiffOf(path);
  const gt = f.geotransform;
  if (!gt || f.epsg === null)
    throw new NigahError('UNSUPPORTED_TIFF', `${path} has no georeferencing.`, {
      hint: 'Give a mask written by nigah water or flood.',
    });
  const img = f.images[0];
  const factor = Math.max(1, Math.ceil(Math.max(img.width, img.height) / VECTOR_MAX));
  const w = Math.ceil(img.width / factor);
  const h = Math.ceil(img.height / factor);
  const crs = `EPSG:${f.epsg}`;
  const extent: [number, number, number, number] = [
    gt[0],
    gt[3] + gt[5] * h * factor,
    gt[0] + gt[1] * w * factor,
    gt[3],
  ];
  const frame = mapFrame(crs, extent, w, h);
  const mask = maskPixels(path, frame);
  const geographic = crs === 'EPSG:4326';
  const tolerance = toleranceMetres ?? (Math.abs(frame.gt[1]) / 2) * (geographic ? 111_320 : 1);
  const features: PolygonExport['features'] = [];
  for (const p of vectorizeMask(mask, w, h, 1, 1)) {
    const world = p.rings.map((ring) =>
      ring.map(([c, r]) => [frame.gt[0] + c * frame.gt[1], frame.gt[3] + r * frame.gt[5]]),
    );
    const simple = simplifyPolygon(world, geographic ? tolerance / 111_320 : tolerance);
    if (!simple) continue;
    const rings = rightHandRule(
      simple.map((ring) => toLonLat(crs, ring as [number, number][]).map(([x, y]) => [round7(x), round7(y)])),
    );
    features.push({
      type: 'Feature',
      properties: { class: label, area_km2: polygonAreaLonLat(rings) / 1e6 },
      geometry: { type: 'Polygon', coordinates: rings },
    });
  }
  return {
    type: 'FeatureCollection',
    simplification: {
      method: 'Douglas-Peucker',
      toleranceMetres: tolerance,
      crs,
      ...(factor > 1 ? { sampledEvery: factor } : {}),
    },
    features,
  };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function polygonsKml(fc: PolygonExport, title: string): string {
  const described = {
    ...fc,
    features: fc.features.map((f) => ({
      ...f,
      properties: {
        ...f.properties,
        name: f.properties.class,
        description: `${f.properties.area_km2.toFixed(4)} km²`,
      },
    })),
  };
  return tokml(described, {
    documentName: title,
    documentDescription: `Outlines simplified (Douglas-Peucker) with a tolerance of ${fc.simplification.toleranceMetres} m in ${fc.simplification.crs}`,
    name: 'name',
    description: 'description',
  });
}
