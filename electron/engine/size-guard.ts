/**
 * Refuses, before any work, a raster too large to process in one run: a 10⁶ × 10⁶ header (10¹²
 * pixels) would otherwise run for hours with no useful progress. The limit is far above real
 * scenes (a Sentinel-2 tile is 10980², 1.2·10⁸ pixels; a large mosaic 50,000², 2.5·10⁹).
 */
import { NigahError } from '../../shared/errors';

/** 2³² pixels, about 65,500 × 65,500. */
export const MAX_PIXELS = 2 ** 32;

const n = (v: number) => v.toLocaleString('en-US');

export function assertProcessableSize(width: number, height: number, what: string): void {
  const pixels = width * height;
  if (Number.isFinite(pixels) && pixels <= MAX_PIXELS) return;
  throw new NigahError(
    'TOO_LARGE',
    `${what} is ${n(width)} × ${n(height)} pixels (${(pixels / 1e9).toPrecision(3)} billion); one run processes at most ${(MAX_PIXELS / 1e9).toFixed(1)} billion (about 65,000 × 65,000).`,
    {
      hint: 'Clip the area you need first (gdal_translate -projwin ulx uly lrx lry in.tif clip.tif), or work on a coarser copy (gdal_translate -outsize 25% 25% in.tif small.tif).',
      details: { width, height, pixels, maxPixels: MAX_PIXELS },
    },
  );
}
