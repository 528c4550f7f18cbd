/**
 * A result class raster's tile (shared/analysis/resultClasses.ts): each class code in its colour,
 * hatched classes (cloud) as diagonal stripes so the imagery shows between them; codes without a
 * colour (dry land, no data) stay transparent.
 */
import type { ClassColor, RenderBand, TileResult } from './protocol';
import { sampleBand } from './raster';
import type { WarpGrid } from './warp';

/** Stripe period and width in tile pixels for hatched classes. */
const HATCH_PERIOD = 6;
const HATCH_WIDTH = 2;

export async function renderClasses(
  band: RenderBand,
  colors: ClassColor[],
  grid: WarpGrid,
  signal?: AbortSignal,
): Promise<TileResult> {
  const t0 = performance.now();
  const { data } = await sampleBand(band, grid, signal);
  const byCode: (ClassColor | undefined)[] = new Array(256);
  for (const c of colors) byCode[c.code] = c;
  const rgba = new Uint8ClampedArray(grid.width * grid.height * 4);
  let filled = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // Class overviews are built with nearest: a non-integer value is not a class.
    const c = Number.isInteger(v) ? byCode[v] : undefined;
    if (!c) continue;
    if (c.hatch) {
      const x = i % grid.width;
      const y = (i - x) / grid.width;
      if ((x + y) % HATCH_PERIOD >= HATCH_WIDTH) continue;
    }
    const o = i * 4;
    rgba[o] = c.rgb[0];
    rgba[o + 1] = c.rgb[1];
    rgba[o + 2] = c.rgb[2];
    rgba[o + 3] = 255;
    filled++;
  }
  return { rgba, filled, ms: performance.now() - t0 };
}
