/**
 * Synchronous TIFF directory walk (classic TIFF and BigTIFF, either byte order) over a byte reader the
 * host supplies. The engine's worker threads and its synchronous callers (zonal statistics,
 * orthorectification) need the directory without waiting on the event loop, which geotiff.js's
 * parser (promise-based) cannot give; remote files and the map use geotiff.js's parser (geotiff.ts),
 * and both meet in the same model (types.ts) and tag meanings (tags.ts).
 */
import { NigahError } from '../../errors';
import { dataTypeOf, epsgOfKeys, gdalNodataOf, geoKeysOf, geotransformOf, parseGdalMetadata } from './tags';
import type { TiffFile, TiffImage } from './types';

/** Reads `length` bytes at `offset`; returns fewer only at the end of the file. */
export type SyncByteReader = (offset: number, length: number) => Uint8Array;

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

export function corruptTiff(path: string, why: string, cause?: unknown): NigahError {
  return new NigahError('CORRUPT_TIFF', `${path} is not a readable GeoTIFF: ${why}.`, {
    hint: 'Check the file (gdalinfo) or download it again.',
    details: { file: path },
    cause,
  });
}

type TagValue = number[] | string | Uint8Array;

function readValue(view: DataView, base: number, type: number, n: number, le: boolean): TagValue {
  if (type === 2) {
    let s = '';
    for (let k = 0; k < n; k++) {
      const c = view.getUint8(base + k);
      if (c === 0 && k === n - 1) break;
      s += String.fromCharCode(c);
    }
    return s;
  }
  if (type === 7) return new Uint8Array(view.buffer, view.byteOffset + base, n).slice();
  const size = TYPE_SIZE[type] ?? 1;
  const vals: number[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const q = base + k * size;
    switch (type) {
      case 1:
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
      case 10:
        vals[k] = view.getInt32(q, le) / view.getInt32(q + 4, le);
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
  return vals;
}

interface Walk {
  path: string;
  le: boolean;
  big: boolean;
  view: (offset: number, length: number) => DataView;
}

function readIfd(w: Walk, offset: number): { tags: Map<number, TagValue>; next: number } {
  const { big, le } = w;
  const cnt = w.view(offset, big ? 8 : 2);
  const count = big ? Number(cnt.getBigUint64(0, le)) : cnt.getUint16(0, le);
  const entry = big ? 20 : 12;
  const dir = w.view(offset + (big ? 8 : 2), count * entry + (big ? 8 : 4));
  const tags = new Map<number, TagValue>();
  for (let i = 0; i < count; i++) {
    const p = i * entry;
    const tag = dir.getUint16(p, le);
    const type = dir.getUint16(p + 2, le);
    const n = big ? Number(dir.getBigUint64(p + 4, le)) : dir.getUint32(p + 4, le);
    const size = (TYPE_SIZE[type] ?? 1) * n;
    if (size <= (big ? 8 : 4)) tags.set(tag, readValue(dir, p + (big ? 12 : 8), type, n, le));
    else {
      const off = big ? Number(dir.getBigUint64(p + 12, le)) : dir.getUint32(p + 8, le);
      tags.set(tag, readValue(w.view(off, size), 0, type, n, le));
    }
  }
  const next = big ? Number(dir.getBigUint64(count * entry, le)) : dir.getUint32(count * entry, le);
  return { tags, next };
}

function imageOf(w: Walk, tags: Map<number, TagValue>): TiffImage {
  const num = (t: number, d?: number): number => {
    const v = tags.get(t);
    if (Array.isArray(v) && v.length) return v[0];
    if (d === undefined) throw corruptTiff(w.path, `missing TIFF tag ${t}`);
    return d;
  };
  const arr = (t: number): number[] => {
    const v = tags.get(t);
    return Array.isArray(v) ? v : [];
  };
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
    throw corruptTiff(w.path, `${offsets.length} blocks listed, ${expected} expected`);
  const jpegTables = tags.get(347);
  const lerc = tags.get(50674);
  return {
    width,
    height,
    samplesPerPixel: spp,
    bitsPerSample: bits,
    sampleFormat: format,
    dataType: dataTypeOf(format, bits, w.path),
    planar,
    compression: num(259, 1),
    predictor: num(317, 1),
    photometric: num(262, 1),
    tiled,
    blockWidth: bw,
    blockHeight: bh,
    blocksAcross: across,
    blocksDown: down,
    offsets,
    byteCounts,
    littleEndian: w.le,
    isOverview: (num(254, 0) & 1) === 1,
    ...(jpegTables instanceof Uint8Array ? { jpegTables } : {}),
    ...(Array.isArray(lerc) ? { lercParameters: lerc } : {}),
  };
}

/** The directory of a TIFF: every image (overviews too; transparency masks skipped) and its georeferencing. */
export function readDirectory(read: SyncByteReader, path: string): TiffFile {
  const view = (offset: number, length: number): DataView => {
    const b = read(offset, length);
    if (b.length < length)
      throw corruptTiff(path, `file ends at byte ${offset + b.length}, expected ${offset + length}`);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  };
  const head = view(0, 8);
  const bo = head.getUint16(0, false);
  if (bo !== 0x4949 && bo !== 0x4d4d) throw corruptTiff(path, 'not a TIFF file (bad byte-order mark)');
  const le = bo === 0x4949;
  const magic = head.getUint16(2, le);
  const big = magic === 43;
  if (magic !== 42 && !big) throw corruptTiff(path, `bad TIFF magic ${magic}`);
  const w: Walk = { path, le, big, view };
  let ifd = big ? Number(view(8, 8).getBigUint64(0, le)) : head.getUint32(4, le);
  const images: TiffImage[] = [];
  let first: Map<number, TagValue> | null = null;
  const seen = new Set<number>();
  while (ifd !== 0) {
    if (seen.has(ifd)) throw corruptTiff(path, 'IFD loop');
    seen.add(ifd);
    const { tags, next } = readIfd(w, ifd);
    ifd = next;
    if (num0(tags.get(254)) & 4) continue; // transparency mask
    images.push(imageOf(w, tags));
    first ??= tags;
  }
  if (!images.length || !first) throw corruptTiff(path, 'no image in the file');
  return { path, images, ...geoOfTags(first) };
}

function num0(v: TagValue | undefined): number {
  return Array.isArray(v) && v.length ? v[0] : 0;
}

function geoOfTags(tags: Map<number, TagValue>): Omit<TiffFile, 'path' | 'images'> {
  const nums = (t: number) => {
    const v = tags.get(t);
    return Array.isArray(v) ? v : undefined;
  };
  const str = (t: number) => {
    const v = tags.get(t);
    return typeof v === 'string' ? v : undefined;
  };
  const geoKeys = geoKeysOf(nums(34735), nums(34736), str(34737));
  const { epsg, geographic } = epsgOfKeys(geoKeys);
  const geotransform = geotransformOf({
    modelTransformation: nums(34264),
    tiepoint: nums(33922),
    pixelScale: nums(33550),
    rasterType: typeof geoKeys?.[1025] === 'number' ? (geoKeys[1025] as number) : undefined,
  });
  return {
    geotransform,
    epsg,
    geographic,
    geoKeys,
    nodata: gdalNodataOf(str(42113)),
    ...parseGdalMetadata(str(42112)),
  };
}
