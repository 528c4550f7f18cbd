/**
 * The one app store: small serializable state only (ids, numbers, strings). Rasters, OpenLayers
 * objects and worker handles live outside it; the map code subscribes and reacts. Actions are
 * module-level functions so map handlers and tests can call them without React.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../../shared/errors';

export type ViewIndexId = 'truecolor' | (string & {});

export interface Filters {
  /** ISO date (yyyy-mm-dd) or '' for open. */
  from: string;
  to: string;
  /** 0–100; 100 = no filter. */
  maxCloud: number;
  /** '' = any sensor. */
  sensor: string;
}

export interface InspectorState {
  lon: number;
  lat: number;
  status: 'loading' | 'ready' | 'outside' | 'error';
  /** One row per band read at the clicked pixel. */
  bands: { name: string; role: string | null; dn: number | null; value: number | null }[];
  index: { id: string; value: number | null } | null;
  message?: string;
  /** Every index the scene's bands allow, at the pixel. */
  indices?: { id: string; value: number | null }[];
  /** Class at the pixel (flooded, permanent_water, cloud, nodata…; null: no result shown). */
  maskClass?: string | null;
  /** The compare scene read at the same point, when comparing. */
  compare?: Omit<InspectorState, 'lon' | 'lat' | 'compare'> & { sceneId: string; title: string };
  /** Title of the main scene read. */
  title?: string;
}

export interface Toast extends ErrorData {
  id: number;
  /** Sticky toasts stay until dismissed (e.g. catalog problems). */
  sticky?: boolean;
  /** What the toast is about ('view': drawing the shown scene); cleared when that is fixed. */
  scope?: string;
}

export interface LayerVisibility {
  scene: boolean;
  districts: boolean;
  provinces: boolean;
  labels: boolean;
}

export interface AppState {
  sceneId: string | null;
  indexId: ViewIndexId;
  opacity: number;
  filters: Filters;
  /** extent: what the map shows, in lon/lat [w, s, e, n] (null before the first frame). */
  view: { center: [number, number]; zoom: number; extent: [number, number, number, number] | null };
  layers: LayerVisibility;
  inspector: InspectorState | null;
  toasts: Toast[];
  /** True while the shown view waits for its first tiles. */
  busy: boolean;
}

export const initialState: AppState = {
  sceneId: null,
  indexId: 'truecolor',
  opacity: 1,
  filters: { from: '', to: '', maxCloud: 100, sensor: '' },
  // Pakistan, whole country in view.
  view: { center: [69.35, 30.35], zoom: 6, extent: null },
  layers: { scene: true, districts: true, provinces: true, labels: true },
  inspector: null,
  toasts: [],
  busy: false,
};

export const store = createStore<AppState>()(() => ({ ...initialState }));

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(store, selector);
}

export function selectScene(id: string | null): void {
  // Problems drawing the previous scene are not about this one.
  store.setState((s) => ({
    sceneId: id,
    inspector: null,
    toasts: s.toasts.filter((t) => t.scope !== 'view'),
  }));
}

export function setIndex(id: ViewIndexId): void {
  store.setState({ indexId: id });
}

export function setOpacity(opacity: number): void {
  store.setState({ opacity: Math.min(1, Math.max(0, opacity)) });
}

export function setFilters(patch: Partial<Filters>): void {
  store.setState((s) => ({ filters: { ...s.filters, ...patch } }));
}

export function setView(
  center: [number, number],
  zoom: number,
  extent: [number, number, number, number] | null = null,
): void {
  store.setState({ view: { center, zoom, extent } });
}

export function setLayerVisible(layer: keyof LayerVisibility, visible: boolean): void {
  store.setState((s) => ({ layers: { ...s.layers, [layer]: visible } }));
}

export function setBusy(busy: boolean): void {
  if (store.getState().busy !== busy) store.setState({ busy });
}

export function setInspector(inspector: InspectorState | null): void {
  store.setState({ inspector });
}

let toastSeq = 0;

/** Show an error or notice; same code+message is not stacked twice. Returns the toast id. */
export function pushToast(error: ErrorData, opts: { sticky?: boolean; scope?: string } = {}): number {
  const existing = store.getState().toasts.find((t) => t.code === error.code && t.message === error.message);
  if (existing) return existing.id;
  const id = ++toastSeq;
  const toast: Toast = {
    id,
    code: error.code,
    message: error.message,
    hint: error.hint,
    sticky: opts.sticky,
    scope: opts.scope,
  };
  store.setState((s) => ({ toasts: [...s.toasts.slice(-4), toast] }));
  if (!opts.sticky) setTimeout(() => dismissToast(id), 12_000);
  return id;
}

export function dismissToast(id: number): void {
  store.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** Removes the toasts about one thing (e.g. a scene's missing band once its roles are fixed). */
export function dismissToastsOf(scope: string): void {
  store.setState((s) => ({ toasts: s.toasts.filter((t) => t.scope !== scope) }));
}
