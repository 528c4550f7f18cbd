/**
 * The analysis result (a water or flood mask COG written by the host) as a semi-transparent map
 * layer above the scene and below the boundary outlines. Tiles are cut on the view's Web Mercator
 * grid like the scene's (sceneLayer.ts) and rendered by the app's one worker pool (panels/mask/pool.ts)
 * with the scenes' own reader and warp; the layer follows the panels store (which mask, shown or not,
 * opacity). Attached once by the map controller.
 */

import TileLayer from 'ol/layer/Tile';
import type OlMap from 'ol/Map';
import { transformExtent } from 'ol/proj';
import ImageTileSource from 'ol/source/ImageTile';
import type TileGrid from 'ol/tilegrid/TileGrid';
import type { MaskLayer } from '../../../shared/contract';
import { toErrorData } from '../../../shared/errors';
import { projDef } from '../../../shared/proj';
import { rasterUrl } from '../api/client';
import { i18n } from '../i18n';
import { readSummary } from '../panels/analysis/summary';
import { MaskWorkers } from '../panels/mask/pool';
import { classColors, MASK_COLORS, resultShownWith } from '../panels/maskStyle';
import { panels, type ResultMaskView } from '../state/panels';
import { pushToast, store } from '../state/store';
import type { ClassColor, RenderBand } from '../workers/protocol';
import { ensureProjection, loadProjection, projectionReady } from './projection';
import { mercatorTileGrid, TILE } from './tileGrid';

function maskExtent(m: MaskLayer): [number, number, number, number] {
  const g = m.geotransform;
  const x1 = g[0] + m.width * g[1];
  const y1 = g[3] + m.height * g[5];
  return [Math.min(g[0], x1), Math.min(g[3], y1), Math.max(g[0], x1), Math.max(g[3], y1)];
}

/** Web Mercator tile grid over the mask, down to one zoom past its pixel. */
function maskTileGrid(m: MaskLayer): TileGrid {
  ensureProjection(m.crs);
  const extent = transformExtent(maskExtent(m), m.crs, 'EPSG:3857', 8);
  return mercatorTileGrid(extent, (extent[2] - extent[0]) / m.width);
}

export function maskBand(m: MaskLayer): RenderBand {
  return {
    name: 'mask',
    role: null,
    url: new URL(rasterUrl(m.href), window.location.href).href,
    sample: 0,
    width: m.width,
    height: m.height,
    geotransform: m.geotransform,
    nodata: 255,
    scale: 1,
    offset: 0,
  };
}

/** Tiles of a uint8 mask (value 1 drawn in `color`, or a class raster in `classes`), rendered by the worker pool. */
export function maskSource(
  mask: MaskLayer,
  color: [number, number, number],
  workers: MaskWorkers,
  what: string,
  classes?: ClassColor[],
): ImageTileSource {
  const tileGrid = maskTileGrid(mask);
  const band = maskBand(mask);
  const viewDef = projDef('EPSG:3857');
  const maskDef = projDef(mask.crs);
  let reported = false;
  return new ImageTileSource({
    projection: 'EPSG:3857',
    tileGrid,
    transition: 0,
    interpolate: false,
    wrapX: false,
    loader: async (z, x, y, { signal }) => {
      const extent = tileGrid.getTileCoordExtent([z, x, y]) as [number, number, number, number];
      try {
        const r = await workers.tile(
          { band, viewDef, maskDef, extent, width: TILE, height: TILE, color, classes },
          signal,
        );
        return r.bitmap;
      } catch (e) {
        const d = toErrorData(e);
        if (d.code !== 'CANCELLED' && !reported) {
          reported = true;
          pushToast({ ...d, message: `${what}: ${d.message}` });
        }
        throw e;
      }
    },
  });
}

/** Adds the result layer to the map; returns its detach function. */
export function attachResultLayer(map: OlMap): () => void {
  const layer = new TileLayer<ImageTileSource>({ zIndex: 15, properties: { role: 'result' } });
  map.addLayer(layer);
  let workers: MaskWorkers | null = null;
  let shownHref: string | null = null;

  function apply(view: ResultMaskView | null): void {
    if (!view) {
      layer.setSource(null);
      shownHref = null;
      return;
    }
    if (!projectionReady(view.layer.crs)) {
      // A result restored before its scene: fetch the CRS's definition, then draw.
      loadProjection(view.layer.crs).then(
        () => apply(panels.getState().mask),
        (e) => pushToast(toErrorData(e)),
      );
      return;
    }
    // The class raster when the run wrote one (every class in its colour), else the mask.
    const drawn = view.classes ?? view.layer;
    if (drawn.href !== shownHref) {
      try {
        workers ??= new MaskWorkers();
        const what = i18n.t('workspace:result.maskFailed');
        const colors = view.classes ? classColors(view.kind) : undefined;
        layer.setSource(maskSource(drawn, MASK_COLORS[view.kind], workers, what, colors));
        shownHref = drawn.href;
      } catch (e) {
        pushToast(toErrorData(e));
        layer.setSource(null);
        shownHref = null;
      }
    }
    layer.setVisible(view.visible && onItsScene());
    layer.setOpacity(view.opacity);
  }

  /** The mask is drawn only over a scene of its result (never over an unrelated scene). */
  function onItsScene(): boolean {
    const { result } = panels.getState();
    if (!result) return true;
    return resultShownWith(readSummary(result.kind, result.value.summary).dates, store.getState().sceneId);
  }

  const unsub = panels.subscribe((s, p) => {
    if (s.mask !== p.mask || s.result !== p.result) apply(s.mask);
  });
  const unsubScene = store.subscribe((s, p) => {
    if (s.sceneId !== p.sceneId) apply(panels.getState().mask);
  });
  apply(panels.getState().mask);
  return () => {
    unsub();
    unsubScene();
    map.removeLayer(layer);
    workers?.dispose();
  };
}
