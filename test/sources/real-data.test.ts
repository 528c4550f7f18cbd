/**
 * The real rasters in ../shared/data/raster (read in place, never copied) must load with the right
 * band roles, and their bounds must match gdalinfo's corner coordinates (an independent reader: GDAL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanFolder } from '../../electron/sources/folder';
import { rasterCorners } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { needsSharedData, sharedData } from '../support/shared-data';

const REAL = sharedData('raster');
const hasData = existsSync(REAL);
const hasGdal = (() => {
  try {
    execFileSync('gdalinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGdal)
  console.warn('gdalinfo not found: install the Debian package gdal-bin to compare real rasters with GDAL.');
if (!hasData) console.warn(`Skipping the real-raster tests: ${needsSharedData('raster')}.`);

interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  cornerCoordinates: Record<'upperLeft' | 'lowerRight' | 'upperRight' | 'lowerLeft', [number, number]>;
  wgs84Extent: { coordinates: number[][][] };
  bands: { noDataValue?: number }[];
  stac?: Record<string, unknown>;
}

const infos = new Map<string, GdalInfo>();
function gdalinfo(file: string): GdalInfo {
  let g = infos.get(file);
  if (!g) {
    g = JSON.parse(
      execFileSync('gdalinfo', ['-json', file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString(),
    ) as GdalInfo;
    infos.set(file, g);
  }
  return g;
}

function expectMatchesGdal(scene: Scene): void {
  for (const band of scene.bands) {
    const g = gdalinfo(fileURLToPath(band.href));
    expect([band.width, band.height]).toEqual(g.size);
    const corners = rasterCorners(band.geotransform, band.width, band.height);
    const cc = g.cornerCoordinates;
    for (const [ours, theirs] of [
      [corners[0], cc.upperLeft],
      [corners[1], cc.upperRight],
      [corners[2], cc.lowerRight],
      [corners[3], cc.lowerLeft],
    ]) {
      expect(ours[0]).toBeCloseTo(theirs[0], 3);
      expect(ours[1]).toBeCloseTo(theirs[1], 3);
    }
    const nd = g.bands[band.sample].noDataValue;
    expect(band.nodata).toBe(nd === undefined ? null : nd);
  }
  // lon/lat bounds vs GDAL's WGS 84 extent of the corners.
  const ring = gdalinfo(fileURLToPath(scene.bands[0].href)).wgs84Extent.coordinates[0];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  expect(scene.bbox[0]).toBeCloseTo(Math.min(...lons), 4);
  expect(scene.bbox[1]).toBeCloseTo(Math.min(...lats), 4);
  expect(scene.bbox[2]).toBeCloseTo(Math.max(...lons), 4);
  expect(scene.bbox[3]).toBeCloseTo(Math.max(...lats), 4);
}

describe.skipIf(!hasData || !hasGdal)(`real rasters (${needsSharedData('raster')}) against gdalinfo`, () => {
  it('through a folder scan: Landsat 5 band files + MTL grouped, roles from the TM profile, radiance scaling from the MTL', async () => {
    const { scenes, problems } = await scanFolder({ sourceId: 'dir', root: REAL });
    expect(problems).toEqual([]);
    const lt5 = scenes.find((s) => s.id === 'dir:landsat5_tm_rstoolbox/LT52240631988227CUB02')!;
    expect(lt5.datetime).toBe('1988-08-14T13:00:47.375Z');
    expect(lt5.cloudCover).toBe(0);
    expect(lt5.platform).toBe('landsat-5');
    expect(lt5.bands.map((b) => [b.name, b.role])).toEqual([
      ['B1', 'blue'],
      ['B2', 'green'],
      ['B3', 'red'],
      ['B4', 'nir'],
      ['B5', 'swir16'],
      ['B6', 'lwir'],
      ['B7', 'swir22'],
    ]);
    // MTL RADIANCE_MULT_BAND_1 = 0.671, RADIANCE_ADD_BAND_1 = -2.19134.
    expect(lt5.bands[0].scale).toBe(0.671);
    expect(lt5.bands[0].offset).toBe(-2.19134);
    expect(lt5.notices.join(' ')).toMatch(/radiance/);
    expectMatchesGdal(lt5);
    const olinda = scenes.find((s) => s.id === 'dir:landsat7_olinda_stars/L7_ETMs.tif')!;
    expectMatchesGdal(olinda);
    // The file itself does not name its bands: the user is told to set roles.
    expect(olinda.notices.join(' ')).toMatch(/band roles/);
    const pucallpa = scenes.find((s) => s.id.endsWith('landsat_2000.tif'))!;
    expectMatchesGdal(pucallpa);
  });
});
