import { describe, expect, it } from 'vitest';
import { colorize, legendStops, NDVI_RAMP, rampColor, WATER_RAMP } from '../../shared/analysis/colormap';

describe('colour ramps', () => {
  it('colorize: NaN is transparent, ends clamp to the ramp ends, values map linearly', () => {
    const v = new Float32Array([Number.NaN, -5, -0.2, 0.9, 5, 0.35]);
    const out = colorize(v, 'ndvi', -0.2, 0.9, new Uint8ClampedArray(v.length * 4));
    expect([...out.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...out.subarray(4, 8)]).toEqual(NDVI_RAMP.stops[0].color);
    expect([...out.subarray(8, 12)]).toEqual(NDVI_RAMP.stops[0].color);
    expect([...out.subarray(12, 16)]).toEqual(NDVI_RAMP.stops[NDVI_RAMP.stops.length - 1].color);
    expect([...out.subarray(16, 20)]).toEqual(NDVI_RAMP.stops[NDVI_RAMP.stops.length - 1].color);
    // 0.35 is t = 0.5 on [−0.2, 0.9]: between the stops at 0.4 and 0.55, a third of the way.
    const expected = rampColor('ndvi', 0.5);
    for (let c = 0; c < 4; c++) expect(Math.abs(out[20 + c] - expected[c])).toBeLessThanOrEqual(1);
  });
  it('the same colours through the packed 32-bit path and the byte path (unaligned output)', () => {
    const v = new Float32Array(64).map((_, i) => -0.2 + (i * 1.1) / 63);
    const aligned = colorize(v, 'water', -0.2, 0.9, new Uint8ClampedArray(256));
    const backing = new Uint8ClampedArray(257);
    const unaligned = colorize(v, 'water', -0.2, 0.9, backing.subarray(1));
    expect([...unaligned]).toEqual([...aligned]);
  });
  it('NDVI ramp: water (negative) blue, dense vegetation green; water ramp: high values dark blue', () => {
    const [r, g, b] = rampColor('ndvi', 0);
    expect(b).toBeGreaterThan(r);
    const [r2, g2, b2] = rampColor('ndvi', 1);
    expect(g2).toBeGreaterThan(r2);
    expect(g2).toBeGreaterThan(b2);
    void g;
    const [wr, , wb] = rampColor(WATER_RAMP, 1);
    expect(wb).toBeGreaterThan(wr + 50);
  });
  it('legend stops span min..max with #rrggbb colours', () => {
    const l = legendStops('ndvi', -0.2, 0.9, 5);
    expect(l.map((s) => s.value)).toEqual(
      [-0.2, 0.075, 0.35, 0.625, 0.9].map((x) => expect.closeTo(x, 10)) as never,
    );
    expect(l[0].color).toBe('#2166ac');
    expect(l[4].color).toBe('#005428');
  });
});
