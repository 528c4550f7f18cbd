/**
 * The TIFF reader (shared/tiff/read, through the engine's Node host) against GDAL: files written by
 * gdal_translate with every layout the engine may meet (tiled/striped, planar/pixel-interleaved,
 * DEFLATE/LZW/ZSTD/LERC/PackBits/none with and without predictors 2 and 3, BigTIFF, big-endian) must
 * decode to exactly the samples GDAL reads; JPEG (lossy) to within the decoders' rounding.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndexRaster } from '../../electron/engine/analysis';
import { FdCache } from '../../electron/engine/compute';
import { readWindow } from '../../electron/engine/decode';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { readTiffFile } from '../../electron/engine/tiff-file';
import { prepareCodecs } from '../../shared/tiff/read';
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
  // Smooth 8-bit bands for JPEG (a lossy codec needs image-like content to stay close).
  const smooth = [0, 1, 2].map((b) =>
    Uint8Array.from({ length: W * H }, (_, i) => {
      const x = i % W;
      const y = Math.floor(i / W);
      return Math.round(128 + 100 * Math.sin((x + 7 * b) / 23) * Math.cos(y / 31));
    }),
  );
  writeTif(join(dir, 'src8.tif'), W, H, [600000, 10, 0, 2970000, 0, -10], smooth, { nodata: null });
});

afterAll(async () => {
  await closeSharedPool();
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
  ['tiled DEFLATE, no predictor', 'src.tif', ['-co', 'COMPRESS=DEFLATE', '-co', 'TILED=YES']],
  [
    'tiled ZSTD, predictor 2, pixel-interleaved',
    'src.tif',
    ['-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=2', '-co', 'TILED=YES', '-co', 'INTERLEAVE=PIXEL'],
  ],
  ['striped ZSTD, no predictor', 'src.tif', ['-co', 'COMPRESS=ZSTD', '-co', 'BLOCKYSIZE=9']],
  [
    'float32 ZSTD, predictor 3',
    'srcf.tif',
    ['-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=3', '-co', 'TILED=YES'],
  ],
  ['tiled LERC (lossless)', 'src.tif', ['-co', 'COMPRESS=LERC', '-co', 'MAX_Z_ERROR=0', '-co', 'TILED=YES']],
  [
    'tiled LERC_DEFLATE float32',
    'srcf.tif',
    ['-co', 'COMPRESS=LERC_DEFLATE', '-co', 'MAX_Z_ERROR=0', '-co', 'TILED=YES'],
  ],
];

/** Lossy layouts: [name, source, options, largest difference from GDAL allowed]. */
const lossy: [string, string, string[], number][] = [
  [
    'tiled JPEG, one band',
    'src8.tif',
    ['-b', '1', '-co', 'COMPRESS=JPEG', '-co', 'TILED=YES', '-co', 'JPEG_QUALITY=90'],
    1,
  ],
  [
    'tiled JPEG, RGB pixel-interleaved',
    'src8.tif',
    ['-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=RGB', '-co', 'TILED=YES', '-co', 'JPEG_QUALITY=90'],
    1,
  ],
];

const fileOf = (name: string) => join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.tif`);

describe.skipIf(!ok)('engine TIFF reader vs GDAL (needs gdal-bin and python3-gdal)', () => {
  beforeAll(() => {
    for (const [name, src, co] of [...layouts, ...lossy])
      execFileSync('gdal_translate', ['-q', ...co, join(dir, src), fileOf(name)]);
    // One Python run dumps every band of every file as little-endian samples: <file>.b<N>.bin.
    const files = [...layouts, ...lossy].map(([name]) => fileOf(name));
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
    it(name, async () => {
      const path = fileOf(name);
      const f = readTiffFile(path);
      await prepareCodecs(f.images, path);
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

describe.skipIf(!ok)('lossy codecs vs GDAL (needs gdal-bin and python3-gdal)', () => {
  for (const [name, , , tolerance] of lossy) {
    it(`${name}: within ${tolerance} of GDAL`, async () => {
      const path = fileOf(name);
      const f = readTiffFile(path);
      await prepareCodecs(f.images, path);
      const img = f.images[0];
      const n = img.samplesPerPixel;
      const all = readWindow(fds.get(path), img, [...Array(n).keys()], 0, 0, W, H);
      for (let b = 0; b < n; b++) {
        const ref = new Uint8Array(readFileSync(`${path}.b${b + 1}.bin`));
        let worst = 0;
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(all[b][i] - ref[i]));
        expect(worst).toBeLessThanOrEqual(tolerance);
      }
    });
  }
});

describe.skipIf(!ok)('analysis jobs on every codec (needs gdal-bin and python3-gdal)', () => {
  for (const name of [
    'tiled ZSTD, predictor 2, pixel-interleaved',
    'tiled LERC (lossless)',
    'striped LZW, planar',
  ]) {
    it(`index on ${name}: NDVI equals numpy on GDAL's reading`, async () => {
      const src = fileOf(name);
      const out = join(dir, `ndvi-${name.replace(/[^a-z0-9]+/gi, '_')}.tif`);
      const scene = await loadSceneInput(src, 'red=1,nir=2');
      await computeIndexRaster(scene, 'ndvi', out);
      const script = `
from osgeo import gdal
import numpy as np
s = gdal.Open(${JSON.stringify(src)})
r = s.GetRasterBand(1).ReadAsArray().astype(np.float64)
n = s.GetRasterBand(2).ReadAsArray().astype(np.float64)
with np.errstate(all='ignore'):
    ref = (n - r) / (n + r)
o = gdal.Open(${JSON.stringify(out)}).ReadAsArray().astype(np.float64)
print(float(np.nanmax(np.abs(o - ref))))
`;
      const diff = Number(execFileSync('/usr/bin/python3', ['-c', script]).toString());
      expect(diff).toBeLessThan(1e-6);
    });
  }
});

describe.skipIf(!ok)('analysis on JPEG tiles (needs gdal-bin and python3-gdal)', () => {
  it('NDVI from an RGB JPEG file follows numpy on GDAL’s reading (decoders differ by ±1 DN)', async () => {
    const src = fileOf('tiled JPEG, RGB pixel-interleaved');
    const out = join(dir, 'ndvi-jpeg.tif');
    await computeIndexRaster(await loadSceneInput(src, 'red=1,nir=2'), 'ndvi', out);
    const script = `
from osgeo import gdal
import numpy as np
s = gdal.Open(${JSON.stringify(src)})
r = s.GetRasterBand(1).ReadAsArray().astype(np.float64)
n = s.GetRasterBand(2).ReadAsArray().astype(np.float64)
with np.errstate(all='ignore'):
    ref = (n - r) / (n + r)
o = gdal.Open(${JSON.stringify(out)}).ReadAsArray().astype(np.float64)
d = np.abs(o - ref)
print(float(np.nanmean(d)), float(np.nanmax(d)))
`;
    const [mean, max] = execFileSync('/usr/bin/python3', ['-c', script])
      .toString()
      .trim()
      .split(' ')
      .map(Number);
    expect(mean).toBeLessThan(0.002);
    expect(max).toBeLessThan(0.05);
  });
});

describe.skipIf(!ok)('scaled int16 index output (needs gdal-bin and python3-gdal)', () => {
  it('GDAL reads value = stored × 0.0001 (scale in the metadata), nodata −32768, within 0.5e-4 of numpy', async () => {
    const src = fileOf('tiled DEFLATE, no predictor');
    const out = join(dir, 'ndvi-int16.tif');
    await computeIndexRaster(await loadSceneInput(src, 'red=1,nir=2'), 'ndvi', out, { type: 'int16' });
    const script = `
from osgeo import gdal
import numpy as np
s = gdal.Open(${JSON.stringify(src)})
r = s.GetRasterBand(1).ReadAsArray().astype(np.float64)
n = s.GetRasterBand(2).ReadAsArray().astype(np.float64)
ref = (n - r) / (n + r)
o = gdal.Open(${JSON.stringify(out)})
b = o.GetRasterBand(1)
v = b.ReadAsArray().astype(np.float64) * b.GetScale() + b.GetOffset()
print(gdal.GetDataTypeName(b.DataType), b.GetNoDataValue(), b.GetScale(), float(np.max(np.abs(v - ref))))
`;
    const [type, nodata, scale, diff] = execFileSync('/usr/bin/python3', ['-c', script])
      .toString()
      .trim()
      .split(' ');
    expect(type).toBe('Int16');
    expect(Number(nodata)).toBe(-32768);
    expect(Number(scale)).toBe(0.0001);
    expect(Number(diff)).toBeLessThanOrEqual(0.5e-4 + 1e-9);
  });
});
