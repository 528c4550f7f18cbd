/**
 * The analyst's workspace, kept across launches: the scene and view on the map, the filters, the
 * layers, the language, the panels, recent analyses, and any slice another part of the app
 * registers (the layer stack, compare). It is written to the host's settings (`workspace` field,
 * written atomically by the host) a moment after each change, and restored before the map starts.
 *
 * A slice is small JSON. Its restore() gets whatever was saved, possibly by an older version, so
 * it checks every field and ignores what it does not understand.
 */
import { api } from '../api/client';
import { changeLanguage, type Language } from '../i18n';
import { panels, type RecentResult } from './panels';
import { type AppState, initialState, store } from './store';

export interface WorkspaceSlice {
  /** The slice's state as JSON. */
  save(): unknown;
  /** Applies a saved value (checked field by field: it may be from an older version). */
  restore(value: unknown): void;
  /** Calls back on every change of the slice's state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const slices = new Map<string, WorkspaceSlice>();
/** What the host had when the app started: slices registered later are restored from it. */
let saved: Record<string, unknown> = {};
let restored = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<void> = Promise.resolve();
const SAVE_DELAY_MS = 600;
let restoredView = false;

/** True when the map's view came from the last session (the map then keeps it). */
export function viewRestored(): boolean {
  return restoredView;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Adds a slice; if the workspace was already restored, the slice gets its saved value now. */
export function registerWorkspaceSlice(name: string, slice: WorkspaceSlice): () => void {
  slices.set(name, slice);
  if (restored && name in saved) slice.restore(saved[name]);
  const unsub = slice.subscribe(scheduleSave);
  return () => {
    unsub();
    slices.delete(name);
  };
}

function snapshot(): Record<string, unknown> {
  const out: Record<string, unknown> = { ...saved };
  for (const [name, slice] of slices) out[name] = slice.save();
  return out;
}

function scheduleSave(): void {
  if (!restored) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flushWorkspace(), SAVE_DELAY_MS);
}

/** Writes the workspace now (pending changes included); resolves when the host has it. */
export function flushWorkspace(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const workspace = snapshot();
  writing = writing.then(async () => {
    try {
      await api.settings.update({ workspace });
      saved = workspace;
    } catch {
      // Not fatal: the next change tries again. The session itself is not affected.
    }
  });
  return writing;
}

/**
 * Reads the saved workspace and applies it; call before the map is created. Saving starts only once
 * the saved workspace is known, so a slow or failing host never gets a default workspace written
 * over the analyst's: a late answer enables saving (without moving what is on screen).
 */
export async function restoreWorkspace(timeoutMs = 4000): Promise<void> {
  const asked = api.settings.get().catch(() => null);
  const settings = await Promise.race([
    asked,
    new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), timeoutMs)),
  ]);
  if (settings === 'late') {
    void asked.then((late) => {
      if (!late) return;
      saved = late.workspace ?? {};
      restored = true;
    });
    return;
  }
  if (!settings) return;
  saved = settings.workspace ?? {};
  panels.setState({ settings });
  if (settings.language !== 'en') await changeLanguage(settings.language);
  for (const [name, slice] of slices) if (name in saved) slice.restore(saved[name]);
  restored = true;
  // A change made just before the window closes is written too.
  if (typeof window !== 'undefined')
    window.addEventListener('pagehide', () => {
      if (timer) void flushWorkspace();
    });
}

/** Switches the interface language and remembers it (the map and analysis are untouched). */
export async function setLanguage(lang: Language): Promise<void> {
  await changeLanguage(lang);
  try {
    const settings = await api.settings.update({ language: lang });
    panels.setState({ settings });
  } catch {
    // The language still changed for this session.
  }
}

// --- the built-in slices -----------------------------------------------------------------------

function restoreMap(v: unknown): void {
  const o = obj(v);
  if (!o) return;
  const patch: Partial<AppState> = {};
  if (isStr(o.sceneId)) patch.sceneId = o.sceneId;
  if (isStr(o.indexId)) patch.indexId = o.indexId;
  if (isNum(o.opacity)) patch.opacity = Math.min(1, Math.max(0, o.opacity));
  const view = obj(o.view);
  const c = view?.center;
  if (view && Array.isArray(c) && c.length === 2 && c.every(isNum) && isNum(view.zoom)) {
    patch.view = { center: [c[0], c[1]], zoom: view.zoom, extent: null };
    restoredView = true;
  }
  const f = obj(o.filters);
  if (f) {
    const d = initialState.filters;
    patch.filters = {
      from: isStr(f.from) ? f.from : d.from,
      to: isStr(f.to) ? f.to : d.to,
      maxCloud: isNum(f.maxCloud) ? f.maxCloud : d.maxCloud,
      sensor: isStr(f.sensor) ? f.sensor : d.sensor,
    };
  }
  const l = obj(o.layers);
  if (l) {
    const layers = { ...store.getState().layers };
    for (const k of Object.keys(layers) as (keyof typeof layers)[])
      if (typeof l[k] === 'boolean') layers[k] = l[k] as boolean;
    patch.layers = layers;
  }
  store.setState(patch);
}

registerWorkspaceSlice('map', {
  save: () => {
    const s = store.getState();
    return {
      sceneId: s.sceneId,
      indexId: s.indexId,
      opacity: s.opacity,
      view: { center: s.view.center, zoom: s.view.zoom },
      filters: s.filters,
      layers: s.layers,
    };
  },
  restore: restoreMap,
  subscribe: (listener) =>
    store.subscribe((s, p) => {
      if (
        s.sceneId !== p.sceneId ||
        s.indexId !== p.indexId ||
        s.opacity !== p.opacity ||
        s.view !== p.view ||
        s.filters !== p.filters ||
        s.layers !== p.layers
      )
        listener();
    }),
});

export const MAX_RECENT = 5;

function isRecent(v: unknown): v is RecentResult {
  const o = obj(v);
  const value = obj(o?.value);
  return (
    !!o &&
    isStr(o.jobId) &&
    (o.kind === 'flood' || o.kind === 'water') &&
    !!value &&
    !!obj(value.summary) &&
    !!obj(value.mask) &&
    Array.isArray(value.artifacts)
  );
}

registerWorkspaceSlice('panels', {
  save: () => {
    const s = panels.getState();
    return { collapsed: s.collapsed, guideDismissed: s.guideDismissed, recent: s.recent };
  },
  restore: (v) => {
    const o = obj(v);
    if (!o) return;
    const s = panels.getState();
    const collapsed = obj(o.collapsed);
    const recent = Array.isArray(o.recent) ? o.recent.filter(isRecent).slice(0, MAX_RECENT) : [];
    panels.setState({
      collapsed: collapsed
        ? (Object.fromEntries(Object.entries(collapsed).filter(([, x]) => typeof x === 'boolean')) as Record<
            string,
            boolean
          >)
        : s.collapsed,
      guideDismissed: o.guideDismissed === true,
      recent,
    });
    const last = recent[0];
    if (last && !s.result)
      panels.setState({
        result: { jobId: last.jobId, kind: last.kind, value: last.value },
        mask: {
          jobId: last.jobId,
          kind: last.kind,
          layer: last.value.mask,
          ...(last.value.classes ? { classes: last.value.classes } : {}),
          visible: true,
          opacity: 0.85,
        },
      });
  },
  subscribe: (listener) =>
    panels.subscribe((s, p) => {
      if (s.collapsed !== p.collapsed || s.guideDismissed !== p.guideDismissed || s.recent !== p.recent)
        listener();
    }),
});
