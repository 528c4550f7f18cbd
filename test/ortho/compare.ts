/** Comparing two orthorectified rasters of the position-encoding fixture on the same grid. */
import { closeSync, openSync } from 'node:fs';
import { expect } from 'vitest';
import { readWindow } from '../../electron/engine/decode';
import { readTiffFile } from '../../electron/engine/tiff-file';

export function bandsOf(file: string): {
  w: number;
  h: number;
  gt: number[];
  epsg: number | null;
  b: ArrayLike<number>[];
} {
  const f = readTiffFile(file);
  const img = f.images[0];
  const fd = openSync(file, 'r');
  try {
    const b = readWindow(fd, img, [0, 1], 0, 0, img.width, img.height, 0);
    return { w: img.width, h: img.height, gt: f.geotransform as number[], epsg: f.epsg, b };
  } finally {
    closeSync(fd);
  }
}

/** Per-pixel distance (raw pixels) between the source positions two rasters on one grid carry. */
export function positionErrors(a: string, b: string): { median: number; p95: number; n: number } {
  const A = bandsOf(a);
  const B = bandsOf(b);
  expect([B.w, B.h]).toEqual([A.w, A.h]);
  const errs: number[] = [];
  for (let k = 0; k < A.w * A.h; k++) {
    if (!A.b[0][k] || !B.b[0][k]) continue;
    const dx = (A.b[0][k] - B.b[0][k]) / 40;
    const dy = (A.b[1][k] - B.b[1][k]) / 40;
    errs.push(Math.hypot(dx, dy));
  }
  errs.sort((x, y) => x - y);
  return { median: errs[errs.length >> 1], p95: errs[Math.floor(errs.length * 0.95)], n: errs.length };
}
