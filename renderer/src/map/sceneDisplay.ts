/**
 * One scene drawn on the map in one view, by the worker pool. The main scene and the compare
 * scene are each one of these. Two persistent tile layers: a new view of the same scene loads into
 * the idle one and replaces the shown one only when it has pixels (no blank flash).
 */
import LayerGroup from 'ol/layer/Group';
import TileLayer from 'ol/layer/Tile';
import type OlMap from 'ol/Map';
import type ImageTileSource from 'ol/source/ImageTile';
import type { BandRole, Scene } from '../../../shared/scene';
import { getScene } from '../state/catalog';
import { layers as layersStore } from '../state/layers';
import type { WorkerPool } from '../workers/pool';
import type { TileReply } from '../workers/protocol';
import { displayMode } from './displayMode';
import { ensureProjection, loadProjection } from './projection';
import { createSceneSource, modeRoles } from './sceneLayer';

export interface DisplayHooks {
  report(e: unknown): void;
  /** The scene's metadata is in and it can be drawn; `changed` when it is a new scene. */
  onScene?(scene: Scene, changed: boolean): void;
  /** The view cannot be shown for this scene's bands; return false to stop. */
  onUnavailable?(scene: Scene, viewId: string, roles: BandRole[]): void;
  onRequested?(changed: boolean, at: number): void;
  onFirstPixels?(changed: boolean, sceneId: string, viewId: string): void;
  onTile?(key: string, asked: number, r: TileReply): void;
  onBusy?(busy: boolean): void;
}

export class SceneDisplay {
  readonly group: LayerGroup;
  private readonly slots: TileLayer<ImageTileSource>[];
  private shownSlot = 0;
  private current: { sceneId: string; key: string } | null = null;
  private shownScene: Scene | null = null;
  private token = 0;
  private generation = new AbortController();

  constructor(
    private readonly getMap: () => OlMap,
    private readonly pool: WorkerPool,
    private readonly hooks: DisplayHooks,
    zIndex: number,
    role: string,
  ) {
    this.slots = [0, 1].map(() => new TileLayer<ImageTileSource>({ zIndex, properties: { role } }));
    this.group = new LayerGroup({ layers: this.slots, properties: { role } });
  }

  /** The scene being shown (null before its metadata is in). */
  get scene(): Scene | null {
    return this.shownScene;
  }

  tileLayers(): TileLayer<ImageTileSource>[] {
    return this.slots;
  }

  setOpacity(o: number): void {
    for (const l of this.slots) l.setOpacity(o);
  }

  setZIndex(z: number): void {
    this.slots[this.shownSlot].setZIndex(z + 1);
    this.slots[1 - this.shownSlot].setZIndex(z);
    this.zBase = z;
  }

  private zBase = 10;

  clear(): void {
    this.token++;
    this.generation.abort();
    for (const l of this.slots) l.setSource(null);
    this.current = null;
    this.shownScene = null;
    this.hooks.onBusy?.(false);
  }

  /** Shows a scene in a view (a no-op when that exact drawing is already shown). */
  async show(sceneId: string | null, viewId: string): Promise<void> {
    if (!sceneId) return this.clear();
    const display = displayMode(viewId, layersStore.getState());
    const key = `${viewId}|${display?.key ?? ''}`;
    if (this.current && this.current.sceneId === sceneId && this.current.key === key) return;
    const my = ++this.token;
    const changed = this.current?.sceneId !== sceneId;
    const requestedAt = performance.now();
    this.generation.abort();
    this.generation = new AbortController();
    const gen = this.generation.signal;
    if (changed) {
      for (const l of this.slots) l.setSource(null);
      this.current = null;
    }
    let scene: Scene;
    try {
      scene = await getScene(sceneId);
    } catch (e) {
      this.hooks.report(e);
      return;
    }
    if (my !== this.token) return;
    this.shownScene = scene;
    if (!scene.drawable) {
      this.hooks.onScene?.(scene, changed);
      return;
    }
    const roles = scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null);
    const have = new Set(roles);
    if (!display || !modeRoles(display.mode).every((r) => have.has(r)) || !modeRoles(display.mode).length) {
      this.hooks.onUnavailable?.(scene, viewId, roles);
      return;
    }
    try {
      await loadProjection(scene.crs);
      if (my !== this.token) return;
      ensureProjection(scene.crs);
    } catch (e) {
      this.hooks.report(e);
      return;
    }
    this.hooks.onRequested?.(changed, requestedAt);
    this.hooks.onBusy?.(true);
    this.hooks.onScene?.(scene, changed);
    this.draw(scene, sceneId, viewId, key, display.mode, changed, gen, my);
  }

  private draw(
    scene: Scene,
    sceneId: string,
    viewId: string,
    key: string,
    mode: Parameters<typeof createSceneSource>[2],
    changed: boolean,
    gen: AbortSignal,
    my: number,
  ): void {
    const handle = createSceneSource(
      scene,
      viewId,
      mode,
      this.pool,
      { onError: (e) => this.hooks.report(e), onTile: this.hooks.onTile },
      gen,
    );
    const next = changed ? this.shownSlot : 1 - this.shownSlot;
    const layer = this.slots[next];
    layer.setZIndex(this.zBase + 1);
    this.slots[1 - next].setZIndex(this.zBase);
    layer.setSource(handle.source);
    const map = this.getMap();
    const size = map.getSize();
    const resolution = map.getView().getResolution();
    if (size && resolution) handle.prefetch(map.getView().calculateExtent(size), resolution);
    this.current = { sceneId, key };
    const onRender = () => {
      if (my !== this.token) {
        layer.un('postrender', onRender);
        return;
      }
      if (!handle.hasData()) return;
      layer.un('postrender', onRender);
      this.hooks.onFirstPixels?.(changed, sceneId, viewId);
      this.hooks.onBusy?.(false);
      if (next !== this.shownSlot) this.slots[this.shownSlot].setSource(null);
      this.shownSlot = next;
    };
    layer.on('postrender', onRender);
  }
}
