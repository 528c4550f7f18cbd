/**
 * Builds the service implementations once, for any host (Electron IPC, loopback HTTP, tests).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { NigahServices } from '../../shared/contract';
import { createAnalysisService } from '../services/analysis';
import { boundaryFile, createBoundariesService } from '../services/boundaries';
import { createCatalogService } from '../services/catalog';
import { createJobRunner, type JobRunner } from '../services/jobs';
import { createOfflineService } from '../services/offline';
import { createSettingsStore, type SettingsStore } from '../services/settings';
import { isInsideSources, readRange } from '../sources/access';
import type { AppPaths } from './paths';
import type { RasterBackend } from './raster';

export interface AppServices {
  services: NigahServices;
  raster: RasterBackend;
  settings: SettingsStore;
  jobs: JobRunner;
}

function appVersion(appRoot: string): string {
  try {
    const require = createRequire(`${appRoot}/`);
    return (require('./package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createAppServices(paths: AppPaths, host: 'electron' | 'web'): AppServices {
  const settings = createSettingsStore(paths.userDataDir);
  const resultsDir = path.join(paths.userDataDir, 'results');
  const offlineDir = path.join(paths.userDataDir, 'offline');
  const catalog = createCatalogService({
    getSettings: () => settings.get(),
    sampleDataDir: paths.sampleDataDir,
    cacheDir: paths.cacheDir,
    offlineDir,
  });
  const version = appVersion(paths.appRoot);
  const jobs = createJobRunner();
  const boundariesDir = path.join(paths.sampleDataDir, 'boundaries');
  const services: NigahServices = {
    app: {
      info: async () => ({ name: 'Nigah', version, host, platform: `${os.platform()}-${os.arch()}` }),
    },
    catalog,
    settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
    boundaries: createBoundariesService(boundariesDir),
    analysis: createAnalysisService({
      catalog,
      jobs,
      resultsDir,
      boundaryFile: (id) => boundaryFile(boundariesDir, id),
    }),
    jobs: jobs.service,
    offline: createOfflineService({ catalog, jobs, offlineDir }),
  };
  const raster: RasterBackend = {
    allowFile: async (file) =>
      isInsideSources(file, await settings.get(), paths.sampleDataDir, [
        resultsDir,
        offlineDir,
        paths.cacheDir,
      ]),
    readRemote: async (href, start, end) => {
      const s = await settings.get();
      return readRange(href, start, end, { cacheDir: paths.cacheDir, cacheSizeMB: s.cacheSizeMB });
    },
  };
  return { services, raster, settings, jobs };
}
