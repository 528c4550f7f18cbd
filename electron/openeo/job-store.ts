/**
 * The list of submitted openEO jobs, kept in <userData>/openeo-jobs.json (atomic writes) so jobs
 * survive a restart of the app: their status is read again from the backend when listed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenEOJobInfo } from '../../shared/openeo/service';
import { writeFileAtomic } from '../host/atomic';

export interface JobStore {
  list(): Promise<OpenEOJobInfo[]>;
  get(id: string): Promise<OpenEOJobInfo | undefined>;
  put(job: OpenEOJobInfo): Promise<void>;
}

export function fileJobStore(userDataDir: string): JobStore {
  const file = path.join(userDataDir, 'openeo-jobs.json');
  let cache: OpenEOJobInfo[] | null = null;
  let writing = Promise.resolve();
  const load = async () => {
    if (!cache) {
      try {
        cache = JSON.parse(await readFile(file, 'utf8')) as OpenEOJobInfo[];
      } catch {
        cache = [];
      }
    }
    return cache;
  };
  return {
    list: async () => [...(await load())],
    get: async (id) => (await load()).find((j) => j.id === id),
    async put(job) {
      const all = await load();
      const i = all.findIndex((j) => j.id === job.id && j.sourceId === job.sourceId);
      if (i >= 0) all[i] = job;
      else all.unshift(job);
      // Writes in order, each with the whole list.
      writing = writing.then(() => writeFileAtomic(file, JSON.stringify(all, null, 1)));
      await writing;
    },
  };
}
