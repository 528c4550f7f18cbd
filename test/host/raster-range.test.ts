import { describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/host/raster';

describe('HTTP Range parsing', () => {
  it('reads the three forms', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(parseRange('bytes=500-', 1000)).toEqual([500, undefined]);
    expect(parseRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(parseRange(undefined, 1000)).toBeNull();
  });
  it('rejects a reversed range', () => {
    expect(() => parseRange('bytes=10-5', 1000)).toThrow(/Bad range/);
  });
});
