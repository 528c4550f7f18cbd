/**
 * Decompression of stored blocks. DEFLATE goes through the one hook each host fills with its fastest
 * inflate (Node: zlib in the worker threads); LZW and PackBits are decoded here (synchronous, on the
 * engine's hot path); ZSTD uses zstddec (geotiff.js's own ZSTD codec, called with the block's size);
 * JPEG, LERC and WebP use geotiff.js's codecs. Codecs that load asynchronously (WebAssembly) are
 * loaded once per thread with prepareCodecs(), then decode synchronously. Every decoder's output is
 * held to the block's declared size: a block that inflates beyond it is refused.
 */
import { getDecoder } from 'geotiff';
import { ZSTDDecoder } from 'zstddec';
import { NigahError } from '../../errors';
import type { TiffImage } from './types';

/** zlib-wrapped DEFLATE → bytes; must throw rather than produce more than maxBytes. */
export type Inflate = (bytes: Uint8Array, maxBytes: number) => Uint8Array;
/** The same, for hosts whose fastest inflate is asynchronous (DecompressionStream in a browser). */
export type AsyncInflate = (bytes: Uint8Array, maxBytes: number) => Promise<Uint8Array>;

let inflateHook: Inflate | null = null;

/** Install the host's inflate (once per thread, before reading DEFLATE blocks). */
export function setInflate(inflate: Inflate): void {
  inflateHook = inflate;
}

/** TIFF compressions decoded in this module without preparation. */
const BUILT_IN = new Set([1, 5, 8, 32773, 32946]);

export const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none',
  5: 'LZW',
  6: 'old-style JPEG',
  7: 'JPEG',
  8: 'DEFLATE',
  32773: 'PackBits',
  32946: 'DEFLATE',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'ZSTD',
  50001: 'WebP',
};

interface SyncDecoder {
  decodeBlock(buffer: ArrayBuffer): ArrayBufferLike | Promise<ArrayBufferLike>;
}

const decoders = new Map<string, SyncDecoder>();
const zstd = new ZSTDDecoder();
let zstdReady = false;

function codecKey(img: TiffImage): string {
  return `${img.compression}:${img.blockWidth}x${img.blockHeight}:${img.bitsPerSample}:${img.planar}:${img.jpegTables?.join(',') ?? ''}:${img.lercParameters?.join(',') ?? ''}`;
}

export function unsupportedCompression(img: TiffImage, where: string, why = ''): NigahError {
  const name = COMPRESSION_NAMES[img.compression] ?? `code ${img.compression}`;
  return new NigahError(
    'UNSUPPORTED_TIFF',
    `${where} uses ${name} compression, which Nigah cannot decode${why ? ` here (${why})` : ''}.`,
    {
      hint: 'Convert it: gdal_translate -co COMPRESS=DEFLATE -co TILED=YES in.tif out.tif.',
      details: { file: where, compression: img.compression },
    },
  );
}

/** Load the geotiff.js codecs these images need (no-op for DEFLATE, LZW, PackBits and none). */
export async function prepareCodecs(images: TiffImage[], where: string): Promise<void> {
  for (const img of images) {
    if (img.compression === 50000 && !zstdReady) {
      await zstd.init();
      zstdReady = true;
    }
    if (!needsPreparation(img)) continue;
    if (img.compression === 7 && img.photometric === 6 && img.samplesPerPixel === 3)
      throw unsupportedCompression(img, where, 'YCbCr JPEG; write it with PHOTOMETRIC=RGB');
    try {
      const d = await getDecoder(img.compression, {
        tileWidth: img.blockWidth,
        tileHeight: img.blockHeight,
        planarConfiguration: img.planar,
        bitsPerSample: img.bitsPerSample,
        predictor: 1,
        samplesPerPixel: img.samplesPerPixel,
        ...(img.jpegTables ? { JPEGTables: img.jpegTables } : {}),
        ...(img.lercParameters ? { LercParameters: img.lercParameters } : {}),
      } as Parameters<typeof getDecoder>[1]);
      decoders.set(codecKey(img), d as unknown as SyncDecoder);
    } catch (e) {
      throw unsupportedCompression(img, where, (e as Error).message);
    }
  }
}

/** Whether prepareCodecs() must run before blocks of this image can be decoded. */
export function needsPreparation(img: TiffImage): boolean {
  if (img.compression === 50000) return !zstdReady;
  return !BUILT_IN.has(img.compression) && !decoders.has(codecKey(img));
}

/**
 * Decompress one stored block to at most `maxBytes` bytes. Throws plain errors; the caller names the
 * file and block.
 */
export function decompress(img: TiffImage, stored: Uint8Array, maxBytes: number, where: string): Uint8Array {
  switch (img.compression) {
    case 1:
      return stored;
    case 8:
    case 32946:
      if (!inflateHook) throw new Error('no inflate installed for DEFLATE blocks');
      return stored.length === 0 ? new Uint8Array(0) : inflateHook(stored, maxBytes);
    case 5:
      return lzwDecode(stored, maxBytes);
    case 32773:
      return packBitsDecode(stored, maxBytes);
    case 50000: {
      if (!zstdReady)
        throw unsupportedCompression(img, where, 'codec not loaded: open the file through the reader first');
      // Given the capacity, ZSTD_decompress fails (a size_t error code, read as a huge size) on more.
      const out = zstd.decode(stored, maxBytes);
      if (out.length > maxBytes) throw new Error(`ZSTD data decodes beyond the ${maxBytes} bytes declared`);
      return out;
    }
  }
  const d = decoders.get(codecKey(img));
  if (!d)
    throw unsupportedCompression(img, where, 'codec not loaded: open the file through the reader first');
  // A copy that owns its buffer (a Node Buffer's slice() is a view into a shared pool).
  const copy = Uint8Array.from(stored).buffer;
  const out = d.decodeBlock(copy);
  if (out instanceof Promise) throw unsupportedCompression(img, where, 'needs a browser to decode');
  if (out.byteLength > maxBytes)
    throw new Error(`decodes to ${out.byteLength} bytes, more than the ${maxBytes} declared`);
  return new Uint8Array(out);
}

/**
 * decompress() for asynchronous hosts: DEFLATE through `inflate` when given, codecs loaded on first
 * use, and codecs that only decode asynchronously (WebP through the browser's image decoder).
 */
export async function decompressAsync(
  img: TiffImage,
  stored: Uint8Array,
  maxBytes: number,
  where: string,
  inflate?: AsyncInflate,
): Promise<Uint8Array> {
  if ((img.compression === 8 || img.compression === 32946) && inflate)
    return stored.length === 0 ? new Uint8Array(0) : inflate(stored, maxBytes);
  if (needsPreparation(img)) await prepareCodecs([img], where);
  const d = decoders.get(codecKey(img));
  if (!d) return decompress(img, stored, maxBytes, where);
  const out = await d.decodeBlock(Uint8Array.from(stored).buffer);
  if (out.byteLength > maxBytes)
    throw new Error(`decodes to ${out.byteLength} bytes, more than the ${maxBytes} declared`);
  return new Uint8Array(out);
}

/**
 * TIFF LZW (TIFF 6.0 §13): MSB-first codes of 9–12 bits, Clear 256, EOI 257, "early change" (the code
 * width grows one code early). Dictionary entries are kept as (offset, length) slices of the output:
 * an entry is always the previously written string plus the next byte, which follows it in place.
 * Output stops at maxBytes.
 */
export function lzwDecode(src: Uint8Array, maxBytes: number): Uint8Array {
  const out = new Uint8Array(maxBytes);
  const offs = new Int32Array(4096);
  const lens = new Int32Array(4096);
  let pos = 0;
  let bit = 0;
  let width = 9;
  let next = 258;
  let prevPos = -1;
  let prevLen = 0;
  const total = src.length * 8;
  const room = (n: number) => {
    if (pos + n > maxBytes) throw new Error(`LZW data decodes beyond the ${maxBytes} bytes declared`);
  };
  while (bit + width <= total) {
    const b = bit >>> 3;
    const v = (src[b] << 16) | ((src[b + 1] ?? 0) << 8) | (src[b + 2] ?? 0);
    const code = (v >>> (24 - (bit & 7) - width)) & ((1 << width) - 1);
    bit += width;
    if (code === 257) break;
    if (code === 256) {
      width = 9;
      next = 258;
      prevPos = -1;
      continue;
    }
    const start = pos;
    if (code < 256) {
      room(1);
      out[pos++] = code;
    } else if (code < next && lens[code] > 0) {
      const len = lens[code];
      room(len);
      out.copyWithin(pos, offs[code], offs[code] + len);
      pos += len;
    } else if (code === next && prevPos >= 0) {
      room(prevLen + 1);
      out.copyWithin(pos, prevPos, prevPos + prevLen);
      out[pos + prevLen] = out[prevPos];
      pos += prevLen + 1;
    } else throw new Error(`bad LZW code ${code}`);
    if (prevPos >= 0 && next < 4096) {
      offs[next] = prevPos;
      lens[next] = prevLen + 1;
      next++;
    }
    prevPos = start;
    prevLen = pos - start;
    if (next >= (1 << width) - 1 && width < 12) width++;
  }
  return out.subarray(0, pos);
}

/** TIFF PackBits (Apple) run-length decoding, up to maxBytes. */
export function packBitsDecode(src: Uint8Array, maxBytes: number): Uint8Array {
  const out = new Uint8Array(maxBytes);
  let i = 0;
  let o = 0;
  while (i < src.length && o < maxBytes) {
    const n = (src[i++] << 24) >> 24;
    if (n >= 0) {
      const len = Math.min(n + 1, maxBytes - o, src.length - i);
      out.set(src.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n !== -128) {
      const len = Math.min(1 - n, maxBytes - o);
      out.fill(src[i++], o, o + len);
      o += len;
    }
  }
  return out.subarray(0, o);
}
