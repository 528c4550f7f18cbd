/**
 * Projection definitions kept on disk (the desk has no network). defs.ts, generated from GDAL/PROJ's
 * database by generate-defs.py, holds the codes of the region (bundled everywhere, the renderer
 * included); a host may install a loader for the rest of the EPSG registry (Node: the epsg-index
 * package, one small file per code read on first use — electron/proj-loader.ts). A CRS without an
 * EPSG code is carried as its proj4 string (built from GeoKeys by geokeys.ts).
 */
import proj4 from 'proj4';
import { NigahError } from '../errors';
import type { BBox, GeoTransform } from '../scene';
import { PROJ_DEFS } from './defs';
import { proj4FromGeoKeys } from './geokeys';

export { PROJ_DEFS } from './defs';

type Proj4Like = { defs: (name: string, def: string) => unknown };

/** Parses 'EPSG:32642', 'epsg:32642', '32642' or a number into the EPSG number; null when not EPSG. */
export function epsgNumber(code: string | number): number | null {
  if (typeof code === 'number') return Number.isInteger(code) ? code : null;
  const m = /^(?:EPSG:{1,2})?(\d{4,6})$/i.exec(code.trim());
  return m ? Number(m[1]) : null;
}

/** [name, proj4 definition] of an EPSG code, or null when the host cannot find it. */
export type ProjectionLoader = (epsg: number) => readonly [string, string] | null;

let loader: ProjectionLoader | null = null;
const loaded = new Map<number, readonly [string, string] | null>();

/** Install the host's loader for codes beyond the bundled ones (once per thread). */
export function setProjectionLoader(l: ProjectionLoader): void {
  loader = l;
}

/** Adds a definition obtained elsewhere (the renderer asks the host), as if the loader had found it. */
export function addProjection(epsg: number, def: readonly [string, string]): void {
  loaded.set(epsg, def);
  (proj4 as unknown as Proj4Like).defs(`EPSG:${epsg}`, def[1]);
}

/** True for a CRS given as a proj4 string (a CRS with no EPSG code, e.g. built from GeoKeys). */
export function isProj4String(code: string | number): code is string {
  return typeof code === 'string' && code.trim().startsWith('+proj=');
}

function lookup(n: number): readonly [string, string] | undefined {
  const bundled = PROJ_DEFS[n];
  if (bundled) return bundled;
  if (!loaded.has(n)) {
    const def = loader?.(n) ?? null;
    loaded.set(n, def);
    if (def) (proj4 as unknown as Proj4Like).defs(`EPSG:${n}`, def[1]);
  }
  return loaded.get(n) ?? undefined;
}

/** True when the definition of this code is bundled or on disk. */
export function hasProjection(code: string | number): boolean {
  if (isProj4String(code)) return true;
  const n = epsgNumber(code);
  return n !== null && lookup(n) !== undefined;
}

/** The proj4 string of a code (or of a proj4-string CRS, itself), or UNKNOWN_CRS naming the code. */
export function projDef(code: string | number): string {
  if (isProj4String(code)) return code.trim();
  const n = epsgNumber(code);
  const def = n === null ? undefined : lookup(n);
  if (!def) {
    throw new NigahError(
      'UNKNOWN_CRS',
      `The coordinate reference system ${String(code)} is not known to Nigah.`,
      {
        hint: 'Reproject the scene to WGS 84 (EPSG:4326) or its UTM zone (e.g. EPSG:32642) with gdalwarp, or ask for the code to be added to shared/proj.',
        details: { code: String(code) },
      },
    );
  }
  return def[1];
}

/** The human name of a code ('WGS 84 / UTM zone 42N'), or null. */
export function projName(code: string | number): string | null {
  if (isProj4String(code)) return 'defined by its GeoKeys (no EPSG code)';
  const n = epsgNumber(code);
  return n === null ? null : (lookup(n)?.[0] ?? null);
}

/** Registers every on-disk definition as 'EPSG:n' with the given proj4 instance (e.g. before ol/proj/proj4 register()). */
export function registerProjections(p4: Proj4Like = proj4 as unknown as Proj4Like): void {
  for (const [n, [, def]] of Object.entries(PROJ_DEFS)) p4.defs(`EPSG:${n}`, def);
}

let registered = false;
function ensureRegistered(code: string | number): string {
  if (!registered) {
    registerProjections();
    registered = true;
  }
  const def = projDef(code); // throws UNKNOWN_CRS
  return isProj4String(code) ? def : `EPSG:${epsgNumber(code)}`;
}

/** Transforms [x, y] pairs from `code` to lon/lat (EPSG:4326). */
export function toLonLat(code: string, points: [number, number][]): [number, number][] {
  const from = ensureRegistered(code);
  if (from === 'EPSG:4326') return points.map((p) => [p[0], p[1]]);
  const conv = proj4(from, 'EPSG:4326');
  return points.map((p) => conv.forward([p[0], p[1]]) as [number, number]);
}

/** Transforms lon/lat pairs to `code`. */
export function fromLonLat(code: string, points: [number, number][]): [number, number][] {
  const to = ensureRegistered(code);
  if (to === 'EPSG:4326') return points.map((p) => [p[0], p[1]]);
  const conv = proj4('EPSG:4326', to);
  return points.map((p) => conv.forward([p[0], p[1]]) as [number, number]);
}

/** Bounds of a raster in its own CRS: [minX, minY, maxX, maxY]. */
export function rasterBounds(gt: GeoTransform, width: number, height: number): BBox {
  const corners = rasterCorners(gt, width, height);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Upper-left, upper-right, lower-right, lower-left corners (GDAL order of gdalinfo's corner list aside). */
export function rasterCorners(gt: GeoTransform, width: number, height: number): [number, number][] {
  const at = (px: number, py: number): [number, number] => [
    gt[0] + px * gt[1] + py * gt[2],
    gt[3] + px * gt[4] + py * gt[5],
  ];
  return [at(0, 0), at(width, 0), at(width, height), at(0, height)];
}

/**
 * Lon/lat footprint and bbox of a raster, densified along its edges so that a UTM square's curved
 * outline in lon/lat is still enclosed by the bbox.
 */
export function lonLatFootprint(
  code: string,
  gt: GeoTransform,
  width: number,
  height: number,
): { bbox: BBox; footprint: { type: 'Polygon'; coordinates: number[][][] } } {
  const corners = rasterCorners(gt, width, height);
  const ring: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i < 4; i++) {
    const a = corners[i];
    const b = corners[(i + 1) % 4];
    for (let s = 0; s < steps; s++) {
      const t = s / steps;
      ring.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
    }
  }
  const ll = toLonLat(code, ring);
  const lons = ll.map((p) => p[0]);
  const lats = ll.map((p) => p[1]);
  const bbox: BBox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const cornersLL = toLonLat(code, corners);
  const coords = [...cornersLL, cornersLL[0]].map((p) => [p[0], p[1]]);
  return { bbox, footprint: { type: 'Polygon', coordinates: [coords] } };
}

// GeoKey ids (GeoTIFF 1.0 spec, section 6.2).
const GT_MODEL_TYPE = 1024;
const GEOGRAPHIC_TYPE = 2048;
const PROJECTED_CS_TYPE = 3072;
const USER_DEFINED = 32767;

/**
 * The CRS code of a GeoTIFF from its GeoKeys (as geotiff.js returns them by name, or by numeric id);
 * for a user-defined projected CRS, the proj4 definition its keys describe.
 * ModelType 1 = projected (ProjectedCSTypeGeoKey), 2 = geographic (GeographicTypeGeoKey).
 */
export function crsFromGeoKeys(keys: Record<string, unknown> | null | undefined): string {
  if (!keys) {
    throw new NigahError(
      'UNKNOWN_CRS',
      'The GeoTIFF has no GeoKeys, so its coordinate reference system is unknown.',
      {
        hint: 'Assign a CRS with gdal_edit.py -a_srs EPSG:<code>, or use a georeferenced product.',
        details: { code: null },
      },
    );
  }
  const get = (name: string, id: number): number | undefined => {
    const v = keys[name] ?? keys[String(id)];
    return typeof v === 'number' ? v : undefined;
  };
  const model = get('GTModelTypeGeoKey', GT_MODEL_TYPE);
  const projected = get('ProjectedCSTypeGeoKey', PROJECTED_CS_TYPE);
  const geographic = get('GeographicTypeGeoKey', GEOGRAPHIC_TYPE);
  let code: number | undefined;
  if (model === 1 || (model === undefined && projected !== undefined)) code = projected;
  else if (model === 2 || (model === undefined && geographic !== undefined)) code = geographic;
  if ((code === undefined || code === USER_DEFINED) && (model === 1 || projected !== undefined)) {
    const def = proj4FromGeoKeys(keys, (epsg) => (hasProjection(epsg) ? projDef(epsg) : null));
    if (def) return def;
  }
  if (code === undefined || code === USER_DEFINED) {
    throw new NigahError(
      'UNKNOWN_CRS',
      `The GeoTIFF uses a user-defined coordinate reference system (model type ${model ?? 'missing'}), which Nigah cannot place on the map.`,
      {
        hint: 'Reproject it to an EPSG-coded CRS (e.g. gdalwarp -t_srs EPSG:32642).',
        details: { code: code ?? null, modelType: model ?? null },
      },
    );
  }
  const crs = `EPSG:${code}`;
  projDef(crs);
  return crs;
}
