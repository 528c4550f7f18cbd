/**
 * "Make available offline" as jobs: download a scene's remote assets with progress, cancel and
 * resume (calling make again continues the .part files). The catalog serves complete copies.
 */
import type { NigahServices, OfflineJobResult } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { isAvailableOffline, makeAvailableOffline, removeOffline } from '../cache/offline';
import type { JobRunner } from './jobs';

export function createOfflineService(opts: {
  catalog: NigahServices['catalog'];
  jobs: JobRunner;
  offlineDir: string;
}): NigahServices['offline'] {
  return {
    async make(sceneId) {
      const scene = await opts.catalog.get(sceneId);
      const remote = scene.bands.filter((b) => /^https?:/i.test(b.href));
      if (remote.length === 0)
        throw new NigahError(
          'BAD_ARGUMENT',
          (await isAvailableOffline(sceneId, opts.offlineDir))
            ? `${scene.title} is already available offline.`
            : `${scene.title} is already on this computer.`,
          { hint: 'Only scenes from remote catalogs need to be made available offline.' },
        );
      return opts.jobs.start('offline', `Offline copy: ${scene.title}`, async (ctx) => {
        let bytes = 0;
        const manifest = await makeAvailableOffline(scene, {
          dir: opts.offlineDir,
          signal: ctx.signal,
          onProgress: (p) => {
            bytes = p.doneBytes;
            ctx.progress(`file ${p.fileIndex + 1} of ${p.fileCount}`, p.doneBytes, p.fileSize ?? 0);
          },
        });
        const result: OfflineJobResult = { sceneId, files: Object.keys(manifest.files).length, bytes };
        return result;
      });
    },
    async remove(sceneId) {
      await removeOffline(sceneId, opts.offlineDir);
    },
    async list() {
      const { scenes } = await opts.catalog.list();
      const ids: string[] = [];
      for (const s of scenes) if (await isAvailableOffline(s.id, opts.offlineDir)) ids.push(s.id);
      return ids;
    },
  };
}
