/**
 * The layers store's pure parts: what the workers are asked to draw for each view (displayMode),
 * the before/after swap, and reading a saved workspace back (bad fields fall back to defaults).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { displayMode } from '../../renderer/src/map/displayMode';
import {
  EXPRESSION_VIEW,
  initialLayers,
  layers,
  moveLayer,
  setBandRange,
  setCompare,
  swapCompare,
} from '../../renderer/src/state/layers';
import { layersFromSaved } from '../../renderer/src/state/layersSaved';
import { initialState, store } from '../../renderer/src/state/store';

beforeEach(() => {
  layers.setState({ ...initialLayers });
  store.setState({ ...initialState });
});

describe('display mode', () => {
  it('draws a composite with the fixed stretch until every band has a range', () => {
    expect(displayMode('truecolor', layers.getState())?.mode).toEqual({
      kind: 'rgb',
      roles: ['red', 'green', 'blue'],
    });
    setBandRange('red', [0.2, 0.02]); // ends given in either order
    expect(displayMode('truecolor', layers.getState())?.mode).toEqual({
      kind: 'rgb',
      roles: ['red', 'green', 'blue'],
    });
    setBandRange('green', [0.01, 0.2]);
    setBandRange('blue', [0, 0.1]);
    const d = displayMode('truecolor', layers.getState());
    expect(d?.mode).toEqual({
      kind: 'rgb',
      roles: ['red', 'green', 'blue'],
      stretch: { red: [0.02, 0.2], green: [0.01, 0.2], blue: [0, 0.1] },
      linear: true,
    });
    // Another composite reads other bands: nir has no range yet → fixed.
    expect(displayMode('falsecolor', layers.getState())?.key).toBe('falsecolor|default');
  });

  it('gives an index its chosen ramp and range, and the band-math view its expression', () => {
    layers.setState({ ramps: { ndvi: 'water' }, indexRanges: { ndvi: [0, 0.8] } });
    expect(displayMode('ndvi', layers.getState())?.mode).toEqual({
      kind: 'index',
      index: 'ndvi',
      range: [0, 0.8],
      ramp: 'water',
    });
    expect(displayMode(EXPRESSION_VIEW, layers.getState())?.mode).toEqual({
      kind: 'expression',
      text: '(nir - red) / (nir + red)',
      range: [-1, 1],
      ramp: 'ndvi',
    });
    expect(displayMode('no-such-view', layers.getState())).toBeNull();
  });
});

describe('compare and order', () => {
  it('swaps the main and the compare scene with their views', () => {
    store.setState({ sceneId: 'pre', indexId: 'truecolor' });
    expect(swapCompare()).toBe(false); // nothing to compare with yet
    setCompare({ sceneId: 'post', viewId: 'mndwi', mode: 'swipe' });
    expect(swapCompare()).toBe(true);
    expect(store.getState()).toMatchObject({ sceneId: 'post', indexId: 'mndwi' });
    expect(layers.getState().compare).toMatchObject({ sceneId: 'pre', viewId: 'truecolor', mode: 'swipe' });
  });

  it('moves layers within the stack and clamps the swipe', () => {
    moveLayer('scene', -1);
    expect(layers.getState().order.slice(-2)).toEqual(['scene', 'compare']);
    moveLayer('labels', -1); // already on top
    expect(layers.getState().order[0]).toBe('labels');
    setCompare({ swipe: 1.7 });
    expect(layers.getState().compare.swipe).toBe(1);
  });
});

describe('saved workspace', () => {
  it('restores what was saved and drops what is malformed', () => {
    const saved = {
      stretchMode: 'manual',
      ranges: { red: [0.01, 0.25], nir: [0.5, 0.1], bogus: [0, 1] },
      ramps: { ndvi: 'burn', ndwi: 'rainbow' },
      expression: { text: 'nir - red', range: [-0.5, 0.5], ramp: 'water' },
      compare: { mode: 'split', sceneId: 'x', viewId: 'ndvi', swipe: 3 },
      order: ['scene', 'compare', 'result', 'outlines', 'labels'],
      opacity: { scene: 0.4, labels: 7 },
      hidden: ['labels', 'nonsense'],
    };
    const r = layersFromSaved(saved);
    expect(r.stretchMode).toBe('manual');
    expect(r.ranges).toEqual({ red: [0.01, 0.25] });
    expect(r.ramps).toEqual({ ndvi: 'burn' });
    expect(r.expression).toEqual({ text: 'nir - red', range: [-0.5, 0.5], ramp: 'water' });
    expect(r.compare).toEqual({ mode: 'split', sceneId: 'x', viewId: 'ndvi', swipe: 0.5 });
    expect(r.order).toEqual(saved.order);
    expect(r.opacity.scene).toBe(0.4);
    expect(r.opacity.labels).toBe(1);
    expect(r.hidden).toEqual(['labels']);
    expect(layersFromSaved('garbage')).toMatchObject({
      stretchMode: 'fixed',
      compare: initialLayers.compare,
    });
  });
});
