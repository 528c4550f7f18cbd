/**
 * The engine against Helper A's ground truth on the sample flood pair (sample-data/sindh-synthetic):
 * flooded area and flooded cropland within 1 % of truth.json, cloud mask applied, per-district rows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFlood, computeIndexRaster, computeWater } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';

const S = join(process.cwd(), 'sample-data', 'sindh-synthetic');
const TRUTH = join(S, 'truth', 'truth.json');
const PRE = join(S, 'S2-SYN-SINDH-20220615', 'S2-SYN-SINDH-20220615.json');
const POST = join(S, 'S2-SYN-SINDH-20220830', 'S2-SYN-SINDH-20220830.json');
const GF1 = join(S, 'GF1-SYN-SINDH-20220901', 'GF1-SYN-SINDH-20220901.json');
const DISTRICTS = join(process.cwd(), 'sample-data', 'boundaries', 'osm_districts_2023census.geojson');
const present = existsSync(TRUTH) && existsSync(PRE) && existsSync(POST);

afterAll(async () => {
  await closeSharedPool();
});

describe.skipIf(!present)(
  'sample flood pair vs ground truth (needs sample-data/sindh-synthetic from Helper A)',
  () => {
    const truth = present ? JSON.parse(readFileSync(TRUTH, 'utf8')) : null;

    it('automatic thresholds: flooded area and flooded cropland within 1 % of the truth', async () => {
      const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        vectorize: false,
      });
      const err = (r.area.km2 - truth.flooded_area.km2) / truth.flooded_area.km2;
      expect(Math.abs(err)).toBeLessThan(0.01);
      const cropErr = (r.cropland!.km2 - truth.flooded_cropland_area.km2) / truth.flooded_cropland_area.km2;
      expect(Math.abs(cropErr)).toBeLessThan(0.01);
      expect(r.reprojected).toBe(false);
      expect(r.thresholds.post.method).not.toBe('manual');
    });

    it('manual threshold 0 reproduces the truth file’s expected MNDWI count within 0.1 %', async () => {
      const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        threshold: 0,
        vectorize: false,
      });
      const expected = truth.expected_accuracy.mndwi_gt_0.flood_pixels;
      expect(Math.abs(r.counts.yes - expected) / expected).toBeLessThan(0.001);
    });

    it('without the cloud mask MNDWI overestimates (clouds read as water) — the mask matters', async () => {
      const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        threshold: 0,
        cloudMask: false,
        vectorize: false,
      });
      expect(r.counts.yes / truth.pixels.flood_visible).toBeGreaterThan(1.1);
    });

    it.skipIf(!existsSync(DISTRICTS))('per district: flooded areas add up to the scene total', async () => {
      const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        zones: DISTRICTS,
        vectorize: false,
      });
      const touched = r.zones!.filter((z) => z.pixels > 0);
      expect(touched.length).toBeGreaterThan(0);
      const sum = touched.reduce((s, z) => s + z.classes.flood.pixels, 0);
      // Districts tile the province: every flooded pixel lies in exactly one district (± boundary slivers).
      expect(Math.abs(sum - r.counts.yes) / r.counts.yes).toBeLessThan(0.002);
    });

    it.skipIf(!existsSync(GF1))('GF-1 WFV (no SWIR) maps water with NDWI', async () => {
      const r = await computeWater(await loadSceneInput(GF1));
      expect(r.index).toBe('NDWI');
      expect(r.counts.yes).toBeGreaterThan(0);
    });
  },
);

const LT5 = join(process.cwd(), 'sample-data', 'real', 'LT52240631988227CUB02');
const hasGdalPython = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'from osgeo import gdal; import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!existsSync(join(LT5, 'LT52240631988227CUB02.json')) || !hasGdalPython)(
  'real Landsat 5 scene, LZW-compressed strips (needs sample-data/real and python3-gdal)',
  () => {
    it('NDVI from radiance (scale/offset per band) equals a GDAL + numpy reference within 1e-6', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'nigah-lt5-')), 'ndvi.tif');
      await computeIndexRaster(await loadSceneInput(join(LT5, 'LT52240631988227CUB02.json')), 'ndvi', out);
      const script = `
from osgeo import gdal
import numpy as np
d = ${JSON.stringify(join(LT5, 'LT52240631988227CUB02_'))}
r = gdal.Open(d + 'B3.TIF').ReadAsArray().astype(np.float64)
n = gdal.Open(d + 'B4.TIF').ReadAsArray().astype(np.float64)
valid = (r != 255) & (n != 255)
r = r * 1.044 - 2.21398
n = n * 0.876 - 2.38602
with np.errstate(all='ignore'):
    ref = np.where(valid, (n - r) / (n + r), np.nan)
o = gdal.Open(${JSON.stringify(out)}).ReadAsArray().astype(np.float64)
print(bool(np.array_equal(np.isnan(o), np.isnan(ref))), float(np.nanmax(np.abs(o - ref))))
`;
      const [sameNan, diff] = execFileSync('/usr/bin/python3', ['-c', script]).toString().trim().split(' ');
      expect(sameNan).toBe('True');
      expect(Number(diff)).toBeLessThan(1e-6);
    });
  },
);

const OLINDA = join(process.cwd(), 'sample-data', 'real', 'LANDSAT7-ETM-OLINDA-BR');
describe.skipIf(!existsSync(join(OLINDA, 'LANDSAT7-ETM-OLINDA-BR.json')) || !hasGdalPython)(
  'real Landsat 7 scene, 6 bands pixel-interleaved in one DEFLATE file (needs sample-data/real and python3-gdal)',
  () => {
    it('MNDWI (green, swir16 read from the same blocks) equals a GDAL + numpy reference within 1e-6', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'nigah-l7-')), 'mndwi.tif');
      await computeIndexRaster(
        await loadSceneInput(join(OLINDA, 'LANDSAT7-ETM-OLINDA-BR.json')),
        'mndwi',
        out,
      );
      const script = `
from osgeo import gdal
import numpy as np
a = gdal.Open(${JSON.stringify(join(OLINDA, 'L7_ETMs.tif'))}).ReadAsArray().astype(np.float64)
g, s = a[1], a[4]
with np.errstate(all='ignore'):
    ref = np.where(g + s != 0, (g - s) / (g + s), np.nan)
o = gdal.Open(${JSON.stringify(out)}).ReadAsArray().astype(np.float64)
print(bool(np.array_equal(np.isnan(o), np.isnan(ref))), float(np.nanmax(np.abs(o - ref))))
`;
      const [sameNan, diff] = execFileSync('/usr/bin/python3', ['-c', script]).toString().trim().split(' ');
      expect(sameNan).toBe('True');
      expect(Number(diff)).toBeLessThan(1e-6);
    });
  },
);
