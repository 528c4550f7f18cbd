/**
 * Small deterministic scenes for the engine tests, written as COGs with shared/tiff: a 10 m grid
 * (blue, green, red, nir) and a 20 m SWIR1/SWIR2 grid, in EPSG:32642 near Dadu, Sindh.
 * Land cover by column/row blocks: water (a river band), cropland, bare soil; values are DN with
 * reflectance = DN/10000 − 0.1 (a Sentinel-2 baseline-04-like offset) and nodata 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { concatChunks, type TypedPixels, writeCog } from '../../shared/tiff';

export const ORIGIN_X = 600000;
export const ORIGIN_Y = 2970000;
export const SCALE = 1e-4;
export const OFFSET = -0.1;

/** Reflectances per cover class: blue, green, red, nir, swir16, swir22. */
export const COVER = {
  water: [0.06, 0.09, 0.05, 0.03, 0.01, 0.005],
  crop: [0.04, 0.08, 0.05, 0.4, 0.2, 0.1],
  bare: [0.12, 0.16, 0.2, 0.26, 0.32, 0.28],
  flood: [0.07, 0.1, 0.08, 0.05, 0.02, 0.01],
} as const;

export type Cover = keyof typeof COVER;

export const dn = (refl: number) => Math.round((refl - OFFSET) / SCALE);

export function writeTif(
  path: string,
  w: number,
  h: number,
  gt: number[],
  data: TypedPixels[],
  opts: { nodata?: number | null; epsg?: number; descriptions?: string[] } = {},
) {
  const chunks = writeCog({
    width: w,
    height: h,
    dataType:
      data[0] instanceof Float32Array ? 'float32' : data[0] instanceof Uint8Array ? 'uint8' : 'uint16',
    nodata: opts.nodata === undefined ? 0 : opts.nodata,
    tileSize: 64,
    geo: {
      epsg: opts.epsg ?? 32642,
      transform: gt as [number, number, number, number, number, number],
      geographic: opts.epsg === 4326,
    },
    data,
    compress: (b) => new Uint8Array(deflateSync(b)),
    bandMetadata: opts.descriptions?.map((d) => ({ description: d })),
  });
  writeFileSync(path, concatChunks(chunks));
}

export interface SyntheticScene {
  dir: string;
  w: number;
  h: number;
  cover: (x: number, y: number) => Cover | null;
  itemPath: string;
}

/**
 * Writes B02/B03/B04/B08 (10 m, w×h) and B11/B12 (20 m) plus a STAC item into `dir`.
 * `cover(x, y)` gives the class of each 10 m pixel (null = nodata); SWIR takes the class of the
 * top-left 10 m pixel of each 20 m pixel.
 */
export function writeScene(
  dir: string,
  w: number,
  h: number,
  cover: (x: number, y: number) => Cover | null,
  datetime = '2022-08-30T05:40:00Z',
): SyntheticScene {
  mkdirSync(dir, { recursive: true });
  const names = ['B02', 'B03', 'B04', 'B08'];
  const roles = ['blue', 'green', 'red', 'nir'];
  const gt10 = [ORIGIN_X, 10, 0, ORIGIN_Y, 0, -10];
  names.forEach((name, b) => {
    const a = new Uint16Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const c = cover(x, y);
        a[y * w + x] = c ? dn(COVER[c][b]) : 0;
      }
    writeTif(join(dir, `${name}.tif`), w, h, gt10, [a]);
  });
  const w2 = Math.ceil(w / 2);
  const h2 = Math.ceil(h / 2);
  const gt20 = [ORIGIN_X, 20, 0, ORIGIN_Y, 0, -20];
  ['B11', 'B12'].forEach((name, k) => {
    const a = new Uint16Array(w2 * h2);
    for (let y = 0; y < h2; y++)
      for (let x = 0; x < w2; x++) {
        const c = cover(x * 2, y * 2);
        a[y * w2 + x] = c ? dn(COVER[c][4 + k]) : 0;
      }
    writeTif(join(dir, `${name}.tif`), w2, h2, gt20, [a]);
  });
  const asset = (file: string, role: string, shape: number[], res: number) => ({
    href: `./${file}`,
    type: 'image/tiff; application=geotiff; profile=cloud-optimized',
    roles: ['data'],
    'eo:bands': [{ name: file.replace('.tif', ''), common_name: role }],
    'raster:bands': [{ data_type: 'uint16', nodata: 0, scale: SCALE, offset: OFFSET }],
    'proj:shape': shape,
    'proj:transform': [res, 0, ORIGIN_X, 0, -res, ORIGIN_Y],
  });
  const assets: Record<string, unknown> = {};
  names.forEach((n, i) => {
    assets[n] = asset(`${n}.tif`, roles[i], [h, w], 10);
  });
  assets.B11 = asset('B11.tif', 'swir16', [h2, w2], 20);
  assets.B12 = asset('B12.tif', 'swir22', [h2, w2], 20);
  const item = {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id: `synthetic-${datetime.slice(0, 10)}`,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [67.5, 26.8],
          [67.6, 26.8],
          [67.6, 26.9],
          [67.5, 26.9],
          [67.5, 26.8],
        ],
      ],
    },
    bbox: [67.5, 26.8, 67.6, 26.9],
    properties: { datetime, 'proj:code': 'EPSG:32642', platform: 'sentinel-2a', instruments: ['msi'] },
    links: [],
    assets,
  };
  const itemPath = join(dir, 'item.json');
  writeFileSync(itemPath, JSON.stringify(item));
  return { dir, w, h, cover, itemPath };
}

/** Physical reflectance a pixel should have for a role (what the engine must compute from DN). */
export function reflectance(c: Cover, role: 'blue' | 'green' | 'red' | 'nir' | 'swir16' | 'swir22'): number {
  const i = ['blue', 'green', 'red', 'nir', 'swir16', 'swir22'].indexOf(role);
  return dn(COVER[c][i]) * SCALE + OFFSET;
}

export interface GridSpec {
  w: number;
  h: number;
  /** GDAL geotransform in the scene's CRS. */
  gt: number[];
  epsg: number;
}

/**
 * A scene whose land cover is defined in world coordinates of EPSG:32642 (`coverAt(X, Y)`), written
 * on any grid/CRS: pixel centres are transformed to EPSG:32642 (proj4) before looking up the cover.
 * All six bands on the one grid. Returns the item path.
 */
export function writeWorldScene(
  dir: string,
  grid: GridSpec,
  coverAt: (X: number, Y: number) => Cover | null,
  datetime: string,
  toUtm42: (x: number, y: number) => [number, number] = (x, y) => [x, y],
): string {
  mkdirSync(dir, { recursive: true });
  const { w, h, gt } = grid;
  const roles = ['blue', 'green', 'red', 'nir', 'swir16', 'swir22'];
  const arrays = roles.map(() => new Uint16Array(w * h));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [X, Y] = toUtm42(gt[0] + (x + 0.5) * gt[1], gt[3] + (y + 0.5) * gt[5]);
      const c = coverAt(X, Y);
      for (let b = 0; b < 6; b++) arrays[b][y * w + x] = c ? dn(COVER[c][b]) : 0;
    }
  const assets: Record<string, unknown> = {};
  roles.forEach((role, b) => {
    writeTif(join(dir, `${role}.tif`), w, h, gt, [arrays[b]], { epsg: grid.epsg });
    assets[role] = {
      href: `./${role}.tif`,
      type: 'image/tiff; application=geotiff',
      roles: ['data'],
      'eo:bands': [{ name: role, common_name: role }],
      'raster:bands': [{ data_type: 'uint16', nodata: 0, scale: SCALE, offset: OFFSET }],
    };
  });
  const item = {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id: `world-${datetime.slice(0, 10)}-${grid.epsg}`,
    geometry: null,
    bbox: [67.5, 26.8, 67.6, 26.9],
    properties: { datetime, 'proj:code': `EPSG:${grid.epsg}` },
    links: [],
    assets,
  };
  const itemPath = join(dir, 'item.json');
  writeFileSync(itemPath, JSON.stringify(item));
  return itemPath;
}
