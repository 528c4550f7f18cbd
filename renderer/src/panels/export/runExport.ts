/**
 * Runs an export as a host job: polls its progress, cancels on request, and saves the file it
 * wrote (Electron shows its save dialog for the download; the browser downloads it).
 */
import type { ExportJobResult, ExportRequest, JobInfo } from '../../../../shared/contract';
import { fromErrorData, NigahError } from '../../../../shared/errors';
import { api } from '../../api/client';
import { downloadArtifact } from '../analysis/downloads';

export interface ExportRun {
  job: Promise<JobInfo>;
  cancel(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function runExport(req: ExportRequest, onProgress: (job: JobInfo) => void): ExportRun {
  let id: string | null = null;
  let cancelled = false;
  const job = (async () => {
    let info = await api.exports.start(req);
    id = info.id;
    onProgress(info);
    while (info.state === 'running') {
      await sleep(250);
      info = await api.jobs.get(info.id);
      onProgress(info);
    }
    if (info.state === 'failed' && info.error) throw fromErrorData(info.error);
    if (info.state === 'cancelled' || cancelled) throw new NigahError('CANCELLED', 'Export cancelled.');
    await downloadArtifact((info.result as ExportJobResult).artifact);
    return info;
  })();
  return {
    job,
    async cancel() {
      cancelled = true;
      if (id) await api.jobs.cancel(id);
    },
  };
}
