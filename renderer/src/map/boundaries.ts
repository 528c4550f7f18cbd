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
import { Fill, Stroke, Style, Text } from 'ol/style';
import type { BoundaryLayer } from '../../../shared/contract';
import { api } from '../api/client';

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
  district: { font: '11px system-ui, sans-serif', maxRes: 700, minRes: 0 },
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

function labelStyle(level: Level) {
  const cache = new Map<string, Style>();
  const cfg = LABELS[level];
  return (feature: FeatureLike, resolution: number): Style | undefined => {
    if (resolution > cfg.maxRes || resolution < cfg.minRes) return undefined;
    const name = String(feature.get('__name') ?? '');
    const at = feature.get('__labelAt') as Point | undefined;
    if (!name || !at) return undefined;
    const key = `${name}|${at.getCoordinates().join(',')}`;
    let style = cache.get(key);
    if (!style) {
      style = new Style({
        geometry: at,
        text: new Text({
          text: name,
          font: cfg.font,
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
  // One layer per level (the manifest's first, e.g. OSM over Natural Earth provinces); divisions
  // add clutter between provinces and districts, so they are skipped when districts exist.
  const hasDistricts = meta.some((m) => m.level === 'district');
  const seen = new Set<Level>();
  const chosen = meta
    .filter((m) => {
      if (m.level === 'division' && hasDistricts) return false;
      if (seen.has(m.level)) return false;
      seen.add(m.level);
      return true;
    })
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
  out.meta = chosen;
  const format = new GeoJSON();
  // Land fill from the coarsest layer present (the country outline, else provinces).
  const landFrom = chosen[0]?.id;
  await Promise.all(
    chosen.map(async (m) => {
      let features: Feature[];
      try {
        const fc = await api.boundaries.get(m.id);
        features = format.readFeatures(fc, {
          dataProjection: 'EPSG:4326',
          featureProjection: 'EPSG:3857',
        }) as Feature[];
      } catch (e) {
        onError(e);
        return;
      }
      for (const f of features) {
        f.set('__name', featureName(f.getProperties()));
        f.set('__labelAt', labelPoint(f.getGeometry()));
      }
      const source = new VectorSource({ features, attributions: m.attribution });
      const props = { role: 'boundary', level: m.level, boundaryId: m.id };
      const rank = 4 - ORDER.indexOf(m.level);
      const land =
        m.id === landFrom
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
      if (land) out.land.push(land);
      out.outlines.push(outline);
      if (label) out.labels.push(label);
      onReady({ land, outline, label });
    }),
  );
  return out;
}
