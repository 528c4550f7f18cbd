/** What the export commands share: the page language, the producer and the boundary layers. */
import path from 'node:path';
import { NigahError } from '../../shared/errors';
import type { Lang } from '../../shared/export/document';
import { appVersionAt } from '../export/version';
import { type BoundaryContext, boundaryContext } from '../export/zones';
import { resolvePaths } from '../host/paths';
import { createBoundariesService } from '../services/boundaries';
import { createJobRunner } from '../services/jobs';
import { createSettingsStore } from '../services/settings';

export function langOption(v: string | undefined, usage: string): Lang {
  if (v === undefined || v === 'en' || v === 'ur') return v ?? 'en';
  throw new NigahError('BAD_ARGUMENT', `--lang must be en or ur, got "${v}".`, { hint: `Usage: ${usage}` });
}

export async function exportContext(
  producerOption: string | undefined,
): Promise<{ producer: string | undefined; version: string; boundaries: BoundaryContext }> {
  const paths = resolvePaths();
  const settings = await createSettingsStore(paths.userDataDir)
    .get()
    .catch(() => null);
  const saved = (settings as { producer?: string } | null)?.producer;
  const service = createBoundariesService({
    userDir: `${paths.userDataDir}/boundaries`,
    jobs: createJobRunner(),
    extractedDir: path.join(paths.appRoot, 'dist', 'basemap'),
  });
  return {
    producer: producerOption ?? saved,
    version: appVersionAt(paths.appRoot),
    boundaries: await boundaryContext(service),
  };
}
