/**
 * The engine's own TIFF block reader against GDAL: files written by gdal_translate with every layout
 * the engine may meet (tiled/striped, planar/pixel-interleaved, DEFLATE/LZW/PackBits/none, predictors
 * 2 and 3, BigTIFF, big-endian) must decode to exactly the samples GDAL reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FdCache } from '../../electron/engine/compute';
import { readWindow } from '../../electron/engine/decode';
import { readTiffFile } from '../../electron/engine/tiff-file';
import { writeTif } from './fixtures';

const has = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const ok =
  has('gdal_translate', ['--version']) &&
  has('/usr/bin/python3', ['-c', 'from osgeo import gdal; import numpy']);

let dir: string;
const fds = new FdCache();
const W = 131;
const H = 97;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-tiff-'));
  // A source with structure and edge tiles: 3 bands uint16 and one float band.
  const bands = [0, 1, 2].map((b) =>
    Uint16Array.from({ length: W * H }, (_, i) => ((i * (b + 3)) % 997) * 37 + b),
  );
  writeTif(join(dir, 'src.tif'), W, H, [600000, 10, 0, 2970000, 0, -10], bands, { nodata: null });
  const f = Float32Array.from({ length: W * H }, (_, i) => Math.sin(i / 50) * 1000 + i / 7);
  writeTif(join(dir, 'srcf.tif'), W, H, [600000, 10, 0, 2970000, 0, -10], [f], { nodata: null });
});

afterAll(() => {
  fds.close();
  rmSync(dir, { recursive: true, force: true });
});

const layouts: [string, string, string[]][] = [
  [
    'tiled DEFLATE, predictor 2, planar',
    'src.tif',
    [
      '-co',
      'TILED=YES',
      '-co',
      'BLOCKXSIZE=32',
      '-co',
      'BLOCKYSIZE=32',
      '-co',
      'COMPRESS=DEFLATE',
      '-co',
      'PREDICTOR=2',
      '-co',
      'INTERLEAVE=BAND',
    ],
  ],
  [
    'tiled DEFLATE, pixel-interleaved, predictor 2',
    'src.tif',
    [
      '-co',
      'TILED=YES',
      '-co',
      'BLOCKXSIZE=48',
      '-co',
      'BLOCKYSIZE=16',
      '-co',
      'COMPRESS=DEFLATE',
      '-co',
      'PREDICTOR=2',
      '-co',
      'INTERLEAVE=PIXEL',
    ],
  ],
  [
    'striped LZW, predictor 2, pixel-interleaved',
    'src.tif',
    ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2', '-co', 'BLOCKYSIZE=7', '-co', 'INTERLEAVE=PIXEL'],
  ],
  [
    'striped LZW, planar',
    'src.tif',
    ['-co', 'COMPRESS=LZW', '-co', 'INTERLEAVE=BAND', '-co', 'BLOCKYSIZE=11'],
  ],
  [
    'PackBits tiles',
    'src.tif',
    ['-co', 'COMPRESS=PACKBITS', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'],
  ],
  ['uncompressed strips, BigTIFF', 'src.tif', ['-co', 'BIGTIFF=YES', '-co', 'BLOCKYSIZE=5']],
  [
    'big-endian, DEFLATE',
    'src.tif',
    ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES'],
  ],
  [
    'float32 DEFLATE, predictor 3',
    'srcf.tif',
    [
      '-co',
      'COMPRESS=DEFLATE',
      '-co',
      'PREDICTOR=3',
      '-co',
      'TILED=YES',
      '-co',
      'BLOCKXSIZE=32',
      '-co',
      'BLOCKYSIZE=32',
    ],
  ],
  ['float32 LZW, predictor 3, strips', 'srcf.tif', ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=3']],
];

const fileOf = (name: string) => join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.tif`);

describe.skipIf(!ok)('engine TIFF reader vs GDAL (needs gdal-bin and python3-gdal)', () => {
  beforeAll(() => {
    for (const [name, src, co] of layouts)
      execFileSync('gdal_translate', ['-q', ...co, join(dir, src), fileOf(name)]);
    // One Python run dumps every band of every file as little-endian samples: <file>.b<N>.bin.
    const files = layouts.map(([name]) => fileOf(name));
    execFileSync('/usr/bin/python3', [
      '-c',
      `from osgeo import gdal
for p in ${JSON.stringify(files)}:
    ds = gdal.Open(p)
    for b in range(1, ds.RasterCount + 1):
        a = ds.GetRasterBand(b).ReadAsArray()
        open(p + '.b%d.bin' % b, 'wb').write(a.astype(a.dtype.newbyteorder('<')).tobytes())
`,
    ]);
  });
  for (const [name] of layouts) {
    it(name, () => {
      const path = fileOf(name);
      const f = readTiffFile(path);
      const img = f.images[0];
      expect(f.geotransform).toEqual([600000, 10, 0, 2970000, 0, -10]);
      expect(f.epsg).toBe(32642);
      const n = img.samplesPerPixel;
      // Whole image and an odd window straddling blocks.
      const all = readWindow(fds.get(path), img, [...Array(n).keys()], 0, 0, W, H);
      for (let b = 0; b < n; b++) {
        const ref = new Uint8Array(readFileSync(`${path}.b${b + 1}.bin`));
        const got = new Uint8Array(all[b].buffer, all[b].byteOffset, all[b].byteLength);
        expect(Buffer.compare(Buffer.from(got), Buffer.from(ref))).toBe(0);
      }
      const win = readWindow(fds.get(path), img, [n - 1], 17, 9, 50, 40)[0];
      expect(win[0]).toBe(all[n - 1][9 * W + 17]);
      expect(win[39 * 50 + 49]).toBe(all[n - 1][48 * W + 66]);
    });
  }
});
