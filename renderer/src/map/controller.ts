/**
 * The map and everything on it, driven by the stores: boundaries (offline base), scene footprints,
 * the selected scene and the compare scene rendered by the worker pool, the layers' order, the
 * pixel inspector. React only provides the elements; OpenLayers objects never enter the stores.
 */

import { defaults as defaultControls, MousePosition, ScaleLine } from 'ol/control';
import { containsCoordinate } from 'ol/extent';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import { fromExtent } from 'ol/geom/Polygon';
import type BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import View from 'ol/View';
import { toErrorData } from '../../../shared/errors';
import { bandForRole, type Scene, type SceneBand, type SceneSummary } from '../../../shared/scene';
import { formatLonLat } from '../components/format';
import { logTile, mark, perf } from '../perf/marks';
import { catalog, getScene } from '../state/catalog';
import { EXPRESSION_VIEW, type LayersState, layers, type MapLayerId } from '../state/layers';
import { panels } from '../state/panels';
import { pushToast, selectScene, setBusy, setIndex, setView, store } from '../state/store';
import { viewRestored } from '../state/workspace';
import { tilePool } from '../workers/pool';
import { attachAoi, justDrew } from './aoi';
import { loadBoundaryLayers } from './boundaries';
import { attachCloudLayer } from './cloudLayer';
import { attachCompare } from './compare';
import { filterScenes } from './filter';
import { footprintStyle } from './footprintStyle';
import { attachHistograms } from './histograms';
import { inspectAt } from './inspector';
import { attachResultLayer } from './resultLayer';
import { SceneDisplay } from './sceneDisplay';
import { toRenderBand } from './sceneLayer';
import { installTestHooks } from './testHooks';
import { availableView } from './views';

export interface MapController {
  map: OlMap;
  dispose(): void;
}

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
  pushToast(d, { scope: 'view' });
}

/** Whether a newly chosen scene should be zoomed to: not when the view's centre is already on it. */
function shouldFit(map: OlMap, scene: Scene): boolean {
  const c = map.getView().getCenter();
  if (!c) return true;
  return !containsCoordinate(transformExtent(scene.bbox, 'EPSG:4326', 'EPSG:3857'), c);
}

/**
 * Drawing order from the layers panel (top first): each layer's z-index is its slot's base plus its
 * own offset within the slot (boundary outlines keep their order by level). Land stays at the
 * bottom; footprints and the marker on top.
 */
function applyOrder(
  map: OlMap,
  l: LayersState,
  d: { scene: SceneDisplay; compare: SceneDisplay; outlines: LayerGroup; labels: LayerGroup },
): void {
  const base = (id: MapLayerId) => (l.order.length - l.order.indexOf(id)) * 100;
  d.scene.setZIndex(base('scene'));
  d.compare.setZIndex(base('compare'));
  const place = (layer: BaseLayer, slot: MapLayerId) => {
    if (layer.get('z0') === undefined) layer.set('z0', layer.getZIndex() ?? 0);
    layer.setZIndex(base(slot) + ((layer.get('z0') as number) % 10));
    if (slot !== 'result') layer.setOpacity(l.opacity[slot]);
  };
  for (const layer of d.outlines.getLayers().getArray()) place(layer, 'outlines');
  for (const layer of d.labels.getLayers().getArray()) place(layer, 'labels');
  for (const layer of map.getLayers().getArray()) if (layer.get('role') === 'result') place(layer, 'result');
  // Clouds of an index view sit right above the scene they belong to.
  for (const layer of map.getLayers().getArray())
    if (layer.get('role') === 'clouds') layer.setZIndex(base('scene') + 50);
  d.scene.setOpacity(l.hidden.includes('scene') ? 0 : store.getState().opacity);
  d.compare.setOpacity(l.hidden.includes('compare') ? 0 : l.opacity.compare);
}

export function createMapController(
  target: HTMLElement,
  mouseTarget: HTMLElement,
  splitTarget: HTMLElement,
): MapController {
  const { center, zoom } = store.getState().view;
  const pool = tilePool();
  const land = new LayerGroup({ zIndex: 0, properties: { role: 'land' } });
  const outlines = new LayerGroup({ properties: { role: 'outlines' } });
  const labels = new LayerGroup({ properties: { role: 'labels' } });
  const footprintSource = new VectorSource();
  const footprints = new VectorLayer({
    source: footprintSource,
    style: footprintStyle,
    zIndex: 950,
    properties: { role: 'footprints' },
  });
  const markerSource = new VectorSource();
  const marker = new VectorLayer({ source: markerSource, style: MARKER, zIndex: 1000 });

  const map = new OlMap({
    target,
    layers: [land, outlines, labels, footprints, marker],
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
  const unsubs: (() => void)[] = [attachResultLayer(map), attachCloudLayer(map), attachAoi(map)];

  function applyVisibility(): void {
    const v = store.getState().layers;
    const hidden = layers.getState().hidden;
    main.group.setVisible(v.scene);
    labels.setVisible(v.labels && !hidden.includes('labels'));
    outlines.setVisible(!hidden.includes('outlines'));
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
    applyOrder(map, layers.getState(), stack);
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

  // --- the selected scene and the compare scene -------------------------------------------------
  let shownOnce = false;
  const main: SceneDisplay = new SceneDisplay(
    () => map,
    pool,
    {
      report,
      onBusy: setBusy,
      onRequested: (changed, at) => mark(changed ? 'sceneRequested' : 'viewRequested', at),
      onTile: (key, asked, r) => logTile({ key, asked, done: performance.now(), ms: r.ms, filled: r.filled }),
      onFirstPixels(changed, sceneId, viewId) {
        perf.sceneId = sceneId;
        perf.viewId = viewId;
        mark(changed ? 'sceneFirstPixels' : 'viewFirstPixels');
      },
      onScene(scene, changed) {
        histograms.refresh();
        if (!scene.drawable) {
          pushToast({
            code: 'NEEDS_ORTHO',
            message: `${scene.title} cannot be drawn on the map.`,
            hint: scene.notices.join(' ') || 'It is not map-projected; orthorectify it first.',
          });
          return;
        }
        // The view stays where the analyst was looking when the new scene covers it.
        // A view restored from the last session counts as one the analyst chose.
        if (changed && ((!shownOnce && !viewRestored()) || shouldFit(map, scene))) {
          const ext = transformExtent(scene.bbox, 'EPSG:4326', 'EPSG:3857');
          // Bottom padding keeps the scene clear of the legend and the pixel panel.
          map.getView().fit(ext, { padding: [40, 60, 210, 60], duration: 0, maxZoom: 15 });
        }
        shownOnce = true;
      },
      onUnavailable(_scene, viewId, roles) {
        setBusy(false);
        // The band-math view stays chosen: its box names the missing band.
        if (viewId === EXPRESSION_VIEW) return;
        const fallback = availableView(viewId, roles);
        if (fallback !== viewId) setIndex(fallback);
      },
    },
    10,
    'scene',
  );
  map.addLayer(main.group);
  const compare = attachCompare(map, splitTarget, pool, report);
  const stack = { scene: main, compare: compare.display, outlines, labels };
  const histograms = attachHistograms(map, pool, () => main.scene);
  unsubs.push(compare.dispose, histograms.dispose);
  applyOrder(map, layers.getState(), stack);

  const show = () => {
    const { sceneId, indexId } = store.getState();
    void main.show(sceneId, indexId);
  };
  unsubs.push(
    store.subscribe((s, p) => {
      if (s.sceneId !== p.sceneId || s.indexId !== p.indexId) show();
      if (s.opacity !== p.opacity || s.layers !== p.layers) {
        applyVisibility();
        applyOrder(map, layers.getState(), stack);
      }
      if (!s.inspector && p.inspector) markerSource.clear();
      if (s.inspector && (s.indexId !== p.indexId || s.sceneId !== p.sceneId))
        void reinspect(s.inspector.lon, s.inspector.lat);
    }),
    layers.subscribe((s, p) => {
      if (s.order !== p.order || s.opacity !== p.opacity || s.hidden !== p.hidden) {
        applyVisibility();
        applyOrder(map, s, stack);
      }
      if (
        s.ranges !== p.ranges ||
        s.ramps !== p.ramps ||
        s.indexRanges !== p.indexRanges ||
        s.expression !== p.expression
      )
        show();
      if (s.compare.sceneId !== p.compare.sceneId || s.compare.mode !== p.compare.mode) {
        const ins = store.getState().inspector;
        if (ins) void reinspect(ins.lon, ins.lat);
      }
    }),
    panels.subscribe((s, p) => s.mask !== p.mask && applyOrder(map, layers.getState(), stack)),
  );
  show();

  // --- pixel inspector / click to select --------------------------------------------------------
  async function reinspect(lon: number, lat: number): Promise<void> {
    const { sceneId } = store.getState();
    if (!sceneId) return;
    const scene = await getScene(sceneId).catch(() => null);
    const cmp = layers.getState().compare;
    const other = cmp.sceneId ? await getScene(cmp.sceneId).catch(() => null) : null;
    markerSource.clear();
    markerSource.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
    await inspectAt(pool, scene, other, lon, lat);
  }

  function onClick(coordinate: number[]): void {
    // A click while drawing an area of interest places a vertex; it does not inspect or select.
    if (layers.getState().drawing || justDrew()) return;
    const [lon, lat] = toLonLat(coordinate);
    const scene = main.scene;
    const hits = footprintSource.getFeaturesAtCoordinate(coordinate).map((f) => String(f.getId()));
    if (scene && scene.id === store.getState().sceneId) {
      const ext = transformExtent(scene.bbox, 'EPSG:4326', 'EPSG:3857');
      if (containsCoordinate(ext, coordinate)) {
        void reinspect(lon, lat);
        return;
      }
    }
    if (hits.length) selectScene(hits[0]);
  }
  map.on('singleclick', (ev) => onClick(ev.coordinate));

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

  installTestHooks(map, target);

  return {
    map,
    dispose() {
      disposed = true;
      for (const u of unsubs) u();
      map.setTarget(undefined);
    },
  };
}
