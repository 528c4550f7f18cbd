/**
 * A scene as an OpenLayers image-tile source whose tiles are rendered by the worker pool and
 * drawn by a plain canvas tile layer (no WebGL: in software GL every texture upload and shader
 * switch stalled the UI thread for tens of milliseconds). The tiles
 * are cut on the view's Web Mercator grid and the worker warps the scene (in its own CRS, proj4
 * definitions from shared/proj) onto them; see workers/warp.ts for why the warp is not left to
 * OpenLayers' UI-thread reprojection.
 */

import { transformExtent } from 'ol/proj';
import ImageTileSource from 'ol/source/ImageTile';
import type TileGrid from 'ol/tilegrid/TileGrid';
import { expressionBands, parseExpression } from '../../../shared/analysis/expression';
import { getIndex } from '../../../shared/analysis/indices';
import { projDef } from '../../../shared/proj';
import type { BandRole, Scene, SceneBand } from '../../../shared/scene';
import { rasterUrl } from '../api/client';
import type { WorkerPool } from '../workers/pool';
import type { RenderBand, RenderMode, TileReply } from '../workers/protocol';
import { mercatorTileGrid, TILE } from './tileGrid';
import { findView } from './views';

export function toRenderBand(b: SceneBand): RenderBand {
  return {
    name: b.name,
    role: b.role,
    url: new URL(rasterUrl(b.href), window.location.href).href,
    sample: b.sample,
    width: b.width,
    height: b.height,
    geotransform: b.geotransform,
    nodata: b.nodata,
    scale: b.scale,
    offset: b.offset,
  };
}

/** The finest band: it defines the tile grid. */
function finestBand(scene: Scene): SceneBand {
  return [...scene.bands].sort((a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]))[0];
}

export function sceneExtent(scene: Scene): [number, number, number, number] {
  const b = finestBand(scene);
  const g = b.geotransform;
  const x1 = g[0] + b.width * g[1];
  const y1 = g[3] + b.height * g[5];
  return [Math.min(g[0], x1), Math.min(g[3], y1), Math.max(g[0], x1), Math.max(g[3], y1)];
}

/**
 * Tile grid of the view (Web Mercator XYZ, so tiles need no reprojection), restricted to the
 * scene's footprint so no tile outside it is ever requested, down to one zoom past the scene's
 * finest pixel.
 */
export function sceneTileGrid(scene: Scene): TileGrid {
  const lat = ((scene.bbox[1] + scene.bbox[3]) / 2) * (Math.PI / 180);
  // Ground size of the finest pixel: degrees for geographic CRSs (~111.32 km per degree of
  // latitude), else the CRS's metres.
  const geographic = /\+proj=longlat\b/.test(projDef(scene.crs));
  const finest = Math.abs(finestBand(scene).geotransform[1]) * (geographic ? 111_320 * Math.cos(lat) : 1);
  // Web Mercator metres are 1/cos(lat) ground metres.
  const mercPixel = finest / Math.cos(lat);
  return mercatorTileGrid(transformExtent(scene.bbox, 'EPSG:4326', 'EPSG:3857'), mercPixel);
}

export function renderMode(viewId: string): RenderMode {
  const view = findView(viewId);
  if (!view) throw new Error(`Unknown view ${viewId}`);
  if (view.type === 'composite') return { kind: 'rgb', roles: view.def.roles };
  const def = getIndex(view.def.id);
  return { kind: 'index', index: def.id, range: def.typicalRange, ramp: def.ramp };
}

/** Band roles a render mode reads (an expression that does not parse reads none). */
export function modeRoles(mode: RenderMode): BandRole[] {
  if (mode.kind === 'rgb') return mode.roles;
  if (mode.kind === 'index') return getIndex(mode.index).bands;
  if (mode.kind === 'mask' || mode.kind === 'classes') return [];
  try {
    return expressionBands(parseExpression(mode.text));
  } catch {
    return [];
  }
}

export interface SceneSourceHandle {
  source: ImageTileSource;
  /** True once a tile with data (not all nodata / off-scene) has finished loading. */
  hasData(): boolean;
  /** Start rendering the tiles covering `extent` (view CRS) at `resolution` now. */
  prefetch(extent: number[], resolution: number): void;
}

export interface SourceCallbacks {
  onError(e: unknown): void;
  onTile?(key: string, asked: number, r: TileReply): void;
}

export function createSceneSource(
  scene: Scene,
  viewId: string,
  mode: RenderMode,
  pool: WorkerPool,
  cb: SourceCallbacks,
  /** Aborted when this view is superseded: its queued tiles are dropped, not rendered. */
  generation?: AbortSignal,
): SceneSourceHandle {
  const sceneDef = projDef(scene.crs);
  const viewDef = projDef('EPSG:3857');
  const tileGrid = sceneTileGrid(scene);
  const roles = modeRoles(mode);
  const bands = scene.bands.filter((b) => b.role && (roles as string[]).includes(b.role)).map(toRenderBand);
  const withData = new Set<string>();
  let sawData = false;
  /** Tiles asked for before OpenLayers' first frame at the new view (see prefetch). */
  const early = new Map<string, Promise<TileReply>>();

  function request(z: number, x: number, y: number, signal?: AbortSignal): Promise<TileReply> {
    const extent = tileGrid.getTileCoordExtent([z, x, y]) as [number, number, number, number];
    const signals = [signal, generation].filter((v): v is AbortSignal => !!v);
    return pool.request<TileReply>(
      { type: 'tile', bands, mode, viewDef, sceneDef, extent, width: TILE, height: TILE },
      signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    );
  }

  const source = new ImageTileSource({
    projection: 'EPSG:3857',
    tileGrid,
    transition: 0,
    interpolate: false,
    wrapX: false,
    loader: async (z, x, y, { signal }) => {
      const key = `${z}/${x}/${y}`;
      const asked = performance.now();
      try {
        const pending = early.get(key);
        early.delete(key);
        const r = await (pending ?? request(z, x, y, signal));
        if (r.filled > 0) withData.add(key);
        cb.onTile?.(`${viewId} ${key}`, asked, r);
        return r.bitmap;
      } catch (e) {
        if ((e as { code?: string }).code !== 'CANCELLED') cb.onError(e);
        throw e;
      }
    },
  });
  source.on('tileloadend', (ev) => {
    const [z, x, y] = ev.tile.getTileCoord();
    if (withData.has(`${z}/${x}/${y}`)) sawData = true;
  });

  /**
   * Asks the workers for the tiles of a view right away, centre first, instead of after the map's
   * next frame (which, right after a zoom to the scene, first redraws every boundary at the new
   * scale); OpenLayers' loader then picks up these requests.
   */
  function prefetch(extent: number[], resolution: number): void {
    const z = tileGrid.getZForResolution(resolution);
    const range = tileGrid.getTileRangeForExtentAndZ(extent, z);
    const cx = (range.minX + range.maxX) / 2;
    const cy = (range.minY + range.maxY) / 2;
    const coords: [number, number][] = [];
    for (let x = range.minX; x <= range.maxX; x++)
      for (let y = range.minY; y <= range.maxY; y++) coords.push([x, y]);
    coords.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
    for (const [x, y] of coords.slice(0, 32)) {
      const key = `${z}/${x}/${y}`;
      if (early.has(key)) continue;
      const p = request(z, x, y);
      p.catch(() => {}); // reported when OpenLayers' loader awaits it
      early.set(key, p);
    }
  }

  return { source, hasData: () => sawData, prefetch };
}
