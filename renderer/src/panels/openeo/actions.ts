/**
 * The openEO panel's actions: submit for the map area, follow the remembered jobs, fetch a
 * finished job's results and show them like the app's own flood and water results.
 */
import type { AnalysisJobResult } from '../../../../shared/contract';
import type { AnalysisRequest } from '../../../../shared/openeo/request';
import type { OpenEOJobInfo } from '../../../../shared/openeo/service';
import { api } from '../../api/client';
import { loadCatalog } from '../../state/catalog';
import { setTab } from '../../state/panels';
import { selectScene } from '../../state/store';
import { showResult } from '../analysis/actions';
import { followJob } from '../jobs';

export const FINAL = new Set(['finished', 'error', 'canceled']);

/** yyyy-mm-dd of today plus `days`. */
export function day(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export type Kind = AnalysisRequest['analysis'];

export interface Draft {
  analysis: Kind;
  index: string;
  collection: string;
  from: string;
  to: string;
  preFrom: string;
  preTo: string;
  threshold: string;
}

export function defaultDraft(): Draft {
  return {
    analysis: 'flood',
    index: 'ndvi',
    collection: 'SENTINEL2_L2A',
    from: day(-10),
    to: day(1),
    preFrom: day(-70),
    preTo: day(-50),
    threshold: '',
  };
}

/** The request for the map's extent; null when the map has not drawn yet. */
export function requestOf(d: Draft, bbox: [number, number, number, number] | null): AnalysisRequest | null {
  if (!bbox) return null;
  const threshold = d.threshold.trim() === '' ? undefined : Number(d.threshold);
  const base = {
    collection: d.collection,
    bbox,
    ...(threshold !== undefined && Number.isFinite(threshold) ? { threshold } : {}),
  };
  if (d.analysis === 'flood')
    return { ...base, analysis: 'flood', pre: [d.preFrom, d.preTo], post: [d.from, d.to] };
  if (d.analysis === 'water') return { ...base, analysis: 'water', datetime: [d.from, d.to] };
  return { ...base, analysis: 'index', index: d.index, datetime: [d.from, d.to] };
}

/** Download a finished job's results (a host job) and show the mask and district table. */
export async function openResult(job: OpenEOJobInfo, onProgress: (text: string) => void): Promise<void> {
  const first = await api.openeo.fetch(job.id);
  const end = await followJob(first, (j) => {
    if (j.progress) onProgress(`${j.progress.phase} ${j.progress.done}/${j.progress.total || '?'}`);
  });
  if (end.state !== 'done') throw end.error ?? new Error('The download did not finish.');
  // Every result is also a scene of the "openEO results" source: list it, and show an index there.
  await loadCatalog();
  const sceneId = (end.result as { sceneId?: string }).sceneId;
  if (job.request.analysis === 'index') {
    if (sceneId) selectScene(sceneId);
    setTab('scenes');
    return;
  }
  const kind = job.request.analysis === 'flood' ? 'flood' : 'water';
  showResult(end.id, kind, end.result as AnalysisJobResult);
  setTab('analysis');
}
