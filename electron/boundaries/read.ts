/**
 * Reads a boundary file of any supported format into lon/lat polygon features: picks the layer,
 * reprojects from the file's CRS, checks that coordinates are lon/lat, keeps only polygons and
 * repairs or names invalid rings. Used by the boundaries store (add) and the engine's --zones.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { NigahError } from '../../shared/errors';
import { checkLonLat, crsLabel, reproject } from './crs';
import { parseBoundaryBytes, type RawLayer, type ShapefileParts } from './formats';
import { type GeoFeature, type Polygonal, polygonsOf, repairPolygons } from './geometry';

export interface PolygonFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: { type: 'MultiPolygon'; coordinates: Polygonal };
}

export interface BoundaryRead {
  /** The layer read, and every layer the file holds (TopoJSON objects, Shapefiles in a ZIP). */
  layer: string;
  layers: string[];
  features: PolygonFeature[];
  /** The CRS the file was in, e.g. 'EPSG:32642 (WGS 84 / UTM zone 42N)', or 'EPSG:4326'. */
  crs: string;
  /** Rings repaired or dropped, non-polygon features skipped: one sentence each. */
  problems: string[];
  /** Attribute names with a text value in at least one feature, for choosing the name fields. */
  fields: string[];
  license?: string;
  attribution?: string;
}

function pickLayer(layers: RawLayer[], wanted: string | undefined, source: string): RawLayer {
  if (wanted) {
    const hit = layers.find((l) => l.name === wanted || l.name.toLowerCase() === wanted.toLowerCase());
    if (!hit)
      throw new NigahError('NOT_FOUND', `${source} has no layer "${wanted}".`, {
        hint: `Choose one of: ${layers.map((l) => l.name).join(', ')}.`,
      });
    return hit;
  }
  const polyCount = (l: RawLayer) => l.features.filter((f) => polygonsOf(f.geometry).length).length;
  return [...layers].sort((a, b) => polyCount(b) - polyCount(a))[0];
}

function textFields(features: PolygonFeature[]): string[] {
  const out = new Set<string>();
  for (const f of features)
    for (const [k, v] of Object.entries(f.properties)) if (typeof v === 'string' && v.trim()) out.add(k);
  return [...out];
}

/** Polygon features of parsed layers, in lon/lat, repaired. */
export function normaliseLayers(layers: RawLayer[], source: string, wanted?: string): BoundaryRead {
  if (!layers.length) throw new NigahError('BAD_ARGUMENT', `${source} holds no layers.`);
  const layer = pickLayer(layers, wanted, source);
  const problems: string[] = [];
  const kept: { f: GeoFeature; polys: Polygonal }[] = [];
  let skipped = 0;
  for (const f of layer.features) {
    const polys = polygonsOf(f?.geometry ?? null);
    if (polys.length) kept.push({ f, polys: polys.map((p) => p.map((r) => r.map((c) => [c[0], c[1]]))) });
    else skipped++;
  }
  if (!kept.length)
    throw new NigahError('BAD_ARGUMENT', `${source} (layer ${layer.name}) holds no polygons.`, {
      hint: 'Boundaries must be areas (Polygon or MultiPolygon), not points or lines.',
    });
  if (skipped) problems.push(`${skipped} feature(s) without polygons (points or lines) skipped.`);
  const geoms = kept.map((k) => k.polys);
  if (layer.crs) reproject(geoms, layer.crs);
  checkLonLat(geoms, source, layer.crs);
  const features: PolygonFeature[] = [];
  kept.forEach(({ f }, i) => {
    const props = { ...(f.properties ?? {}) };
    const label = `feature ${i + 1}${typeof props.name === 'string' ? ` (${props.name})` : ''}`;
    const fixed = repairPolygons(geoms[i], label);
    problems.push(...fixed.problems);
    if (!fixed.polygons.length) return;
    const id = (f as { id?: string | number }).id;
    features.push({
      type: 'Feature',
      ...(id !== undefined ? { id } : {}),
      properties: props,
      geometry: { type: 'MultiPolygon', coordinates: fixed.polygons },
    });
  });
  return {
    layer: layer.name,
    layers: layers.map((l) => l.name),
    features,
    crs: layer.crs ? crsLabel(layer.crs) : 'EPSG:4326',
    problems,
    fields: textFields(features),
    license: layer.license,
    attribution: layer.attribution,
  };
}

function checkPrj(prj: string | undefined, source: string): void {
  if (!prj) return;
  try {
    proj4(prj);
  } catch {
    throw new NigahError(
      'UNKNOWN_CRS',
      `The .prj of ${source} names a coordinate system Nigah cannot read: ${crsLabel(prj)}.`,
      {
        hint: 'Reproject the Shapefile to WGS 84 first: ogr2ogr -t_srs EPSG:4326 out.shp in.shp.',
      },
    );
  }
}

/** Parses bytes (with loose Shapefile parts) into lon/lat polygon features. */
export async function readBoundaryBytes(
  bytes: Uint8Array,
  fileName: string,
  opts: { layer?: string; parts?: ShapefileParts } = {},
): Promise<BoundaryRead> {
  checkPrj(opts.parts?.prj, fileName);
  const layers = await parseBoundaryBytes(bytes, fileName, opts.parts);
  return normaliseLayers(layers, fileName, opts.layer);
}

function siblings(file: string): ShapefileParts {
  const base = file.replace(/\.shp$/i, '');
  const find = (ext: string) => [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`].find((p) => existsSync(p));
  const dbf = find('dbf');
  const prj = find('prj');
  const cpg = find('cpg');
  return {
    dbf: dbf ? readFileSync(dbf) : undefined,
    prj: prj ? readFileSync(prj, 'utf8') : undefined,
    cpg: cpg ? readFileSync(cpg, 'utf8') : undefined,
  };
}

/** Reads a boundary file from disk (a loose .shp brings its .dbf, .prj and .cpg). */
export async function readBoundaryPath(file: string, opts: { layer?: string } = {}): Promise<BoundaryRead> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new NigahError(
      'NOT_FOUND',
      `No such boundaries file: ${file}${code === 'EISDIR' ? ' (it is a folder)' : ''}.`,
      {
        hint: 'Check the path; give the .geojson, .topojson, .kml, .zip or .shp file itself.',
      },
    );
  }
  const parts = /\.shp$/i.test(file) ? siblings(file) : undefined;
  return readBoundaryBytes(bytes, path.basename(file), { layer: opts.layer, parts });
}
