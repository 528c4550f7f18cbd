/**
 * The map and everything on it, driven by the stores: boundaries (offline base), scene footprints,
 * the selected scene rendered by the worker pool, the pixel inspector. React only provides the
 * element; OpenLayers objects never enter the stores.
 */

import { defaults as defaultControls, MousePosition, ScaleLine } from 'ol/control';
import { containsCoordinate } from 'ol/extent';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import { fromExtent } from 'ol/geom/Polygon';
import LayerGroup from 'ol/layer/Group';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat, toLonLat, transform, transformExtent } from 'ol/proj';
import type ImageTileSource from 'ol/source/ImageTile';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import View from 'ol/View';
import { toErrorData } from '../../../shared/errors';
import { bandForRole, type Scene, type SceneBand, type SceneSummary } from '../../../shared/scene';
import { formatLonLat } from '../components/format';
import { logTile, mark, perf } from '../perf/marks';
import { catalog, getScene } from '../state/catalog';
import { pushToast, selectScene, setBusy, setIndex, setInspector, setView, store } from '../state/store';
import { tilePool } from '../workers/pool';
import type { PixelResult } from '../workers/protocol';
import { loadBoundaryLayers } from './boundaries';
import { filterScenes } from './filter';
import { ensureProjection } from './projection';
import { attachResultLayer } from './resultLayer';
import { createSceneSource, renderMode, sceneExtent, toRenderBand } from './sceneLayer';
import { availableView, findView } from './views';

export interface MapController {
  map: OlMap;
  dispose(): void;
}

declare global {
  interface Window {
    __nigahTest?: {
      /** Viewport CSS pixel of a lon/lat (for page.mouse / screenshots). */
      toPixel(lon: number, lat: number): [number, number];
      selectScene(id: string | null): void;
      /** Picks a view (true colour, an index id). */
      selectView(id: string): void;
      centerOn(lon: number, lat: number, zoom: number): void;
      state(): unknown;
      /** Resolves when the map has finished rendering everything in view. */
      idle(): Promise<void>;
    };
  }
}

const FOOTPRINT = new Style({
  // Outline only: a fill would tint the scene drawn underneath (and the colours read off it).
  stroke: new Stroke({ color: 'rgba(180, 83, 9, 0.9)', width: 1.2, lineDash: [5, 4] }),
});
const FOOTPRINT_SELECTED = new Style({ stroke: new Stroke({ color: '#b45309', width: 2 }) });
const MARKER = new Style({
  image: new Circle({
    radius: 6,
    stroke: new Stroke({ color: '#fff', width: 2 }),
    fill: new Fill({ color: '#e11d48' }),
  }),
});

function report(e: unknown): void {
  const d = toErrorData(e);
  if (d.code === 'CANCELLED') return;
  setBusy(false);
  pushToast(d);
}

export function createMapController(target: HTMLElement, mouseTarget: HTMLElement): MapController {
  const { center, zoom } = store.getState().view;
  const pool = tilePool();
  // Explicit z-indexes: OpenLayers sorts all layers by zIndex across groups, so the scene slots'
  // own ordering (10/11) must sit between the land fill and the outlines.
  const land = new LayerGroup({ zIndex: 0, properties: { role: 'land' } });
  const scenes = new LayerGroup({ properties: { role: 'scenes' } });
  const outlines = new LayerGroup({ zIndex: 30, properties: { role: 'outlines' } });
  const labels = new LayerGroup({ zIndex: 40, properties: { role: 'labels' } });
  const footprintSource = new VectorSource();
  const footprints = new VectorLayer({
    source: footprintSource,
    style: (f) => (f.get('selected') ? FOOTPRINT_SELECTED : FOOTPRINT),
    zIndex: 20,
    properties: { role: 'footprints' },
  });
  const markerSource = new VectorSource();
  const marker = new VectorLayer({
    source: markerSource,
    style: MARKER,
    zIndex: 50,
    properties: { role: 'marker' },
  });

  const map = new OlMap({
    target,
    layers: [land, scenes, footprints, outlines, labels, marker],
    view: new View({ center: fromLonLat(center), zoom, maxZoom: 19, minZoom: 3 }),
    controls: defaultControls({ attribution: true, attributionOptions: { collapsible: true } }).extend([
      new ScaleLine({ units: 'metric' }),
      new MousePosition({
        projection: 'EPSG:4326',
        target: mouseTarget,
        placeholder: 'lon, lat',
        coordinateFormat: (c) => (c ? formatLonLat(c[0], c[1]) : ''),
      }),
    ]),
  });

  let disposed = false;
  const unsubs: (() => void)[] = [attachResultLayer(map)];

  function applyVisibility(): void {
    const v = store.getState().layers;
    scenes.setVisible(v.scene);
    labels.setVisible(v.labels);
    for (const l of outlines.getLayers().getArray()) {
      const level = l.get('level');
      if (level === 'district') l.setVisible(v.districts);
      if (level === 'province') l.setVisible(v.provinces);
    }
  }

  // --- first frame and boundaries ---------------------------------------------------------------
  let boundariesReady = false;
  map.on('postrender', function first() {
    if (!boundariesReady) return;
    map.un('postrender', first);
    mark('mapFirstFrame');
  });
  loadBoundaryLayers(report, (l) => {
    if (disposed) return;
    if (l.land) land.getLayers().push(l.land);
    outlines.getLayers().push(l.outline);
    if (l.label) labels.getLayers().push(l.label);
    applyVisibility();
    // The first frame with any outline is the first map frame (see the postrender hook above).
    boundariesReady = true;
    map.render();
  }).then(() => {
    if (disposed) return;
    boundariesReady = true;
    mark('boundariesDrawn');
    map.render();
  });

  // --- footprints of the (filtered) catalog -----------------------------------------------------
  function drawFootprints(): void {
    const { list, scenes: details } = catalog.getState();
    const { filters, sceneId } = store.getState();
    footprintSource.clear();
    const shown: SceneSummary[] = filterScenes(list.scenes, filters);
    footprintSource.addFeatures(
      shown.map((s) => {
        // The full metadata's bbox (checked against the files by the host) wins over the list's.
        const bbox = details[s.id]?.bbox ?? s.bbox;
        const f = new Feature(fromExtent(transformExtent(bbox, 'EPSG:4326', 'EPSG:3857')));
        f.setId(s.id);
        f.set('selected', s.id === sceneId);
        return f;
      }),
    );
  }
  unsubs.push(catalog.subscribe((s, p) => (s.list !== p.list || s.scenes !== p.scenes) && drawFootprints()));
  unsubs.push(
    store.subscribe((s, p) => (s.filters !== p.filters || s.sceneId !== p.sceneId) && drawFootprints()),
  );
  drawFootprints();

  // --- idle warm-up ------------------------------------------------------------------------------
  // Scenes on local disk: once their metadata has been prefetched, every worker opens their colour
  // bands' files (header and tile index, no pixels), so choosing one goes straight to decoding.
  // Remote scenes are left alone: no traffic for scenes nobody opened.
  const warmed = new Set<string>();
  function warmLocal(): void {
    for (const s of Object.values(catalog.getState().scenes)) {
      if (warmed.has(s.id) || warmed.size >= 8) continue;
      warmed.add(s.id);
      const rgb = (['red', 'green', 'blue'] as const).map((r) => bandForRole(s, r));
      if (rgb.every((b) => b?.href.startsWith('file:')))
        pool.warm(rgb.map((b) => toRenderBand(b as SceneBand)));
    }
  }
  unsubs.push(catalog.subscribe((s, p) => s.scenes !== p.scenes && warmLocal()));

  // --- the selected scene -----------------------------------------------------------------------
  // Two persistent layers: a new view of the same scene loads into the idle one and replaces the
  // shown one only when it has pixels (no blank flash).
  const slots = [0, 1].map(
    () =>
      new TileLayer<ImageTileSource>({
        opacity: store.getState().opacity,
        zIndex: 10,
        properties: { role: 'scene' },
      }),
  );
  for (const l of slots) scenes.getLayers().push(l);
  let shown = 0;
  let current: { sceneId: string; viewId: string } | null = null;
  let currentScene: Scene | null = null;
  let token = 0;
  let generation = new AbortController();

  function clearSlots(): void {
    for (const l of slots) l.setSource(null);
  }

  async function showScene(): Promise<void> {
    const { sceneId, indexId } = store.getState();
    const my = ++token;
    if (!sceneId) {
      setBusy(false);
      generation.abort();
      clearSlots();
      current = null;
      currentScene = null;
      return;
    }
    if (current && current.sceneId === sceneId && current.viewId === indexId) return;
    const sceneChanged = current?.sceneId !== sceneId;
    const requestedAt = performance.now();
    generation.abort();
    generation = new AbortController();
    const gen = generation.signal;
    if (sceneChanged) {
      clearSlots();
      current = null;
    }
    let scene: Scene;
    try {
      scene = await getScene(sceneId);
    } catch (e) {
      report(e);
      return;
    }
    if (my !== token) return;
    currentScene = scene;
    if (!scene.drawable) {
      pushToast({
        code: 'NEEDS_ORTHO',
        message: `${scene.title} cannot be drawn on the map.`,
        hint: scene.notices.join(' ') || 'It is not map-projected; orthorectify it first.',
      });
      return;
    }
    const roles = scene.bands.map((b) => b.role).filter((r): r is NonNullable<typeof r> => r !== null);
    const viewId = availableView(indexId, roles);
    if (viewId !== indexId) {
      // The subscription calls showScene again with a view this scene can show.
      setIndex(viewId);
      return;
    }
    mark(sceneChanged ? 'sceneRequested' : 'viewRequested', requestedAt);
    setBusy(true);
    if (sceneChanged) {
      try {
        ensureProjection(scene.crs);
      } catch (e) {
        report(e);
        return;
      }
      const ext = transformExtent(scene.bbox, 'EPSG:4326', 'EPSG:3857');
      // Bottom padding keeps the scene clear of the legend and the pixel panel.
      map.getView().fit(ext, { padding: [40, 60, 210, 60], duration: 0, maxZoom: 15 });
    }
    const mode = renderMode(viewId);
    const handle = createSceneSource(
      scene,
      viewId,
      mode,
      pool,
      {
        onError: report,
        onTile: (key, asked, r) =>
          logTile({ key, asked, done: performance.now(), ms: r.ms, filled: r.filled }),
      },
      gen,
    );
    const next = sceneChanged ? shown : 1 - shown;
    const layer = slots[next];
    layer.setZIndex(11);
    slots[1 - next].setZIndex(10);
    layer.setSource(handle.source);
    const size = map.getSize();
    const resolution = map.getView().getResolution();
    if (size && resolution) handle.prefetch(map.getView().calculateExtent(size), resolution);
    current = { sceneId, viewId };
    const onRender = () => {
      if (my !== token) {
        layer.un('postrender', onRender);
        return;
      }
      if (!handle.hasData()) return;
      layer.un('postrender', onRender);
      perf.sceneId = sceneId;
      perf.viewId = viewId;
      mark(sceneChanged ? 'sceneFirstPixels' : 'viewFirstPixels');
      setBusy(false);
      if (next !== shown) slots[shown].setSource(null);
      shown = next;
    };
    layer.on('postrender', onRender);
  }

  unsubs.push(
    store.subscribe((s, p) => {
      if (s.sceneId !== p.sceneId || s.indexId !== p.indexId) {
        if (s.sceneId !== p.sceneId) markerSource.clear();
        void showScene();
      }
      if (s.opacity !== p.opacity) for (const l of slots) l.setOpacity(s.opacity);
      if (s.layers !== p.layers) applyVisibility();
      if (s.indexId !== p.indexId && s.inspector && currentScene)
        void inspect(s.inspector.lon, s.inspector.lat);
    }),
  );
  void showScene();

  // --- pixel inspector / click to select --------------------------------------------------------
  async function inspect(lon: number, lat: number): Promise<void> {
    const scene = currentScene;
    if (!scene) return;
    const { indexId } = store.getState();
    const view = findView(indexId);
    const index = view?.type === 'index' ? view.def.id : null;
    const [x, y] = transform([lon, lat], 'EPSG:4326', ensureProjection(scene.crs));
    markerSource.clear();
    markerSource.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
    if (!containsCoordinate(sceneExtent(scene), [x, y])) {
      setInspector({ lon, lat, status: 'outside', bands: [], index: null, message: 'Outside the scene.' });
      return;
    }
    setInspector({ lon, lat, status: 'loading', bands: [], index: null });
    try {
      const r = await pool.request<PixelResult>({
        type: 'pixel',
        bands: scene.bands.map(toRenderBand),
        x,
        y,
        index,
      });
      setInspector({
        lon,
        lat,
        status: r.inside ? 'ready' : 'outside',
        bands: r.bands,
        index: index ? { id: index, value: r.index } : null,
      });
    } catch (e) {
      const d = toErrorData(e);
      setInspector({
        lon,
        lat,
        status: 'error',
        bands: [],
        index: null,
        message: `${d.message} ${d.hint ?? ''}`,
      });
    }
  }

  map.on('singleclick', (ev) => {
    const [lon, lat] = toLonLat(ev.coordinate);
    const selected = store.getState().sceneId;
    const hits = footprintSource.getFeaturesAtCoordinate(ev.coordinate).map((f) => String(f.getId()));
    if (selected && currentScene?.id === selected) {
      const ext = transformExtent(currentScene.bbox, 'EPSG:4326', 'EPSG:3857');
      if (containsCoordinate(ext, ev.coordinate)) {
        void inspect(lon, lat);
        return;
      }
    }
    if (hits.length) selectScene(hits[0]);
  });

  // Everything in view has loaded (also when it was all no-data, so no first pixels will come).
  map.on('rendercomplete', () => setBusy(false));

  map.on('moveend', () => {
    const v = map.getView();
    const c = toLonLat(v.getCenter() ?? [0, 0]);
    const size = map.getSize();
    const e = size ? transformExtent(v.calculateExtent(size), 'EPSG:3857', 'EPSG:4326') : null;
    const clamp = (x: number, lim: number) => Math.max(-lim, Math.min(lim, x));
    setView(
      [c[0], c[1]],
      v.getZoom() ?? 5,
      e ? [clamp(e[0], 180), clamp(e[1], 90), clamp(e[2], 180), clamp(e[3], 90)] : null,
    );
  });

  window.__nigahTest = {
    toPixel(lon, lat) {
      const px = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
      const rect = target.getBoundingClientRect();
      return [rect.left + px[0], rect.top + px[1]];
    },
    selectScene,
    selectView: setIndex,
    centerOn(lon, lat, zoom) {
      map.getView().setCenter(fromLonLat([lon, lat]));
      map.getView().setZoom(zoom);
    },
    state: () => ({ app: store.getState(), perf: { ...perf } }),
    idle: () =>
      new Promise<void>((resolve) => {
        map.once('rendercomplete', () => resolve());
        map.render();
      }),
  };

  return {
    map,
    dispose() {
      disposed = true;
      for (const u of unsubs) u();
      map.setTarget(undefined);
    },
  };
}
