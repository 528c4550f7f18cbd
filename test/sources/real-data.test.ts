/**
 * The real rasters Helper A copied into sample-data/real must load with the right band roles, and
 * their bounds must match gdalinfo's corner coordinates (an independent reader: GDAL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCatalogService } from '../../electron/services/catalog';
import { scanFolder } from '../../electron/sources/folder';
import { rasterCorners } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { settingsWith, tempDir } from './helpers';

const REAL = path.resolve(__dirname, '../../sample-data/real');
const hasData = existsSync(path.join(REAL, 'collection.json'));
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
if (!hasData)
  console.warn('sample-data/real is missing: run npm run sample-data (Helper A) to compare real rasters.');

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

describe.skipIf(!hasData || !hasGdal)('real rasters (sample-data/real) against gdalinfo', () => {
  it('through the STAC catalog: roles as documented, grid and bounds as GDAL reads them', async () => {
    const svc = createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'real', kind: 'stac', location: path.join(REAL, 'collection.json') }]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
    });
    const list = await svc.list();
    expect(list.problems).toEqual([]);
    const olinda = await svc.get('real:LANDSAT7-ETM-OLINDA-BR');
    expect(olinda.crs).toBe('EPSG:31985');
    expect(olinda.bands.map((b) => b.role)).toEqual(['blue', 'green', 'red', 'nir', 'swir16', 'swir22']);
    expectMatchesGdal(olinda);
    const lt5 = await svc.get('real:LT52240631988227CUB02');
    expect(lt5.crs).toBe('EPSG:32622');
    expect(lt5.bands.filter((b) => b.role).map((b) => [b.name, b.role])).toEqual(
      expect.arrayContaining([
        ['B1', 'blue'],
        ['B4', 'nir'],
        ['B5', 'swir16'],
        ['B7', 'swir22'],
      ]),
    );
    expectMatchesGdal(lt5);
    for (const id of ['real:LANDSAT-PUCALLPA-PE-2000', 'real:LANDSAT-PUCALLPA-PE-2020']) {
      const s = await svc.get(id);
      // The catalog's own bbox (what the list shows before any header is read) agrees with GDAL too.
      const listed = list.scenes.find((x) => x.id === id);
      expect(listed?.bbox.map((v) => Number(v.toFixed(4)))).toEqual(s.bbox.map((v) => Number(v.toFixed(4))));
      expect(s.notices.join(' ')).not.toMatch(/disagree|differs/i);
      expect(s.crs).toBe('EPSG:4326');
      expect(s.bands.map((b) => b.role)).toEqual(['swir16', 'nir', 'red', 'green']);
      expectMatchesGdal(s);
    }
  });

  it('through a folder scan: Landsat 5 band files + MTL grouped, roles from the TM profile, radiance scaling from the MTL', async () => {
    const { scenes, problems } = await scanFolder({ sourceId: 'dir', root: REAL });
    expect(problems).toEqual([]);
    const lt5 = scenes.find((s) => s.id === 'dir:LT52240631988227CUB02/LT52240631988227CUB02')!;
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
    const olinda = scenes.find((s) => s.id === 'dir:LANDSAT7-ETM-OLINDA-BR/L7_ETMs.tif')!;
    expectMatchesGdal(olinda);
    // The file itself does not name its bands: the user is told to set roles.
    expect(olinda.notices.join(' ')).toMatch(/band roles/);
    const pucallpa = scenes.find((s) => s.id.endsWith('landsat_2000.tif'))!;
    expectMatchesGdal(pucallpa);
  });
});
