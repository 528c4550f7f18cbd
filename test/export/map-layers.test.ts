/**
 * The export dialog's layer list follows what the map shows: hidden layers are left out, the order
 * is the panel's (bottom first), the index keeps its chosen ramp and range, and only the boundary
 * layers the map draws (one per level, districts and provinces by their toggles) are listed.
 */
import { describe, expect, it } from 'vitest';
import { visibleMapLayers } from '../../renderer/src/panels/export/mapLayers';
import { initialLayers } from '../../renderer/src/state/layers';
import { initialState } from '../../renderer/src/state/store';
import type { BasemapLayer, BoundaryLayer } from '../../shared/contract';

const b = (id: string, level: BoundaryLayer['level']): BoundaryLayer => ({
  id,
  name: id,
  level,
  featureCount: 1,
  attribution: 'x',
  license: 'x',
});
const boundaries = [b('user-districts', 'district'), b('ne-admin1', 'province'), b('ne-admin0', 'country')];
const basemap: BasemapLayer[] = [
  { ...b('ne-neighbours', 'country'), kind: 'neighbours' },
  { ...b('ne-rivers', 'country'), kind: 'rivers' },
  { ...b('geonames-towns', 'country'), kind: 'towns' },
];

describe('visible map layers for an export', () => {
  it('lists land, scene, result and outlines bottom first with their opacities', () => {
    const layers = visibleMapLayers({
      app: { ...initialState, indexId: 'ndwi', opacity: 0.9 },
      panel: { ...initialLayers, ramps: { ndwi: 'turbidity' }, indexRanges: { ndwi: [-0.3, 0.4] } },
      result: { kind: 'flood' },
      boundaries,
      basemap,
    });
    expect(layers).toEqual([
      { type: 'vector', id: 'ne-neighbours', opacity: 1 },
      { type: 'scene', view: 'ndwi', ramp: 'turbidity', range: [-0.3, 0.4], opacity: 0.9 },
      { type: 'result', classes: ['flood', 'cloud'], opacity: 0.75 },
      { type: 'vector', id: 'ne-admin0', opacity: 1 },
      { type: 'vector', id: 'ne-admin1', opacity: 1 },
      { type: 'vector', id: 'user-districts', labels: true, opacity: 1 },
      { type: 'vector', id: 'ne-rivers', opacity: 1 },
      { type: 'vector', id: 'geonames-towns', opacity: 1 },
    ]);
  });

  it('leaves out what is hidden: districts toggled off, labels and the result layer hidden', () => {
    const layers = visibleMapLayers({
      app: { ...initialState, layers: { ...initialState.layers, districts: false } },
      panel: { ...initialLayers, hidden: ['labels', 'result'] },
      result: { kind: 'water' },
      boundaries,
      basemap,
    });
    const ids = layers.map((l) => (l.type === 'vector' ? l.id : l.type));
    expect(ids).toEqual(['ne-neighbours', 'scene', 'ne-admin0', 'ne-admin1', 'ne-rivers']);
    expect(layers.some((l) => l.type === 'vector' && l.labels)).toBe(false);
  });
});
