/**
 * Orthorectifying a Level-1A scene from the app: a host job (progress, cancel); when it is done the
 * scene is fetched again — the catalog now lists it from its orthorectified copy — and redrawn.
 */
import type { JobInfo, OrthoRequest } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { pushToast, store } from '../../state/store';
import { followJob } from '../jobs';
import { reloadScene } from './actions';

export async function startOrtho(request: OrthoRequest, onJob: (job: JobInfo) => void): Promise<void> {
  let job: JobInfo;
  try {
    job = await api.scenes.orthorectify(request);
  } catch (e) {
    pushToast(toErrorData(e));
    return;
  }
  onJob(job);
  const end = await followJob(job, onJob);
  if (end.state === 'failed' && end.error) pushToast(end.error);
  if (end.state === 'done') {
    // The "cannot be drawn" notice no longer applies: the scene is drawn from its orthorectified copy.
    store.setState((s) => ({ toasts: s.toasts.filter((t) => t.code !== 'NEEDS_ORTHO') }));
    await reloadScene(request.sceneId);
  }
}

export async function cancelOrtho(job: JobInfo | null, onJob: (job: JobInfo) => void): Promise<void> {
  if (job?.state !== 'running') return;
  try {
    onJob(await api.jobs.cancel(job.id));
  } catch (e) {
    pushToast(toErrorData(e));
  }
}
