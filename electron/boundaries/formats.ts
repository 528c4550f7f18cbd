/**
 * Boundary file formats, each parsed with the field's library into GeoJSON layers: GeoJSON
 * (with its optional `crs` member), TopoJSON (topojson-client, one layer per object), zipped or
 * loose Shapefile with .prj and .cpg (shpjs, which reprojects from the .prj with proj4) and KML
 * (@tmcw/togeojson over @xmldom/xmldom).
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import getShapefile from 'shpjs';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NigahError } from '../../shared/errors';
import { crsOfGeoJSONMember } from './crs';
import type { GeoFeature } from './geometry';

export interface RawLayer {
  name: string;
  features: GeoFeature[];
  /** 'EPSG:n' when the features are not yet in lon/lat; null when they are. */
  crs: string | null;
  /** Licence and attribution the file carries (top-level members of GeoJSON or TopoJSON). */
  license?: string;
  attribution?: string;
}

const LICENCE_WORDS = /ODbL|CC[- ]BY|public domain|©|OpenStreetMap|licen[cs]e|copyright/i;

/** Strings of a metadata object (two levels deep) that speak of licence or attribution. */
function licenceStrings(v: unknown, depth = 0): string[] {
  if (typeof v === 'string') return LICENCE_WORDS.test(v) ? [v.trim()] : [];
  if (!v || typeof v !== 'object' || depth > 2) return [];
  return Object.values(v).flatMap((x) => licenceStrings(x, depth + 1));
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 500);
  const found = licenceStrings(v);
  return found.length ? found.join('; ').slice(0, 500) : undefined;
}

/** Licence and attribution members some GeoJSON/TopoJSON producers write at the top level. */
function carried(json: Record<string, unknown>): Pick<RawLayer, 'license' | 'attribution'> {
  const attribution = text(json.attribution ?? json.provenance ?? json.source);
  const license = text(json.license ?? json.licence ?? json.boundaryLicense);
  return {
    license:
      license ?? (attribution && /ODbL/i.test(attribution) ? 'ODbL-1.0 (as the file states)' : undefined),
    attribution:
      attribution && /OpenStreetMap/i.test(attribution)
        ? `© OpenStreetMap contributors (${attribution})`
        : attribution,
  };
}

export type BoundaryFormat = 'geojson' | 'topojson' | 'shapefile-zip' | 'shapefile' | 'kml';

export function formatOf(fileName: string, bytes: Uint8Array): BoundaryFormat {
  const ext = fileName.toLowerCase().replace(/\?.*$/, '').split('.').pop() ?? '';
  if (ext === 'zip' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return 'shapefile-zip';
  if (ext === 'shp') return 'shapefile';
  if (ext === 'kml') return 'kml';
  if (ext === 'topojson') return 'topojson';
  if (ext === 'gpkg' || ext === 'kmz')
    throw new NigahError('BAD_ARGUMENT', `${fileName}: ${ext.toUpperCase()} files are not read by Nigah.`, {
      hint: 'Convert it to GeoJSON or a zipped Shapefile, e.g. ogr2ogr -f GeoJSON out.geojson in.gpkg.',
    });
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (head.startsWith('<')) return 'kml';
  return 'geojson';
}

function parseJson(text: string, fileName: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const html = /^\s*</.test(text);
    throw new NigahError(
      'NOT_JSON',
      `${fileName} is not JSON${html ? ' (it looks like a web page)' : ''}: ${(e as Error).message}`,
      {
        hint: 'Give a GeoJSON, TopoJSON, KML or zipped Shapefile of boundaries.',
      },
    );
  }
  // null, a number or a list is JSON but not a GeoJSON or TopoJSON object.
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new NigahError('BAD_ARGUMENT', `${fileName} is JSON but not a GeoJSON or TopoJSON object.`, {
      hint: 'Give a GeoJSON FeatureCollection, a TopoJSON topology, KML or a zipped Shapefile of boundaries.',
    });
  return json as Record<string, unknown>;
}

function topoLayers(topo: Topology): RawLayer[] {
  return Object.entries(topo.objects).map(([name, obj]) => {
    const fc = topoFeature(topo, obj as GeometryCollection) as unknown as {
      features?: GeoFeature[];
    } & GeoFeature;
    const features = fc.features ?? [fc];
    return { name, features, crs: null };
  });
}

function geojsonLayers(json: Record<string, unknown>, name: string): RawLayer[] {
  const crs = crsOfGeoJSONMember(json.crs);
  if (json.type === 'FeatureCollection' && Array.isArray(json.features))
    return [{ name, features: json.features as GeoFeature[], crs }];
  if (json.type === 'Feature') return [{ name, features: [json as unknown as GeoFeature], crs }];
  if (json.type === 'Polygon' || json.type === 'MultiPolygon')
    return [
      {
        name,
        features: [{ type: 'Feature', properties: {}, geometry: json as GeoFeature['geometry'] }],
        crs,
      },
    ];
  throw new NigahError('BAD_ARGUMENT', `${name} is JSON but neither GeoJSON nor TopoJSON.`, {
    hint: 'Give a FeatureCollection of Polygon/MultiPolygon features, or a TopoJSON Topology.',
  });
}

async function shapefileLayers(
  input: Parameters<typeof getShapefile>[0],
  fileName: string,
): Promise<RawLayer[]> {
  let out: unknown;
  try {
    out = await getShapefile(input);
  } catch (e) {
    throw new NigahError(
      'BAD_ARGUMENT',
      `${fileName} could not be read as a Shapefile: ${(e as Error).message || e}.`,
      {
        hint: 'Check that the ZIP is complete (download it again) and holds the .shp, .shx, .dbf and .prj of the layer.',
      },
    );
  }
  const list = (Array.isArray(out) ? out : [out]) as { fileName?: string; features: GeoFeature[] }[];
  return list.map((fc) => ({
    name: (fc.fileName ?? fileName).split('/').pop() ?? fileName,
    features: fc.features,
    crs: null,
  }));
}

function kmlLayers(text: string, fileName: string): RawLayer[] {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const fc = kml(doc as unknown as Document);
  return [{ name: fileName, features: fc.features as unknown as GeoFeature[], crs: null }];
}

/**
 * Refuses a ZIP without an intact end-of-central-directory record (a truncated download): the ZIP
 * reader shpjs uses would otherwise loop forever looking for it.
 */
export function checkZip(bytes: Uint8Array, fileName: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const size = view.getUint32(i + 12, true);
    const offset = view.getUint32(i + 16, true);
    if (offset + size <= i && view.getUint32(offset, true) === 0x02014b50) return;
    break;
  }
  throw new NigahError('BAD_ARGUMENT', `${fileName} is an incomplete or damaged ZIP file.`, {
    hint: 'Check that the ZIP is complete (download or copy it again) and holds the .shp, .shx, .dbf and .prj of the layer.',
  });
}

/** Loose Shapefile parts beside the .shp: read by the caller from disk or a URL. */
export interface ShapefileParts {
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/** Every layer of a boundary file; a file the format's parser chokes on is a coded error naming it. */
export async function parseBoundaryBytes(
  bytes: Uint8Array,
  fileName: string,
  parts: ShapefileParts = {},
): Promise<RawLayer[]> {
  try {
    return await parseLayers(bytes, fileName, parts);
  } catch (e) {
    if (e instanceof NigahError) throw e;
    throw new NigahError(
      'BAD_ARGUMENT',
      `${fileName} could not be read as ${formatOf(fileName, bytes)}: ${(e as Error)?.message ?? e}.`,
      {
        hint: 'The file is damaged or not in the format its name says. Open it in QGIS to check, or export it again as GeoJSON.',
        cause: e,
      },
    );
  }
}

async function parseLayers(bytes: Uint8Array, fileName: string, parts: ShapefileParts): Promise<RawLayer[]> {
  const format = formatOf(fileName, bytes);
  if (format === 'shapefile-zip') {
    checkZip(bytes, fileName);
    return shapefileLayers(bytes, fileName);
  }
  if (format === 'shapefile')
    return shapefileLayers({ shp: bytes, dbf: parts.dbf, prj: parts.prj, cpg: parts.cpg } as never, fileName);
  const text = new TextDecoder().decode(bytes);
  if (format === 'kml') return kmlLayers(text, fileName);
  const json = parseJson(text, fileName);
  const layers =
    json.type === 'Topology'
      ? topoLayers(json as unknown as Topology)
      : geojsonLayers(json, fileName.replace(/\.[^.]+$/, ''));
  const meta = carried(json);
  return layers.map((l) => ({ ...l, ...meta }));
}
