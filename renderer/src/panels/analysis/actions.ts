/**
 * Running water and flood mapping on the host (the engine in worker threads), following the job,
 * and showing its result: the figures in the panel, the mask on the map over the post-event scene.
 */

import type { AnalysisJobResult, JobInfo } from '../../../../shared/contract';
import { toErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { analysisAoi, analysisAoiRings } from '../../state/layers';
import { type AnalysisRequest, addRecent, panels } from '../../state/panels';
import { selectScene, store } from '../../state/store';
import { followJob } from '../jobs';
import { readSummary } from './summary';

function isResult(v: unknown): v is AnalysisJobResult {
  const r = v as AnalysisJobResult | undefined;
  return !!r && typeof r === 'object' && !!r.summary && !!r.mask && Array.isArray(r.artifacts);
}

function failedJob(request: AnalysisRequest, e: unknown): JobInfo {
  return {
    id: '',
    kind: request.kind,
    title: request.kind === 'flood' ? 'Flood mapping' : 'Water mapping',
    state: 'failed',
    progress: null,
    startedAt: new Date().toISOString(),
    error: toErrorData(e),
  };
}

export async function runAnalysis(asked: AnalysisRequest): Promise<void> {
  const cur = panels.getState().run;
  if (cur?.job.state === 'running') return;
  // The area of interest, when the analyst chose to limit runs to it (Area of interest panel).
  const aoi = analysisAoi();
  const aoiRings = analysisAoiRings();
  const request = (
    aoi ? { ...asked, request: { ...asked.request, aoi, ...(aoiRings ? { aoiRings } : {}) } } : asked
  ) as AnalysisRequest;
  let job: JobInfo;
  try {
    job =
      request.kind === 'flood'
        ? await api.analysis.flood(request.request)
        : await api.analysis.water(request.request);
  } catch (e) {
    panels.setState({ run: { job: failedJob(request, e), request } });
    return;
  }
  const end = await followJob(
    job,
    (j) => panels.setState({ run: { job: j, request } }),
    () => panels.getState().run?.job.id !== job.id,
  );
  if (panels.getState().run?.job.id !== job.id) return;
  if (end.state === 'done') {
    if (!isResult(end.result)) {
      panels.setState({
        run: {
          request,
          job: {
            ...end,
            state: 'failed',
            error: {
              code: 'INTERNAL',
              message: 'The host finished the job but sent no result.',
              hint: 'Run it again; if it repeats, report it with the job id.',
            },
          },
        },
      });
      return;
    }
    showResult(end.id, request.kind, end.result);
    addRecent({
      jobId: end.id,
      kind: request.kind,
      request,
      value: end.result,
      finishedAt: end.finishedAt ?? new Date().toISOString(),
    });
    // The mask sits on the post-event (or analysed) scene: show that scene under it.
    const under = request.kind === 'flood' ? request.request.postId : request.request.sceneId;
    if (store.getState().sceneId !== under) selectScene(under);
  }
}

/**
 * After a reload: the host still has the latest water/flood job. Follow it if it is running, show
 * its result if it finished (the host keeps the last 50 jobs and their files).
 */
export async function resumeLatest(): Promise<void> {
  if (panels.getState().run) return;
  let jobs: JobInfo[];
  try {
    jobs = await api.jobs.list();
  } catch {
    return;
  }
  const job = jobs.find((j) => j.kind === 'flood' || j.kind === 'water');
  if (!job || panels.getState().run) return;
  const kind = job.kind as 'flood' | 'water';
  const end = await followJob(
    job,
    (j) => panels.setState({ run: { job: j, request: null } }),
    () => panels.getState().run?.job.id !== job.id,
  );
  if (panels.getState().run?.job.id === job.id && end.state === 'done' && isResult(end.result)) {
    showResult(end.id, kind, end.result);
    // Bring the map to the result when nothing else is on it.
    const under = readSummary(kind, end.result.summary).dates.find((d) => d.label !== 'Before')?.id;
    if (under && !store.getState().sceneId) selectScene(under);
  }
}

export function showResult(jobId: string, kind: 'flood' | 'water', value: AnalysisJobResult): void {
  const prev = panels.getState().mask;
  panels.setState({
    result: { jobId, kind, value },
    mask: {
      jobId,
      kind,
      layer: value.mask,
      ...(value.classes ? { classes: value.classes } : {}),
      visible: true,
      opacity: prev?.opacity ?? 0.85,
    },
  });
}

export async function cancelAnalysis(): Promise<void> {
  const run = panels.getState().run;
  if (run?.job.state !== 'running') return;
  try {
    const job = await api.jobs.cancel(run.job.id);
    panels.setState({ run: { ...run, job } });
  } catch (e) {
    panels.setState({ run: { ...run, job: { ...run.job, state: 'failed', error: toErrorData(e) } } });
  }
}

/** Removes the shown result, its map layer and its entry among the recent analyses. */
export function clearResult(): void {
  panels.setState((s) => ({
    result: null,
    mask: null,
    run: null,
    recent: s.result ? s.recent.filter((r) => r.jobId !== s.result?.jobId) : s.recent,
  }));
}
