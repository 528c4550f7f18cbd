/**
 * A window of several samples (bands) of one image, assembled from its blocks: one array per
 * requested sample, w·h each, row-major; pixels outside the image are `fill`. Each block is decoded
 * once for all samples (chunky files store all bands in one block).
 */
import type { BandArray } from '../../analysis/indices';
import { decodeBlock, newArray, windowPredictor } from './block';
import { readTimes } from './timing';
import type { TiffImage } from './types';

/** Stored bytes of block `index` (for planar files the index includes the plane). */
export type BlockReader = (index: number) => Uint8Array;

export function readImageWindow(
  readBlock: BlockReader,
  where: string,
  img: TiffImage,
  samples: number[],
  win: { x0: number; y0: number; w: number; h: number },
  fill = 0,
): BandArray[] {
  const { x0, y0, w, h } = win;
  const outs = samples.map(() => newArray(img.dataType, w * h));
  const bw = img.blockWidth;
  const bh = img.blockHeight;
  const bx0 = Math.max(0, Math.floor(x0 / bw));
  const by0 = Math.max(0, Math.floor(y0 / bh));
  const bx1 = Math.min(img.blocksAcross - 1, Math.floor((x0 + w - 1) / bw));
  const by1 = Math.min(img.blocksDown - 1, Math.floor((y0 + h - 1) / bh));
  if (!(x0 >= 0 && y0 >= 0 && x0 + w <= img.width && y0 + h <= img.height))
    for (const o of outs) o.fill(fill);
  const spp = img.planar === 1 ? img.samplesPerPixel : 1;
  const perPlane = img.blocksAcross * img.blocksDown;
  const planes = img.planar === 2 ? samples : [0];
  const sum = windowPredictor(img);
  for (let by = by0; by <= by1; by++)
    for (let bx = bx0; bx <= bx1; bx++)
      for (const plane of planes) {
        const index = plane * perPlane + by * img.blocksAcross + bx;
        const { data, rows } = decodeBlock(img, readBlock(index), where, index, sum);
        const targets = img.planar === 2 ? [samples.indexOf(plane)] : samples.map((_, i) => i);
        // Intersection of the block with the window and the image.
        const cx0 = Math.max(x0, bx * bw);
        const cy0 = Math.max(y0, by * bh);
        const cx1 = Math.min(x0 + w, bx * bw + bw, img.width);
        const cy1 = Math.min(y0 + h, by * bh + rows, img.height);
        const t0 = performance.now();
        for (const ti of targets) {
          const s = img.planar === 2 ? 0 : samples[ti];
          for (let y = cy0; y < cy1; y++) {
            const rowStart = (y - by * bh) * bw * spp + s;
            const o = (y - y0) * w + (cx0 - x0);
            const skip = cx0 - bx * bw;
            if (sum)
              sumRowU16(outs[ti] as Uint16Array, o, data as Uint16Array, rowStart, skip, cx1 - cx0, spp);
            else copyRow(outs[ti], o, data, rowStart + skip * spp, cx1 - cx0, spp);
          }
        }
        readTimes.deinterleave += performance.now() - t0;
      }
  return outs;
}

function copyRow(out: BandArray, o: number, data: BandArray, s: number, n: number, spp: number): void {
  if (spp === 1) out.set(data.subarray(s, s + n) as never, o);
  else if (out instanceof Uint16Array && data instanceof Uint16Array) pickU16(out, o, data, s, n, spp);
  else for (let i = 0; i < n; i++) out[o + i] = data[s + i * spp];
}

/** Deinterleave one row of one sample (monomorphic: the generic loop is several times slower). */
function pickU16(out: Uint16Array, o: number, data: Uint16Array, s: number, n: number, spp: number): void {
  for (let i = 0; i < n; i++) out[o + i] = data[s + i * spp];
}

/**
 * Deinterleave one row of one uint16 sample stored with predictor 2 (horizontal differences), undoing
 * the predictor on the way: a running sum from the block's left edge, written from pixel `skip` on.
 * Uint16Array stores wrap modulo 2^16, as the predictor requires.
 */
function sumRowU16(
  out: Uint16Array,
  o: number,
  data: Uint16Array,
  rowStart: number,
  skip: number,
  n: number,
  spp: number,
): void {
  let acc = 0;
  let s = rowStart;
  for (let i = 0; i < skip; i++, s += spp) acc += data[s];
  for (let i = 0; i < n; i++, s += spp) {
    acc = (acc + data[s]) & 0xffff;
    out[o + i] = acc;
  }
}
