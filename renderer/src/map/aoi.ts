/**
 * The area of interest on the map: its outline, drawing it (a rectangle or a polygon with
 * OpenLayers' Draw interaction; Escape cancels) and zooming to it.
 */
import Feature from 'ol/Feature';
import MultiPolygon from 'ol/geom/MultiPolygon';
import type Polygon from 'ol/geom/Polygon';
import DoubleClickZoom from 'ol/interaction/DoubleClickZoom';
import Draw, { createBox } from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import type OlMap from 'ol/Map';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import { type Aoi, layers, setAoi, setDrawing } from '../state/layers';

const STYLE = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 4 }) }),
  new Style({
    stroke: new Stroke({ color: '#7c3aed', width: 2, lineDash: [8, 5] }),
    fill: new Fill({ color: 'rgba(124, 58, 237, 0.06)' }),
  }),
];

let current: OlMap | null = null;
let endedAt = Number.NEGATIVE_INFINITY;

/** True just after a shape was finished: the map's delayed single click belongs to the drawing. */
export function justDrew(): boolean {
  return performance.now() - endedAt < 600;
}

/** Fits the map to the area of interest (padding keeps it clear of the panels). */
export function zoomToAoi(): void {
  const aoi = layers.getState().aoi;
  if (!current || !aoi) return;
  current.getView().cancelAnimations();
  current.getView().fit(transformExtent(aoi.bbox, 'EPSG:4326', 'EPSG:3857'), {
    padding: [60, 60, 220, 60],
    duration: 0,
    maxZoom: 16,
  });
}

function toRings(geom: Polygon): [number, number][][] {
  return geom.getCoordinates().map((ring) => ring.map((c) => toLonLat(c) as [number, number]));
}

/** Each ring drawn as its own outline (a district's parts; holes are not kept). */
function featureOf(aoi: Aoi): Feature {
  return new Feature(new MultiPolygon(aoi.rings.map((r) => [r.map((p) => fromLonLat(p))])));
}

export function attachAoi(map: OlMap): () => void {
  current = map;
  const source = new VectorSource();
  map.addLayer(new VectorLayer({ source, style: STYLE, zIndex: 900, properties: { role: 'aoi' } }));
  let draw: Draw | null = null;

  function show(aoi: Aoi | null): void {
    source.clear();
    if (aoi) source.addFeature(featureOf(aoi));
  }

  /** Double-click finishes a polygon: it must not also zoom the map (re-enabled once it is over). */
  function zoomOnDoubleClick(on: boolean): void {
    for (const i of map.getInteractions().getArray()) if (i instanceof DoubleClickZoom) i.setActive(on);
  }

  function startDrawing(kind: 'rectangle' | 'polygon' | null): void {
    if (draw) map.removeInteraction(draw);
    draw = null;
    if (!kind) {
      setTimeout(() => zoomOnDoubleClick(true), 400);
      return;
    }
    zoomOnDoubleClick(false);
    draw =
      kind === 'rectangle'
        ? new Draw({ type: 'Circle', geometryFunction: createBox(), freehand: true })
        : new Draw({ type: 'Polygon' });
    draw.on('drawend', (e) => {
      endedAt = performance.now();
      setAoi({ kind, rings: toRings(e.feature.getGeometry() as Polygon) });
    });
    map.addInteraction(draw);
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && layers.getState().drawing) setDrawing(null);
  };
  window.addEventListener('keydown', onKey);
  const unsub = layers.subscribe((s, p) => {
    if (s.aoi !== p.aoi) show(s.aoi);
    if (s.drawing !== p.drawing) startDrawing(s.drawing);
  });
  show(layers.getState().aoi);
  startDrawing(layers.getState().drawing);
  return () => {
    unsub();
    window.removeEventListener('keydown', onKey);
    if (draw) map.removeInteraction(draw);
    if (current === map) current = null;
  };
}
