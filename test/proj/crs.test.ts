/**
 * `nigah info` on scenes in CRSs beyond the bundled codes (the EPSG registry from disk) and on a CRS
 * given only by GeoKeys: the bounds in the scene's CRS equal GDAL's corners, and the lon/lat bounds
 * GDAL's WGS 84 extent (within the datum transformations the two may choose).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as info } from '../../electron/cli/commands/info';
import { computeIndexRaster } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { type CrsFixture, makeCrsFixtures } from './crs-fixtures';

const hasGdal = (() => {
  try {
    execFileSync('gdalwarp', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'nigah-crs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures: CrsFixture[] = hasGdal ? makeCrsFixtures(dir) : [];

async function nigahInfo(file: string) {
  let out = '';
  let err = '';
  const code = await info.run([file, '--json'], { out: (s) => (out += s), err: (s) => (err += s) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as { crs: string; crsName: string; bounds: { lonlat: number[]; crs: number[] } };
}

function gdalBounds(file: string) {
  const g = JSON.parse(execFileSync('gdalinfo', ['-json', file]).toString());
  const cc = g.cornerCoordinates;
  const crs = [cc.lowerLeft[0], cc.lowerRight[1], cc.upperRight[0], cc.upperLeft[1]];
  const ring = g.wgs84Extent.coordinates[0] as number[][];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return { crs, lonlat: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] };
}

describe.skipIf(!hasGdal)('every projection: info gives GDAL’s bounds (needs gdal-bin)', () => {
  const names = [
    'NAD83 / UTM 14N',
    'ETRS89 / LAEA Europe',
    'Pulkovo 1942 / Gauss-Kruger zone 13',
    'Kalianpur 1962 / UTM 42N (gdalwarp)',
    'a projected CRS given only by GeoKeys',
  ];
  names.forEach((label, i) => {
    it(label, async () => {
      const f = fixtures[i];
      const ours = await nigahInfo(f.file);
      const gdal = gdalBounds(f.file);
      // gdalinfo prints corners with 3 decimals.
      ours.bounds.crs.forEach((v, k) => {
        expect(Math.abs(v - gdal.crs[k])).toBeLessThan(1e-3);
      });
      // 0.0005° ≈ 50 m: datum shifts may use different published transformations; a wrong
      // projection or datum is off by kilometres.
      ours.bounds.lonlat.forEach((v, k) => {
        expect(Math.abs(v - gdal.lonlat[k]), `${f.name} lon/lat bound ${k}`).toBeLessThan(5e-4);
      });
      if (f.name.startsWith('GeoKeys')) expect(ours.crs).toMatch(/^\+proj=tmerc/);
      else expect(ours.crsName).not.toBeNull();
    });
  });
});

describe.skipIf(!hasGdal)('analysis in a CRS without an EPSG code (needs gdal-bin)', () => {
  afterAll(async () => {
    await closeSharedPool();
  });
  it('is refused with a clear message instead of writing an output without a CRS', async () => {
    const f = fixtures[4];
    const scene = await loadSceneInput(f.file, 'red=1,nir=1');
    await expect(computeIndexRaster(scene, 'ndvi', join(dir, 'out.tif'))).rejects.toMatchObject({
      code: 'UNKNOWN_CRS',
      hint: expect.stringContaining('gdalwarp -t_srs'),
    });
  });
});

describe('unknown CRS', () => {
  it('a code outside the EPSG registry keeps the clear message', async () => {
    const { projDef } = await import('../../shared/proj');
    expect(() => projDef('EPSG:999999')).toThrow(/EPSG:999999 is not known to Nigah/);
  });
});
