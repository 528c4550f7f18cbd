/**
 * A window of several samples (bands) of one image, assembled from its blocks: one array per
 * requested sample, w·h each, row-major; pixels outside the image are `fill`. Each block is decoded
 * once for all samples (chunky files store all bands in one block).
 */
import type { BandArray } from '../../analysis/indices';
import { decodeBlock, newArray } from './block';
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
  for (let by = by0; by <= by1; by++)
    for (let bx = bx0; bx <= bx1; bx++)
      for (const plane of planes) {
        const index = plane * perPlane + by * img.blocksAcross + bx;
        const { data, rows } = decodeBlock(img, readBlock(index), where, index);
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
            const srow = ((y - by * bh) * bw + (cx0 - bx * bw)) * spp + s;
            copyRow(outs[ti], (y - y0) * w + (cx0 - x0), data, srow, cx1 - cx0, spp);
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
