/**
 * Following a host job (analysis, offline download) until it ends: the host keeps the job and its
 * progress; the renderer polls it. Polling, not push, because the same contract serves IPC and the
 * loopback HTTP host, which has no event channel.
 */
import type { JobInfo } from '../../../shared/contract';
import { toErrorData } from '../../../shared/errors';
import { api } from '../api/client';

const POLL_MS = 300;

/** Calls onUpdate with every new snapshot; resolves with the final one. Stops early when `stop()` is true. */
export async function followJob(
  first: JobInfo,
  onUpdate: (job: JobInfo) => void,
  stop: () => boolean = () => false,
): Promise<JobInfo> {
  let job = first;
  onUpdate(job);
  let failures = 0;
  while (job.state === 'running' && !stop()) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    try {
      job = await api.jobs.get(job.id);
      failures = 0;
    } catch (e) {
      // A host hiccup: try a few times before giving up on the job.
      if (++failures < 5) continue;
      job = { ...job, state: 'failed', error: toErrorData(e) };
    }
    onUpdate(job);
  }
  return job;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function progressFraction(job: JobInfo): number | null {
  const p = job.progress;
  if (!p || !(p.total > 0)) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}
