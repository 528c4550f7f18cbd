/**
 * The COG writer against independent readers: geotiff.js (pixels, overviews, geokeys, nodata),
 * a ported GDAL COG validator (tiff-structure.ts), and — where installed — gdalinfo, GDAL's Python
 * bindings and GDAL's own validate_cloud_optimized_geotiff.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCogHeader,
  CogAssembler,
  type CogOptions,
  concatChunks,
  encodeTile,
  extractTile,
  OverviewPyramid,
  planCog,
  type TypedPixels,
  writeCog,
} from '../../shared/tiff';
import { cogErrors, readIfds } from './tiff-structure';

const compress = (b: Uint8Array): Uint8Array => deflateSync(b, { level: 6 });
const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-tiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasGdalinfo = spawnSync('gdalinfo', ['--version']).status === 0;
const hasPyGdal = spawnSync('/usr/bin/python3', ['-c', 'from osgeo import gdal']).status === 0;

interface Case {
  name: string;
  opts: CogOptions;
  data: TypedPixels[];
}

function fill<T extends TypedPixels>(a: T, w: number, fn: (x: number, y: number) => number): T {
  for (let i = 0; i < a.length; i++) a[i] = fn(i % w, Math.floor(i / w));
  return a;
}

const UTM: CogOptions['geo'] = { epsg: 32642, transform: [366000, 10, 0, 2934000, 0, -10] };
const W = 37;
const H = 23;
const cases: Case[] = [
  {
    name: 'uint8',
    opts: { width: W, height: H, dataType: 'uint8', tileSize: 16, geo: UTM },
    data: [fill(new Uint8Array(W * H), W, (x, y) => (x * 7 + y * 13) % 256)],
  },
  {
    name: 'uint16-nodata-2band',
    opts: {
      width: W,
      height: H,
      dataType: 'uint16',
      tileSize: 16,
      nodata: 0,
      geo: UTM,
      bandMetadata: [{ description: 'green', scale: 0.0001, offset: -0.1 }, { description: 'nir' }],
    },
    data: [
      fill(new Uint16Array(W * H), W, (x, y) => (x === y ? 0 : 1000 + x * 100 + y)),
      fill(new Uint16Array(W * H), W, (x, y) => 65535 - x * 300 - y * 7),
    ],
  },
  {
    name: 'int16',
    opts: { width: W, height: H, dataType: 'int16', tileSize: 16, nodata: -32768, geo: UTM },
    data: [fill(new Int16Array(W * H), W, (x, y) => (x - 18) * 900 + y * 3)],
  },
  {
    name: 'float32-nan-pred3',
    opts: {
      width: W,
      height: H,
      dataType: 'float32',
      tileSize: 16,
      nodata: Number.NaN,
      predictor: 3,
      geo: UTM,
    },
    data: [
      fill(new Float32Array(W * H), W, (x, y) => ((x + y) % 11 === 0 ? Number.NaN : (x - y) / (x + y + 1))),
    ],
  },
  {
    name: 'float32-pred1',
    opts: { width: W, height: H, dataType: 'float32', tileSize: 16, predictor: 1, geo: UTM },
    data: [fill(new Float32Array(W * H), W, (x, y) => Math.fround(x * 0.37 - y * 1.1))],
  },
  {
    name: 'float64-geographic-pred3',
    opts: {
      width: W,
      height: H,
      dataType: 'float64',
      predictor: 3,
      tileSize: 16,
      geo: { epsg: 4326, geographic: true, transform: [67.5, 0.001, 0, 26.6, 0, -0.001] },
    },
    data: [fill(new Float64Array(W * H), W, (x, y) => x * 1e-7 + y * 12345.678)],
  },
  {
    name: 'mask-nearest-3band',
    opts: {
      width: W,
      height: H,
      dataType: 'uint8',
      tileSize: 16,
      nodata: 255,
      resampling: 'nearest',
      geo: UTM,
    },
    data: [0, 1, 2].map((b) => fill(new Uint8Array(W * H), W, (x, y) => (y === 0 ? 255 : (x + y + b) % 2))),
  },
];

const written = new Map<string, { file: string; bytes: Uint8Array; c: Case }>();
for (const c of cases) {
  const bytes = concatChunks(writeCog({ ...c.opts, data: c.data, compress }));
  const file = path.join(dir, `${c.name}.tif`);
  writeFileSync(file, bytes);
  written.set(c.name, { file, bytes, c });
}

async function open(bytes: Uint8Array) {
  return fromArrayBuffer(bytes.slice().buffer);
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!(a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i])))) return false;
  }
  return true;
}

/** Hand-computed 2×2 average skipping nodata (rounded for integers), the overview reference. */
function halve(
  src: ArrayLike<number>,
  w: number,
  h: number,
  nodata: number | null,
  float: boolean,
): number[] {
  const w2 = Math.ceil(w / 2);
  const h2 = Math.ceil(h / 2);
  const out: number[] = [];
  for (let y = 0; y < h2; y++) {
    for (let x = 0; x < w2; x++) {
      const vals: number[] = [];
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const xx = 2 * x + dx;
        const yy = 2 * y + dy;
        if (xx >= w || yy >= h) continue;
        const v = src[yy * w + xx];
        if (Number.isNaN(v) || v === nodata) continue;
        vals.push(v);
      }
      if (vals.length === 0) out.push(nodata ?? Number.NaN);
      else {
        const m = vals.reduce((s, v) => s + v, 0) / vals.length;
        out.push(float ? m : Math.round(m));
      }
    }
  }
  return out;
}

describe('COG writer read back with geotiff.js', () => {
  for (const c of cases) {
    it(`${c.name}: pixels, overviews, georeferencing, nodata`, async () => {
      const { bytes } = written.get(c.name)!;
      const tiff = await open(bytes);
      const count = await tiff.getImageCount();
      const layout = planCog({ ...c.opts, bands: c.data.length });
      expect(count).toBe(layout.levels.length);
      expect(layout.levels.map((l) => [l.width, l.height])).toEqual([
        [37, 23],
        [19, 12],
        [10, 6],
      ]);
      const img = await tiff.getImage(0);
      expect(img.getWidth()).toBe(W);
      expect(img.getHeight()).toBe(H);
      expect(img.getSamplesPerPixel()).toBe(c.data.length);
      const rasters = (await img.readRasters()) as unknown as ArrayLike<number>[];
      c.data.forEach((band, b) => {
        expect(same(rasters[b], band)).toBe(true);
      });
      const t = c.opts.geo!.transform;
      expect(img.getOrigin().slice(0, 2)).toEqual([t[0], t[3]]);
      expect(img.getResolution().slice(0, 2)).toEqual([t[1], t[5]]);
      const keys = img.getGeoKeys() as Record<string, number>;
      if (c.opts.geo!.geographic) expect(keys['GeographicTypeGeoKey']).toBe(4326);
      else expect(keys['ProjectedCSTypeGeoKey']).toBe(32642);
      expect(keys['GTRasterTypeGeoKey']).toBe(1);
      const nd = img.getGDALNoData();
      if (c.opts.nodata === undefined) expect(nd).toBeNull();
      else if (Number.isNaN(c.opts.nodata)) expect(Number.isNaN(nd)).toBe(true);
      else expect(nd).toBe(c.opts.nodata);
      // First overview against a hand-computed reduction.
      const ov = await tiff.getImage(1);
      const ovr = (await ov.readRasters()) as unknown as ArrayLike<number>[];
      const float = c.opts.dataType.startsWith('float');
      c.data.forEach((band, b) => {
        const want =
          c.opts.resampling === 'nearest'
            ? Array.from({ length: 19 * 12 }, (_, i) => band[Math.floor(i / 19) * 2 * W + (i % 19) * 2])
            : halve(band, W, H, c.opts.nodata ?? null, float);
        // Overview samples are stored in the band's own type.
        const stored = c.opts.dataType === 'float32' ? want.map(Math.fround) : want;
        expect(same(ovr[b], stored)).toBe(true);
      });
      // Second overview from the first (same rule), proving levels chain correctly.
      const ov2 = (await (await tiff.getImage(2)).readRasters()) as unknown as ArrayLike<number>[];
      if (c.opts.resampling !== 'nearest') {
        const want2 = halve(ovr[0], 19, 12, c.opts.nodata ?? null, float);
        const stored2 = c.opts.dataType === 'float32' ? want2.map(Math.fround) : want2;
        expect(same(ov2[0], stored2)).toBe(true);
      }
    });
  }

  it('writes band descriptions, scale and offset as GDAL_METADATA', async () => {
    const img = await (await open(written.get('uint16-nodata-2band')!.bytes)).getImage(0);
    const md = await img.getGDALMetadata(0);
    expect(md).toMatchObject({ DESCRIPTION: 'green', SCALE: '0.0001', OFFSET: '-0.1' });
  });
});

describe('COG layout (ported GDAL validator checks)', () => {
  for (const c of cases) {
    it(`${c.name} is a valid COG`, () => {
      expect(cogErrors(written.get(c.name)!.bytes)).toEqual([]);
    });
  }

  it('detects a broken file (the checks can fail)', () => {
    const bad = written.get('uint8')!.bytes.slice();
    const { ifds } = readIfds(bad);
    const off = ifds[0].tags.get(324)![0];
    bad[off - 4] ^= 0xff; // corrupt one leader
    expect(cogErrors(bad).some((e) => e.includes('bad leader'))).toBe(true);
  });

  it('uses separate planes for multi-band, predictor 2 for integers, DEFLATE', () => {
    const { ifds } = readIfds(written.get('uint16-nodata-2band')!.bytes);
    expect(ifds[0].tags.get(284)).toEqual([2]);
    expect(ifds[0].tags.get(317)).toEqual([2]);
    expect(ifds[0].tags.get(259)).toEqual([8]);
    expect(ifds[0].tags.get(322)).toEqual([16]);
  });

  it('writes BigTIFF when asked, readable by geotiff.js', async () => {
    const c = cases[1];
    const bytes = concatChunks(writeCog({ ...c.opts, bigTiff: true, data: c.data, compress }));
    writeFileSync(path.join(dir, 'bigtiff.tif'), bytes);
    expect(readIfds(bytes).bigTiff).toBe(true);
    expect(cogErrors(bytes)).toEqual([]);
    const r = (await (await (await open(bytes)).getImage(0)).readRasters()) as unknown as ArrayLike<number>[];
    expect(same(r[1], c.data[1])).toBe(true);
  });

  it('switches to BigTIFF automatically past 4 GiB', () => {
    const layout = planCog({ width: 4096, height: 4096, dataType: 'float32', overviews: 0 });
    const small = buildCogHeader(layout, () => 1000);
    expect(small.bigTiff).toBe(false);
    const huge = buildCogHeader(layout, () => 300 * 1024 * 1024); // 64 tiles × 300 MiB
    expect(huge.bigTiff).toBe(true);
    expect(huge.totalBytes).toBeGreaterThan(2 ** 32);
    expect(new DataView(huge.header.buffer).getUint16(2, true)).toBe(43);
  });

  it('streams: tiles pushed in any order through OverviewPyramid give the same file as writeCog', () => {
    const c = cases[3];
    const layout = planCog({ ...c.opts, bands: 1 });
    const asm = new CogAssembler(layout);
    const put = (level: number, band: number, tx: number, ty: number, px: TypedPixels) =>
      asm.addTile(level, band, ty * layout.levels[level].tilesAcross + tx, encodeTile(layout, px, compress));
    const pyr = new OverviewPyramid(layout, put);
    const l0 = layout.levels[0];
    const order: [number, number][] = [];
    for (let ty = 0; ty < l0.tilesDown; ty++)
      for (let tx = 0; tx < l0.tilesAcross; tx++) order.push([tx, ty]);
    order.reverse();
    order.push(order.shift()!);
    for (const [tx, ty] of order) {
      const tile = extractTile(layout, c.data[0], W, H, tx, ty);
      put(0, 0, tx, ty, tile);
      pyr.push(0, 0, tx, ty, tile);
    }
    expect(pyr.waiting).toBe(0);
    expect(asm.missing).toBe(0);
    expect(same(concatChunks(asm.finish()), written.get(c.name)!.bytes)).toBe(true);
  });
});

describe.skipIf(!hasGdalinfo)('COG writer checked by gdalinfo (Debian package gdal-bin)', () => {
  for (const c of cases) {
    it(`${c.name}: LAYOUT=COG, CRS, geotransform, nodata, overviews`, () => {
      const info = JSON.parse(
        execFileSync('gdalinfo', ['-json', written.get(c.name)!.file], { encoding: 'utf8' }),
      );
      expect(info.metadata.IMAGE_STRUCTURE.LAYOUT).toBe('COG');
      expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBe('DEFLATE');
      expect(info.coordinateSystem.wkt).toContain(`ID["EPSG",${c.opts.geo!.epsg}]]`);
      expect(info.geoTransform).toEqual(c.opts.geo!.transform);
      expect(info.bands).toHaveLength(c.data.length);
      for (const band of info.bands) {
        expect(band.overviews.map((o: { size: number[] }) => o.size)).toEqual([
          [19, 12],
          [10, 6],
        ]);
        if (c.opts.nodata === undefined) expect(band.noDataValue).toBeUndefined();
        else if (Number.isNaN(c.opts.nodata)) expect(band.noDataValue).toBe('NaN');
        else expect(band.noDataValue).toBe(c.opts.nodata);
      }
    });
  }
  it('reads band metadata (description, scale, offset)', () => {
    const info = JSON.parse(
      execFileSync('gdalinfo', ['-json', written.get('uint16-nodata-2band')!.file], { encoding: 'utf8' }),
    );
    expect(info.bands[0]).toMatchObject({ description: 'green', scale: 0.0001, offset: -0.1 });
    expect(info.bands[1].description).toBe('nir');
  });
  it('reports a rotated geotransform written as ModelTransformation', () => {
    const file = path.join(dir, 'rotated.tif');
    const data = [fill(new Uint8Array(40 * 30), 40, (x, y) => x + y)];
    const transform: [number, number, number, number, number, number] = [1000, 10, 2, 5000, 3, -10];
    writeFileSync(
      file,
      concatChunks(
        writeCog({
          width: 40,
          height: 30,
          dataType: 'uint8',
          tileSize: 16,
          geo: { epsg: 32642, transform },
          data,
          compress,
        }),
      ),
    );
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' }));
    expect(info.geoTransform).toEqual(transform);
  });
});

describe.skipIf(!hasPyGdal)('COG writer checked by GDAL Python (Debian package python3-gdal)', () => {
  const script = `
import json, sys, math
from osgeo import gdal
gdal.UseExceptions()
ds = gdal.Open(sys.argv[1])
bands = []
for b in range(1, ds.RasterCount + 1):
    a = ds.GetRasterBand(b).ReadAsArray().astype('float64').ravel().tolist()
    bands.append([None if math.isnan(v) else v for v in a])
errors = []
try:
    from osgeo_utils.samples import validate_cloud_optimized_geotiff as v
    res = v.validate(sys.argv[1], full_check=True)
    errors = res[1] if len(res) == 3 else res[0]
except ImportError:
    errors = None
print(json.dumps({"bands": bands, "errors": errors}))
`;
  for (const c of cases) {
    it(`${c.name}: GDAL reads the input values; validate_cloud_optimized_geotiff passes`, () => {
      const out = JSON.parse(
        execFileSync('/usr/bin/python3', ['-c', script, written.get(c.name)!.file], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        }),
      );
      c.data.forEach((band, b) => {
        const got = (out.bands[b] as (number | null)[]).map((v) => (v === null ? Number.NaN : v));
        // float32 values round-trip exactly through float64.
        expect(same(got, band)).toBe(true);
      });
      if (out.errors !== null) expect(out.errors).toEqual([]);
    });
  }
});
