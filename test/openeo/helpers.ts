/** Shared pieces of the openEO tests: the sample flood pair and a whole-raster reader. */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWindow } from '../../electron/engine/decode';
import { readTiffFile } from '../../electron/engine/tiff-file';
import type { GeoTransform } from '../../shared/scene';

const SYN = join(__dirname, '../../sample-data/sindh-synthetic');
export const PRE_ITEM = join(SYN, 'S2-SYN-SINDH-20220615/S2-SYN-SINDH-20220615.json');
export const POST_ITEM = join(SYN, 'S2-SYN-SINDH-20220830/S2-SYN-SINDH-20220830.json');
/** A box over Manchar Lake's overflow and part of the clouds of the post scene. */
export const BBOX: [number, number, number, number] = [67.7, 26.38, 67.76, 26.43];

export interface Raster {
  width: number;
  height: number;
  gt: GeoTransform;
  bands: ArrayLike<number>[];
}

export function readRaster(path: string): Raster {
  const f = readTiffFile(path);
  const img = f.images[0];
  const fd = openSync(path, 'r');
  try {
    const samples = Array.from({ length: img.samplesPerPixel }, (_, i) => i);
    const bands = readWindow(fd, img, samples, 0, 0, img.width, img.height);
    return { width: img.width, height: img.height, gt: f.geotransform as GeoTransform, bands };
  } finally {
    closeSync(fd);
  }
}

/** Largest |a − b| over the window of `big` that `small` covers; NaN must match NaN. */
export function maxDiff(
  small: Raster,
  big: Raster,
  band = 0,
  bigBand = 0,
): { max: number; nanMismatch: number; compared: number } {
  const dx = Math.round((small.gt[0] - big.gt[0]) / big.gt[1]);
  const dy = Math.round((small.gt[3] - big.gt[3]) / big.gt[5]);
  let max = 0;
  let nanMismatch = 0;
  let compared = 0;
  for (let y = 0; y < small.height; y++)
    for (let x = 0; x < small.width; x++) {
      const a = small.bands[band][y * small.width + x];
      const b = big.bands[bigBand][(y + dy) * big.width + x + dx];
      compared++;
      if (Number.isNaN(a) || Number.isNaN(b)) {
        if (Number.isNaN(a) !== Number.isNaN(b)) nanMismatch++;
        continue;
      }
      max = Math.max(max, Math.abs(a - b));
    }
  return { max, nanMismatch, compared };
}

/** A zones file with one zone, 'Box' (id 'box'): the lon/lat box [w, s, e, n]. */
export function writeBoxZones(file: string, [w, s, e, n]: [number, number, number, number]): void {
  const ring = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  const box = {
    type: 'Feature',
    properties: { id: 'box', name: 'Box' },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [box] }));
}
