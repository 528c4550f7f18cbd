/**
 * The layers store in the saved workspace: stretch, ramps, band math, compare and the layer stack
 * (not the histograms, which are recomputed for the view).
 */
import { layers } from './layers';
import { layersFromSaved } from './layersSaved';
import { registerWorkspaceSlice } from './workspace';

registerWorkspaceSlice('layers', {
  save() {
    const { histograms: _h, drawing: _d, ...rest } = layers.getState();
    return rest;
  },
  restore(v) {
    layers.setState(layersFromSaved(v));
  },
  subscribe(listener) {
    return layers.subscribe((s, p) => {
      if ((s.histograms === p.histograms && s.drawing === p.drawing) || s.ranges !== p.ranges) listener();
    });
  },
});
