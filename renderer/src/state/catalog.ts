/**
 * Data loaded from the host (scene list, problems, the selected scene's metadata, boundary list).
 * Plain JSON, kept apart from the UI state store so the latter stays tiny; pixels never come here.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppInfo, BoundaryLayer, SceneList, SceneQuery } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import { toErrorData } from '../../../shared/errors';
import type { Scene } from '../../../shared/scene';
import { api } from '../api/client';
import { loadProjection } from '../map/projection';
import { mark } from '../perf/marks';
import { pushToast } from './store';

export interface CatalogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  list: SceneList;
  error: ErrorData | null;
  /** Full metadata of scenes fetched so far, by id. */
  scenes: Record<string, Scene>;
  sceneErrors: Record<string, ErrorData>;
  info: AppInfo | null;
  boundaries: BoundaryLayer[];
  /** The search the list answers (bbox, dates, cloud); null = everything every source has. */
  query: SceneQuery | null;
}

export const catalog = createStore<CatalogState>()(() => ({
  status: 'idle',
  list: { scenes: [], problems: [] },
  error: null,
  scenes: {},
  sceneErrors: {},
  info: null,
  boundaries: [],
  query: null,
}));

export function useCatalog<T>(selector: (s: CatalogState) => T): T {
  return useStore(catalog, selector);
}

/**
 * Reads the sources again. With a query (the map area, dates, cloud), STAC APIs are searched with
 * it and every other source is filtered by it; without one, the last query is kept (Refresh).
 */
export async function loadCatalog(
  query: SceneQuery | null | undefined = catalog.getState().query,
): Promise<void> {
  catalog.setState({ status: 'loading', error: null, query });
  try {
    const list = await api.catalog.list(query ?? undefined);
    catalog.setState({ status: 'ready', list });
    prefetchScenes(list.scenes.map((s) => s.id));
  } catch (e) {
    catalog.setState({ status: 'error', error: toErrorData(e) });
  }
}

export async function loadInfo(): Promise<void> {
  try {
    const info = await api.app.info();
    catalog.setState({ info });
    // Settings set aside, sources left out: the user must know, and keep the notice until dismissed.
    for (const n of info.notices ?? []) pushToast(n, { sticky: true });
  } catch {
    // The badge just stays empty; the catalog call reports host problems.
  }
}

const inflight = new Map<string, Promise<Scene>>();

/** Full scene metadata, fetched once. Rejects with NigahError (and remembers it for the list). */
export function getScene(id: string): Promise<Scene> {
  const known = catalog.getState().scenes[id];
  if (known) return Promise.resolve(known);
  let p = inflight.get(id);
  if (!p) {
    p = api.catalog.get(id).then(
      async (scene) => {
        // Its CRS's definition first, so every view of the scene can project synchronously; a
        // failure is reported when the scene is drawn.
        await loadProjection(scene.crs).catch(() => undefined);
        catalog.setState((s) => {
          const { [id]: _fixed, ...sceneErrors } = s.sceneErrors;
          return { scenes: { ...s.scenes, [id]: scene }, sceneErrors };
        });
        inflight.delete(id);
        return scene;
      },
      (e) => {
        inflight.delete(id);
        catalog.setState((s) => ({ sceneErrors: { ...s.sceneErrors, [id]: toErrorData(e) } }));
        throw e;
      },
    );
    inflight.set(id, p);
  }
  return p;
}

/**
 * Fetch the metadata (JSON only, no pixels) of the first listed scenes in the background, one at a
 * time, so choosing one does not wait for a host round trip. Failures are remembered per scene
 * and shown on its row.
 */
function prefetchScenes(ids: string[], max = 24): void {
  const queue = ids.slice(0, max);
  const next = () => {
    const id = queue.shift();
    if (!id) {
      mark('prefetchDone');
      return;
    }
    getScene(id).then(next, next);
  };
  setTimeout(next, 0);
}
