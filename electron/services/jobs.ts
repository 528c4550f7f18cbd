/**
 * Long tasks the host runs for the renderer (analysis in worker threads, downloads): each gets an
 * id, progress the renderer polls, and an AbortController behind `cancel`. Finished jobs are kept
 * (the last 50) so a result can be looked at again.
 */
import { randomUUID } from 'node:crypto';
import type { JobInfo, JobKind, NigahServices } from '../../shared/contract';
import { NigahError, toErrorData } from '../../shared/errors';

export interface JobContext {
  id: string;
  signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
}

export interface JobRunner {
  service: NigahServices['jobs'];
  start(kind: JobKind, title: string, work: (ctx: JobContext) => Promise<unknown>): JobInfo;
  /** Resolves when the job has ended (tests, CLI). */
  settled(id: string): Promise<JobInfo>;
}

const KEEP = 50;

export function createJobRunner(): JobRunner {
  const jobs = new Map<string, { info: JobInfo; abort: AbortController; done: Promise<void> }>();

  const snapshot = (info: JobInfo): JobInfo => ({
    ...info,
    progress: info.progress ? { ...info.progress } : null,
  });

  function find(id: string) {
    const job = jobs.get(id);
    if (!job)
      throw new NigahError('NOT_FOUND', `No job "${id}".`, {
        hint: 'It may have ended before the app restarted.',
      });
    return job;
  }

  function prune(): void {
    const ended = [...jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of ended.slice(0, Math.max(0, ended.length - KEEP))) jobs.delete(j.info.id);
  }

  return {
    start(kind, title, work) {
      const id = randomUUID();
      const abort = new AbortController();
      const info: JobInfo = {
        id,
        kind,
        title,
        state: 'running',
        progress: null,
        startedAt: new Date().toISOString(),
      };
      const ctx: JobContext = {
        id,
        signal: abort.signal,
        progress: (phase, done, total) => {
          info.progress = { phase, done, total };
        },
      };
      const done = (async () => {
        try {
          info.result = await work(ctx);
          info.state = abort.signal.aborted ? 'cancelled' : 'done';
        } catch (e) {
          const err = toErrorData(e);
          info.state = abort.signal.aborted || err.code === 'CANCELLED' ? 'cancelled' : 'failed';
          if (info.state === 'failed') info.error = err;
        } finally {
          info.finishedAt = new Date().toISOString();
          prune();
        }
      })();
      jobs.set(id, { info, abort, done });
      return snapshot(info);
    },
    async settled(id) {
      const job = find(id);
      await job.done;
      return snapshot(job.info);
    },
    service: {
      list: async () => [...jobs.values()].map((j) => snapshot(j.info)).reverse(),
      get: async (id) => snapshot(find(id).info),
      cancel: async (id) => {
        const job = find(id);
        if (job.info.state === 'running') job.abort.abort();
        await job.done;
        return snapshot(job.info);
      },
    },
  };
}
