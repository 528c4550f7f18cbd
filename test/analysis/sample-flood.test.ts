/**
 * The engine against the generated ground truth of the sample flood pair (sample-data/sindh-synthetic):
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
import { DISTRICTS_TOPOJSON, LT5_DIR, needsSharedData, OLINDA_TIF } from '../support/shared-data';

const S = join(process.cwd(), 'sample-data', 'sindh-synthetic');
const TRUTH = join(S, 'truth', 'truth.json');
const PRE = join(S, 'S2-SYN-SINDH-20220615', 'S2-SYN-SINDH-20220615.json');
const POST = join(S, 'S2-SYN-SINDH-20220830', 'S2-SYN-SINDH-20220830.json');
const GF1 = join(S, 'GF1-SYN-SINDH-20220901', 'GF1-SYN-SINDH-20220901.json');
const DISTRICTS = DISTRICTS_TOPOJSON;
const hasGdalPython = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'from osgeo import gdal; import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const present = existsSync(TRUTH) && existsSync(PRE) && existsSync(POST);

afterAll(async () => {
  await closeSharedPool();
});

describe.skipIf(!present)(
  'sample flood pair vs ground truth (needs sample-data/sindh-synthetic: npm run sample-data)',
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
      // What was not seen: cloud over the post scene where both have data, and no data in either.
      const px = truth.pixels;
      const km2 = (n: number) => (n * truth.grid.pixel_area_m2) / 1e6;
      expect(Math.abs(r.cloudKm2 - km2(px.cloud_post)) / km2(px.cloud_post)).toBeLessThan(0.005);
      const nodata = km2(px.total - px.valid_both);
      expect(Math.abs(r.nodataKm2 - nodata) / nodata).toBeLessThan(0.01);
      expect(r.observedKm2 + r.cloudKm2 + r.nodataKm2).toBeCloseTo(km2(px.total), 6);
      // The 17.6 km² of flood under cloud is inside the area reported as hidden by cloud.
      expect(r.cloudKm2).toBeGreaterThan(truth.flooded_area_under_cloud.km2);
    });

    it.skipIf(!hasGdalPython)(
      'permanent water equals water before and after in the truth rasters within 1.5 % (needs python3-gdal)',
      async () => {
        const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
          threshold: 0,
          vectorize: false,
        });
        const script = `
from osgeo import gdal
d = ${JSON.stringify(join(S, 'truth'))}
pre = gdal.Open(d + '/pre_water.tif').ReadAsArray()
post = gdal.Open(d + '/post_water.tif').ReadAsArray()
print(int(((pre == 1) & (post == 1)).sum()) * ${truth?.grid.pixel_area_m2 ?? 0} / 1e6)
`;
        const permanent = Number(execFileSync('/usr/bin/python3', ['-c', script]).toString());
        // Mixed pixels at water edges are the difference (see truth.json's expected_accuracy).
        expect(Math.abs(r.permanentWaterKm2! - permanent) / permanent).toBeLessThan(0.015);
      },
    );

    it('without the cloud mask MNDWI overestimates (clouds read as water) — the mask matters', async () => {
      const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        threshold: 0,
        cloudMask: false,
        vectorize: false,
      });
      expect(r.counts.yes / truth.pixels.flood_visible).toBeGreaterThan(1.1);
    });

    it.skipIf(!existsSync(DISTRICTS))(
      `per district: flooded areas add up to the scene total (${needsSharedData('vector')})`,
      async () => {
        const r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
          zones: DISTRICTS,
          vectorize: false,
        });
        const touched = r.zones!.filter((z) => z.pixels > 0);
        expect(touched.length).toBeGreaterThan(0);
        const sum = touched.reduce((s, z) => s + z.classes.flood.pixels, 0);
        // Districts tile the province: every flooded pixel lies in exactly one district (± boundary slivers).
        expect(Math.abs(sum - r.counts.yes) / r.counts.yes).toBeLessThan(0.002);
        const total = (f: (z: (typeof touched)[number]) => number) => touched.reduce((s, z) => s + f(z), 0);
        expect(Math.abs(total((z) => z.cloudKm2) - r.cloudKm2) / r.cloudKm2).toBeLessThan(0.002);
        expect(Math.abs(total((z) => z.observedKm2) - r.observedKm2) / r.observedKm2).toBeLessThan(0.002);
        for (const z of touched) expect(z.observedKm2 + z.cloudKm2 + z.nodataKm2).toBeCloseTo(z.areaKm2, 6);
      },
    );

    it.skipIf(!existsSync(GF1))('GF-1 WFV (no SWIR) maps water with NDWI', async () => {
      const r = await computeWater(await loadSceneInput(GF1));
      expect(r.index).toBe('NDWI');
      expect(r.counts.yes).toBeGreaterThan(0);
    });
  },
);

const LT5 = LT5_DIR;

describe.skipIf(!existsSync(join(LT5, 'LT52240631988227CUB02_MTL.txt')) || !hasGdalPython)(
  `real Landsat 5 scene, LZW-compressed strips (${needsSharedData('raster', 'landsat5_tm_rstoolbox')} and python3-gdal)`,
  () => {
    it('NDVI from radiance (scale/offset per band) equals a GDAL + numpy reference within 1e-6', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'nigah-lt5-')), 'ndvi.tif');
      await computeIndexRaster(await loadSceneInput(LT5), 'ndvi', out);
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

describe.skipIf(!existsSync(OLINDA_TIF) || !hasGdalPython)(
  `real Landsat 7 scene, 6 bands pixel-interleaved in one file (${needsSharedData('raster', 'landsat7_olinda_stars')} and python3-gdal)`,
  () => {
    it('MNDWI (green, swir16 read from the same blocks) equals a GDAL + numpy reference within 1e-6', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'nigah-l7-')), 'mndwi.tif');
      await computeIndexRaster(
        await loadSceneInput(OLINDA_TIF, 'blue=1,green=2,red=3,nir=4,swir16=5,swir22=6'),
        'mndwi',
        out,
      );
      const script = `
from osgeo import gdal
import numpy as np
a = gdal.Open(${JSON.stringify(OLINDA_TIF)}).ReadAsArray().astype(np.float64)
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
