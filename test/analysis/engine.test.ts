/**
 * The engine end to end on small generated scenes: index COGs (values against hand-computed
 * reflectance math, and against GDAL + numpy when installed), water and flood masks against the
 * known land cover, reprojection of the pre scene, zonal areas, geographic CRS areas, cancellation,
 * and the CLI commands.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { computeFlood, computeIndexRaster, computeWater } from '../../electron/engine/analysis';
import { diskError, writeFileAtomic } from '../../electron/engine/cog-output';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { quadrangleArea } from '../../shared/analysis/area';
import type { NigahError } from '../../shared/errors';
import { projDef } from '../../shared/proj';
import {
  type Cover,
  dn,
  ORIGIN_X,
  ORIGIN_Y,
  reflectance,
  writeScene,
  writeTif,
  writeWorldScene,
} from './fixtures';

const PY = '/usr/bin/python3';
const hasGdalPython = (() => {
  try {
    execFileSync(PY, ['-c', 'from osgeo import gdal; import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const hasGdalinfo = (() => {
  try {
    execFileSync('gdalinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
const W = 300;
const H = 200;
/** River in columns 100–129, crops in the top half, bare soil below; a nodata corner. */
const cover = (x: number, y: number): Cover | null =>
  y > 180 && x < 10 ? null : x >= 100 && x < 130 ? 'water' : y < 100 ? 'crop' : 'bare';

function countCover(c: Cover): number {
  let n = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (cover(x, y) === c) n++;
  return n;
}

function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  return main(argv, { out: (s) => (out += s), err: (s) => (err += s) }).then((code) => ({ code, out, err }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-engine-'));
  writeScene(join(dir, 'scene'), W, H, cover);
});

afterAll(async () => {
  await closeSharedPool();
  rmSync(dir, { recursive: true, force: true });
});

describe('index rasters', () => {
  it('NDVI COG values equal the hand-computed reflectance formula per cover class', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const out = join(dir, 'ndvi.tif');
    const r = await computeIndexRaster(scene, 'ndvi', out);
    expect(r.width).toBe(W);
    expect(r.crs).toBe('EPSG:32642');
    expect(r.stats.nodata).toBe(190);
    expect(r.stats.count).toBe(W * H - 190);
    const ndvi = (c: Cover) =>
      (reflectance(c, 'nir') - reflectance(c, 'red')) / (reflectance(c, 'nir') + reflectance(c, 'red'));
    expect(r.stats.min).toBeCloseTo(ndvi('water'), 6);
    expect(r.stats.max).toBeCloseTo(ndvi('crop'), 6);
    const expectedMean =
      (countCover('water') * ndvi('water') +
        countCover('crop') * ndvi('crop') +
        countCover('bare') * ndvi('bare')) /
      (W * H - 190);
    expect(r.stats.mean).toBeCloseTo(expectedMean, 5);
    // No temp files left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it.skipIf(!hasGdalPython)(
    'MNDWI uses the 20 m SWIR band resampled (nearest) onto the 10 m grid (GDAL reads it; needs python3-gdal)',
    async () => {
      // Make a scene whose SWIR differs between 20 m pixels so resampling errors would show.
      const sdir = join(dir, 'swir');
      const s = writeScene(sdir, 64, 64, (x) => (x < 32 ? 'water' : 'crop'));
      // Replace B11 (32×32 at 20 m) with a gradient: DN = 1000 + 10·col.
      const a = new Uint16Array(32 * 32);
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) a[y * 32 + x] = 1000 + 10 * x + 1;
      writeTif(join(sdir, 'B11.tif'), 32, 32, [ORIGIN_X, 20, 0, ORIGIN_Y, 0, -20], [a]);
      const scene = await loadSceneInput(s.itemPath);
      const out = join(dir, 'mndwi.tif');
      await computeIndexRaster(scene, 'mndwi', out);
      const got = JSON.parse(
        execFileSync(PY, [
          '-c',
          `from osgeo import gdal; import json; a = gdal.Open(${JSON.stringify(out)}).ReadAsArray(); print(json.dumps([float(a[5, 13]), float(a[5, 40])]))`,
        ]).toString(),
      ) as number[];
      const g = (c: Cover) => reflectance(c, 'green');
      const s1 = (col: number) => (1000 + 10 * Math.floor(col / 2) + 1) * 1e-4 - 0.1;
      expect(got[0]).toBeCloseTo((g('water') - s1(13)) / (g('water') + s1(13)), 6);
      expect(got[1]).toBeCloseTo((g('crop') - s1(40)) / (g('crop') + s1(40)), 6);
    },
  );

  it.skipIf(!hasGdalinfo)(
    'gdalinfo reports a COG with the input CRS, origin and pixel size (needs gdal-bin)',
    () => {
      const info = JSON.parse(execFileSync('gdalinfo', ['-json', join(dir, 'ndvi.tif')]).toString());
      expect(info.metadata?.IMAGE_STRUCTURE?.LAYOUT).toBe('COG');
      expect(info.metadata?.IMAGE_STRUCTURE?.COMPRESSION).toBe('DEFLATE');
      expect(info.coordinateSystem.wkt).toContain('ID["EPSG",32642]');
      expect(info.geoTransform).toEqual([ORIGIN_X, 10, 0, ORIGIN_Y, 0, -10]);
      expect(info.bands[0].type).toBe('Float32');
      expect(Number.isNaN(info.bands[0].noDataValue) || info.bands[0].noDataValue === 'NaN').toBe(true);
      expect(info.bands[0].block).toEqual([512, 512]);
    },
  );

  it.skipIf(!hasGdalPython)(
    'GDAL reads values equal to an independent numpy NDVI within 1e-6 (needs python3-gdal)',
    () => {
      const sd = join(dir, 'scene');
      const script = `
from osgeo import gdal
import numpy as np
red = gdal.Open(${JSON.stringify(join(sd, 'B04.tif'))}).ReadAsArray().astype(np.float64)
nir = gdal.Open(${JSON.stringify(join(sd, 'B08.tif'))}).ReadAsArray().astype(np.float64)
valid = (red != 0) & (nir != 0)
r = red * 1e-4 - 0.1
n = nir * 1e-4 - 0.1
with np.errstate(divide='ignore', invalid='ignore'):
    ref = np.where(valid, (n - r) / (n + r), np.nan)
ours = gdal.Open(${JSON.stringify(join(dir, 'ndvi.tif'))}).ReadAsArray().astype(np.float64)
assert ours.shape == ref.shape, (ours.shape, ref.shape)
same_nan = bool(np.array_equal(np.isnan(ours), np.isnan(ref)))
diff = float(np.nanmax(np.abs(ours - ref)))
print(same_nan, diff)
`;
      const [sameNan, diff] = execFileSync(PY, ['-c', script]).toString().trim().split(' ');
      expect(sameNan).toBe('True');
      expect(Number(diff)).toBeLessThan(1e-6);
    },
  );
});

describe('overviews', () => {
  it.skipIf(!hasGdalPython)(
    'overview levels equal 2×2 NaN-skipping means of the level below (needs python3-gdal)',
    async () => {
      const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
      const out = join(dir, 'ndvi-64.tif');
      // 64 px tiles: 300×200 → overviews 150×100, 75×50 (edge tiles, padding and nodata included).
      await computeIndexRaster(scene, 'ndvi', out, { tileSize: 64 });
      const script = `
from osgeo import gdal
import numpy as np, warnings
warnings.simplefilter('ignore')
ds = gdal.Open(${JSON.stringify(out)})
b = ds.GetRasterBand(1)
prev = b.ReadAsArray().astype(np.float64)
res = [b.GetOverviewCount()]
for i in range(b.GetOverviewCount()):
    ov = b.GetOverview(i).ReadAsArray().astype(np.float64)
    h, w = ov.shape
    pad = np.full((h * 2, w * 2), np.nan)
    pad[:prev.shape[0], :prev.shape[1]] = prev
    ref = np.nanmean(pad.reshape(h, 2, w, 2), axis=(1, 3))
    res.append(bool(np.array_equal(np.isnan(ov), np.isnan(ref))))
    res.append(float(np.nanmax(np.abs(ov - ref))))
    prev = ov
print(' '.join(str(x) for x in res))
`;
      const parts = execFileSync(PY, ['-c', script]).toString().trim().split(' ');
      // 300×200 → 150×100 → 75×50 → 38×25 (halving until one 64 px tile).
      expect(Number(parts[0])).toBe(3);
      for (let i = 0; i < 3; i++) {
        expect(parts[1 + 2 * i]).toBe('True');
        expect(Number(parts[2 + 2 * i])).toBeLessThan(1e-6);
      }
      if (hasGdalinfo) {
        const info = JSON.parse(execFileSync('gdalinfo', ['-json', out]).toString());
        expect(info.metadata?.IMAGE_STRUCTURE?.LAYOUT).toBe('COG');
      }
      // GDAL's own COG validator (python3-gdal ships it), when present.
      const validator =
        '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
      if (existsSync(validator))
        expect(execFileSync(PY, [validator, out]).toString()).toContain('is a valid cloud optimized GeoTIFF');
    },
  );
});

describe('spooling', () => {
  it('a tiny memory budget spills tiles to a spool file and writes the very same COG', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const a = join(dir, 'mem.tif');
    const b = join(dir, 'spooled.tif');
    await computeIndexRaster(scene, 'ndvi', a, { tileSize: 64 });
    await computeIndexRaster(scene, 'ndvi', b, { tileSize: 64, memoryBudget: 1000 });
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp') || f.includes('.spool'))).toEqual([]);
  });
});

describe('water', () => {
  it('automatic threshold separates the river exactly; area = pixels × 100 m²', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const r = await computeWater(scene, { out: join(dir, 'water.tif'), vectorize: true });
    expect(r.index).toBe('MNDWI');
    expect(r.counts.yes).toBe(countCover('water'));
    expect(r.counts.nodata).toBe(190);
    expect(r.area.m2).toBe(countCover('water') * 100);
    expect(r.area.km2).toBeCloseTo(countCover('water') * 1e-4, 9);
    // One river polygon covering all water pixels.
    expect(r.polygons!.features.length).toBe(1);
    expect(r.polygons!.features[0].properties.pixels).toBe(countCover('water'));
  });

  it.skipIf(!hasGdalPython)(
    'the mask COG reads in GDAL as uint8 1/0/255 with nodata 255 (needs python3-gdal)',
    () => {
      const script = `
from osgeo import gdal
import numpy as np
ds = gdal.Open(${JSON.stringify(join(dir, 'water.tif'))})
b = ds.GetRasterBand(1)
a = b.ReadAsArray()
print(gdal.GetDataTypeName(b.DataType), b.GetNoDataValue(), int((a == 1).sum()), int((a == 0).sum()), int((a == 255).sum()), ds.GetGeoTransform()[0])
`;
      const [type, nodata, yes, no, nd, x0] = execFileSync(PY, ['-c', script]).toString().trim().split(' ');
      expect(type).toBe('Byte');
      expect(Number(nodata)).toBe(255);
      expect(Number(yes)).toBe(countCover('water'));
      expect(Number(nd)).toBe(190);
      expect(Number(no)).toBe(W * H - 190 - countCover('water'));
      expect(Number(x0)).toBe(ORIGIN_X);
    },
  );

  it('manual threshold overrides Otsu', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const r = await computeWater(scene, { threshold: 0.99 });
    expect(r.threshold.method).toBe('manual');
    expect(r.counts.yes).toBe(0);
  });

  it('a scene without SWIR falls back to NDWI; asking for MNDWI names the band', async () => {
    const gdir = join(dir, 'gf1');
    mkdirSync(gdir, { recursive: true });
    // A 4-band single file (GF-1 WFV-like: blue, green, red, nir; 16 m) with band descriptions.
    const water = [0.06, 0.09, 0.05, 0.03];
    const crop = [0.04, 0.08, 0.05, 0.4];
    const data = [0, 1, 2, 3].map((b) => {
      const a = new Uint16Array(40 * 30);
      for (let y = 0; y < 30; y++)
        for (let x = 0; x < 40; x++) a[y * 40 + x] = dn(x < 10 ? water[b] : crop[b]);
      return a;
    });
    const tif = join(gdir, 'GF1_WFV1.tif');
    writeTif(tif, 40, 30, [ORIGIN_X, 16, 0, ORIGIN_Y, 0, -16], data, {
      descriptions: ['blue', 'green', 'red', 'nir'],
    });
    const scene = { ...(await loadSceneInput(tif)), platform: 'GF-1', sensor: 'WFV' };
    const r = await computeWater(scene);
    expect(r.index).toBe('NDWI');
    expect(r.counts.yes).toBe(10 * 30);
    await expect(computeWater(scene, { index: 'mndwi' })).rejects.toMatchObject({
      code: 'MISSING_BAND',
      message: 'MNDWI needs swir16 (SWIR1).',
      hint: 'GF-1 WFV has no SWIR — use NDWI.',
    });
  });

  it('areas in EPSG:4326 use the per-row geodesic pixel area', async () => {
    const gdir = join(dir, 'geo');
    const w = 50;
    const h = 40;
    const res = 0.0001;
    const lat0 = 26.9;
    const toUtm = proj4(projDef('EPSG:4326'), projDef('EPSG:32642'));
    // Water where lon < 67.5 + 20 px.
    writeWorldScene(
      gdir,
      { w, h, gt: [67.5, res, 0, lat0, 0, -res], epsg: 4326 },
      (X, Y) => {
        const [lon] = proj4(projDef('EPSG:32642'), projDef('EPSG:4326')).forward([X, Y]);
        return lon < 67.5 + 20 * res ? 'water' : 'crop';
      },
      '2022-08-30T00:00:00Z',
      (x, y) => toUtm.forward([x, y]) as [number, number],
    );
    const scene = await loadSceneInput(join(gdir, 'item.json'));
    const r = await computeWater(scene, { index: 'ndwi', threshold: 0 });
    expect(r.counts.yes).toBe(20 * h);
    const expected = 20 * quadrangleArea(lat0 - h * res, lat0, res);
    expect(Math.abs(r.area.m2 - expected) / expected).toBeLessThan(1e-9);
    // Not degrees²: about 11 m × 10 m per pixel.
    expect(r.area.m2 / r.counts.yes).toBeGreaterThan(100);
  });
});

describe('flood', () => {
  // World cover: river x ∈ [601000, 601300); flood extends it to [600700, 602000) for Y > 2968800.
  const preCover = (X: number): Cover => (X >= 601000 && X < 601300 ? 'water' : 'crop');
  const postCover = (X: number, Y: number): Cover =>
    (X >= 600700 && X < 602000 && Y > 2968800) || (X >= 601000 && X < 601300)
      ? 'flood'
      : X < 600400
        ? 'bare'
        : 'crop';
  const grid = { w: 300, h: 200, gt: [ORIGIN_X, 10, 0, ORIGIN_Y, 0, -10], epsg: 32642 };
  function truth(): { flood: number; cropland: number; west: number } {
    let flood = 0;
    let west = 0;
    for (let y = 0; y < grid.h; y++)
      for (let x = 0; x < grid.w; x++) {
        const X = ORIGIN_X + (x + 0.5) * 10;
        const Y = ORIGIN_Y - (y + 0.5) * 10;
        if (postCover(X, Y) === 'flood' && preCover(X) !== 'water') {
          flood++;
          if (X < 601500) west++;
        }
      }
    return { flood, cropland: flood, west };
  }
  let zones: string;
  beforeAll(() => {
    writeWorldScene(join(dir, 'pre'), grid, (X) => preCover(X), '2022-06-15T05:40:00Z');
    writeWorldScene(join(dir, 'post'), grid, postCover, '2022-08-30T05:40:00Z');
    // Pre scene on another CRS (UTM 43N) and a 12 m grid covering the same ground.
    const to42 = proj4(projDef('EPSG:32643'), projDef('EPSG:32642'));
    const from42 = proj4(projDef('EPSG:32642'), projDef('EPSG:32643'));
    const [ox, oy] = from42.forward([ORIGIN_X - 100, ORIGIN_Y + 100]);
    writeWorldScene(
      join(dir, 'pre43'),
      { w: 300, h: 220, gt: [Math.round(ox), 12, 0, Math.round(oy), 0, -12], epsg: 32643 },
      (X) => preCover(X),
      '2022-06-15T05:40:00Z',
      (x, y) => to42.forward([x, y]) as [number, number],
    );
    // Two zones split at X = 601500 (a pixel edge), as lon/lat GeoJSON.
    const ll = proj4(projDef('EPSG:32642'), projDef('EPSG:4326'));
    const rect = (x0: number, y0: number, x1: number, y1: number) => [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ].map((p) => ll.forward(p)),
    ];
    zones = join(dir, 'zones.geojson');
    writeFileSync(
      zones,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'West' },
            geometry: { type: 'Polygon', coordinates: rect(ORIGIN_X, ORIGIN_Y - 2000, 601500, ORIGIN_Y) },
          },
          {
            type: 'Feature',
            properties: { name: 'East' },
            geometry: { type: 'Polygon', coordinates: rect(601500, ORIGIN_Y - 2000, 603000, ORIGIN_Y) },
          },
        ],
      }),
    );
  });

  it('same grid: flooded area and flooded cropland equal the truth exactly, per zone too', async () => {
    const pre = await loadSceneInput(join(dir, 'pre', 'item.json'));
    const post = await loadSceneInput(join(dir, 'post', 'item.json'));
    const t = truth();
    const r = await computeFlood(pre, post, { zones, maskOut: join(dir, 'flood.tif') });
    expect(r.reprojected).toBe(false);
    expect(r.counts.yes).toBe(t.flood);
    expect(r.area.km2).toBeCloseTo(t.flood * 1e-4, 9);
    expect(r.cropland!.pixels).toBe(t.cropland);
    const west = r.zones!.find((z) => z.name === 'West')!;
    const east = r.zones!.find((z) => z.name === 'East')!;
    expect(west.pixels).toBe(150 * 200);
    expect(west.classes.flood.pixels).toBe(t.west);
    expect(east.classes.flood.pixels).toBe(t.flood - t.west);
    expect(west.shareObservedPct).toBeCloseTo((100 * t.west) / (150 * 200), 9);
    // Share of the whole zone: its ellipsoidal area (1.5 km × 2 km in UTM, less the UTM scale error).
    expect(west.zoneKm2).toBeCloseTo(3, 2);
    // Mean post-event MNDWI over the West zone, from the cover classes' reflectances.
    let sum = 0;
    for (let y = 0; y < grid.h; y++)
      for (let x = 0; x < 150; x++) {
        const c = postCover(ORIGIN_X + (x + 0.5) * 10, ORIGIN_Y - (y + 0.5) * 10);
        const g = reflectance(c, 'green');
        const s1 = reflectance(c, 'swir16');
        sum += (g - s1) / (g + s1);
      }
    expect(west.meanIndex).toBeCloseTo(sum / (150 * grid.h), 6);
    expect(west.sharePct).toBeCloseTo((100 * t.west * 1e-4) / west.zoneKm2, 9);
  });

  it('pre scene in another CRS is reprojected onto the post grid: area within 1 % of the truth', async () => {
    const pre = await loadSceneInput(join(dir, 'pre43', 'item.json'));
    const post = await loadSceneInput(join(dir, 'post', 'item.json'));
    const t = truth();
    const r = await computeFlood(pre, post, {});
    expect(r.reprojected).toBe(true);
    expect(Math.abs(r.counts.yes - t.flood) / t.flood).toBeLessThan(0.01);
    expect(r.scenes.pre.crs).toBe('EPSG:32643');
  });

  it('CLI: flood writes mask, polygons, per-zone CSV and summary JSON', async () => {
    const outDir = join(dir, 'flood-out');
    const res = await runCli([
      'flood',
      '--pre',
      join(dir, 'pre', 'item.json'),
      '--post',
      join(dir, 'post', 'item.json'),
      '--zones',
      zones,
      '--out-dir',
      outDir,
      '--json',
    ]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(summary.counts.yes).toBe(truth().flood);
    expect(summary.thresholds.post.method).toMatch(/otsu/);
    expect(summary.scenes.pre.datetime).toBe('2022-06-15T05:40:00Z');
    for (const f of ['flood.tif', 'flooded-cropland.tif', 'flood.geojson', 'zones.csv'])
      expect(existsSync(join(outDir, f))).toBe(true);
    const csvText = readFileSync(join(outDir, 'zones.csv'), 'utf8');
    // A byte-order mark first, so spreadsheets read the names as UTF-8.
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const csv = csvText.trim().split('\n');
    expect(csv[0]).toMatch(/^zone_id,name,/);
    expect(csv.length).toBe(3);
    expect(csv[0]).toContain('observed_km2,cloud_km2,nodata_km2');
    expect(csv[0]).toContain('permanent_water_km2');
    // No cloud mask in these scenes: everything inside is either observed or without data.
    expect(summary.cloudKm2).toBe(0);
    expect(summary.observedKm2).toBeCloseTo(summary.validArea.km2, 9);
    expect(summary.zones[0].observedKm2 + summary.zones[0].nodataKm2).toBeCloseTo(
      summary.zones[0].areaKm2,
      9,
    );
    const gj = JSON.parse(readFileSync(join(outDir, 'flood.geojson'), 'utf8'));
    expect(
      gj.features.reduce((s: number, f: { properties: { pixels: number } }) => s + f.properties.pixels, 0),
    ).toBe(truth().flood);
    // stats on the written mask gives the same per-zone flood pixels.
    const csvOut = join(dir, 'stats.csv');
    const st = await runCli(['stats', join(outDir, 'flood.tif'), '--zones', zones, '--csv', csvOut]);
    expect(st.code).toBe(0);
    const rows = readFileSync(csvOut, 'utf8').trim().split('\n').slice(1);
    expect(Number(rows[0].split(',')[6])).toBe(truth().west);
  });
});

describe('CLI errors and cancellation', () => {
  it('index: an unknown band in an expression lists the available ones (exit 1, no stack)', async () => {
    const res = await runCli([
      'index',
      join(dir, 'scene', 'item.json'),
      '--index',
      '(nir - rde) / (nir + red)',
      '--out',
      join(dir, 'x.tif'),
    ]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('Unknown band "rde" at position 8.');
    expect(res.err).toContain('Available bands: blue, green, red, nir, swir16, swir22.');
    expect(res.err).not.toContain('    at ');
  });
  it('usage errors exit 2', async () => {
    expect((await runCli(['index', join(dir, 'scene', 'item.json')])).code).toBe(2);
    expect(
      (await runCli(['water', join(dir, 'scene', 'item.json'), '--out', 'x.tif', '--bogus', '1'])).code,
    ).toBe(2);
  });
  it('index --bands maps a multi-band file', async () => {
    const tif = join(dir, 'gf1', 'GF1_WFV1.tif');
    const out = join(dir, 'gf1-ndvi.tif');
    const res = await runCli([
      'index',
      tif,
      '--index',
      'ndvi',
      '--bands',
      'red=3,nir=4',
      '--out',
      out,
      '--json',
    ]);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.out);
    expect(j.stats.max).toBeCloseTo((dn(0.4) - dn(0.05)) / (dn(0.4) + dn(0.05)), 6);
  });
  it('cancellation in the middle of a run stops it and leaves no output', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const ac = new AbortController();
    const out = join(dir, 'cancelled-mid.tif');
    let seen = 0;
    await expect(
      computeIndexRaster(scene, 'ndvi', out, {
        tileSize: 32,
        signal: ac.signal,
        onProgress: (p) => {
          seen = p.done;
          if (p.done === 3) ac.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toBeLessThan(60); // 10 × 7 tiles in all
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
  it('a full disk is reported as DISK_FULL; an unwritable folder as a clear error', () => {
    const e = diskError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), '/x/out.tif') as NigahError;
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toBe('The disk is full; /x/out.tif was not written.');
    expect(() => writeFileAtomic(join(dir, 'no-such-folder', 'a.json'), ['{}'])).toThrow(/Cannot write/);
  });
  it('cancellation stops the job and leaves no output', async () => {
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const ac = new AbortController();
    ac.abort();
    const out = join(dir, 'cancelled.tif');
    await expect(computeIndexRaster(scene, 'ndvi', out, { signal: ac.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
