/** The view picker's rules and the scene filters, against hand-worked cases. */
import { describe, expect, it } from 'vitest';
import { filterScenes, sensorChoices } from '../../renderer/src/map/filter';
import { availableView, findView, viewMissing } from '../../renderer/src/map/views';
import { initialState } from '../../renderer/src/state/store';
import type { SceneSummary } from '../../shared/scene';

const GF1 = ['blue', 'green', 'red', 'nir'] as const;
const S2 = ['blue', 'green', 'red', 'nir', 'swir16', 'swir22'] as const;

describe('views', () => {
  it('names the band a GF-1 scene lacks for the SWIR indices', () => {
    const v = (id: string) => {
      const view = findView(id);
      if (!view) throw new Error(id);
      return view;
    };
    expect(viewMissing(v('mndwi'), GF1)).toEqual(['swir16']);
    expect(viewMissing(v('awei-nsh'), GF1)).toEqual(['swir16', 'swir22']);
    expect(viewMissing(v('ndwi'), GF1)).toEqual([]);
    expect(viewMissing(v('mndwi'), S2)).toEqual([]);
    expect(viewMissing(v('truecolor'), ['nir', 'red', 'green'])).toEqual(['blue']);
  });

  it('keeps the chosen view when the scene has its bands, else falls back to one it can show', () => {
    expect(availableView('ndvi', [...GF1])).toBe('ndvi');
    expect(availableView('mndwi', [...GF1])).toBe('truecolor');
    // Pucallpa composites: swir16, nir, red, green and no blue → false colour first.
    expect(availableView('truecolor', ['swir16', 'nir', 'red', 'green'])).toBe('falsecolor');
  });
});

describe('scene filters', () => {
  const scene = (
    id: string,
    datetime: string | null,
    cloudCover: number | null,
    sensor: string,
  ): SceneSummary => ({
    id,
    title: id,
    datetime,
    cloudCover,
    sensor,
    bbox: [67, 26, 68, 27],
    synthetic: true,
    drawable: true,
    source: 'sample',
    roles: [],
    notices: [],
  });
  const all = [
    scene('a', '2022-06-15T05:50:00Z', 0, 'msi'),
    scene('b', '2022-08-30T05:50:00Z', 9.2, 'msi'),
    scene('c', '2022-09-01T06:00:00Z', 4, 'wfv'),
    scene('d', null, null, 'tm'),
  ];
  const ids = (f: Partial<typeof initialState.filters>) =>
    filterScenes(all, { ...initialState.filters, ...f }).map((s) => s.id);

  it('filters by date range (whole days), cloud and sensor', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ from: '2022-08-30' })).toEqual(['b', 'c']);
    expect(ids({ to: '2022-08-30' })).toEqual(['a', 'b']);
    // A scene of unknown cloud cover cannot pass a cloud limit (it is listed without one).
    expect(ids({ maxCloud: 5 })).toEqual(['a', 'c']);
    expect(ids({ maxCloud: 100 })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ sensor: 'msi' })).toEqual(['a', 'b']);
    // Sensor names compare without case.
    expect(ids({ sensor: 'TM' })).toEqual(['d']);
  });

  it('lists "TM" and "tm" as one sensor, spelled as most scenes spell it', () => {
    const tm = [scene('e', null, 1, 'TM'), scene('f', null, 1, 'TM'), ...all];
    expect(sensorChoices(tm)).toEqual([
      { key: 'msi', name: 'msi' },
      { key: 'tm', name: 'TM' },
      { key: 'wfv', name: 'wfv' },
    ]);
  });
});
