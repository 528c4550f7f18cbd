/**
 * The pixel inspector: at a clicked point, every band's DN and physical value and every index the
 * scene's bands allow, for the main scene and (when comparing) the compare scene; and the class of
 * the shown analysis result there (flooded, permanent water, cloud, nodata…).
 */
import { containsCoordinate } from 'ol/extent';
import { transform } from 'ol/proj';
import { INDICES, type IndexId, missingBands } from '../../../shared/analysis/indices';
import type { MaskLayer } from '../../../shared/contract';
import { toErrorData } from '../../../shared/errors';
import type { BandRole, Scene } from '../../../shared/scene';
import { readSummary } from '../panels/analysis/summary';
import { classLabelKey } from '../panels/maskStyle';
import { getScene } from '../state/catalog';
import { layers } from '../state/layers';
import { panels } from '../state/panels';
import { type InspectorState, setInspector, store } from '../state/store';
import type { WorkerPool } from '../workers/pool';
import type { PixelResult } from '../workers/protocol';
import { ensureProjection } from './projection';
import { maskBand } from './resultLayer';
import { sceneExtent, toRenderBand } from './sceneLayer';
import { findView } from './views';

type Reading = Omit<InspectorState, 'lon' | 'lat' | 'compare'>;

function sceneRoles(scene: Scene): BandRole[] {
  return scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null);
}

/** Reads one scene at lon/lat: bands, the active index and every index its bands allow. */
export async function readScene(pool: WorkerPool, scene: Scene, lon: number, lat: number): Promise<Reading> {
  const view = findView(store.getState().indexId);
  const roles = sceneRoles(scene);
  const index = view?.type === 'index' && !missingBands(view.def, roles).length ? view.def.id : null;
  const indices = INDICES.filter((d) => !missingBands(d, roles).length).map((d) => d.id as IndexId);
  const [x, y] = transform([lon, lat], 'EPSG:4326', ensureProjection(scene.crs));
  const empty = { bands: [], index: null, title: scene.title };
  if (!containsCoordinate(sceneExtent(scene), [x, y]))
    return { ...empty, status: 'outside', message: 'Outside the scene.' };
  try {
    const r = await pool.request<PixelResult>({
      type: 'pixel',
      bands: scene.bands.map(toRenderBand),
      x,
      y,
      index,
      indices,
    });
    const nodata = r.inside && r.bands.every((b) => b.value === null);
    return {
      status: r.inside ? 'ready' : 'outside',
      bands: r.bands,
      index: index ? { id: index, value: r.index } : null,
      indices: r.indices ?? [],
      maskClass: nodata ? 'nodata' : null,
      title: scene.title,
    };
  } catch (e) {
    const d = toErrorData(e);
    return { ...empty, status: 'error', message: `${d.message} ${d.hint ?? ''}` };
  }
}

async function layerValue(pool: WorkerPool, layer: MaskLayer, lon: number, lat: number) {
  const [x, y] = transform([lon, lat], 'EPSG:4326', ensureProjection(layer.crs));
  const r = await pool.request<PixelResult>({ type: 'pixel', bands: [maskBand(layer)], x, y, index: null });
  return r.bands[0]?.dn ?? null;
}

async function maskValue(pool: WorkerPool, lon: number, lat: number): Promise<number | null> {
  const m = panels.getState().mask;
  return m ? layerValue(pool, m.layer, lon, lat) : null;
}

/** Water index value of a scene at a point, for the permanent-water test. */
async function waterAt(pool: WorkerPool, id: string, index: string, lon: number, lat: number) {
  const scene = await getScene(id);
  const [x, y] = transform([lon, lat], 'EPSG:4326', ensureProjection(scene.crs));
  const r = await pool.request<PixelResult>({
    type: 'pixel',
    bands: scene.bands.map(toRenderBand),
    x,
    y,
    index: index as IndexId,
  });
  return r.index;
}

/**
 * The result's class at a point: from the run's class raster, or for results without one from the
 * mask and the scenes. The flood mask holds 1 (flooded), 0 (not) and 255 (excluded:
 * cloud, or no data in either scene); an excluded pixel where both scenes have data was clouded.
 * Not-flooded pixels that are water before and after (the run's index over its thresholds) are
 * permanent water.
 */
export async function resultClass(pool: WorkerPool, lon: number, lat: number): Promise<string | null> {
  const { result, run, mask } = panels.getState();
  // Runs that wrote a class raster: the class is read from it (shared/analysis/resultClasses.ts).
  if (mask?.classes) {
    const c = await layerValue(pool, mask.classes, lon, lat);
    return c === null ? 'outside' : classLabelKey(c, mask.kind);
  }
  const v = await maskValue(pool, lon, lat);
  if (v === null || !result) return v === null ? null : 'outside';
  if (result.kind === 'water') return v === 1 ? 'water' : v === 0 ? 'land' : 'cloud_or_nodata';
  if (v === 1) return 'flooded';
  const req = run?.request?.kind === 'flood' ? run.request.request : null;
  const s = readSummary('flood', result.value.summary);
  const thresholdOf = (label: string) => s.thresholds.find((x) => x.label === label)?.value ?? null;
  const [tPre, tPost] = [thresholdOf('before'), thresholdOf('after')];
  if (!req || !s.index || tPre === null || tPost === null) return v === 0 ? 'not_flooded' : 'cloud_or_nodata';
  const [pre, post] = await Promise.all([
    waterAt(pool, req.preId, s.index, lon, lat),
    waterAt(pool, req.postId, s.index, lon, lat),
  ]);
  if (v === 255) return pre !== null && post !== null ? 'cloud' : 'nodata';
  return pre !== null && post !== null && pre > tPre && post > tPost ? 'permanent_water' : 'not_flooded';
}

/** Inspects a point on the main scene, the compare scene and the result; updates the store. */
export async function inspectAt(
  pool: WorkerPool,
  main: Scene | null,
  other: Scene | null,
  lon: number,
  lat: number,
): Promise<void> {
  if (!main) return;
  setInspector({ lon, lat, status: 'loading', bands: [], index: null });
  const cmp = layers.getState().compare;
  const [a, b, cls] = await Promise.all([
    readScene(pool, main, lon, lat),
    other && cmp.mode !== 'off' ? readScene(pool, other, lon, lat) : Promise.resolve(null),
    resultClass(pool, lon, lat).catch(() => null),
  ]);
  setInspector({
    lon,
    lat,
    ...a,
    maskClass: a.maskClass ?? cls,
    compare: b && other ? { ...b, sceneId: other.id, title: other.title } : undefined,
  });
}
