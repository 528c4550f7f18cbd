/**
 * The panels' pure logic, without a browser: the source form's checks (what a user may type per
 * kind), source ids, and how the engine's summary and district rows are read and copied.
 */
import { describe, expect, it } from 'vitest';
import { readSummary, sortZones, zonesTsv } from '../../renderer/src/panels/analysis/summary';
import { draftToConfig, newSourceId, validateDraft } from '../../renderer/src/panels/sources/kinds';

const draft = (kind: 'folder' | 'stac' | 'stac-api' | 'cresda', location: string, name = 'X') => ({
  kind,
  name,
  location,
  collections: '',
});

describe('source form checks', () => {
  it('accepts what each kind reads and refuses the rest with a reason', () => {
    expect(validateDraft(draft('folder', '/data/sindh'))).toEqual({});
    expect(validateDraft(draft('folder', 'C:\\\\imagery\\\\sindh'))).toEqual({});
    expect(validateDraft(draft('folder', 'https://example.org/x')).location).toMatch(/path, not a URL/);
    expect(validateDraft(draft('cresda', '/data/GF1_WFV1.tar.gz'))).toEqual({});
    expect(validateDraft(draft('stac', '/data/catalog.json'))).toEqual({});
    expect(validateDraft(draft('stac', 'https://example.org/catalog.json'))).toEqual({});
    expect(validateDraft(draft('stac', 'ftp://example.org/catalog.json')).location).toMatch(/http/);
    expect(validateDraft(draft('stac-api', 'https://earth-search.aws.element84.com/v1'))).toEqual({});
    expect(validateDraft(draft('stac-api', '/data/api')).location).toMatch(/http:\/\/ or https:\/\//);
    expect(validateDraft(draft('stac-api', 'http://')).location).toBeDefined();
    expect(validateDraft(draft('folder', '   ')).location).toMatch(/path/);
    expect(validateDraft(draft('folder', '/x', '  ')).name).toMatch(/name/);
    expect(
      validateDraft({ ...draft('stac-api', 'https://x.org'), collections: 'sentinel 2' }).collections,
    ).toBeDefined();
  });

  it('makes readable unique ids and trims what is saved', () => {
    expect(newSourceId('Sindh floods 2022 (SUPARCO)', [])).toBe('sindh-floods-2022-suparco');
    expect(newSourceId('E2E folder', ['e2e-folder', 'e2e-folder-2'])).toBe('e2e-folder-3');
    expect(newSourceId('***', [])).toBe('source');
    expect(
      draftToConfig(
        { kind: 'stac-api', name: ' API ', location: ' https://x.org ', collections: 'a, b,' },
        'api',
        true,
      ),
    ).toEqual({
      id: 'api',
      kind: 'stac-api',
      name: 'API',
      location: 'https://x.org',
      enabled: true,
      collections: ['a', 'b'],
    });
    expect(draftToConfig(draft('folder', '/d'), 'f', false)).toEqual({
      id: 'f',
      kind: 'folder',
      name: 'X',
      location: '/d',
      enabled: false,
    });
  });
});

describe('analysis summary', () => {
  // The shape electron/engine/report.ts writes for a flood run (values typed in by hand).
  const flood = {
    kind: 'flood',
    index: 'MNDWI',
    area: { pixels: 1213180, m2: 121318000, km2: 121.318, ha: 12131.8 },
    cropland: { pixels: 619900, m2: 61990000, km2: 61.99, ha: 6199 },
    validArea: { km2: 368.9, ha: 36890 },
    thresholds: {
      post: { value: 0.133, method: 'tiled-otsu' },
      pre: { value: 0.18, method: 'tiled-otsu' },
      ndviPre: 0.3,
    },
    scenes: {
      pre: { id: 'sample:PRE', datetime: '2022-06-15T05:30:00Z' },
      post: { id: 'sample:POST', datetime: '2022-08-30T05:30:00Z' },
    },
    synthetic: true,
  };

  it('reads areas, thresholds and dates, and leaves missing fields empty rather than zero', () => {
    const s = readSummary('flood', flood);
    expect(s.areaKm2).toBe(121.318);
    expect(s.areaHa).toBe(12131.8);
    expect(s.croplandKm2).toBe(61.99);
    expect(s.thresholds.map((t) => [t.label, t.value, t.method])).toEqual([
      ['after', 0.133, 'tiled-otsu'],
      ['before', 0.18, 'tiled-otsu'],
    ]);
    expect(s.ndviThreshold).toBe(0.3);
    expect(s.dates.map((d) => [d.label, d.date])).toEqual([
      ['Before', '2022-06-15T05:30:00Z'],
      ['After', '2022-08-30T05:30:00Z'],
    ]);
    expect(s.synthetic).toBe(true);
    const empty = readSummary('water', { area: { km2: 'lots' } });
    expect(empty.areaKm2).toBeNull();
    expect(empty.croplandKm2).toBeNull();
    expect(empty.thresholds).toEqual([]);
  });

  it('sorts districts by affected area and copies them as tab-separated text', () => {
    const zones = [
      { id: '2', name: 'Dadu', zoneKm2: 8000, km2: 3.49, ha: 349, sharePct: 0.0436, croplandKm2: 1.06 },
      {
        id: '1',
        name: 'Jamshoro',
        zoneKm2: 10800,
        km2: 117.8,
        ha: 11780,
        sharePct: 1.09,
        croplandKm2: 60.94,
      },
      { id: '3', name: 'Tab\tName', zoneKm2: 1, km2: 0, ha: 0, sharePct: null },
    ];
    expect(sortZones(zones).map((z) => z.name)).toEqual(['Jamshoro', 'Dadu', 'Tab\tName']);
    expect(zonesTsv('flood', zones)).toBe(
      'District\tflooded km2\tflooded ha\t% of district\tflooded cropland km2\n' +
        'Jamshoro\t117.800\t11780.0\t1.09\t60.940\n' +
        'Dadu\t3.490\t349.0\t0.04\t1.060\n' +
        'Tab Name\t0.000\t0.0\t\t\n',
    );
  });
});
