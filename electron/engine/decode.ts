/**
 * Block reads for the engine in Node: stored bytes with fs, DEFLATE inflated by Node's zlib (in the
 * worker threads, one per core), everything else by the one reader (shared/tiff/read).
 *
 * Measured on this 2-core machine (shared with other jobs), one 512² uint16 DEFLATE tile of the bench
 * scene (scripts/bench/analysis.bench.ts), 60 tiles: pako.inflate (what geotiff.js 3 uses) 9.2–10.2 ms,
 * zlib.inflateSync 2.6–4.2 ms — 2.5–4× faster per core (docs/performance.md).
 */
import { readSync } from 'node:fs';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import type { BandArray } from '../../shared/analysis/indices';
import { NigahError } from '../../shared/errors';
import { readImageWindow, setInflate, type TiffImage } from '../../shared/tiff/read';

/**
 * zlib inflate capped at the block's declared size: a DEFLATE bomb stops at maxBytes (zlib throws
 * ERR_BUFFER_TOO_LARGE) instead of filling memory.
 */
export function nodeInflate(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    // One output chunk the size of the whole block: with zlib's default 16 KB chunks a 2 MB tile
    // takes 128 native calls plus a final concatenating copy (6.2 vs 8.3 ms per 512² 4-band uint16
    // tile, docs/performance.md).
    const cap = Math.max(1, maxBytes);
    return inflateSync(bytes, { maxOutputLength: cap, chunkSize: Math.max(zlibConstants.Z_MIN_CHUNK, cap) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(`it inflates beyond the ${maxBytes} bytes its size allows`);
    throw e;
  }
}

setInflate(nodeInflate);

/** File names of open descriptors, so a decoding error can name the file (FdCache registers them). */
const fdNames = new Map<number, string>();
export function nameFd(fd: number, path: string | null): void {
  if (path === null) fdNames.delete(fd);
  else fdNames.set(fd, path);
}

/** Raw stored bytes of block `index` (tile or strip; for planar files index includes the plane). */
function readBlockBytes(fd: number, img: TiffImage, index: number): Uint8Array {
  const off = img.offsets[index];
  const len = img.byteCounts[index];
  const buf = Buffer.allocUnsafe(len);
  if (len === 0) return buf;
  const n = readSync(fd, buf, 0, len, off);
  if (n < len)
    throw new NigahError(
      'CORRUPT_TIFF',
      `${fdNames.get(fd) ?? 'The file'} ends inside block ${index} (at byte ${off + n} of ${off + len}).`,
      { hint: 'The file is truncated: download or copy it again.' },
    );
  return buf;
}

/**
 * A window of several samples (bands) of one image: one array per requested sample, w·h each,
 * row-major; pixels outside the image are `fill`.
 */
export function readWindow(
  fd: number,
  img: TiffImage,
  samples: number[],
  x0: number,
  y0: number,
  w: number,
  h: number,
  fill = 0,
): BandArray[] {
  const where = fdNames.get(fd) ?? 'the file';
  return readImageWindow((i) => readBlockBytes(fd, img, i), where, img, samples, { x0, y0, w, h }, fill);
}
