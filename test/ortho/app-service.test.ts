/**
 * The app's path: a Level-1A package listed by a CRESDA source is orthorectified as a job (progress,
 * result in the offline store), then listed and drawn like any map-projected scene; running it again
 * with the same heights reuses the stored result.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedPool } from '../../electron/engine/pool';
import { createCatalogService } from '../../electron/services/catalog';
import { createJobRunner } from '../../electron/services/jobs';
import { createScenesService } from '../../electron/services/scenes';
import type { OrthoJobResult } from '../../shared/contract';
import { settingsWith, tempDir } from '../sources/helpers';
import { PRODUCT, writePackage } from './fixtures';

afterAll(() => closeSharedPool());

describe('scenes.orthorectify', () => {
  it('turns a listed L1A package into a drawable scene, stored offline and reused', async () => {
    const root = tempDir('nigah-ortho-app-');
    writePackage(path.join(root, 'source'), 140, 120);
    const offlineDir = path.join(root, 'offline');
    const catalog = createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'cn', kind: 'cresda', location: path.join(root, 'source') }]),
      sampleDataDir: tempDir(),
      cacheDir: path.join(root, 'cache'),
      offlineDir,
    });
    const jobs = createJobRunner();
    const scenes = createScenesService({ catalog, jobs, offlineDir });
    const id = `cn:${PRODUCT}`;
    const before = (await catalog.list()).scenes.find((s) => s.id === id)!;
    expect(before.drawable).toBe(false);
    await expect(scenes.orthorectify({ sceneId: id, dem: '/no/such/dem.tif' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const job = await scenes.orthorectify({ sceneId: id, height: 300 });
    expect(job.kind).toBe('ortho');
    const end = await jobs.settled(job.id);
    expect(end.state).toBe('done');
    const r = end.result as OrthoJobResult;
    const file = fileURLToPath(r.href);
    expect(file.startsWith(path.join(offlineDir, 'ortho'))).toBe(true);
    expect(r.crs).toBe('EPSG:32642');
    const after = (await catalog.list()).scenes.find((s) => s.id === id)!;
    expect(after.drawable).toBe(true);
    const scene = await catalog.get(id);
    expect(scene.drawable).toBe(true);
    expect(scene.bands[0].href).toBe(r.href);
    expect(scene.notices[0]).toMatch(/heights: constant height 300 m/);
    const mtime = statSync(file).mtimeMs;
    const again = await jobs.settled((await scenes.orthorectify({ sceneId: id, height: 300 })).id);
    expect((again.result as OrthoJobResult).href).toBe(r.href);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });
});
