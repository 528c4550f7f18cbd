import { describe, expect, it } from 'vitest';
import type { Scene } from '../../shared/scene';
import {
  applyRoleOverrides,
  findProfile,
  profileBand,
  SENSOR_PROFILES,
  sentinel2Scaling,
} from '../../shared/sensors';

describe('sensor profiles', () => {
  it('Sentinel-2: DN/10000 before baseline 04.00 (25 Jan 2022), (DN-1000)/10000 from it', () => {
    // Reflectance of DN 2000 = 0.2 before, 0.1 after (hand-computed).
    const before = sentinel2Scaling('2022-01-24T10:00:00Z');
    const after = sentinel2Scaling('2022-01-25T00:00:00Z');
    expect(2000 * before.scale + before.offset).toBeCloseTo(0.2, 12);
    expect(2000 * after.scale + after.offset).toBeCloseTo(0.1, 12);
    // The baseline, when known, wins over the date (reprocessed archive products).
    expect(sentinel2Scaling('2019-06-01T00:00:00Z', 'N0500').offset).toBe(-0.1);
    expect(sentinel2Scaling('2022-06-01T00:00:00Z', '03.01').offset).toBe(0);
  });

  it('finds profiles as products spell satellites and sensors', () => {
    expect(findProfile('GF1', 'WFV2')?.id).toBe('gf1-wfv');
    expect(findProfile('GF-6', 'WFV')?.id).toBe('gf6-wfv');
    expect(findProfile('CBERS-04A', 'WFI')?.id).toBe('cbers4a-wfi');
    expect(findProfile('CB04A', 'MUX')?.id).toBe('cbers4a-mux');
    expect(findProfile('ZY3-02', 'MUX')?.id).toBe('zy3-mux');
    expect(findProfile('LANDSAT-8', 'OLI_TIRS')?.id).toBe('landsat-8/9');
    expect(findProfile('LANDSAT-9', 'OLI_TIRS')?.id).toBe('landsat-8/9');
    expect(findProfile('LANDSAT-7', 'ETM')?.id).toBe('landsat-7');
    expect(findProfile('PRSS-1', 'PMC')).toBeNull();
  });

  it('band roles per docs/bands.md (GF-6 file order; Landsat OLI B5 = nir; S-2 B8A = nir08)', () => {
    expect(SENSOR_PROFILES['gf6-wfv'].bands.map((b) => b.role)).toEqual([
      'blue',
      'green',
      'red',
      'nir',
      'rededge071',
      'rededge075',
      'coastal',
      'yellow',
    ]);
    expect(profileBand(SENSOR_PROFILES['landsat-8/9'], 'B5')?.role).toBe('nir');
    expect(profileBand(SENSOR_PROFILES['sentinel-2'], 'B8A')?.role).toBe('nir08');
    expect(profileBand(SENSOR_PROFILES['sentinel-2'], 'B4')?.role).toBe('red');
    expect(profileBand(SENSOR_PROFILES['landsat-5'], 'B7')?.role).toBe('swir22');
    for (const id of ['gf1-wfv', 'gf6-wfv', 'cbers4a-mux', 'cbers4a-wfi', 'zy3-mux']) {
      expect(SENSOR_PROFILES[id].hasSwir).toBe(false);
      expect(SENSOR_PROFILES[id].bands.some((b) => b.role === 'swir16')).toBe(false);
    }
  });

  it('per-scene role overrides apply on a copy and say so', () => {
    const band = {
      href: 'file:///x.tif',
      width: 1,
      height: 1,
      geotransform: [0, 1, 0, 0, 0, -1],
      dataType: 'uint8',
      nodata: null,
      scale: 1,
      offset: 0,
    } as const;
    const scene = {
      id: 's',
      bands: [
        { ...band, name: 'band1', role: null, sample: 0 },
        { ...band, name: 'band2', role: null, sample: 1 },
      ],
      notices: [],
    } as unknown as Scene;
    const out = applyRoleOverrides(scene, { band1: 'red', band2: 'nir' });
    expect(out.bands.map((b) => b.role)).toEqual(['red', 'nir']);
    expect(scene.bands[0].role).toBeNull();
    expect(out.notices).toHaveLength(1);
    expect(applyRoleOverrides(scene, undefined)).toBe(scene);
  });
});
