/**
 * Tile encoding: little-endian sample bytes, TIFF predictor (2 = horizontal differencing,
 * 3 = floating-point byte-plane differencing, TIFF Technical Note 3), then the injected compressor.
 * Pure and allocation-light so it can run in worker threads.
 */
import type { CogLayout, TypedPixels } from './layout';

/** Compressor injected by the host: zlib-wrapped DEFLATE (TIFF compression 8), e.g. zlib.deflateSync. */
export type Compressor = (raw: Uint8Array) => Uint8Array;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function leBytes(pixels: TypedPixels, bytesPerSample: number): Uint8Array {
  if (LITTLE_ENDIAN || bytesPerSample === 1) {
    // Copy so predictors can work in place without touching the caller's array.
    // (Also turns a SharedArrayBuffer view into a plain buffer, which every compressor accepts.)
    const out = new Uint8Array(pixels.byteLength);
    out.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    return out;
  }
  const out = new Uint8Array(pixels.length * bytesPerSample);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (pixels instanceof Uint16Array) dv.setUint16(i * 2, v, true);
    else if (pixels instanceof Int16Array) dv.setInt16(i * 2, v, true);
    else if (pixels instanceof Float32Array) dv.setFloat32(i * 4, v, true);
    else dv.setFloat64(i * 8, v, true);
  }
  return out;
}

function predictor2(pixels: TypedPixels, tileSize: number): TypedPixels {
  // Work on a copy of the same type so wrap-around arithmetic matches the sample width.
  const c = pixels.slice() as TypedPixels;
  for (let r = 0; r < tileSize; r++) {
    const o = r * tileSize;
    for (let x = tileSize - 1; x > 0; x--) c[o + x] = c[o + x] - c[o + x - 1];
  }
  return c;
}

function predictor3(bytes: Uint8Array, tileSize: number, bps: number): Uint8Array {
  // Per row: split samples into big-endian byte planes, then difference bytes across the row.
  const rowBytes = tileSize * bps;
  const out = new Uint8Array(bytes.length);
  for (let r = 0; r < tileSize; r++) {
    const o = r * rowBytes;
    if (bps === 4) {
      // float32 fast path (the common case: index outputs).
      const p1 = o + tileSize;
      const p2 = p1 + tileSize;
      const p3 = p2 + tileSize;
      for (let x = 0; x < tileSize; x++) {
        const s = o + x * 4;
        out[o + x] = bytes[s + 3];
        out[p1 + x] = bytes[s + 2];
        out[p2 + x] = bytes[s + 1];
        out[p3 + x] = bytes[s];
      }
    } else {
      for (let x = 0; x < tileSize; x++) {
        for (let b = 0; b < bps; b++) {
          // Little-endian source: byte (bps-1-b) is the b-th most significant.
          out[o + b * tileSize + x] = bytes[o + x * bps + (bps - 1 - b)];
        }
      }
    }
    for (let i = rowBytes - 1; i > 0; i--) out[o + i] = (out[o + i] - out[o + i - 1]) & 0xff;
  }
  return out;
}

/**
 * predictor3() for float32 tiles on little-endian hosts, straight from the pixels: one pass over
 * 32-bit words splits each row into its four byte planes (most significant first) and differences
 * them, with no copy of the tile first (0.7 vs 2.2 ms per 512² tile, docs/performance.md).
 */
function predictor3F32(pixels: Float32Array, tileSize: number): Uint8Array {
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length);
  const out = new Uint8Array(pixels.length * 4);
  for (let r = 0; r < tileSize; r++) {
    const s = r * tileSize;
    const o0 = s * 4;
    const o1 = o0 + tileSize;
    const o2 = o1 + tileSize;
    const o3 = o2 + tileSize;
    // The row is one byte stream, planes end to end: a plane's first byte is differenced against
    // the previous plane's last byte, i.e. that byte of the row's last word.
    const last = words[s + tileSize - 1];
    let p0 = 0;
    let p1 = last >>> 24;
    let p2 = (last >>> 16) & 0xff;
    let p3 = (last >>> 8) & 0xff;
    for (let x = 0; x < tileSize; x++) {
      const w = words[s + x];
      const b0 = w >>> 24;
      const b1 = (w >>> 16) & 0xff;
      const b2 = (w >>> 8) & 0xff;
      const b3 = w & 0xff;
      // Uint8Array stores wrap modulo 256, as the predictor requires.
      out[o0 + x] = b0 - p0;
      out[o1 + x] = b1 - p1;
      out[o2 + x] = b2 - p2;
      out[o3 + x] = b3 - p3;
      p0 = b0;
      p1 = b1;
      p2 = b2;
      p3 = b3;
    }
  }
  return out;
}

/** Raw (uncompressed) bytes of one tile after the predictor. */
export function tileBytes(layout: CogLayout, pixels: TypedPixels): Uint8Array {
  const t = layout.tileSize;
  if (pixels.length !== t * t) throw new Error(`COG: tile has ${pixels.length} samples, expected ${t * t}`);
  if (layout.predictor === 2) return leBytes(predictor2(pixels, t), layout.bytesPerSample);
  if (layout.predictor === 3 && LITTLE_ENDIAN && pixels instanceof Float32Array)
    return predictor3F32(pixels, t);
  const bytes = leBytes(pixels, layout.bytesPerSample);
  if (layout.predictor === 3) return predictor3(bytes, t, layout.bytesPerSample);
  return bytes;
}

/** Encode one tile (tileSize² samples of one band) into the bytes stored in the file. */
export function encodeTile(layout: CogLayout, pixels: TypedPixels, compress?: Compressor): Uint8Array {
  const raw = tileBytes(layout, pixels);
  if (layout.compression === 'none') return raw;
  if (!compress) throw new Error('COG: DEFLATE compression needs a compressor function');
  return compress(raw);
}
