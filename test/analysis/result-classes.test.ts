/**
 * The flood run's result class raster (shared/analysis/resultClasses.ts) against the run's own areas
 * (exactly: class pixels × row pixel area, classes read back with GDAL) and against the sample
 * truth rasters; and a polygon area of interest against GDAL's rasterization of the same triangle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFlood, type FloodResult } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { rowAreas } from '../../shared/analysis/area';
import { markOutside, pixelCodes } from '../../shared/analysis/flood';
import { classesOfCodes } from '../../shared/analysis/resultClasses';
import { rasterizeSpans } from '../../shared/analysis/zonal';

const S = join(process.cwd(), 'sample-data', 'sindh-synthetic');
const T = join(S, 'truth');
const PRE = join(S, 'S2-SYN-SINDH-20220615', 'S2-SYN-SINDH-20220615.json');
const POST = join(S, 'S2-SYN-SINDH-20220830', 'S2-SYN-SINDH-20220830.json');
const hasGdal = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'from osgeo import gdal; import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const present = existsSync(join(T, 'truth.json')) && existsSync(PRE) && existsSync(POST);
const dir = mkdtempSync(join(tmpdir(), 'nigah-classes-'));

function python(script: string): string {
  return execFileSync('/usr/bin/python3', ['-c', script], { maxBuffer: 64 << 20 }).toString();
}

/** Per class code: pixel count in each row of a class COG, read by GDAL. */
function rowCounts(file: string): Record<string, number[]> {
  return JSON.parse(
    python(`
from osgeo import gdal
import json, numpy as np
a = gdal.Open(${JSON.stringify(file)}).ReadAsArray()
print(json.dumps({str(c): (a == c).sum(axis=1).tolist() for c in [0, 1, 2, 3, 4, 255]}))
`),
  );
}

afterAll(async () => {
  await closeSharedPool();
});

describe('class of a pixel code', () => {
  it('maps hand-built pixels to one class each; outside the area of interest is no data', () => {
    const st = (...v: number[]) => Uint8Array.from(v);
    const codes = pixelCodes(
      {
        // dry, flooded, flooded cropland, permanent water, post cloud, pre nodata, and one outside
        post: Float32Array.from([-0.5, 0.4, 0.4, 0.6, 0.9, 0.5, 0.5]),
        postState: st(0, 0, 0, 0, 1, 0, 0),
        postThreshold: 0,
        pre: Float32Array.from([-0.4, -0.2, -0.3, 0.5, -0.1, Number.NaN, -0.5]),
        preState: st(0, 0, 0, 0, 0, 2, 0),
        ndviPre: Float32Array.from([0.1, 0.1, 0.6, 0, 0, 0, 0]),
        ndviThreshold: 0.3,
      },
      new Uint8Array(7),
    );
    const aoi = rasterizeSpans(
      [
        [
          [
            [0, 0],
            [6, 0],
            [6, 1],
            [0, 1],
          ],
        ],
      ],
      7,
      1,
    );
    markOutside(codes, aoi, { x0: 0, y0: 0, w: 7, h: 1 }, 7);
    expect([...classesOfCodes(codes, new Uint8Array(7))]).toEqual([0, 1, 2, 3, 4, 255, 255]);
  });
});

describe.skipIf(!present || !hasGdal)(
  'flood result classes (needs sample-data/sindh-synthetic and python3-gdal, python3-numpy)',
  () => {
    let r: FloodResult;
    let rows: Record<string, number[]>;
    const out = join(dir, 'classes.tif');

    it('class pixels × pixel area equal the run’s reported areas exactly', async () => {
      r = await computeFlood(await loadSceneInput(PRE), await loadSceneInput(POST), {
        threshold: 0,
        vectorize: false,
        classesOut: out,
      });
      rows = rowCounts(out);
      const areas = rowAreas(r.grid.gt, r.grid.height, r.grid.crs);
      const m2 = (codes: number[]) =>
        codes.reduce((s, c) => s + rows[c].reduce((t, n, y) => t + n * areas[y], 0), 0);
      const px = (codes: number[]) => codes.reduce((s, c) => s + rows[c].reduce((t, n) => t + n, 0), 0);
      expect(px([1, 2])).toBe(r.counts.yes);
      expect(px([2])).toBe(r.cropland!.pixels);
      expect(px([3])).toBe(r.permanentWater!.pixels);
      expect(px([0, 1, 2, 3])).toBe(r.validArea.pixels);
      expect(m2([1, 2])).toBeCloseTo(r.area.m2, 3);
      expect(m2([2])).toBeCloseTo(r.cropland!.m2, 3);
      expect(m2([3])).toBeCloseTo(r.permanentWater!.m2, 3);
      expect(m2([4]) / 1e6).toBeCloseTo(r.cloudKm2, 9);
      expect(m2([255]) / 1e6).toBeCloseTo(r.nodataKm2, 9);
    });

    it('classes agree with the truth rasters (flood 0.1 %, permanent water 1.5 %, cloud 0.5 %)', () => {
      const truth = JSON.parse(
        python(`
from osgeo import gdal
import json
d = ${JSON.stringify(T)}
pre, post = [gdal.Open(d + '/' + n + '.tif').ReadAsArray() for n in ['pre_water', 'post_water']]
print(json.dumps({'permanent': int(((pre == 1) & (post == 1)).sum())}))
`),
      );
      const t = JSON.parse(readFileSync(join(T, 'truth.json'), 'utf8'));
      const px = (c: number) => rows[c].reduce((s, n) => s + n, 0);
      const rel = (a: number, b: number) => Math.abs(a - b) / b;
      expect(rel(px(1) + px(2), t.expected_accuracy.mndwi_gt_0.flood_pixels)).toBeLessThan(0.001);
      expect(rel(px(3), truth.permanent)).toBeLessThan(0.015);
      expect(rel(px(4), t.pixels.cloud_post)).toBeLessThan(0.005);
    });
  },
);

/** A triangle over the flooded floodplain (lon/lat). */
const TRIANGLE: [number, number][] = [
  [67.68, 26.36],
  [67.86, 26.4],
  [67.74, 26.51],
];

describe.skipIf(!present || !hasGdal)(
  'polygon area of interest (needs sample-data/sindh-synthetic and python3-gdal)',
  () => {
    it('a triangle counts exactly the truth flood pixels GDAL rasterizes inside it', async () => {
      // Scenes whose "green" band is the truth water raster: flood = water after ∧ not before, exactly.
      const pre = await loadSceneInput(join(T, 'pre_water.tif'), 'green=1');
      const post = await loadSceneInput(join(T, 'post_water.tif'), 'green=1');
      const r = await computeFlood(pre, post, {
        index: 'green',
        threshold: 0.5,
        cloudMask: false,
        vectorize: false,
        aoiRings: [[...TRIANGLE, TRIANGLE[0]]],
      });
      const poly = join(dir, 'triangle.geojson');
      writeFileSync(
        poly,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Polygon', coordinates: [[...TRIANGLE, TRIANGLE[0]]] },
            },
          ],
        }),
      );
      const [inside, flooded] = python(`
from osgeo import gdal
d = ${JSON.stringify(T)}
f = gdal.Open(d + '/flood.tif')
m = gdal.GetDriverByName('MEM').Create('', f.RasterXSize, f.RasterYSize, 1, gdal.GDT_Byte)
m.SetGeoTransform(f.GetGeoTransform()); m.SetProjection(f.GetProjection())
gdal.Rasterize(m, ${JSON.stringify(poly)}, burnValues=[1])
tri = m.ReadAsArray() == 1
print(int(tri.sum()), int(((f.ReadAsArray() == 1) & tri).sum()))
`)
        .trim()
        .split(' ')
        .map(Number);
      expect(flooded).toBeGreaterThan(10000);
      expect(r.counts.yes).toBe(flooded);
      // Every pixel of the triangle is in exactly one state; none outside it is counted.
      expect(r.validArea.pixels + r.counts.nodata).toBe(inside);
    });
  },
);
