/**
 * CRESDA calibration: TOA reflectance checked on a hand-computed pixel, the fall-backs to radiance
 * and DN with their notices, and Level-1A packages opened by the engine (index, water, flood):
 * orthorectified once, cached, drawn with the same reflectance scaling.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeWater } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { packageScene } from '../../electron/sources/cresda';
import { cresdaCalibration, dayOfYear, earthSunDistance } from '../../shared/sensors/calibration';
import { tempDir } from '../sources/helpers';
import { packageXml, writePackage } from './fixtures';

afterAll(() => closeSharedPool());

const GAINS = '<Gains>0.2 0.15 0.12 0.13</Gains><Biases>0 0 0.5 -1</Biases>';

describe('TOA reflectance', () => {
  it('Earth–Sun distance of 30 Aug 2022 (day 242): 1 − 0.01672·cos(0.9856°·238) = 1.00969205', () => {
    expect(dayOfYear('2022-08-30T05:40:00Z')).toBe(242);
    expect(earthSunDistance('2022-08-30T05:40:00Z')).toBeCloseTo(1.00969205, 7);
  });

  it('a hand-computed pixel: red DN 1234 of GF-1 WFV1 → ρ = π·(0.12·1234 + 0.5)·d² / (1548.074·cos 25.5°) = 0.3405714', async () => {
    const pkg = writePackage(tempDir('nigah-cal-'), 16, 16, { xml: packageXml(`${GAINS}`) });
    const scene = await packageScene(pkg, 'x', 'test');
    const red = scene.bands.find((b) => b.role === 'red')!;
    expect(red.scale * 1234 + red.offset).toBeCloseTo(0.3405714, 6);
    expect(scene.notices.join(' ')).toMatch(
      /TOA reflectance \(ESUN of GF1 WFV1, Earth–Sun distance 1\.0097 AU, solar zenith 25\.5°\)/,
    );
    expect(scene.notices.join(' ')).not.toMatch(/raw DN/);
  });

  it('no gains in the XML: CRESDA 2017 GF-1 WFV1 gains, red DN 1234 → π·(0.1354·1234)·d² / (1548.074·cos 25.5°) = 0.3829849', async () => {
    const pkg = writePackage(tempDir('nigah-cal-'), 16, 16);
    const scene = await packageScene(pkg, 'x', 'test');
    const red = scene.bands.find((b) => b.role === 'red')!;
    expect(red.offset).toBe(0);
    expect(red.scale * 1234).toBeCloseTo(0.3829849, 6);
    expect(scene.notices.join(' ')).toMatch(
      /published GF-1 WFV1 2017 gains \(this scene is from 2022; no table for that year/,
    );
  });

  it('no published gains and none in the XML: DN, and it says so', () => {
    const c = cresdaCalibration(
      {
        satellite: 'CBERS-04A',
        sensor: 'MUX',
        datetime: '2021-03-01T00:00:00Z',
        gains: null,
        biases: null,
        solarZenith: 40,
      },
      4,
    );
    expect(c.unit).toBe('dn');
    expect(c.bands[0]).toEqual({ scale: 1, offset: 0 });
    expect(c.notices[0]).toMatch(/raw DN: no calibration gains are published for CBERS-04A MUX in 2021/);
  });

  it('GF-6 WFV: the published 2020 gains give radiance; without an ESUN it is not called reflectance', () => {
    const c = cresdaCalibration(
      {
        satellite: 'GF6',
        sensor: 'WFV',
        datetime: '2022-05-01T00:00:00Z',
        gains: null,
        biases: null,
        solarZenith: 30,
      },
      8,
    );
    expect(c.unit).toBe('radiance');
    expect(c.bands[3].scale).toBe(0.0314);
    expect(c.notices.join(' ')).toMatch(/published GF-6 WFV 2020 gains \(this scene is from 2022/);
    expect(c.notices.join(' ')).toMatch(/TOA radiance, not reflectance: no solar irradiance \(ESUN\)/);
  });

  it('a missing solar zenith keeps radiance and names why', () => {
    const c = cresdaCalibration(
      {
        satellite: 'GF1',
        sensor: 'WFV1',
        datetime: '2022-05-01T00:00:00Z',
        gains: [0.2],
        biases: null,
        solarZenith: null,
      },
      1,
    );
    expect(c.unit).toBe('radiance');
    expect(c.notices.join(' ')).toMatch(/no usable solar zenith angle/);
  });
});

describe('Level-1A packages in index / water / flood', () => {
  it('are orthorectified first (and say so), then reused, keeping the reflectance scaling', async () => {
    const dir = tempDir('nigah-l1a-');
    const pkg = writePackage(dir, 120, 100, { xml: packageXml(GAINS) });
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => said.push(String(s)) > 0) as typeof process.stderr.write;
    try {
      const a = await loadSceneInput(pkg);
      const b = await loadSceneInput(pkg);
      expect(a.drawable).toBe(true);
      expect(a.crs).toBe('EPSG:32642');
      expect(a.bands.map((x) => x.role)).toEqual(['blue', 'green', 'red', 'nir']);
      expect(a.bands[2].href).toMatch(/ortho\/[0-9a-f]+\/GF1_WFV1_.*\.tif$/);
      expect(a.bands[2].width).toBeGreaterThan(100);
      expect(a.bands[2].scale * 1234 + a.bands[2].offset).toBeCloseTo(0.3405714, 6);
      expect(a.notices[0]).toMatch(
        /Orthorectified from Level-1A by its RPC model \(heights: HEIGHT_OFF 350 m\)/,
      );
      expect(b.bands[0].href).toBe(a.bands[0].href);
      expect(said.join('')).toMatch(/orthorectifying it by its RPC model first/);
      expect(said.join('')).toMatch(/using its orthorectified copy/);
      expect(path.basename(a.bands[0].href)).toMatch(/\.tif$/);
      // …and analysed like any scene: NDWI (no SWIR on GF-1) on reflectance, threshold 0.
      const w = await computeWater(a, { threshold: 0, out: path.join(dir, 'water.tif') });
      expect(w.index).toBe('NDWI');
      expect(w.counts.yes + w.counts.no).toBeGreaterThan(100 * 90);
    } finally {
      process.stderr.write = write;
    }
  });
});
