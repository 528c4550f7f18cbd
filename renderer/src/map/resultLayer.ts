/**
 * The analysis result (a water or flood mask COG written by the host) as a semi-transparent map
 * layer above the scene and below the boundary outlines. Tiles are cut on the view's Web Mercator
 * grid like the scene's (sceneLayer.ts) and rendered by the mask workers (panels/mask), which warp
 * the mask with the scene workers' code; the layer follows the panels store (which mask, shown or
 * not, opacity). Attached once by the map controller.
 */

import TileLayer from 'ol/layer/Tile';
import type OlMap from 'ol/Map';
import { transformExtent } from 'ol/proj';
import ImageTileSource from 'ol/source/ImageTile';
import TileGrid from 'ol/tilegrid/TileGrid';
import type { MaskLayer } from '../../../shared/contract';
import { toErrorData } from '../../../shared/errors';
import { projDef } from '../../../shared/proj';
import { rasterUrl } from '../api/client';
import { MaskWorkers } from '../panels/mask/pool';
import { MASK_COLORS } from '../panels/maskStyle';
import { panels, type ResultMaskView } from '../state/panels';
import { pushToast } from '../state/store';
import type { RenderBand } from '../workers/protocol';
import { ensureProjection } from './projection';

const TILE = 256;
const MERC_R0 = 156543.03392804097;
const MERC_ORIGIN: [number, number] = [-20037508.342789244, 20037508.342789244];

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
  const mercPixel = (extent[2] - extent[0]) / m.width;
  const resolutions: number[] = [];
  for (let z = 0; z <= 24; z++) {
    const r = MERC_R0 / 2 ** z;
    resolutions.push(r);
    if (r < mercPixel / 1.5) break;
  }
  return new TileGrid({ origin: MERC_ORIGIN, resolutions, extent, tileSize: TILE });
}

function maskBand(m: MaskLayer): RenderBand {
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

function maskSource(view: ResultMaskView, workers: MaskWorkers): ImageTileSource {
  const tileGrid = maskTileGrid(view.layer);
  const band = maskBand(view.layer);
  const viewDef = projDef('EPSG:3857');
  const maskDef = projDef(view.layer.crs);
  const color = MASK_COLORS[view.kind];
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
          { band, viewDef, maskDef, extent, width: TILE, height: TILE, color },
          signal,
        );
        return r.bitmap;
      } catch (e) {
        const d = toErrorData(e);
        if (d.code !== 'CANCELLED' && !reported) {
          reported = true;
          pushToast({ ...d, message: `The result mask could not be drawn: ${d.message}` });
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
    if (view.layer.href !== shownHref) {
      try {
        workers ??= new MaskWorkers();
        layer.setSource(maskSource(view, workers));
        shownHref = view.layer.href;
      } catch (e) {
        pushToast(toErrorData(e));
        layer.setSource(null);
        shownHref = null;
      }
    }
    layer.setVisible(view.visible);
    layer.setOpacity(view.opacity);
  }

  const unsub = panels.subscribe((s, p) => {
    if (s.mask !== p.mask) apply(s.mask);
  });
  apply(panels.getState().mask);
  return () => {
    unsub();
    map.removeLayer(layer);
    workers?.dispose();
  };
}
