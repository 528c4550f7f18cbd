import { describe, expect, it } from 'vitest';
import { normalizeRole } from '../../shared/scene';

describe('band roles', () => {
  it('accepts eo common names and the usual aliases', () => {
    expect(normalizeRole('NIR')).toBe('nir');
    expect(normalizeRole(' swir1 ')).toBe('swir16');
    expect(normalizeRole('swir2')).toBe('swir22');
    expect(normalizeRole('rededge071')).toBe('rededge071');
  });
  it('refuses anything else, including Object.prototype names', () => {
    expect(normalizeRole('constructor')).toBeNull();
    expect(normalizeRole('toString')).toBeNull();
    expect(normalizeRole('band1')).toBeNull();
    expect(normalizeRole('')).toBeNull();
    expect(normalizeRole(undefined)).toBeNull();
  });
});
