/**
 * The map's visible layers as an export lists them, bottom first: the land of neighbouring
 * countries, then the panel's order (scene view with its ramp and range, the result mask with
 * its classes, boundary outlines and the base map's rivers and towns), each with its opacity.
 * Mirrors what renderer/src/map/controller.ts and boundaries.ts draw.
 */
import type { BasemapLayer, BoundaryLayer } from '../../../../shared/contract';
import type { ExportLayer } from '../../../../shared/export/layers';
import { chooseLayers } from '../../map/boundaries';
import { findView } from '../../map/views';
import { EXPRESSION_VIEW, type LayersState } from '../../state/layers';
import type { AppState } from '../../state/store';

export interface MapLayerInput {
  app: Pick<AppState, 'indexId' | 'opacity' | 'layers'>;
  panel: Pick<LayersState, 'order' | 'opacity' | 'hidden' | 'ramps' | 'indexRanges' | 'expression'>;
  result: { kind: 'flood' | 'water' } | null;
  boundaries: BoundaryLayer[];
  basemap: BasemapLayer[];
}

function sceneLayer(i: MapLayerInput): ExportLayer {
  const id = i.app.indexId;
  const opacity = i.app.opacity;
  if (id === EXPRESSION_VIEW) {
    const e = i.panel.expression;
    return { type: 'scene', view: e.text, ramp: e.ramp, range: e.range, opacity };
  }
  const range = i.panel.indexRanges[id];
  const ramp = i.panel.ramps[id];
  return { type: 'scene', view: id, ...(ramp ? { ramp } : {}), ...(range ? { range } : {}), opacity };
}

function outlineLayers(i: MapLayerInput): ExportLayer[] {
  const v = i.app.layers;
  const opacity = i.panel.opacity.outlines;
  const labels = v.labels && !i.panel.hidden.includes('labels');
  const shown = chooseLayers(i.boundaries).filter(
    (m) => (m.level !== 'district' || v.districts) && (m.level !== 'province' || v.provinces),
  );
  const finest = shown[shown.length - 1]?.id;
  const out: ExportLayer[] = shown.map((m) => ({
    type: 'vector',
    id: m.id,
    opacity,
    ...(labels && m.id === finest && m.level !== 'country' ? { labels: true } : {}),
  }));
  for (const b of i.basemap)
    if (b.kind === 'rivers' || b.kind === 'lakes' || (b.kind === 'towns' && labels))
      out.push({ type: 'vector', id: b.id, opacity });
  return out;
}

/** The visible layers, bottom first. */
export function visibleMapLayers(i: MapLayerInput): ExportLayer[] {
  const out: ExportLayer[] = i.basemap
    .filter((b) => b.kind === 'neighbours')
    .map((b) => ({ type: 'vector', id: b.id, opacity: 1 }));
  const hidden = new Set(i.panel.hidden);
  for (const id of [...i.panel.order].reverse()) {
    if (hidden.has(id)) continue;
    if (id === 'scene' && i.app.layers.scene) out.push(sceneLayer(i));
    if (id === 'result' && i.result) {
      const index = findView(i.app.indexId)?.type === 'index' || i.app.indexId === EXPRESSION_VIEW;
      const classes: ('flood' | 'water' | 'cloud')[] = [i.result.kind, ...(index ? ['cloud' as const] : [])];
      out.push({ type: 'result', classes, opacity: i.panel.opacity.result });
    }
    if (id === 'outlines') out.push(...outlineLayers(i));
  }
  return out;
}
