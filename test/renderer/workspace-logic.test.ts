/**
 * Pieces of the workspace that need no browser: the flood colour against every index ramp (CIELAB
 * distance), which scenes a result's key belongs to, the name of an offline copy whose source was
 * removed, and pixel sizes with their unit.
 */
import { describe, expect, it } from 'vitest';
import { zonesTsv } from '../../renderer/src/panels/analysis/summary';
import { classColors, MASK_COLORS, resultShownWith } from '../../renderer/src/panels/maskStyle';
import { pixelSize } from '../../renderer/src/panels/scene/SceneTools';
import { offlineCopyName } from '../../renderer/src/panels/sources/SourcesPanel';
import { dismissToastsOf, pushToast, selectScene, store } from '../../renderer/src/state/store';
import { RAMPS, rampColor } from '../../shared/analysis/colormap';
import { CLASS_FLOODED } from '../../shared/analysis/resultClasses';
import type { ErrorData } from '../../shared/errors';

/** sRGB (0–255) to CIELAB (D65), from the CIE formulas. */
function lab([r, g, b]: number[]): [number, number, number] {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deltaE = (a: number[], b: number[]) => {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

describe('flood mask colour', () => {
  it('is far (ΔE*ab ≥ 60; the old flood blue was 40 from the water end of the NDVI ramp) from every colour of every index ramp', () => {
    const flood = MASK_COLORS.flood;
    let nearest = { d: Infinity, where: '' };
    for (const [id, ramp] of Object.entries(RAMPS))
      for (let i = 0; i <= 200; i++) {
        const d = deltaE(flood, rampColor(ramp, i / 200));
        if (d < nearest.d) nearest = { d, where: `${id} at ${i / 200}` };
      }
    expect(nearest.d, `nearest ramp colour: ${nearest.where}`).toBeGreaterThanOrEqual(60);
  });

  it('result classes: flooded keeps the flood colour, every class colour is far (ΔE*ab ≥ 40) from the others', () => {
    const colors = classColors('flood');
    expect(colors.find((c) => c.code === CLASS_FLOODED)?.rgb).toEqual(MASK_COLORS.flood);
    for (const a of colors)
      for (const b of colors)
        if (a.code < b.code)
          expect(deltaE(a.rgb, b.rgb), `${a.code} vs ${b.code}`).toBeGreaterThanOrEqual(40);
  });

  it('the CIELAB conversion gives known values', () => {
    // Pure sRGB red and white (published reference values).
    const red = lab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 0);
    expect(red[2]).toBeCloseTo(67.2, 0);
    expect(lab([255, 255, 255])[0]).toBeCloseTo(100, 3);
  });
});

describe("a result's key", () => {
  const dates = [
    { label: 'Before', date: '2022-06-15', id: 'S2-PRE' },
    { label: 'After', date: '2022-08-30', id: 'S2-POST' },
  ];
  it('shows over the scenes of the result only', () => {
    expect(resultShownWith(dates, 'sample:S2-POST')).toBe(true);
    expect(resultShownWith(dates, 'S2-PRE')).toBe(true);
    expect(resultShownWith(dates, 'sample:LC08-BRAZIL')).toBe(false);
    expect(resultShownWith(dates, null)).toBe(false);
    // A summary without scene ids cannot be tied to a scene: it stays visible.
    expect(resultShownWith([{ id: null }], 'x')).toBe(true);
  });
});

describe('offline copies', () => {
  it('are named by their scene, or by their item id with a note when the source is gone', () => {
    const scenes = [{ id: 'stac1:S2A_20220830', title: 'Sentinel-2A, 2022-08-30' }];
    expect(offlineCopyName('stac1:S2A_20220830', scenes)).toEqual({
      name: 'Sentinel-2A, 2022-08-30',
      orphan: false,
    });
    expect(offlineCopyName('removed-src:LC08_L2SP_152042', scenes)).toEqual({
      name: 'LC08_L2SP_152042',
      orphan: true,
    });
  });
});

describe('pixel size', () => {
  it('is in metres for projected scenes and in degrees for lon/lat ones', () => {
    expect(pixelSize({ crs: 'EPSG:32642' }, [0, 10, 0, 0, 0, -10])).toEqual({ value: '10', unit: 'm' });
    expect(pixelSize({ crs: 'EPSG:32642' }, [0, 2.5, 0, 0, 0, -2.5])).toEqual({ value: '2.5', unit: 'm' });
    expect(pixelSize({ crs: 'EPSG:4326' }, [0, 0.00025, 0, 0, 0, -0.00025])).toEqual({
      value: '0.00025',
      unit: 'deg',
    });
  });
});

describe('notices about drawing a scene', () => {
  it('go once the scene changes or its band roles are saved, others stay', () => {
    const noRed: ErrorData = { code: 'MISSING_BAND', message: 'This scene has no red band.' };
    const host: ErrorData = { code: 'NETWORK', message: 'The Nigah host is not answering.' };
    pushToast(noRed, { scope: 'view', sticky: true });
    pushToast(host, { sticky: true });
    expect(store.getState().toasts.map((t) => t.code)).toEqual(['MISSING_BAND', 'NETWORK']);
    dismissToastsOf('view');
    expect(store.getState().toasts.map((t) => t.code)).toEqual(['NETWORK']);
    pushToast(noRed, { scope: 'view', sticky: true });
    selectScene('sample:other');
    expect(store.getState().toasts.map((t) => t.code)).toEqual(['NETWORK']);
  });
});

describe('the district table as text', () => {
  it('carries the observed, hidden and permanent-water areas when the engine gives them', () => {
    const zones = [
      {
        id: '1',
        name: 'Dadu',
        zoneKm2: 8000,
        km2: 3.49,
        ha: 349,
        sharePct: 0.04,
        observedKm2: 120.5,
        cloudKm2: 10.25,
        nodataKm2: 0,
        permanentWaterKm2: 2,
      },
      {
        id: '2',
        name: 'Jamshoro',
        zoneKm2: 11000,
        km2: 117.8,
        ha: 11780,
        sharePct: 1.09,
        croplandKm2: 60.94,
        observedKm2: 248.4,
        cloudKm2: 27.58,
        nodataKm2: 33.25,
        permanentWaterKm2: 28.01,
      },
    ];
    expect(zonesTsv('flood', zones)).toBe(
      'District\tflooded km2\tflooded ha\t% of district\tflooded cropland km2\tobserved km2\tcloud km2\tno data km2\tpermanent water km2\n' +
        'Jamshoro\t117.800\t11780.0\t1.09\t60.940\t248.400\t27.580\t33.250\t28.010\n' +
        'Dadu\t3.490\t349.0\t0.04\t\t120.500\t10.250\t0.000\t2.000\n',
    );
  });
});
