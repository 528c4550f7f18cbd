/**
 * Scene actions that need the engine: orthorectifying a Level-1A scene (a job with progress and
 * cancel). The result lands in the offline store, where the catalog finds it: the scene is then
 * listed and drawn like any map-projected one. Orthorectifying again with the same heights reuses
 * the stored result.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NigahServices, OrthoJobResult } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { needsOrtho, orthorectifiedScene, packageLocation } from '../engine/ortho-scene';
import type { JobRunner } from './jobs';

export function createScenesService(opts: {
  catalog: NigahServices['catalog'];
  jobs: JobRunner;
  offlineDir: string;
}): NigahServices['scenes'] {
  return {
    async orthorectify(req) {
      const listed = await opts.catalog.get(req.sceneId);
      // Done before: start again from the package (same heights → the stored result is reused).
      const scene = listed.properties?.['nigah:orthorectified'] ? { ...listed, drawable: false } : listed;
      const location = packageLocation(scene);
      if (!needsOrtho(scene) || !location)
        throw new NigahError(
          'BAD_ARGUMENT',
          `${scene.title} is not a Level-1A package: it needs no orthorectification.`,
          {
            hint: 'Only CRESDA Level-1A products (raw image + RPC model) are orthorectified.',
          },
        );
      if (req.dem !== undefined && req.height !== undefined)
        throw new NigahError('BAD_ARGUMENT', 'Give either a DEM or a constant height, not both.');
      if (
        req.dem !== undefined &&
        !(path.isAbsolute(req.dem) && existsSync(req.dem) && statSync(req.dem).isFile())
      )
        throw new NigahError('NOT_FOUND', `The DEM ${req.dem} was not found.`, {
          hint: 'Choose a GeoTIFF DEM on this computer (SRTM, Copernicus GLO-30…).',
        });
      return opts.jobs.start('ortho', `Orthorectify ${scene.title}`, async (ctx) => {
        const done = await orthorectifiedScene(scene, location, {
          cacheDir: opts.offlineDir,
          dem: req.dem,
          height: req.height,
          resampling: req.resampling,
          signal: ctx.signal,
          onProgress: (d, t) => ctx.progress('orthorectifying', d, t),
          say: () => {},
        });
        const b = done.bands[0];
        const result: OrthoJobResult = {
          sceneId: scene.id,
          href: b.href,
          crs: done.crs,
          width: b.width,
          height: b.height,
          notices: done.notices,
        };
        return result;
      });
    },
  };
}
