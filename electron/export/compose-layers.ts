/**
 * The layers of a map page from the request's layer list (bottom first, as the app shows them):
 * the scene raster in its view, the result mask and cloud classes laid over it, and the vector
 * layers near the map; with the legend entry and the credit line of each.
 */
import type { TFunction } from 'i18next';
import type { ClassLegend } from '../../shared/export/document';
import {
  COMPOSITE_ROLES,
  type ExportLayer,
  type ResultLayerSpec,
  type SceneLayerSpec,
  type VectorLayerSpec,
} from '../../shared/export/layers';
import type { BandRole, Scene } from '../../shared/scene';
import type { ZoneShape } from './draw-map';
import {
  cloudPixels,
  indexLayer,
  type MapFrame,
  maskPixels,
  overlay,
  type RasterLayer,
  trueColour,
} from './map-image';
import { type PageVector, VECTOR_STYLE, vectorShapes } from './page-vectors';
import type { BoundaryContext } from './zones';

export const CLOUD_RGB: [number, number, number] = [128, 128, 128];

export function sceneSpec(layers: ExportLayer[] | undefined, index: string | undefined): SceneLayerSpec {
  const s = layers?.find((l): l is SceneLayerSpec => l.type === 'scene');
  return s ?? { type: 'scene', view: index ?? 'truecolor', opacity: 1 };
}

/** The scene in its view: a composite by its band roles, or an index with the ramp and range shown. */
export function sceneRaster(scene: Scene, spec: SceneLayerSpec, frame: MapFrame): RasterLayer {
  const roles = COMPOSITE_ROLES[spec.view];
  if (roles) return trueColour(scene, frame, roles as BandRole[]);
  return indexLayer(scene, spec.view, frame, { ramp: spec.ramp, range: spec.range });
}

export function resultSpec(
  layers: ExportLayer[] | undefined,
  mask: string | undefined,
): ResultLayerSpec | null {
  if (!layers) return mask ? { type: 'result', opacity: 0.85 } : null;
  return layers.find((l): l is ResultLayerSpec => l.type === 'result') ?? null;
}

/** Lays the mask class (and cloud, when asked and the scene has a mask) over the raster. */
export function overlayResult(
  o: { layer: RasterLayer; scene: Scene; frame: MapFrame; mask?: string; spec: ResultLayerSpec },
  rgb: [number, number, number],
): { cloud: boolean } {
  const classes = o.spec.classes;
  let cloud = false;
  if (classes?.includes('cloud')) {
    const c = cloudPixels(o.scene, o.frame);
    if (c) overlay(o.layer, c, CLOUD_RGB, o.spec.opacity);
    cloud = !!c;
  }
  if (o.mask && (!classes || classes.some((k) => k !== 'cloud')))
    overlay(o.layer, maskPixels(o.mask, o.frame), rgb, o.spec.opacity);
  return { cloud };
}

export interface PageVectors {
  /** The labelled polygon layer, drawn with names. */
  zones: ZoneShape[];
  vectors: PageVector[];
  /** Legend classes and credit lines, one per layer, in drawing order. */
  legend: ClassLegend['classes'];
  credits: string[];
}

/** Vector layers of the request that reach the map's lon/lat box. */
export async function pageVectors(
  layers: ExportLayer[],
  boundaries: BoundaryContext,
  bbox: [number, number, number, number],
  t: TFunction,
): Promise<PageVectors> {
  const out: PageVectors = { zones: [], vectors: [], legend: [], credits: [] };
  for (const spec of layers.filter((l): l is VectorLayerSpec => l.type === 'vector')) {
    const l = await boundaries.layer(spec.id);
    const shapes = vectorShapes(l.fc, bbox);
    const st = VECTOR_STYLE[l.kind];
    const labelled = !!spec.labels && shapes.polygons.length > 0 && !out.zones.length && !st.fill;
    if (labelled) out.zones = shapes.polygons;
    else
      out.vectors.push({
        id: spec.id,
        name: l.name,
        kind: l.kind,
        attribution: l.attribution,
        opacity: spec.opacity,
        labels: !!spec.labels,
        ...shapes,
      });
    out.legend.push({
      label: l.name,
      color: labelled ? VECTOR_STYLE.district.stroke : (st.fill ?? st.stroke),
      ...(labelled || (st.dash && !st.fill) ? { outline: true } : st.fill ? {} : { line: true }),
    });
    out.credits.push(t('layerCredit', { name: l.name, attribution: l.attribution }));
  }
  return out;
}
