/**
 * The coordinate reference system of a boundary file and reprojection to lon/lat (EPSG:4326, as
 * RFC 7946 GeoJSON and the engine's zones expect). Definitions come from shared/proj (GDAL's
 * database, on disk) and, for codes outside it, from the epsg-index package.
 */
import { createRequire } from 'node:module';
import proj4 from 'proj4';
import { NigahError } from '../../shared/errors';
import { epsgNumber, hasProjection, projDef, projName } from '../../shared/proj';
import type { Polygonal } from './geometry';

const LONLAT_CODES = new Set([4326, 4258, 4269, 4979, 4283]);

/** 'EPSG:n' from a GeoJSON `crs` member (2008 draft form), or null when absent or lon/lat (CRS84). */
export function crsOfGeoJSONMember(crs: unknown): string | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return null;
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,6})$/i.exec(name.trim()) ?? /^(\d{4,6})$/.exec(name.trim());
  if (!m)
    throw new NigahError(
      'UNKNOWN_CRS',
      `The file declares the coordinate system "${name}", which Nigah cannot read.`,
      {
        hint: 'Save the boundaries in WGS 84 (EPSG:4326), e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson.',
        details: { code: name },
      },
    );
  const n = Number(m[1]);
  return LONLAT_CODES.has(n) ? null : `EPSG:${n}`;
}

function epsgIndexDef(n: number): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const all = require('epsg-index/all.json') as Record<string, { proj4?: string }>;
    return all[String(n)]?.proj4 || undefined;
  } catch {
    return undefined;
  }
}

/** A lon/lat converter from `crs` ('EPSG:n' or a .prj WKT), or UNKNOWN_CRS naming it. */
export function toLonLatConverter(crs: string): (p: number[]) => number[] {
  const n = epsgNumber(crs);
  let def: string | undefined;
  if (n !== null) def = hasProjection(n) ? projDef(n) : epsgIndexDef(n);
  else def = crs;
  if (!def)
    throw new NigahError(
      'UNKNOWN_CRS',
      `The boundaries are in ${crs}, a coordinate system Nigah does not know.`,
      {
        hint: 'Reproject the file to WGS 84 first: ogr2ogr -t_srs EPSG:4326 out.geojson in.<ext>.',
        details: { code: crs },
      },
    );
  let conv: proj4.Converter;
  try {
    conv = proj4(def, 'EPSG:4326');
  } catch (e) {
    throw new NigahError(
      'UNKNOWN_CRS',
      `The coordinate system of the boundaries (${crsLabel(crs)}) cannot be used: ${(e as Error).message}.`,
      {
        hint: 'Reproject the file to WGS 84 first: ogr2ogr -t_srs EPSG:4326 out.geojson in.<ext>.',
        details: { code: crs },
      },
    );
  }
  return (p) => conv.forward([p[0], p[1]]);
}

/** 'EPSG:32642 (WGS 84 / UTM zone 42N)', or the first words of a WKT. */
export function crsLabel(crs: string): string {
  const n = epsgNumber(crs);
  if (n !== null) {
    const name = projName(n);
    return name ? `EPSG:${n} (${name})` : `EPSG:${n}`;
  }
  const m = /^\w+\["([^"]+)"/.exec(crs);
  return m ? m[1] : crs.slice(0, 60);
}

/** Reprojects every coordinate in place. */
export function reproject(geometries: Polygonal[], crs: string): void {
  const conv = toLonLatConverter(crs);
  for (const g of geometries)
    for (const poly of g)
      for (const ring of poly)
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = conv(ring[i]);
          ring[i] = [x, y];
        }
}

/**
 * Refuses coordinates that are not lon/lat: a projected file without a CRS (metres read as degrees)
 * would otherwise give zones far outside the scene and silently empty tables.
 */
export function checkLonLat(geometries: Polygonal[], source: string, declared: string | null): void {
  for (const g of geometries)
    for (const poly of g)
      for (const ring of poly)
        for (const p of ring) {
          if (Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)
            continue;
          const where = declared
            ? `after reprojecting from ${crsLabel(declared)}`
            : 'with no coordinate system declared';
          throw new NigahError(
            'UNKNOWN_CRS',
            `${source} has coordinates outside longitude/latitude (${p[0]}, ${p[1]}) ${where}: it looks projected (metres).`,
            {
              hint: 'Declare the file\'s coordinate system (a .prj beside a Shapefile, a "crs" member in GeoJSON) or reproject it: ogr2ogr -t_srs EPSG:4326 out.geojson in.<ext>.',
              details: { x: p[0], y: p[1], crs: declared },
            },
          );
        }
}
