/**
 * Clouds over index views: where the scene has a cloud mask (STAC asset with role "cloud", see
 * shared/stac/item.ts), its cloudy pixels are drawn in neutral grey over the index, so a bright
 * cloud is never read as the water end of MNDWI/NDWI (or as any other index value). Composite views
 * show clouds as they are and get no overlay. Grey is on no index ramp.
 */
import TileLayer from 'ol/layer/Tile';
import type OlMap from 'ol/Map';
import type ImageTileSource from 'ol/source/ImageTile';
import type { MaskLayer } from '../../../shared/contract';
import type { GeoTransform, Scene } from '../../../shared/scene';
import { i18n } from '../i18n';
import { MaskWorkers } from '../panels/mask/pool';
import { catalog } from '../state/catalog';
import { store } from '../state/store';
import { maskSource } from './resultLayer';
import { findView } from './views';

export const CLOUD_GREY: [number, number, number] = [128, 128, 128];

/** The scene's cloud mask as a mask layer, or null when it has none (or no grid for it). */
export function cloudMaskLayer(scene: Scene | undefined): MaskLayer | null {
  const href = scene?.properties?.['nigah:cloudMask'];
  const grid = scene?.properties?.['nigah:cloudMaskGrid'] as
    | { width?: unknown; height?: unknown; geotransform?: unknown }
    | undefined;
  if (!scene || typeof href !== 'string' || !grid) return null;
  const { width, height, geotransform } = grid;
  if (typeof width !== 'number' || typeof height !== 'number' || !Array.isArray(geotransform)) return null;
  return { href, crs: scene.crs, width, height, geotransform: geotransform as GeoTransform };
}

/** True when the shown view of the scene is an index and the scene has a cloud mask. */
export function cloudsMasked(scene: Scene | undefined, indexId: string): boolean {
  return findView(indexId)?.type === 'index' && cloudMaskLayer(scene) !== null;
}

/** Adds the cloud layer (above the scene, below results); returns its detach function. */
export function attachCloudLayer(map: OlMap): () => void {
  const layer = new TileLayer<ImageTileSource>({ zIndex: 14, opacity: 0.9, properties: { role: 'clouds' } });
  map.addLayer(layer);
  let workers: MaskWorkers | null = null;
  let shownHref: string | null = null;

  function apply(): void {
    const { sceneId, indexId, layers } = store.getState();
    const scene = sceneId ? catalog.getState().scenes[sceneId] : undefined;
    const mask = cloudsMasked(scene, indexId) ? cloudMaskLayer(scene) : null;
    if (!mask) {
      layer.setVisible(false);
      return;
    }
    if (mask.href !== shownHref) {
      workers ??= new MaskWorkers();
      layer.setSource(maskSource(mask, CLOUD_GREY, workers, i18n.t('workspace:legend.cloudFailed')));
      shownHref = mask.href;
    }
    layer.setVisible(layers.scene);
  }

  const unsubStore = store.subscribe((s, p) => {
    if (s.sceneId !== p.sceneId || s.indexId !== p.indexId || s.layers !== p.layers) apply();
  });
  const unsubCatalog = catalog.subscribe((s, p) => {
    if (s.scenes !== p.scenes) apply();
  });
  apply();
  return () => {
    unsubStore();
    unsubCatalog();
    map.removeLayer(layer);
    workers?.dispose();
  };
}
