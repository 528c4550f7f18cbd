/**
 * Meaning of TIFF and GeoTIFF tags, in one place: sample data types, the GDAL geotransform, GeoKeys,
 * GDAL_NODATA and GDAL_METADATA. Used for local files (ifd.ts) and for files geotiff.js parsed
 * (remote sources, the map), so every part of Nigah reads a file the same way.
 */
import { NigahError } from '../../errors';
import type { DataType, GeoTransform } from '../../scene';
import type { BandMetadata } from './types';

const DATA_TYPES: Record<string, DataType> = {
  '1:8': 'uint8',
  '2:8': 'int8',
  '1:16': 'uint16',
  '2:16': 'int16',
  '1:32': 'uint32',
  '2:32': 'int32',
  '3:32': 'float32',
  '3:64': 'float64',
};

/** Sample type from SampleFormat (1 uint, 2 int, 3 float) and BitsPerSample; `where` names the file. */
export function dataTypeOf(format: number, bits: number, where: string): DataType {
  const dt = DATA_TYPES[`${format}:${bits}`];
  if (!dt)
    throw new NigahError(
      'UNSUPPORTED_TIFF',
      `${where} has ${bits}-bit samples of format ${format}, which Nigah cannot read.`,
      {
        hint: 'Convert it with gdal_translate -ot UInt16 (or Float32).',
        details: { file: where, bits, format },
      },
    );
  return dt;
}

export interface GeoTags {
  /** ModelTransformationTag (34264): 16 values, row-major 4×4. */
  modelTransformation?: ArrayLike<number>;
  /** ModelTiepointTag (33922): I, J, K, X, Y, Z. */
  tiepoint?: ArrayLike<number>;
  /** ModelPixelScaleTag (33550): ScaleX, ScaleY, ScaleZ. */
  pixelScale?: ArrayLike<number>;
  /** GTRasterTypeGeoKey: 1 PixelIsArea, 2 PixelIsPoint. */
  rasterType?: number;
}

/**
 * GDAL geotransform of the GeoTIFF, or null without georeferencing. PixelIsPoint moves the origin by
 * half a pixel, as GDAL does (unless GTIFF_POINT_GEO_IGNORE).
 */
export function geotransformOf(t: GeoTags): GeoTransform | null {
  const mt = t.modelTransformation;
  let gt: GeoTransform | null = null;
  if (mt && mt.length >= 16) gt = [mt[3], mt[0], mt[1], mt[7], mt[4], mt[5]];
  else if (t.tiepoint && t.tiepoint.length >= 6 && t.pixelScale && t.pixelScale.length >= 2) {
    const [i, j, , x, y] = Array.from(t.tiepoint);
    const sx = t.pixelScale[0];
    const sy = -t.pixelScale[1];
    gt = [x - i * sx, sx, 0, y - j * sy, 0, sy];
  }
  if (gt && t.rasterType === 2) {
    gt = [gt[0] - gt[1] / 2 - gt[2] / 2, gt[1], gt[2], gt[3] - gt[4] / 2 - gt[5] / 2, gt[4], gt[5]];
  }
  return gt;
}

/**
 * GeoKeys by numeric id from the GeoKeyDirectory (34735) with its double (34736) and ASCII (34737)
 * parameters: short values inline, doubles (one or several) and strings from their tags.
 */
export function geoKeysOf(
  directory: ArrayLike<number> | undefined,
  doubles: ArrayLike<number> | undefined,
  ascii: string | undefined,
): Record<string, unknown> | null {
  if (!directory || directory.length < 4) return null;
  const keys: Record<string, unknown> = {};
  for (let k = 4; k + 3 < directory.length; k += 4) {
    const [id, loc, count, val] = [directory[k], directory[k + 1], directory[k + 2], directory[k + 3]];
    if (loc === 0) keys[id] = val;
    else if (loc === 34736 && doubles)
      keys[id] = count === 1 ? doubles[val] : Array.from({ length: count }, (_, i) => doubles[val + i]);
    else if (loc === 34737 && ascii !== undefined)
      keys[id] = ascii.slice(val, val + count).replace(/\|$/, '');
  }
  return keys;
}

/** EPSG code from GeoKeys by id (3072 projected, 2048 geographic); null when absent or user-defined. */
export function epsgOfKeys(keys: Record<string, unknown> | null): {
  epsg: number | null;
  geographic: boolean;
} {
  if (!keys) return { epsg: null, geographic: false };
  const model = keys[1024];
  const projected = typeof keys[3072] === 'number' ? (keys[3072] as number) : null;
  const geographicCode = typeof keys[2048] === 'number' ? (keys[2048] as number) : null;
  const geographic = model === 2;
  const code = geographic ? geographicCode : (projected ?? geographicCode);
  return { epsg: code === null || code === 32767 ? null : code, geographic };
}

/** GDAL_NODATA (42113): a number as text, "nan", or null. */
export function gdalNodataOf(text: string | undefined | null): number | null {
  const t = text?.trim().toLowerCase();
  if (!t) return null;
  if (t === 'nan') return Number.NaN;
  const n = Number(t);
  return Number.isNaN(n) ? null : n;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** GDAL_METADATA (42112): per-band description/scale/offset and dataset items, values unescaped. */
export function parseGdalMetadata(xml: string | undefined | null): {
  bandMeta: BandMetadata[];
  metadata: Record<string, string>;
} {
  const bandMeta: BandMetadata[] = [];
  const metadata: Record<string, string> = {};
  if (!xml) return { bandMeta, metadata };
  const re = /<Item\s+([^>]*)>([^<]*)<\/Item>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const value = unescapeXml(m[2]);
    if (attrs.sample !== undefined) {
      const i = Number(attrs.sample);
      bandMeta[i] ??= {};
      const role = (attrs.role ?? attrs.name ?? '').toLowerCase();
      const n = Number(value.trim());
      if (role === 'scale' && Number.isFinite(n)) bandMeta[i].scale = n;
      else if (role === 'offset' && Number.isFinite(n)) bandMeta[i].offset = n;
      else if (role === 'description') bandMeta[i].description = value.trim();
    } else if (attrs.name) metadata[unescapeXml(attrs.name)] = value;
  }
  return { bandMeta, metadata };
}
