/**
 * The tile workers' pixel path, in Node: COG blocks fetched by HTTP range from a local server,
 * decoded and sampled onto a warped tile grid, compared with GDAL's own reading of the same files
 * (python3-gdal) at the same pixels, and the warp compared with exact per-pixel proj4 transforms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderBand } from '../../renderer/src/workers/protocol';
import { readPixel, sampleBand } from '../../renderer/src/workers/raster';
import { warpGrid } from '../../renderer/src/workers/warp';
import { projDef } from '../../shared/proj';
import { needsSharedData, PUCALLPA_2020 } from '../support/shared-data';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The test server serves the checkout and ../shared/data beside it (real rasters read in place). */
const SERVED = path.resolve(ROOT, '..');
const S2 = path.join(ROOT, 'sample-data/sindh-synthetic/S2-SYN-SINDH-20220830');
const GF1_DIR = path.join(ROOT, 'sample-data/sindh-synthetic/GF1-SYN-SINDH-20220901');
const PY = '/usr/bin/python3';
const hasGdal = (() => {
  try {
    execFileSync(PY, ['-c', 'from osgeo import gdal'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGdal) console.warn('GDAL comparisons skipped: install the Debian package python3-gdal.');

let server: http.Server;
let base = '';

/** A static file server with HTTP Range, like the host's /raster endpoint. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const file = path.join(SERVED, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(SERVED) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const size = statSync(file).size;
    const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    const buf = readFileSync(file);
    if (!m) {
      res.writeHead(200, { 'content-length': size, 'accept-ranges': 'bytes' }).end(buf);
      return;
    }
    const start = Number(m[1]);
    const end = Math.min(size - 1, m[2] ? Number(m[2]) : size - 1);
    res
      .writeHead(206, { 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 })
      .end(buf.subarray(start, end + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function band(file: string, sample: number, width: number, height: number, gt: number[]): RenderBand {
  return {
    name: path.basename(file),
    role: null,
    url: `${base}/${path.relative(SERVED, file)}`,
    sample,
    width,
    height,
    geotransform: gt as RenderBand['geotransform'],
    nodata: 0,
    scale: 1e-4,
    offset: -0.1,
  };
}

/** GDAL's values at (col, row) pairs of band `b` (1-based) of a file, full resolution. */
function gdalValues(file: string, b: number, pts: [number, number][]): number[] {
  const code = `
import sys, json
from osgeo import gdal
ds = gdal.Open(sys.argv[1]); band = ds.GetRasterBand(int(sys.argv[2]))
a = band.ReadAsArray()
print(json.dumps([int(a[r][c]) for c, r in json.loads(sys.argv[3])]))`;
  return JSON.parse(
    execFileSync(PY, ['-c', code, file, String(b), JSON.stringify(pts)], { encoding: 'utf8' }),
  );
}

const WEB = projDef('EPSG:3857');
const UTM = projDef('EPSG:32642');

describe('warp grid', () => {
  it('matches exact proj4 transforms per pixel to within 1 cm', () => {
    // A zoom-13 Web Mercator tile over Manchar Lake.
    const [x, y] = proj4('EPSG:4326', WEB, [67.7, 26.43]);
    const size = 256 * 19.109257071294063;
    const extent: [number, number, number, number] = [x, y - size, x + size, y];
    const g = warpGrid(WEB, UTM, extent, 256, 256);
    const conv = proj4(WEB, UTM);
    let worst = 0;
    for (const [col, row] of [
      [0, 0],
      [255, 0],
      [128, 77],
      [13, 250],
      [255, 255],
      [200, 31],
    ]) {
      const p = conv.forward([
        extent[0] + (col + 0.5) * (size / 256),
        extent[3] - (row + 0.5) * (size / 256),
      ]);
      const k = row * 256 + col;
      worst = Math.max(worst, Math.hypot(g.xs[k] - p[0], g.ys[k] - p[1]));
    }
    expect(worst).toBeLessThan(0.01);
    // 19.1 m Web Mercator pixels are 19.1·cos(26.4°) ≈ 17.1 m on the ground (UTM scale ≈ 0.9996).
    expect(g.resolution).toBeGreaterThan(16.8);
    expect(g.resolution).toBeLessThan(17.4);
  });
});

describe.skipIf(!hasGdal)('band sampling against GDAL', () => {
  it('reads full-resolution pixels of a single-band COG like GDAL does', async () => {
    const file = path.join(S2, 'B08.tif');
    const b = band(file, 0, 2200, 2000, [366000, 10, 0, 2934000, 0, -10]);
    const pts: [number, number][] = [
      [0, 0],
      [513, 700],
      [1999, 1500],
      [2199, 1999],
      [1024, 511],
      [1024, 512],
    ];
    const ref = gdalValues(file, 1, pts);
    const got = await Promise.all(
      pts.map(([c, r]) => readPixel(b, 366000 + (c + 0.5) * 10, 2934000 - (r + 0.5) * 10)),
    );
    expect(got).toEqual(ref);
  });

  it('reads the right band of a multi-band file', async () => {
    const file = path.join(GF1_DIR, 'GF1_WFV1_E67.8_N26.4_20220901_L2SYN.tif');
    const pts: [number, number][] = [
      [100, 100],
      [700, 600],
      [1374, 1249],
    ];
    for (const s of [0, 3]) {
      const b = band(file, s, 1375, 1250, [366000, 16, 0, 2934000, 0, -16]);
      const ref = gdalValues(file, s + 1, pts);
      const got = await Promise.all(
        pts.map(([c, r]) => readPixel(b, 366000 + (c + 0.5) * 16, 2934000 - (r + 0.5) * 16)),
      );
      expect(got).toEqual(ref);
    }
  });

  it.skipIf(!existsSync(PUCALLPA_2020))(
    `reads a big-endian, pixel-interleaved 8-bit file (the general path; ${needsSharedData('raster', 'landsat_pucallpa_opengeos')})`,
    async () => {
      const file = PUCALLPA_2020;
      const gt = [-74.722494153760678, 0.000808483755708, 0, -8.282107593468341, 0, -0.000808483755708];
      const pts: [number, number][] = [
        [10, 10],
        [300, 200],
        [696, 376],
      ];
      for (const s of [1, 2]) {
        const b = { ...band(file, s, 697, 377, gt), scale: 1, offset: 0 };
        const ref = gdalValues(file, s + 1, pts);
        const got = await Promise.all(
          pts.map(([c, r]) => readPixel(b, gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5])),
        );
        expect(got).toEqual(ref);
      }
    },
  );

  it('samples a warped tile: inside pixels equal GDAL at the pixel each one falls in', async () => {
    const file = path.join(S2, 'B04.tif');
    const b = band(file, 0, 2200, 2000, [366000, 10, 0, 2934000, 0, -10]);
    // Zoom 15 (4.8 m Web Mercator pixels): finer than 10 m, so the full-resolution image is used.
    const [x, y] = proj4('EPSG:4326', WEB, [67.75, 26.45]);
    const size = 256 * 4.777314267823516;
    const g = warpGrid(WEB, UTM, [x, y - size, x + size, y], 256, 256);
    const { data, inside } = await sampleBand(b, g);
    expect(inside).toBe(256 * 256);
    const ks = [0, 300, 40_000, 65_535];
    const pts = ks.map(
      (k) => [Math.floor((g.xs[k] - 366000) / 10), Math.floor((2934000 - g.ys[k]) / 10)] as [number, number],
    );
    expect(ks.map((k) => data[k])).toEqual(gdalValues(file, 1, pts));
  });

  it('leaves pixels outside the scene as NaN', async () => {
    const file = path.join(S2, 'B04.tif');
    const b = band(file, 0, 2200, 2000, [366000, 10, 0, 2934000, 0, -10]);
    // A tile straddling the scene's west edge (x = 366000 in UTM).
    const [lon, lat] = proj4(UTM, 'EPSG:4326', [366000, 2925000]);
    const [x, y] = proj4('EPSG:4326', WEB, [lon - 0.005, lat]);
    const size = 256 * 4.777314267823516;
    const g = warpGrid(WEB, UTM, [x, y - size, x + size, y], 256, 256);
    const { data, inside } = await sampleBand(b, g);
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(256 * 256);
    for (let k = 0; k < data.length; k += 97) {
      const out = g.xs[k] < 366000;
      expect(Number.isNaN(data[k])).toBe(out);
    }
  });
});
