/**
 * COG planning: the pyramid of levels and tile grids for a raster, independent of pixel data.
 * Overview levels halve (ceil) the previous level until the level fits in one tile, as GDAL's COG
 * driver does (gdal/frmts/gtiff/cogdriver.cpp).
 */

export type CogDataType = 'uint8' | 'uint16' | 'int16' | 'float32' | 'float64';
export type TypedPixels = Uint8Array | Uint16Array | Int16Array | Float32Array | Float64Array;

export type Resampling = 'average' | 'nearest';

export interface CogGeo {
  /** EPSG code of the CRS, e.g. 32642 or 4326. */
  epsg: number;
  /** True for a geographic CRS (lon/lat degrees): writes GeographicTypeGeoKey instead of ProjectedCSTypeGeoKey. */
  geographic?: boolean;
  /** GDAL geotransform [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight]. */
  transform: [number, number, number, number, number, number];
}

export interface CogBandMetadata {
  description?: string;
  scale?: number;
  offset?: number;
}

export interface CogOptions {
  width: number;
  height: number;
  /** Number of bands; each is its own plane (PlanarConfiguration = 2 when > 1). Default 1. */
  bands?: number;
  dataType: CogDataType;
  /** Tile edge in pixels, a multiple of 16. Default 512. */
  tileSize?: number;
  geo?: CogGeo;
  /** Nodata value (NaN allowed for floats); written as GDAL_NODATA and excluded from overview averages. */
  nodata?: number | null;
  /** 1 none, 2 horizontal differencing (integers), 3 floating point (floats). Default 2 for integers, 1 for floats. */
  predictor?: 1 | 2 | 3;
  /** 'deflate' (default) needs a compressor; 'none' writes raw tiles. */
  compression?: 'deflate' | 'none';
  /** Overview count: 'auto' (default: halve until one tile) or an explicit number of levels (0 = none). */
  overviews?: 'auto' | number;
  /** Overview resampling. 'average' (default) skips nodata/NaN; 'nearest' for masks and classes. */
  resampling?: Resampling;
  /** Per-band description/scale/offset and dataset items, written as GDAL_METADATA XML. */
  bandMetadata?: CogBandMetadata[];
  metadata?: Record<string, string>;
  /** Force BigTIFF; by default it is used only when the file would exceed 4 GiB. */
  bigTiff?: boolean;
}

export interface CogLevel {
  /** 0 = full resolution. */
  level: number;
  width: number;
  height: number;
  tilesAcross: number;
  tilesDown: number;
  /** Tiles per band at this level (tilesAcross * tilesDown). */
  tilesPerBand: number;
}

export interface CogLayout {
  width: number;
  height: number;
  bands: number;
  dataType: CogDataType;
  bytesPerSample: number;
  tileSize: number;
  predictor: 1 | 2 | 3;
  compression: 'deflate' | 'none';
  nodata: number | null;
  resampling: Resampling;
  geo?: CogGeo;
  bandMetadata?: CogBandMetadata[];
  metadata?: Record<string, string>;
  bigTiff?: boolean;
  levels: CogLevel[];
}

export const BYTES_PER_SAMPLE: Record<CogDataType, number> = {
  uint8: 1,
  uint16: 2,
  int16: 2,
  float32: 4,
  float64: 8,
};

export function isFloat(t: CogDataType): boolean {
  return t === 'float32' || t === 'float64';
}

export function newPixels(t: CogDataType, n: number): TypedPixels {
  switch (t) {
    case 'uint8':
      return new Uint8Array(n);
    case 'uint16':
      return new Uint16Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
  }
}

function levelOf(level: number, width: number, height: number, tileSize: number): CogLevel {
  const tilesAcross = Math.ceil(width / tileSize);
  const tilesDown = Math.ceil(height / tileSize);
  return { level, width, height, tilesAcross, tilesDown, tilesPerBand: tilesAcross * tilesDown };
}

/** Plan the levels and tile grids. Throws on invalid options. */
export function planCog(opts: CogOptions): CogLayout {
  const tileSize = opts.tileSize ?? 512;
  const bands = opts.bands ?? 1;
  if (!Number.isInteger(opts.width) || !Number.isInteger(opts.height) || opts.width < 1 || opts.height < 1) {
    throw new Error(`COG: invalid size ${opts.width}x${opts.height}`);
  }
  if (tileSize % 16 !== 0 || tileSize < 16)
    throw new Error(`COG: tile size ${tileSize} must be a multiple of 16`);
  if (!Number.isInteger(bands) || bands < 1 || bands > 65535)
    throw new Error(`COG: invalid band count ${bands}`);
  if (!(opts.dataType in BYTES_PER_SAMPLE)) throw new Error(`COG: unsupported data type ${opts.dataType}`);
  const float = isFloat(opts.dataType);
  const predictor = opts.predictor ?? (float ? 1 : 2);
  if (predictor === 3 && !float) throw new Error('COG: predictor 3 is for floating-point data');
  if (predictor === 2 && float) throw new Error('COG: predictor 2 is for integer data; use 3 for floats');
  const levels: CogLevel[] = [levelOf(0, opts.width, opts.height, tileSize)];
  const maxOverviews = opts.overviews === undefined || opts.overviews === 'auto' ? Infinity : opts.overviews;
  let w = opts.width;
  let h = opts.height;
  while ((w > tileSize || h > tileSize) && levels.length - 1 < maxOverviews) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    levels.push(levelOf(levels.length, w, h, tileSize));
  }
  return {
    width: opts.width,
    height: opts.height,
    bands,
    dataType: opts.dataType,
    bytesPerSample: BYTES_PER_SAMPLE[opts.dataType],
    tileSize,
    predictor,
    compression: opts.compression ?? 'deflate',
    nodata: opts.nodata ?? null,
    resampling: opts.resampling ?? 'average',
    geo: opts.geo,
    bandMetadata: opts.bandMetadata,
    metadata: opts.metadata,
    bigTiff: opts.bigTiff,
    levels,
  };
}

/** Value used to fill tile padding and empty overview pixels. */
export function fillValue(layout: CogLayout): number {
  if (layout.nodata !== null) return layout.nodata;
  return isFloat(layout.dataType) ? Number.NaN : 0;
}

/**
 * Copy tile (tx, ty) of a full band array (row-major, width*height) into a new tileSize² array,
 * padding outside the raster with the fill value.
 */
export function extractTile(
  layout: CogLayout,
  src: TypedPixels,
  width: number,
  height: number,
  tx: number,
  ty: number,
): TypedPixels {
  const t = layout.tileSize;
  const out = newPixels(layout.dataType, t * t);
  const x0 = tx * t;
  const y0 = ty * t;
  const w = Math.min(t, width - x0);
  const h = Math.min(t, height - y0);
  if (w < t || h < t) out.fill(fillValue(layout));
  for (let r = 0; r < h; r++) {
    const s = (y0 + r) * width + x0;
    out.set(src.subarray(s, s + w), r * t);
  }
  return out;
}
