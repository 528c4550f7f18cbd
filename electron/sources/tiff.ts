/**
 * GeoTIFF headers without decoding pixels: geotiff.js parses the IFDs from a byte source we
 * control (a local file handle, or HTTP ranges through the on-disk cache), so only header bytes
 * are read. Works the same for COGs, striped TIFFs and BigTIFF.
 */
import { open } from 'node:fs/promises';
import { NigahError } from '../../shared/errors';
import { crsFromGeoKeys } from '../../shared/proj';
import type { DataType, GeoTransform } from '../../shared/scene';
import { dataTypeOf, geotransformOf as geotransformOf0, parseGdalMetadata } from '../../shared/tiff/read';
import type { RangeCache } from '../cache/range-cache';
import { sharedRangeCache } from '../cache/range-cache';
import { fromSource, type GeoTIFF, type GeoTIFFImage } from './geotiff-source';
import { hrefToPath, isHttp } from './location';
import { registerNodeZlib } from './zlib-decoder';
import '../engine/projections';

/** Striped (non-tiled) rasters above this many pixels are read in windows, slowly: say so. */
export const LARGE_STRIPED_PIXELS = 4096 * 4096;

export interface TiffOverview {
  width: number;
  height: number;
}

export interface TiffHeader {
  href: string;
  width: number;
  height: number;
  samples: number;
  dataType: DataType;
  nodata: number | null;
  geotransform: GeoTransform;
  /** 'EPSG:n', or null with crsError when the GeoKeys do not give a known code. */
  crs: string | null;
  crsError?: NigahError;
  tiled: boolean;
  blockWidth: number;
  blockHeight: number;
  compression: number;
  overviews: TiffOverview[];
  /** Per-band description/scale/offset from GDAL_METADATA, when present. */
  bands: { description?: string; scale?: number; offset?: number }[];
  fileSize: number | null;
  notices: string[];
}

/** Slices closer than this are read together. */
const COALESCE_GAP = 256 * 1024;
/** The first read of a remote file takes this much: the whole header of most COGs in one request. */
const REMOTE_HEADER_BYTES = 256 * 1024;

/** A geotiff.js-compatible byte source over a reader function. */
export class ReaderSource {
  constructor(
    private readonly read: (offset: number, length: number, signal?: AbortSignal) => Promise<Uint8Array>,
    private readonly size: () => number | null,
    private readonly onClose?: () => Promise<void>,
  ) {}
  async fetch(slices: { offset: number; length: number }[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    // Coalesce nearby slices (e.g. the tiles of one overview) into one read: one HTTP request.
    const order = slices.map((s, i) => ({ ...s, i })).sort((a, b) => a.offset - b.offset);
    const runs: { start: number; end: number; members: typeof order }[] = [];
    for (const s of order) {
      const last = runs[runs.length - 1];
      if (last && s.offset <= last.end + COALESCE_GAP) {
        last.end = Math.max(last.end, s.offset + s.length);
        last.members.push(s);
      } else runs.push({ start: s.offset, end: s.offset + s.length, members: [s] });
    }
    const out: ArrayBuffer[] = new Array(slices.length);
    await Promise.all(
      runs.map(async (r) => {
        const bytes = await this.read(r.start, r.end - r.start, signal);
        for (const m of r.members) {
          const a = m.offset - r.start;
          const part = bytes.subarray(Math.min(a, bytes.length), Math.min(a + m.length, bytes.length));
          const ab = new ArrayBuffer(part.length);
          new Uint8Array(ab).set(part);
          out[m.i] = ab;
        }
      }),
    );
    return out;
  }
  get fileSize(): number | null {
    return this.size();
  }
  async close(): Promise<void> {
    await this.onClose?.();
  }
}

/** A byte source for a file:// href, path or http(s) URL. */
export async function openSource(href: string, cache?: RangeCache): Promise<ReaderSource> {
  if (isHttp(href)) {
    const rc = cache ?? sharedRangeCache();
    let size: number | null = null;
    const src = new ReaderSource(
      async (offset, length, signal) => {
        if (size !== null && offset >= size) return new Uint8Array(0);
        if (offset === 0 && size === null && length < REMOTE_HEADER_BYTES) {
          // Prefetch the header area: IFDs and tile offset arrays come in one request.
          const r = await rc.readRange(href, 0, REMOTE_HEADER_BYTES - 1, signal);
          size = r.totalSize;
          return r.bytes.subarray(0, length);
        }
        const r = await rc.readRange(href, offset, offset + length - 1, signal);
        size = r.totalSize;
        return r.bytes;
      },
      () => size,
    );
    return src;
  }
  const p = hrefToPath(href);
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(p, 'r');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw new NigahError('NOT_FOUND', `${p} does not exist.`, {
        hint: 'The file may have been moved or deleted; refresh the scene list.',
        details: { href },
      });
    }
    throw e;
  }
  const size = (await fh.stat()).size;
  return new ReaderSource(
    async (offset, length) => {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      if (n > 0) await fh.read(buf, 0, n, offset);
      return buf;
    },
    () => size,
    () => fh.close(),
  );
}

export function corrupt(href: string, why: string, cause?: unknown): NigahError {
  return new NigahError('CORRUPT_TIFF', `${hrefToPath(href)} is not a readable GeoTIFF (${why}).`, {
    hint: 'The file may be truncated or damaged: download or copy it again, and check it with gdalinfo.',
    details: { href },
    cause,
  });
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** GDAL geotransform of a geotiff.js image (the reader's one rule for georeferencing tags). */
export function geotransformOf(image: GeoTIFFImage, href: string): GeoTransform {
  const fd = image.fileDirectory;
  const tag = (name: 'ModelTransformation' | 'ModelTiepoint' | 'ModelPixelScale') =>
    fd.hasTag(name) ? (fd.getValue(name) as unknown as number[]) : undefined;
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  const gt = geotransformOf0({
    modelTransformation: tag('ModelTransformation'),
    tiepoint: tag('ModelTiepoint'),
    pixelScale: tag('ModelPixelScale'),
    rasterType: typeof keys?.GTRasterTypeGeoKey === 'number' ? keys.GTRasterTypeGeoKey : undefined,
  });
  if (gt) return gt;
  throw new NigahError(
    'UNKNOWN_CRS',
    `${hrefToPath(href)} has no georeferencing (no ModelTiepoint/ModelTransformation).`,
    {
      hint: 'Georeference it first (gdal_translate -a_ullr … -a_srs …), or, for an L1A product, orthorectify it.',
      details: { href, code: null },
    },
  );
}

function gdalMetadataBands(xml: string | undefined, samples: number): TiffHeader['bands'] {
  const { bandMeta } = parseGdalMetadata(xml);
  return Array.from({ length: samples }, (_, i) => ({ ...bandMeta[i] }));
}

export async function openGeoTIFF(href: string, cache?: RangeCache, signal?: AbortSignal): Promise<GeoTIFF> {
  registerNodeZlib();
  const src = await openSource(href, cache);
  try {
    return await fromSource(src, {}, signal);
  } catch (e) {
    await src.close();
    if (e instanceof NigahError) throw e;
    throw corrupt(href, (e as Error).message, e);
  }
}

/** Reads the header (first IFD and overview IFDs) of a GeoTIFF. */
export async function readTiffHeader(
  href: string,
  opts: { cache?: RangeCache; signal?: AbortSignal } = {},
): Promise<TiffHeader> {
  const tiff = await openGeoTIFF(href, opts.cache, opts.signal);
  try {
    return await headerOf(tiff, href);
  } finally {
    await tiff.close();
  }
}

export async function headerOf(tiff: GeoTIFF, href: string): Promise<TiffHeader> {
  let image: GeoTIFFImage;
  try {
    image = await tiff.getImage(0);
  } catch (e) {
    if (e instanceof NigahError) throw e;
    throw corrupt(href, (e as Error).message, e);
  }
  const fd = image.fileDirectory;
  const width = image.getWidth();
  const height = image.getHeight();
  if (!width || !height) throw corrupt(href, 'the image has no size');
  const samples = image.getSamplesPerPixel();
  const dataType = dataTypeOf(image.getSampleFormat(0), image.getBitsPerSample(0), hrefToPath(href));
  const geotransform = geotransformOf(image, href);
  let crs: string | null = null;
  let crsError: NigahError | undefined;
  try {
    crs = crsFromGeoKeys(image.getGeoKeys() as Record<string, unknown> | null);
  } catch (e) {
    if (!(e instanceof NigahError)) throw corrupt(href, (e as Error).message, e);
    crsError = e;
  }
  const nd = image.getGDALNoData();
  let xml: string | undefined;
  if (fd.hasTag('GDAL_METADATA')) {
    try {
      xml = String(await fd.loadValue('GDAL_METADATA'));
    } catch {
      xml = undefined;
    }
  }
  const overviews: TiffOverview[] = [];
  for (let i = 1; i < 16; i++) {
    let ov: GeoTIFFImage;
    try {
      ov = await tiff.getImage(i);
    } catch {
      break;
    }
    const subfile =
      (ov.fileDirectory.hasTag('NewSubfileType') ? Number(ov.fileDirectory.getValue('NewSubfileType')) : 0) ||
      0;
    if (subfile & 4) continue; // transparency mask
    overviews.push({ width: ov.getWidth(), height: ov.getHeight() });
  }
  const tiled = image.isTiled;
  const notices: string[] = [];
  if (!tiled && width * height > LARGE_STRIPED_PIXELS) {
    notices.push(
      `${hrefToPath(href).split(/[\\/]/).pop()} is stored in strips, not tiles: it is read window by window and will be slow. Convert it to a Cloud-Optimized GeoTIFF (gdal_translate -of COG) for fast viewing.`,
    );
  }
  return {
    href,
    width,
    height,
    samples,
    dataType,
    nodata: nd === null || Number.isNaN(nd) ? (nd === null ? null : Number.NaN) : nd,
    geotransform,
    crs,
    ...(crsError ? { crsError } : {}),
    tiled,
    blockWidth: image.getTileWidth(),
    blockHeight: image.getTileHeight(),
    compression: num(fd.getValue('Compression')) ?? 1,
    overviews,
    bands: gdalMetadataBands(xml, samples),
    fileSize: (tiff.source as { fileSize?: number | null }).fileSize ?? null,
    notices,
  };
}

/** Above this, an overview is not fetched in one request (tiles are then read one by one). */
const MAX_PREFETCH = 64 * 1024 * 1024;

/**
 * geotiff.js asks for each tile separately; a COG stores one level's tiles contiguously, so one
 * range request for their whole span fills the cache and the tile reads then hit it.
 */
async function prefetchImage(tiff: GeoTIFF, im: GeoTIFFImage, signal?: AbortSignal): Promise<void> {
  const fd = im.fileDirectory;
  const tiled = fd.hasTag('TileOffsets');
  const offsets = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as
    | ArrayLike<number | bigint>
    | undefined;
  const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as
    | ArrayLike<number | bigint>
    | undefined;
  if (!offsets || !counts || offsets.length === 0) return;
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < offsets.length; i++) {
    const o = Number(offsets[i]);
    const c = Number(counts[i]);
    if (c <= 0) continue;
    lo = Math.min(lo, o);
    hi = Math.max(hi, o + c);
  }
  if (!(hi > lo) || hi - lo > MAX_PREFETCH) return;
  await (tiff.source as unknown as ReaderSource).fetch([{ offset: lo, length: hi - lo }], signal);
}

export interface Preview {
  width: number;
  height: number;
  /** Index of the IFD read (0 = full resolution). */
  level: number;
  /** One array per sample. */
  data: ArrayLike<number>[];
}

/**
 * Pixels of the coarsest overview that is still at least `minWidth` wide (or the coarsest of all),
 * for a first display: for a remote COG this reads the header block plus that overview's tiles.
 */
export async function readPreview(
  href: string,
  opts: { minWidth?: number; cache?: RangeCache; signal?: AbortSignal; samples?: number[] } = {},
): Promise<Preview> {
  const tiff = await openGeoTIFF(href, opts.cache, opts.signal);
  try {
    const images: GeoTIFFImage[] = [];
    for (let i = 0; i < 16; i++) {
      try {
        const im = await tiff.getImage(i);
        const sub = im.fileDirectory.hasTag('NewSubfileType')
          ? Number(im.fileDirectory.getValue('NewSubfileType'))
          : 0;
        if (i > 0 && sub & 4) continue;
        images.push(im);
      } catch {
        break;
      }
    }
    if (!images.length) throw corrupt(href, 'no image');
    const minWidth = opts.minWidth ?? 256;
    let pick = images.length - 1;
    for (let i = images.length - 1; i >= 0; i--) {
      if (images[i].getWidth() >= minWidth) {
        pick = i;
        break;
      }
    }
    const im = images[pick];
    if (isHttp(href)) await prefetchImage(tiff, im, opts.signal);
    let rasters: unknown;
    try {
      rasters = await im.readRasters({ samples: opts.samples, signal: opts.signal, interleave: false });
    } catch (e) {
      if (e instanceof NigahError) throw e;
      throw corrupt(href, (e as Error).message, e);
    }
    return {
      width: im.getWidth(),
      height: im.getHeight(),
      level: pick,
      data: Array.from(rasters as ArrayLike<number>[]),
    };
  } finally {
    await tiff.close();
  }
}
