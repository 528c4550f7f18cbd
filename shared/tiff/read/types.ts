/** The reader's model of a TIFF: images (full resolution and overviews) and the file's georeferencing. */
import type { DataType, GeoTransform } from '../../scene';

export interface TiffImage {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  /** 1 uint, 2 int, 3 float. */
  sampleFormat: number;
  dataType: DataType;
  /** 1 chunky (interleaved), 2 planar. */
  planar: number;
  compression: number;
  predictor: number;
  /** PhotometricInterpretation (6 = YCbCr, converted to RGB for JPEG tiles as GDAL does). */
  photometric: number;
  tiled: boolean;
  blockWidth: number;
  blockHeight: number;
  blocksAcross: number;
  blocksDown: number;
  offsets: number[];
  byteCounts: number[];
  littleEndian: boolean;
  /** Reduced-resolution image (overview) flag from NewSubfileType. */
  isOverview: boolean;
  /** Shared JPEG tables (tag 347), for JPEG tiles. */
  jpegTables?: Uint8Array;
  /** LercParameters (tag 50674), for LERC tiles. */
  lercParameters?: number[];
}

export interface BandMetadata {
  description?: string;
  scale?: number;
  offset?: number;
}

export interface TiffFile {
  path: string;
  images: TiffImage[];
  geotransform: GeoTransform | null;
  /** EPSG code from the GeoKeys (null when none or user-defined). */
  epsg: number | null;
  geographic: boolean;
  /** GeoKeys as named values (geotiff.js names), for CRSs without an EPSG code. */
  geoKeys: Record<string, unknown> | null;
  nodata: number | null;
  /** Per-band scale/offset/description from GDAL_METADATA. */
  bandMeta: BandMetadata[];
  /** Dataset-level GDAL_METADATA items. */
  metadata: Record<string, string>;
}
