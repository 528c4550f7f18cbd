/**
 * Builds the service implementations once, for any host (Electron IPC, loopback HTTP, tests).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { NigahServices } from '../../shared/contract';
import { NigahError, toErrorData } from '../../shared/errors';
import { fileJobStore } from '../openeo/job-store';
import { type SecretStore, sessionSecretStore } from '../openeo/secrets';
import { createAnalysisService } from '../services/analysis';
import { createBoundariesService } from '../services/boundaries';
import { createCatalogService } from '../services/catalog';
import { createExportsService } from '../services/exports';
import { createJobRunner, type JobRunner } from '../services/jobs';
import { createOfflineService } from '../services/offline';
import { createOpenEOService } from '../services/openeo';
import { createProjectionsService } from '../services/projections';
import { createScenesService } from '../services/scenes';
import { createSettingsStore, type SettingsStore } from '../services/settings';
import { isInsideSources, readRange } from '../sources/access';
import { cleanOrphanTemps, openResultNames, pruneResults } from './housekeeping';
import type { AppPaths } from './paths';
import type { RasterBackend } from './raster';

export interface AppServices {
  services: NigahServices;
  raster: RasterBackend;
  settings: SettingsStore;
  jobs: JobRunner;
  /** Start-up cleaning (orphaned temp files, old results); never rejects. */
  housekeeping: Promise<{ temps: string[]; results: string[] }>;
}

function appVersion(appRoot: string): string {
  try {
    const require = createRequire(`${appRoot}/`);
    return (require('./package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function startHousekeeping(
  paths: AppPaths,
  resultsDir: string,
  settings: SettingsStore,
): Promise<{ temps: string[]; results: string[] }> {
  const temps = await cleanOrphanTemps([paths.userDataDir, paths.cacheDir]).catch(() => []);
  const workspace = await settings.get().then(
    (s) => s.workspace,
    () => null,
  );
  // Without the saved workspace we cannot tell which results are open: keep them all.
  const results =
    workspace === null
      ? []
      : await pruneResults(resultsDir, { protect: openResultNames(workspace) }).catch(() => []);
  return { temps, results };
}

/** `secrets`: the desktop app passes its keychain store; elsewhere secrets live for the session only. */
export function createAppServices(
  paths: AppPaths,
  host: 'electron' | 'web',
  secrets: SecretStore = sessionSecretStore(),
): AppServices {
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
  const boundaries = createBoundariesService({
    userDir: path.join(paths.userDataDir, 'boundaries'),
    extractedDir: path.join(paths.appRoot, 'dist', 'basemap'),
    jobs,
  });
  const services: NigahServices = {
    app: {
      info: async () => {
        // Loading the settings is what finds a file to set aside or sources to leave out.
        const failed = await settings.get().then(
          () => [],
          (e) => [toErrorData(e)],
        );
        const notices = [...failed, ...settings.notices()];
        return { name: 'Nigah', version, host, platform: `${os.platform()}-${os.arch()}`, notices };
      },
      // The desktop host replaces this with the system dialog (electron/pick-path.ts).
      pickPath: async () => {
        throw new NigahError('NOT_AVAILABLE', 'This host cannot open a file dialog in your browser.', {
          hint: 'Choose the file with the page’s upload button, or type its path.',
        });
      },
    },
    catalog,
    settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
    boundaries,
    analysis: createAnalysisService({
      catalog,
      jobs,
      resultsDir,
      boundaryFile: (id) => boundaries.file(id),
      boundaryLayer: (id) => boundaries.layer(id),
    }),
    jobs: jobs.service,
    exports: createExportsService({
      catalog,
      jobs,
      resultsDir,
      boundaries,
      settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
      version,
    }),
    offline: createOfflineService({ catalog, jobs, offlineDir }),
    scenes: createScenesService({ catalog, jobs, offlineDir }),
    openeo: createOpenEOService({
      getSettings: () => settings.get(),
      updateSettings: (patch) => settings.update(patch),
      jobs,
      store: fileJobStore(paths.userDataDir),
      secrets,
      resultsDir: path.join(offlineDir, 'openeo'),
      boundaryLayer: (id) => boundaries.layer(id),
      boundaryFile: (id) => boundaries.file(id),
    }),
    projections: createProjectionsService(),
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
  return { services, raster, settings, jobs, housekeeping: startHousekeeping(paths, resultsDir, settings) };
}
