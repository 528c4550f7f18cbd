import { execFileSync } from 'node:child_process';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  crsFromGeoKeys,
  fromLonLat,
  hasProjection,
  PROJ_DEFS,
  projDef,
  registerProjections,
  toLonLat,
} from '../../shared/proj';

const hasGdal = (() => {
  try {
    execFileSync('gdaltransform', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('projection definitions on disk', () => {
  it('has 4326, 3857, every WGS 84 UTM zone, the Kalianpur grids, SIRGAS 2000 / UTM 25S and the sample CRSs', () => {
    const need = [
      4326, 3857, 24313, 24312, 24311, 24305, 24306, 24342, 24343, 24347, 24378, 24383, 31985, 32622, 32642,
    ];
    for (let z = 1; z <= 60; z++) need.push(32600 + z, 32700 + z);
    for (const c of need) expect(hasProjection(c), `EPSG:${c}`).toBe(true);
    expect(PROJ_DEFS[24313][0]).toBe('Kalianpur 1962 / UTM zone 43N');
  });

  it('an unknown CRS is UNKNOWN_CRS naming the code', () => {
    expect(() => projDef('EPSG:99999')).toThrow(/EPSG:99999/);
    try {
      projDef('EPSG:99999');
    } catch (e) {
      expect((e as { code: string }).code).toBe('UNKNOWN_CRS');
      expect((e as { details: { code: string } }).details.code).toBe('EPSG:99999');
    }
  });

  it('reads the CRS from GeoKeys (projected, geographic, user-defined)', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32642 })).toBe('EPSG:32642');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 })).toBe('EPSG:4326');
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 })).toThrow(
      /user-defined/,
    );
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3395 })).toThrow(/EPSG:3395/);
    expect(() => crsFromGeoKeys(null)).toThrow(/no GeoKeys/);
  });

  it('registerProjections() makes the codes usable by a proj4 instance', () => {
    registerProjections(proj4);
    expect(proj4.defs('EPSG:24313')).toBeTruthy();
  });

  it.skipIf(!hasGdal)(
    'transforms agree with PROJ (gdaltransform; needs Debian gdal-bin): UTM 42N, Kalianpur 1962 / UTM 43N, SIRGAS 2000 / UTM 25S',
    () => {
      const cases: [string, [number, number]][] = [
        ['EPSG:32642', [67.7, 26.43]],
        ['EPSG:24313', [73.05, 33.7]],
        ['EPSG:31985', [-34.87, -8.0]],
      ];
      for (const [code, ll] of cases) {
        const [xy] = fromLonLat(code, [ll]);
        const ref = execFileSync(
          'gdaltransform',
          ['-s_srs', '+proj=longlat +datum=WGS84', '-t_srs', code, '-output_xy'],
          { input: `${ll[0]} ${ll[1]}\n` },
        )
          .toString()
          .trim()
          .split(/\s+/)
          .map(Number);
        // Kalianpur uses a 3-parameter datum shift in both: agreement to a metre.
        expect(Math.abs(xy[0] - ref[0])).toBeLessThan(1);
        expect(Math.abs(xy[1] - ref[1])).toBeLessThan(1);
        const [back] = toLonLat(code, [xy]);
        expect(back[0]).toBeCloseTo(ll[0], 7);
        expect(back[1]).toBeCloseTo(ll[1], 7);
      }
    },
  );
});
