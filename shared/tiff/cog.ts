/**
 * writeCog: the one-call path for rasters that fit in memory (sample data, tests, small exports).
 * Builds level-0 tiles, the overview pyramid, encodes and assembles in one go.
 */
import { CogAssembler } from './assemble';
import { type Compressor, encodeTile } from './encode';
import { type CogOptions, extractTile, planCog, type TypedPixels } from './layout';
import { OverviewPyramid } from './overview';

export interface WriteCogOptions extends CogOptions {
  /** One full-resolution array per band, row-major, width*height samples of the data type. */
  data: TypedPixels[];
  /** zlib DEFLATE, e.g. `(b) => zlib.deflateSync(b, { level: 6 })`. Required unless compression 'none'. */
  compress?: Compressor;
}

/** Encode a whole raster as a COG; returns the file as chunks (write them in order). */
export function writeCog(opts: WriteCogOptions): Uint8Array[] {
  const layout = planCog({ ...opts, bands: opts.data.length });
  const n = layout.width * layout.height;
  for (const [i, d] of opts.data.entries()) {
    if (d.length !== n) throw new Error(`COG: band ${i + 1} has ${d.length} samples, expected ${n}`);
  }
  const asm = new CogAssembler(layout);
  const put = (level: number, band: number, tx: number, ty: number, px: TypedPixels): void => {
    const lv = layout.levels[level];
    asm.addTile(level, band, ty * lv.tilesAcross + tx, encodeTile(layout, px, opts.compress));
  };
  const pyramid = new OverviewPyramid(layout, put);
  const l0 = layout.levels[0];
  opts.data.forEach((band, b) => {
    for (let ty = 0; ty < l0.tilesDown; ty++) {
      for (let tx = 0; tx < l0.tilesAcross; tx++) {
        const tile = extractTile(layout, band, layout.width, layout.height, tx, ty);
        put(0, b, tx, ty, tile);
        pyramid.push(0, b, tx, ty, tile);
      }
    }
  });
  return asm.finish();
}

/** Concatenate chunks into one buffer (for tests and small files). */
export function concatChunks(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
