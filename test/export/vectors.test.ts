/**
 * Polygons for other GIS tools, checked against the truth mask's own pixel count and read back by
 * GDAL/OGR: RFC 7946 rings (closed, exterior counter-clockwise, holes clockwise, lon/lat), total
 * area within 2 % of the mask's pixel area, KML that ogrinfo opens with the same feature count.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskPolygons, polygonsKml } from '../../electron/export/vectors';
import { signedArea } from '../../shared/export/simplify';
import { hasGdal, run, TRUTH_FLOOD, tmpDir } from './fixtures';

// sample-data/sindh-synthetic/truth/truth.json: 1 213 929 flooded pixels of 10 m × 10 m.
const TRUTH_KM2 = 121.3929;

describe('flood polygons (GeoJSON, KML)', () => {
  const dir = tmpDir();
  const fc = maskPolygons(TRUTH_FLOOD, 'flood');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes closed right-hand rings in lon/lat with the stated tolerance', () => {
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.simplification).toMatchObject({
      method: 'Douglas-Peucker',
      toleranceMetres: 5,
      crs: 'EPSG:32642',
    });
    for (const f of fc.features) {
      f.geometry.coordinates.forEach((ring, i) => {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [lon, lat] of ring) {
          expect(lon).toBeGreaterThan(67);
          expect(lon).toBeLessThan(68.5);
          expect(lat).toBeGreaterThan(26);
          expect(lat).toBeLessThan(27);
        }
        if (i === 0) expect(signedArea(ring)).toBeGreaterThan(0);
        else expect(signedArea(ring)).toBeLessThan(0);
      });
    }
  });

  it('keeps the flooded area within 2 % of the mask’s pixel area', () => {
    const km2 = fc.features.reduce((a, f) => a + f.properties.area_km2, 0);
    expect(Math.abs(km2 - TRUTH_KM2) / TRUTH_KM2).toBeLessThan(0.02);
  });

  it.skipIf(!hasGdal)(
    'is read by GDAL/OGR as GeoJSON and KML with the same features and area (gdal-bin)',
    () => {
      const gj = path.join(dir, 'flood.geojson');
      const kml = path.join(dir, 'flood.kml');
      writeFileSync(gj, JSON.stringify(fc));
      writeFileSync(kml, polygonsKml(fc, 'Flood (test)'));
      const count = (f: string) =>
        Number(/Feature Count: (\d+)/.exec(run('ogrinfo', ['-al', '-so', f]))?.[1]);
      expect(count(gj)).toBe(fc.features.length);
      expect(count(kml)).toBe(fc.features.length);
      // OGR's own area of the polygons in UTM 42N (planar m²), against the truth's pixel area.
      const sql = 'SELECT SUM(ST_Area(ST_Transform(geometry, 32642))) AS a FROM flood';
      const out = run('ogrinfo', ['-dialect', 'SQLite', '-sql', sql, gj]);
      const m2 = Number(/a \(Real\) = ([\d.e+]+)/.exec(out)?.[1]);
      expect(Math.abs(m2 / 1e6 - TRUTH_KM2) / TRUTH_KM2).toBeLessThan(0.02);
      expect(readFileSync(kml, 'utf8')).toContain('tolerance of 5 m');
    },
  );
});
