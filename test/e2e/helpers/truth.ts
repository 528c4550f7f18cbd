/**
 * Picking test points from the sample data's ground-truth masks (sample-data/sindh-synthetic/truth):
 * the reference is the generator's truth, not anything the app computes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromFile } from 'geotiff';
import { toLonLat } from '../../../shared/proj';
import { ROOT } from './launch';

export const TRUTH_DIR = path.join(ROOT, 'sample-data/sindh-synthetic/truth');

export interface TruthGrid {
  width: number;
  height: number;
  geotransform: number[];
  crs: string;
}

export function truthGrid(): TruthGrid {
  const truth = JSON.parse(readFileSync(path.join(TRUTH_DIR, 'truth.json'), 'utf8')) as { grid: TruthGrid };
  return truth.grid;
}

export async function readMask(name: string): Promise<Uint8Array> {
  const tiff = await fromFile(path.join(TRUTH_DIR, name));
  const image = await tiff.getImage(0);
  const rasters = (await image.readRasters({ interleave: false })) as unknown as Uint8Array[];
  return rasters[0];
}

/**
 * Centres of (2r+1)² windows where `ok(i)` holds for every pixel, scanned on a coarse lattice,
 * then `count` of them spread across the list (so the points are far apart).
 */
export function pickPoints(
  grid: TruthGrid,
  ok: (i: number) => boolean,
  count: number,
  r = 6,
  step = 37,
): { col: number; row: number }[] {
  const found: { col: number; row: number }[] = [];
  for (let row = r + 20; row < grid.height - r - 20; row += step) {
    for (let col = r + 20; col < grid.width - r - 20; col += step) {
      let all = true;
      for (let dy = -r; dy <= r && all; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          if (!ok((row + dy) * grid.width + col + dx)) {
            all = false;
            break;
          }
        }
      }
      if (all) found.push({ col, row });
    }
  }
  if (found.length < count) return found;
  return Array.from({ length: count }, (_, k) => found[Math.floor(((k + 0.5) / count) * found.length)]);
}

/** Lon/lat of a pixel centre of the truth grid. */
export function pixelLonLat(grid: TruthGrid, col: number, row: number): [number, number] {
  const g = grid.geotransform;
  const x = g[0] + (col + 0.5) * g[1] + (row + 0.5) * g[2];
  const y = g[3] + (col + 0.5) * g[4] + (row + 0.5) * g[5];
  return toLonLat(grid.crs, [[x, y]])[0];
}
