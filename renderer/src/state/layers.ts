/**
 * How scenes are drawn and compared: the composite stretch per band, the colour ramp chosen for
 * each index, the custom band-math view, the compare setup (a second scene or view, swipe or
 * side by side) and the map layers' order and opacity. Plain JSON only (histograms are short
 * count arrays), so the workspace can persist it; the map controller subscribes and redraws.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { RampId } from '../../../shared/analysis/indices';
import type { Histogram, StretchMode } from '../../../shared/analysis/stretch';
import type { BandRole } from '../../../shared/scene';
import { store } from './store';

/** The custom band-math view's id in the view picker and the store's indexId. */
export const EXPRESSION_VIEW = 'expression';

export type CompareMode = 'off' | 'swipe' | 'split';

export interface CompareState {
  mode: CompareMode;
  /** The second scene (the "after" date, or the same scene in another view). */
  sceneId: string | null;
  viewId: string;
  /** Swipe position, 0–1 of the map's width (left of it: the main scene). */
  swipe: number;
}

export interface ExpressionView {
  text: string;
  range: [number, number];
  ramp: RampId;
}

/** Map layers the panel lists, top first in `order`. */
export type MapLayerId = 'labels' | 'outlines' | 'result' | 'compare' | 'scene';

/** An area of interest: drawn, or a district picked from the boundaries. Rings are lon/lat. */
export interface Aoi {
  kind: 'rectangle' | 'polygon' | 'district';
  /** The district's name (for a picked district). */
  name?: string;
  bbox: [number, number, number, number];
  rings: [number, number][][];
}

export interface LayersState {
  stretchMode: StretchMode;
  lowPct: number;
  highPct: number;
  /** Display range per band role (physical values); absent = the fixed default. */
  ranges: Partial<Record<BandRole, [number, number]>>;
  /** Histograms of the shown composite's bands over the current view. */
  histograms: Partial<Record<BandRole, Histogram>>;
  /** Ramp chosen per index id (absent = the index's own). */
  ramps: Record<string, RampId>;
  /** Index display range chosen per index id (absent = its typical range). */
  indexRanges: Record<string, [number, number]>;
  expression: ExpressionView;
  compare: CompareState;
  order: MapLayerId[];
  opacity: Record<MapLayerId, number>;
  hidden: MapLayerId[];
  aoi: Aoi | null;
  /** Limit flood and water runs to the area of interest. */
  aoiForAnalysis: boolean;
  /** The shape being drawn on the map (not saved). */
  drawing: 'rectangle' | 'polygon' | null;
}

export const initialLayers: LayersState = {
  stretchMode: 'fixed',
  lowPct: 2,
  highPct: 98,
  ranges: {},
  histograms: {},
  ramps: {},
  indexRanges: {},
  expression: { text: '(nir - red) / (nir + red)', range: [-1, 1], ramp: 'ndvi' },
  compare: { mode: 'off', sceneId: null, viewId: 'truecolor', swipe: 0.5 },
  order: ['labels', 'outlines', 'result', 'compare', 'scene'],
  opacity: { labels: 1, outlines: 1, result: 0.75, compare: 1, scene: 1 },
  hidden: [],
  aoi: null,
  aoiForAnalysis: true,
  drawing: null,
};

export const layers = createStore<LayersState>()(() => ({ ...initialLayers }));

export function useLayers<T>(selector: (s: LayersState) => T): T {
  return useStore(layers, selector);
}

export function setStretchMode(stretchMode: StretchMode, pct?: [number, number]): void {
  layers.setState((s) => ({
    stretchMode,
    lowPct: pct?.[0] ?? s.lowPct,
    highPct: pct?.[1] ?? s.highPct,
    ranges: stretchMode === 'fixed' ? {} : s.ranges,
  }));
}

export function setBandRange(role: BandRole, range: [number, number]): void {
  const [a, b] = range;
  if (!(Number.isFinite(a) && Number.isFinite(b)) || a === b) return;
  layers.setState((s) => ({
    stretchMode: 'manual',
    ranges: { ...s.ranges, [role]: [Math.min(a, b), Math.max(a, b)] as [number, number] },
  }));
}

export function setRanges(ranges: Partial<Record<BandRole, [number, number]>>): void {
  layers.setState({ ranges });
}

export function setHistograms(histograms: Partial<Record<BandRole, Histogram>>): void {
  layers.setState({ histograms });
}

export function setRamp(indexId: string, ramp: RampId): void {
  layers.setState((s) => ({ ramps: { ...s.ramps, [indexId]: ramp } }));
}

export function setIndexRange(indexId: string, range: [number, number]): void {
  if (!(range[1] > range[0])) return;
  layers.setState((s) => ({ indexRanges: { ...s.indexRanges, [indexId]: range } }));
}

export function setExpression(e: ExpressionView): void {
  layers.setState({ expression: e });
}

export function setCompare(patch: Partial<CompareState>): void {
  layers.setState((s) => ({
    compare: { ...s.compare, ...patch, swipe: Math.min(1, Math.max(0, patch.swipe ?? s.compare.swipe)) },
  }));
}

export function setLayerOpacity(id: MapLayerId, value: number): void {
  layers.setState((s) => ({ opacity: { ...s.opacity, [id]: Math.min(1, Math.max(0, value)) } }));
}

export function setLayerShown(id: MapLayerId, shown: boolean): void {
  layers.setState((s) => ({ hidden: shown ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] }));
}

/** Moves a layer one place up (-1, towards the top) or down (+1) in the drawing order. */
export function moveLayer(id: MapLayerId, by: -1 | 1): void {
  layers.setState((s) => {
    const i = s.order.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= s.order.length) return {};
    const order = [...s.order];
    [order[i], order[j]] = [order[j], order[i]];
    return { order };
  });
}

/**
 * The one-key before/after toggle: the compare scene (and its view) becomes the main one and the
 * main one the compare scene. The map keeps its view and the inspector its point.
 */
export function swapCompare(): boolean {
  const c = layers.getState().compare;
  const { sceneId, indexId } = store.getState();
  if (!c.sceneId || !sceneId) return false;
  store.setState({ sceneId: c.sceneId, indexId: c.viewId });
  setCompare({ sceneId, viewId: indexId });
  return true;
}

/** The bounding box [w, s, e, n] of lon/lat rings. */
export function ringsBox(rings: [number, number][][]): [number, number, number, number] {
  const pts = rings.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function setAoi(aoi: Omit<Aoi, 'bbox'> | null): void {
  layers.setState({ aoi: aoi ? { ...aoi, bbox: ringsBox(aoi.rings) } : null, drawing: null });
}

export function setDrawing(drawing: LayersState['drawing']): void {
  layers.setState({ drawing });
}

export function setAoiForAnalysis(on: boolean): void {
  layers.setState({ aoiForAnalysis: on });
}

/** The analysis window to send with a flood or water request (undefined = whole scene). */
export function analysisAoi(): [number, number, number, number] | undefined {
  const { aoi, aoiForAnalysis } = layers.getState();
  return aoi && aoiForAnalysis ? aoi.bbox : undefined;
}

/** A drawn polygon's or picked district's rings to send with a request: pixels outside are not counted. */
export function analysisAoiRings(): [number, number][][] | undefined {
  const { aoi, aoiForAnalysis } = layers.getState();
  return aoi && aoiForAnalysis && aoi.kind !== 'rectangle' ? aoi.rings : undefined;
}
