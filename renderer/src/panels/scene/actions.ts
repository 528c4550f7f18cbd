/**
 * Per-scene actions: offline copies (a host job with byte progress, cancel, resume by calling make
 * again) and band-role overrides (kept in settings, applied by the host's catalog; the scene is
 * then fetched again and redrawn).
 */
import type { JobInfo } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import type { BandRole } from '../../../../shared/scene';
import { api } from '../../api/client';
import { catalog, getScene, loadCatalog } from '../../state/catalog';
import { panels } from '../../state/panels';
import { dismissToastsOf, pushToast, selectScene, store } from '../../state/store';
import { followJob } from '../jobs';
import { loadOffline } from '../sources/actions';

function setOfflineJob(sceneId: string, job: JobInfo): void {
  panels.setState((s) => ({ offlineJobs: { ...s.offlineJobs, [sceneId]: job } }));
}

export async function makeOffline(sceneId: string): Promise<void> {
  let job: JobInfo;
  try {
    job = await api.offline.make(sceneId);
  } catch (e) {
    pushToast(toErrorData(e));
    return;
  }
  const end = await followJob(job, (j) => setOfflineJob(sceneId, j));
  if (end.state === 'failed' && end.error) pushToast(end.error);
  if (end.state === 'done') await loadOffline();
}

export async function cancelOffline(sceneId: string): Promise<void> {
  const job = panels.getState().offlineJobs[sceneId];
  if (job?.state !== 'running') return;
  try {
    setOfflineJob(sceneId, await api.jobs.cancel(job.id));
  } catch (e) {
    pushToast(toErrorData(e));
  }
}

export async function removeOfflineCopy(sceneId: string): Promise<void> {
  try {
    await api.offline.remove(sceneId);
  } catch (e) {
    pushToast(toErrorData(e));
  }
  panels.setState((s) => {
    const { [sceneId]: _gone, ...rest } = s.offlineJobs;
    return { offlineJobs: rest };
  });
  await loadOffline();
}

/** Drops the cached metadata of a scene, fetches it again and redraws it if it is on the map. */
export async function reloadScene(sceneId: string): Promise<void> {
  catalog.setState((s) => {
    const { [sceneId]: _a, ...scenes } = s.scenes;
    const { [sceneId]: _b, ...sceneErrors } = s.sceneErrors;
    return { scenes, sceneErrors };
  });
  await loadCatalog();
  await getScene(sceneId).catch(() => {});
  if (store.getState().sceneId === sceneId) {
    selectScene(null);
    selectScene(sceneId);
  }
}

/**
 * Saves role overrides for a scene: `changes` maps band name → role (null = no role); `reset`
 * drops the scene's overrides so the sensor profile applies again.
 */
export async function saveRoleOverrides(
  sceneId: string,
  changes: Record<string, BandRole | null>,
  reset = false,
): Promise<boolean> {
  try {
    const settings = await api.settings.get();
    const all = { ...(settings.roleOverrides ?? {}) };
    if (reset) delete all[sceneId];
    else all[sceneId] = { ...(all[sceneId] ?? {}), ...changes };
    const next = await api.settings.update({ roleOverrides: all });
    panels.setState({ settings: next });
  } catch (e) {
    pushToast(toErrorData(e));
    return false;
  }
  // A "no red band" notice about the old roles no longer applies.
  dismissToastsOf('view');
  await reloadScene(sceneId);
  return true;
}
