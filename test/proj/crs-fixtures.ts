/**
 * Fixture generator: small GeoTIFFs in CRSs users receive data in, made with GDAL (gdal_translate
 * assigns a CRS and corners; gdalwarp reprojects), so tests can compare Nigah's reading with GDAL's.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeTif } from '../analysis/fixtures';

export interface CrsFixture {
  name: string;
  file: string;
}

/** A Transverse Mercator with no EPSG code (central meridian 70.5°E, scale 1): GeoKeys only. */
const TMERC_70_5E = '+proj=tmerc +lat_0=0 +lon_0=70.5 +k=1 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs';

export function makeCrsFixtures(dir: string): CrsFixture[] {
  const src = join(dir, 'src.tif');
  const band = Uint16Array.from({ length: 64 * 48 }, (_, i) => (i * 7) % 4000);
  writeTif(src, 64, 48, [600000, 30, 0, 2950000, 0, -30], [band], { epsg: 32642, nodata: 0 });
  const assign = (name: string, srs: string, ullr: number[]): CrsFixture => {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.tif`);
    execFileSync('gdal_translate', ['-q', '-a_srs', srs, '-a_ullr', ...ullr.map(String), src, file]);
    return { name, file };
  };
  const warp = (name: string, srs: string): CrsFixture => {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.tif`);
    execFileSync('gdalwarp', ['-q', '-t_srs', srs, '-r', 'near', src, file]);
    return { name, file };
  };
  return [
    assign('NAD83 UTM 14N', 'EPSG:26914', [630000, 3560000, 631920, 3558560]),
    assign('ETRS89 LAEA Europe', 'EPSG:3035', [4321000, 3210000, 4322920, 3208560]),
    assign('Pulkovo 1942 Gauss-Kruger zone 13', 'EPSG:28413', [13500000, 3500000, 13501920, 3498560]),
    warp('Kalianpur 1962 UTM 42N', 'EPSG:24312'),
    assign('GeoKeys-only transverse Mercator', TMERC_70_5E, [400000, 2950000, 401920, 2948560]),
  ];
}
