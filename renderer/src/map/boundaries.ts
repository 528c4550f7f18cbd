/**
 * The offline base map: Pakistan's country, province and district outlines from the host's
 * boundary service, drawn as vector layers on a plain background (no online tiles), with names at
 * zooms where they fit.
 */
import type Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type Geometry from 'ol/geom/Geometry';
import MultiPolygon from 'ol/geom/MultiPolygon';
import type Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { BasemapLayer, BoundaryLayer } from '../../../shared/contract';
import { api } from '../api/client';
import { currentLanguage, i18n } from '../i18n';

const NAME_KEYS = [
  'name',
  'NAME',
  'Name',
  'shapeName',
  'district',
  'DISTRICT',
  'province',
  'PROVINCE',
  'ADM2_EN',
  'ADM1_EN',
  'NAME_1',
  'NAME_2',
  'NAME_EN',
  'name_en',
  'division',
];

export function featureName(props: Record<string, unknown> | null | undefined): string {
  if (!props) return '';
  for (const k of NAME_KEYS) {
    const v = props[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}

type Level = BoundaryLayer['level'];

const STROKES: Record<Level, Stroke> = {
  country: new Stroke({ color: '#3b4250', width: 1.8 }),
  province: new Stroke({ color: '#5c6675', width: 1.2 }),
  division: new Stroke({ color: '#8a93a0', width: 0.8, lineDash: [4, 3] }),
  district: new Stroke({ color: 'rgba(90, 100, 115, 0.75)', width: 0.7 }),
  tehsil: new Stroke({ color: 'rgba(110, 120, 135, 0.6)', width: 0.5, lineDash: [2, 2] }),
};

const LAND = new Fill({ color: '#ece8df' });

/** Label size and the view resolutions (m/px) where a level's names show. */
const LABELS: Record<Level, { font: string; maxRes: number; minRes: number }> = {
  // The country needs no label on a map of itself (and multi-part outlines would repeat it).
  country: { font: '600 13px system-ui, sans-serif', maxRes: 0, minRes: 0 },
  province: { font: '600 12px system-ui, sans-serif', maxRes: 3000, minRes: 300 },
  division: { font: '11px system-ui, sans-serif', maxRes: 0, minRes: 0 },
  // Decluttering drops the names that do not fit, so districts are named at every zoom where they do.
  district: { font: '11px system-ui, sans-serif', maxRes: 2500, minRes: 0 },
  tehsil: { font: '10px system-ui, sans-serif', maxRes: 150, minRes: 0 },
};

/**
 * One label point per feature: the interior point of its largest part (OpenLayers would label every
 * part of a multi-polygon, repeating "Balochistan" on each island).
 */
function labelPoint(geometry: Geometry | undefined): Point | undefined {
  if (geometry instanceof Polygon) return geometry.getInteriorPoint();
  if (geometry instanceof MultiPolygon) {
    let best: Polygon | undefined;
    for (const p of geometry.getPolygons()) if (!best || p.getArea() > best.getArea()) best = p;
    return best?.getInteriorPoint();
  }
  return undefined;
}

/** Urdu names are set in Nastaliq, as the rest of the Urdu interface (system fonts lack some letters). */
function fontFor(font: string, name: string): string {
  return /[\u0600-\u06ff]/.test(name) ? font.replace('system-ui', '"Noto Nastaliq Urdu", system-ui') : font;
}

/** Redraws a label layer when the language changes (names switch between English and Urdu). */
function followLanguage(layer: VectorLayer | undefined): void {
  if (layer) i18n.on('languageChanged', () => layer.changed());
}

/** The Urdu name in Urdu when the layer has one (name_ur), else the English name. */
function localName(feature: FeatureLike): string {
  const ur = currentLanguage() === 'ur' ? feature.get('name_ur') : undefined;
  return typeof ur === 'string' && ur ? ur : String(feature.get('__name') ?? '');
}

function labelStyle(level: Level) {
  const cache = new Map<string, Style>();
  const cfg = LABELS[level];
  return (feature: FeatureLike, resolution: number): Style | undefined => {
    if (resolution > cfg.maxRes || resolution < cfg.minRes) return undefined;
    const name = localName(feature);
    const at = feature.get('__labelAt') as Point | undefined;
    if (!name || !at) return undefined;
    const key = `${name}|${at.getCoordinates().join(',')}`;
    let style = cache.get(key);
    if (!style) {
      style = new Style({
        geometry: at,
        text: new Text({
          text: name,
          font: fontFor(cfg.font, name),
          fill: new Fill({ color: level === 'district' ? '#39414d' : '#1f2630' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.85)', width: 3 }),
          overflow: level !== 'district',
        }),
      });
      cache.set(key, style);
    }
    return style;
  };
}

export interface BoundaryLayers {
  /** Filled land and outlines (drawn under and over the scene respectively). */
  land: VectorLayer[];
  outlines: VectorLayer[];
  labels: VectorLayer[];
  meta: BoundaryLayer[];
}

const ORDER: Level[] = ['country', 'province', 'division', 'district', 'tehsil'];

/** Sent (on window) by Sources → Boundaries after a layer was added, downloaded or removed. */
export const BOUNDARIES_CHANGED = 'nigah:boundaries-changed';

/**
 * One layer per level (the finest-first list's first); divisions add clutter between provinces
 * and districts, so they are skipped when districts exist.
 */
export function chooseLayers(meta: BoundaryLayer[]): BoundaryLayer[] {
  const hasDistricts = meta.some((m) => m.level === 'district');
  const seen = new Set<Level>();
  return meta
    .filter((m) => {
      if (m.level === 'division' && hasDistricts) return false;
      if (seen.has(m.level)) return false;
      seen.add(m.level);
      return true;
    })
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
}

/** The fill (coarsest layer only), outline and label layers of one boundary layer. */
async function boundaryLayer(
  m: BoundaryLayer,
  withLand: boolean,
  format: GeoJSON,
  onError: (e: unknown) => void,
): Promise<{ land?: VectorLayer; outline: VectorLayer; label?: VectorLayer } | null> {
  let features: Feature[];
  try {
    const fc = await api.boundaries.get(m.id);
    features = format.readFeatures(fc, {
      dataProjection: 'EPSG:4326',
      featureProjection: 'EPSG:3857',
    }) as Feature[];
  } catch (e) {
    onError(e);
    return null;
  }
  for (const f of features) {
    f.set('__name', featureName(f.getProperties()));
    f.set('__labelAt', labelPoint(f.getGeometry()));
  }
  const source = new VectorSource({ features, attributions: m.attribution });
  const props = { role: 'boundary', level: m.level, boundaryId: m.id };
  const rank = 4 - ORDER.indexOf(m.level);
  const land = withLand
    ? new VectorLayer({ source, style: new Style({ fill: LAND }), properties: props })
    : undefined;
  const outline = new VectorLayer({
    source,
    style: new Style({ stroke: STROKES[m.level] }),
    properties: props,
    zIndex: 30 + rank,
    updateWhileAnimating: false,
  });
  const label =
    m.level === 'division'
      ? undefined
      : new VectorLayer({
          source,
          style: labelStyle(m.level),
          declutter: true,
          zIndex: 40 + rank,
          properties: { ...props, role: 'label' },
        });
  return { land, outline, label };
}

/**
 * Loads every boundary layer the host offers; failures of one layer do not stop the others. Each
 * layer is handed to `onReady` as soon as it has arrived (the small country outline first draws
 * the map while the districts are still on their way); outlines carry a z-index by level so their
 * order does not depend on arrival.
 */
export async function loadBoundaryLayers(
  onError: (e: unknown) => void,
  onReady: (layers: { land?: VectorLayer; outline: VectorLayer; label?: VectorLayer }) => void = () => {},
): Promise<BoundaryLayers> {
  const out: BoundaryLayers = { land: [], outlines: [], labels: [], meta: [] };
  let meta: BoundaryLayer[];
  try {
    meta = await api.boundaries.list();
  } catch (e) {
    onError(e);
    return out;
  }
  const chosen = chooseLayers(meta);
  out.meta = chosen;
  const format = new GeoJSON();
  const sources = new Map<string, VectorSource>();
  // Land fill from the coarsest layer present (the country outline, else provinces).
  const landFrom = chosen[0]?.id;
  const load = async (m: BoundaryLayer) => {
    const layers = await boundaryLayer(m, m.id === landFrom, format, onError);
    if (!layers) return;
    sources.set(m.id, layers.outline.getSource() as VectorSource);
    if (layers.land) out.land.push(layers.land);
    out.outlines.push(layers.outline);
    if (layers.label) out.labels.push(layers.label);
    followLanguage(layers.label);
    onReady(layers);
  };
  await Promise.all(chosen.map(load));
  // Layers added or removed under Sources → Boundaries appear or go without a reload.
  window.addEventListener(BOUNDARIES_CHANGED, () => {
    api.boundaries.list().then((list) => {
      const next = chooseLayers(list);
      for (const [id, source] of sources)
        if (!next.some((m) => m.id === id)) {
          source.clear();
          sources.delete(id);
        }
      for (const m of next)
        if (!sources.has(m.id)) {
          sources.set(m.id, new VectorSource()); // placeholder: one load per layer
          void load(m);
        }
    }, onError);
  });
  await loadBasemap(format, onError, (l) => {
    if (l.land) out.land.push(l.land);
    out.outlines.push(l.outline);
    if (l.label) out.labels.push(l.label);
    followLanguage(l.label);
    onReady(l);
  });
  return out;
}

const NEIGHBOUR_LAND = new Style({
  fill: new Fill({ color: '#f4f2ee' }),
  stroke: new Stroke({ color: '#b4b9c0', width: 0.8 }),
});
const RIVER = new Style({ stroke: new Stroke({ color: '#6f9fcf', width: 1.3 }) });
const TOWN_DOT = new Style({
  image: new Circle({
    radius: 2.5,
    fill: new Fill({ color: '#39414d' }),
    stroke: new Stroke({ color: '#fff', width: 1 }),
  }),
});

/** Towns by size: the largest cities from far out, smaller towns as the view closes in. */
function townLabel() {
  const cache = new Map<string, Style>();
  return (feature: FeatureLike, resolution: number): Style | undefined => {
    const pop = Number(feature.get('population') ?? 0);
    const minPop =
      resolution > 2500 ? 1_000_000 : resolution > 1000 ? 300_000 : resolution > 300 ? 100_000 : 0;
    if (pop < minPop) return undefined;
    const name = localName(feature);
    let style = cache.get(name);
    if (!style) {
      style = new Style({
        text: new Text({
          text: name,
          font: fontFor('11px system-ui, sans-serif', name),
          offsetY: -9,
          fill: new Fill({ color: '#1f2630' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
        }),
      });
      cache.set(name, style);
    }
    return style;
  };
}

function basemapLayers(m: BasemapLayer, source: VectorSource) {
  const props = { role: 'basemap', level: m.kind, boundaryId: m.id };
  if (m.kind === 'neighbours')
    return {
      land: new VectorLayer({ source, style: NEIGHBOUR_LAND, properties: props }),
      outline: new VectorLayer({ source, style: new Style({}), properties: props }),
    };
  if (m.kind === 'rivers')
    return { outline: new VectorLayer({ source, style: RIVER, properties: props, zIndex: 25 }) };
  const names = townLabel();
  const dots = new VectorLayer({
    source,
    style: (f, res) => (names(f, res) ? TOWN_DOT : undefined),
    properties: props,
    zIndex: 45,
  });
  const label = new VectorLayer({
    source,
    style: names,
    declutter: true,
    zIndex: 46,
    properties: { ...props, role: 'label' },
  });
  return { outline: dots, label };
}

/** The rest of the offline base map: neighbouring countries as land, rivers, towns (names in English and Urdu). */
async function loadBasemap(
  format: GeoJSON,
  onError: (e: unknown) => void,
  onReady: (layers: { land?: VectorLayer; outline: VectorLayer; label?: VectorLayer }) => void,
): Promise<void> {
  let list: BasemapLayer[];
  try {
    list = await api.boundaries.basemap();
  } catch (e) {
    onError(e);
    return;
  }
  await Promise.all(
    list.map(async (m) => {
      try {
        const fc = await api.boundaries.get(m.id);
        const features = format.readFeatures(fc, {
          dataProjection: 'EPSG:4326',
          featureProjection: 'EPSG:3857',
        }) as Feature[];
        for (const f of features) f.set('__name', featureName(f.getProperties()));
        onReady(basemapLayers(m, new VectorSource({ features, attributions: m.attribution })));
      } catch (e) {
        onError(e);
      }
    }),
  );
}
