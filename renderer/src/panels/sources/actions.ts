/**
 * Sources and offline copies: read from the host, changed through settings.update, then the scene
 * list is read again (R's catalog action) so added, disabled or removed sources show at once.
 */
import type { SourceConfig } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { loadCatalog } from '../../state/catalog';
import { panels } from '../../state/panels';
import { pushToast } from '../../state/store';

export async function loadSources(): Promise<void> {
  panels.setState({ sourcesStatus: 'loading', sourcesError: null });
  try {
    const [settings, sources] = await Promise.all([api.settings.get(), api.catalog.sources()]);
    panels.setState({ settings, sources, sourcesStatus: 'ready' });
  } catch (e) {
    panels.setState({ sourcesStatus: 'error', sourcesError: toErrorData(e) });
  }
}

export async function loadOffline(): Promise<void> {
  try {
    panels.setState({ offline: await api.offline.list() });
  } catch {
    // The offline list is a badge: without it the rest works; the make button reports errors.
  }
}

/** Saves the whole source list; resolves false (after a toast) when the host refuses it. */
export async function saveSources(sources: SourceConfig[]): Promise<boolean> {
  try {
    const settings = await api.settings.update({ sources });
    panels.setState({ settings });
  } catch (e) {
    pushToast(toErrorData(e));
    return false;
  }
  // The host's per-source status (scene count, error) is as of its last listing: list first.
  await loadCatalog();
  await loadSources();
  return true;
}

function current(): SourceConfig[] {
  return panels.getState().settings?.sources ?? [];
}

/** Flips the switch at once (optimistic); puts it back if the host refuses the change. */
export async function setSourceEnabled(id: string, enabled: boolean): Promise<boolean> {
  const before = panels.getState().settings;
  const next = current().map((s) => (s.id === id ? { ...s, enabled } : s));
  if (before) panels.setState({ settings: { ...before, sources: next } });
  const ok = await saveSources(next);
  if (!ok && before) panels.setState({ settings: before });
  return ok;
}

export function removeSource(id: string): Promise<boolean> {
  const s = current().find((x) => x.id === id);
  if (s?.kind === 'sample') {
    pushToast({
      code: 'BAD_ARGUMENT',
      message: 'The embedded sample source cannot be removed.',
      hint: 'Disable it instead.',
    });
    return Promise.resolve(false);
  }
  return saveSources(current().filter((x) => x.id !== id));
}

/** Adds a new source or replaces the one with the same id. */
export function putSource(source: SourceConfig): Promise<boolean> {
  const list = current();
  const i = list.findIndex((s) => s.id === source.id);
  return saveSources(i >= 0 ? list.map((s, k) => (k === i ? source : s)) : [...list, source]);
}
