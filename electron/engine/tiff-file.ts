/**
 * Minimal, fast GeoTIFF directory reader for the engine's own I/O path: parses the IFD chain once
 * (classic TIFF and BigTIFF, little or big endian) and keeps each image's tile/strip offsets so worker
 * threads can read raw blocks with fs and inflate them with Node's zlib.
 *
 * Why not geotiff.js here: decoding dominates (DESIGN.md: 13.7 s of 14.6 s with pako), and its
 * per-read machinery (promises, block cache, copying into the window) adds more. Reading blocks
 * ourselves and inflating in worker threads with zlib — see decode.ts for the measurement — is what
 * brings a full 10980² scene under the peers. Anything this reader does not support (JPEG, LZW,
 * WebP…) is reported so the caller can fall back to geotiff.js.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { NigahError } from '../../shared/errors';
import type { DataType, GeoTransform } from '../../shared/scene';

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
}

export interface TiffFile {
  path: string;
  images: TiffImage[];
  geotransform: GeoTransform | null;
  epsg: number | null;
  geographic: boolean;
  nodata: number | null;
  /** Per-band scale/offset/description from GDAL_METADATA. */
  bandMeta: { description?: string; scale?: number; offset?: number }[];
  /** Dataset-level GDAL_METADATA items. */
  metadata: Record<string, string>;
}

/** Compressions the fast path decodes itself: none, Adobe DEFLATE, old DEFLATE. */
export const FAST_COMPRESSIONS = new Set([1, 8, 32946]);

const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  16: 8,
  17: 8,
  18: 8,
};

function dataTypeOf(bits: number, format: number): DataType {
  if (format === 3) {
    if (bits === 32) return 'float32';
    if (bits === 64) return 'float64';
  } else if (format === 2) {
    if (bits === 8) return 'int8';
    if (bits === 16) return 'int16';
    if (bits === 32) return 'int32';
  } else {
    if (bits === 8) return 'uint8';
    if (bits === 16) return 'uint16';
    if (bits === 32) return 'uint32';
  }
  throw new NigahError('UNSUPPORTED_TIFF', `Samples of ${bits} bits (format ${format}) are not supported.`, {
    hint: 'Convert the file with gdal_translate -ot UInt16 or -ot Float32.',
  });
}

/** Reads the directory of a local TIFF. Throws CORRUPT_TIFF / NOT_FOUND with the path. */
export function readTiffFile(path: string): TiffFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new NigahError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INTERNAL',
      `Cannot open ${path}: ${(e as Error).message}`,
      {
        hint: 'Check the path.',
        cause: e,
      },
    );
  }
  try {
    return parse(fd, path);
  } finally {
    closeSync(fd);
  }
}

function parse(fd: number, path: string): TiffFile {
  const read = (offset: number, length: number): DataView => {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    if (n < length) throw corrupt(path, `file ends at byte ${offset + n}, expected ${offset + length}`);
    return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  };
  const head = read(0, 16);
  const bo = head.getUint16(0, false);
  if (bo !== 0x4949 && bo !== 0x4d4d) throw corrupt(path, 'not a TIFF file (bad byte-order mark)');
  const le = bo === 0x4949;
  const magic = head.getUint16(2, le);
  const big = magic === 43;
  if (magic !== 42 && !big) throw corrupt(path, `bad TIFF magic ${magic}`);
  let ifdOffset = big ? Number(head.getBigUint64(8, le)) : head.getUint32(4, le);
  const images: TiffImage[] = [];
  let tags0: Map<number, number[] | string> | null = null;
  const seen = new Set<number>();
  while (ifdOffset !== 0) {
    if (seen.has(ifdOffset)) throw corrupt(path, 'IFD loop');
    seen.add(ifdOffset);
    const cntView = read(ifdOffset, big ? 8 : 2);
    const count = big ? Number(cntView.getBigUint64(0, le)) : cntView.getUint16(0, le);
    const entrySize = big ? 20 : 12;
    const dir = read(ifdOffset + (big ? 8 : 2), count * entrySize + (big ? 8 : 4));
    const tags = new Map<number, number[] | string>();
    for (let i = 0; i < count; i++) {
      const p = i * entrySize;
      const tag = dir.getUint16(p, le);
      const type = dir.getUint16(p + 2, le);
      const n = big ? Number(dir.getBigUint64(p + 4, le)) : dir.getUint32(p + 4, le);
      const size = (TYPE_SIZE[type] ?? 1) * n;
      const inline = big ? 8 : 4;
      let view: DataView;
      let base: number;
      if (size <= inline) {
        view = dir;
        base = p + (big ? 12 : 8);
      } else {
        const off = big ? Number(dir.getBigUint64(p + 12, le)) : dir.getUint32(p + 8, le);
        view = read(off, size);
        base = 0;
      }
      if (type === 2) {
        let s = '';
        for (let k = 0; k < n; k++) {
          const c = view.getUint8(base + k);
          if (c === 0) break;
          s += String.fromCharCode(c);
        }
        tags.set(tag, s);
        continue;
      }
      const vals: number[] = new Array(n);
      for (let k = 0; k < n; k++) {
        const q = base + k * (TYPE_SIZE[type] ?? 1);
        switch (type) {
          case 1:
          case 7:
            vals[k] = view.getUint8(q);
            break;
          case 6:
            vals[k] = view.getInt8(q);
            break;
          case 3:
            vals[k] = view.getUint16(q, le);
            break;
          case 8:
            vals[k] = view.getInt16(q, le);
            break;
          case 4:
            vals[k] = view.getUint32(q, le);
            break;
          case 9:
            vals[k] = view.getInt32(q, le);
            break;
          case 5:
            vals[k] = view.getUint32(q, le) / view.getUint32(q + 4, le);
            break;
          case 11:
            vals[k] = view.getFloat32(q, le);
            break;
          case 12:
            vals[k] = view.getFloat64(q, le);
            break;
          case 16:
          case 18:
            vals[k] = Number(view.getBigUint64(q, le));
            break;
          case 17:
            vals[k] = Number(view.getBigInt64(q, le));
            break;
          default:
            vals[k] = 0;
        }
      }
      tags.set(tag, vals);
    }
    const next = big ? Number(dir.getBigUint64(count * entrySize, le)) : dir.getUint32(count * entrySize, le);
    const num = (t: number, d?: number): number => {
      const v = tags.get(t);
      if (Array.isArray(v) && v.length) return v[0];
      if (d === undefined) throw corrupt(path, `missing TIFF tag ${t}`);
      return d;
    };
    const arr = (t: number): number[] => {
      const v = tags.get(t);
      return Array.isArray(v) ? v : [];
    };
    const subfile = num(254, 0);
    if (subfile & 4) {
      // Transparency mask: skip.
      ifdOffset = next;
      continue;
    }
    const width = num(256);
    const height = num(257);
    const spp = num(277, 1);
    const bits = num(258, 1);
    const format = num(339, 1);
    const tiled = tags.has(322);
    const bw = tiled ? num(322) : width;
    const bh = tiled ? num(323) : Math.min(num(278, height), height);
    const offsets = tiled ? arr(324) : arr(273);
    const byteCounts = tiled ? arr(325) : arr(279);
    const planar = num(284, 1);
    const across = Math.ceil(width / bw);
    const down = Math.ceil(height / bh);
    const expected = across * down * (planar === 2 ? spp : 1);
    if (offsets.length < expected || byteCounts.length < expected)
      throw corrupt(path, `${offsets.length} blocks listed, ${expected} expected`);
    images.push({
      width,
      height,
      samplesPerPixel: spp,
      bitsPerSample: bits,
      sampleFormat: format,
      dataType: dataTypeOf(bits, format),
      planar,
      compression: num(259, 1),
      predictor: num(317, 1),
      tiled,
      blockWidth: bw,
      blockHeight: bh,
      blocksAcross: across,
      blocksDown: down,
      offsets,
      byteCounts,
      littleEndian: le,
      isOverview: (subfile & 1) === 1,
    });
    if (!tags0) tags0 = tags;
    ifdOffset = next;
  }
  if (!images.length || !tags0) throw corrupt(path, 'no image in the file');
  return { path, images, ...geoOf(tags0, images[0]), ...gdalMeta(tags0) };
}

function corrupt(path: string, why: string): NigahError {
  return new NigahError('CORRUPT_TIFF', `${path} is not a readable GeoTIFF: ${why}.`, {
    hint: 'Check the file (gdalinfo) or download it again.',
  });
}

function geoOf(
  tags: Map<number, number[] | string>,
  img: TiffImage,
): Pick<TiffFile, 'geotransform' | 'epsg' | 'geographic' | 'nodata'> {
  const scale = tags.get(33550) as number[] | undefined;
  const tie = tags.get(33922) as number[] | undefined;
  const mt = tags.get(34264) as number[] | undefined;
  let gt: GeoTransform | null = null;
  // GeoKeys first: PixelIsPoint shifts the origin by half a pixel (GDAL does the same).
  const keys = (tags.get(34735) as number[] | undefined) ?? [];
  let epsg: number | null = null;
  let model = 0;
  let rasterType = 1;
  for (let k = 4; k + 3 < keys.length; k += 4) {
    const id = keys[k];
    const loc = keys[k + 1];
    const val = keys[k + 3];
    if (loc !== 0) continue;
    if (id === 1024) model = val;
    else if (id === 1025) rasterType = val;
    else if (id === 3072) epsg = val;
    else if (id === 2048 && epsg === null) epsg = val;
  }
  if (model === 2 && keys.length) {
    for (let k = 4; k + 3 < keys.length; k += 4)
      if (keys[k] === 2048 && keys[k + 1] === 0) epsg = keys[k + 3];
  }
  if (mt && mt.length >= 16) gt = [mt[3], mt[0], mt[1], mt[7], mt[4], mt[5]];
  else if (scale && tie && tie.length >= 6) {
    const sx = scale[0];
    const sy = -scale[1];
    gt = [tie[3] - tie[0] * sx, sx, 0, tie[4] - tie[1] * sy, 0, sy];
  }
  if (gt && rasterType === 2) {
    gt = [gt[0] - gt[1] / 2 - gt[2] / 2, gt[1], gt[2], gt[3] - gt[4] / 2 - gt[5] / 2, gt[4], gt[5]];
  }
  const ndText = tags.get(42113);
  let nodata: number | null = null;
  if (typeof ndText === 'string' && ndText.trim()) {
    const t = ndText.trim().toLowerCase();
    nodata = t === 'nan' ? Number.NaN : Number(t);
    if (!Number.isNaN(nodata) || t === 'nan') {
      /* keep */
    } else nodata = null;
  }
  if (epsg === 32767) epsg = null;
  void img;
  return { geotransform: gt, epsg, geographic: model === 2, nodata };
}

function gdalMeta(tags: Map<number, number[] | string>): Pick<TiffFile, 'bandMeta' | 'metadata'> {
  const xml = tags.get(42112);
  const bandMeta: TiffFile['bandMeta'] = [];
  const metadata: Record<string, string> = {};
  if (typeof xml !== 'string') return { bandMeta, metadata };
  const re = /<Item\s+([^>]*)>([^<]*)<\/Item>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const value = m[2]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    if (attrs.sample !== undefined) {
      const i = Number(attrs.sample);
      bandMeta[i] ??= {};
      const role = (attrs.role ?? attrs.name ?? '').toLowerCase();
      if (role === 'scale') bandMeta[i].scale = Number(value);
      else if (role === 'offset') bandMeta[i].offset = Number(value);
      else if (role === 'description') bandMeta[i].description = value;
    } else if (attrs.name) metadata[attrs.name] = value;
  }
  return { bandMeta, metadata };
}
