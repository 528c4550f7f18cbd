/**
 * One entry point per source kind: every kind yields Scenes (the shared model) plus problems, so
 * one broken item never hides the others.
 */

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SceneQuery, SourceConfig } from '../../shared/contract';
import { type ErrorData, NigahError, toErrorData } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { itemToScene } from '../../shared/stac/item';
import { PACKAGE_NAME, packageScene } from './cresda';
import { scanFolder } from './folder';
import type { HttpOptions } from './http';
import { hrefToPath } from './location';
import { searchStacApi } from './stac-api';
import { walkStaticCatalog } from './stac-static';

export { isInsideSources, sourceRoots } from './paths';

export type Problem = ErrorData & { source?: string; item?: string };

export interface SourceContext extends HttpOptions {
  sampleDataDir: string;
  cacheDir?: string;
}

export interface SourceListing {
  scenes: Scene[];
  problems: Problem[];
}

/** Scene ids are `<sourceId>:<itemId>`; a repeated item id in one source gets `~2`, `~3`… */
export function uniqueIds(sourceId: string, ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? `${sourceId}:${id}` : `${sourceId}:${id}~${n}`;
  });
}

export async function listStaticStac(
  location: string,
  source: SourceConfig,
  ctx: SourceContext,
): Promise<SourceListing> {
  const walked = await walkStaticCatalog(location, ctx);
  const ids = uniqueIds(
    source.id,
    walked.items.map((w) => w.item.id),
  );
  const scenes: Scene[] = [];
  const problems: Problem[] = walked.problems.map((p) => ({ ...p, source: source.id }));
  walked.items.forEach((w, i) => {
    try {
      scenes.push(
        itemToScene(w.item, {
          id: ids[i],
          source: source.id,
          itemHref: w.href,
          attribution: w.attribution,
          license: w.license,
        }),
      );
    } catch (e) {
      problems.push({ ...toErrorData(e), source: source.id, item: w.href });
    }
  });
  return { scenes, problems };
}

export async function listStacApi(
  source: SourceConfig,
  ctx: SourceContext,
  query?: SceneQuery,
): Promise<SourceListing> {
  const q: SceneQuery = { ...(query ?? {}) };
  if (!q.collections?.length && source.collections?.length) q.collections = source.collections;
  delete q.sources;
  const r = await searchStacApi(source.location, q, { timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const ids = uniqueIds(
    source.id,
    r.items.map((w) => w.item.id),
  );
  const scenes: Scene[] = [];
  const problems: Problem[] = r.problems.map((p) => ({ ...p, source: source.id }));
  r.items.forEach((w, i) => {
    try {
      scenes.push(itemToScene(w.item, { id: ids[i], source: source.id, itemHref: w.href }));
    } catch (e) {
      problems.push({ ...toErrorData(e), source: source.id, item: w.href });
    }
  });
  return { scenes, problems };
}

export async function listLocalFolder(source: SourceConfig): Promise<SourceListing> {
  const location = hrefToPath(source.location);
  const st = await stat(location).catch(() => null);
  if (!st) {
    throw new NigahError('NOT_FOUND', `The source folder ${location} does not exist.`, {
      hint: 'Check the path in Settings → Sources, or reconnect the drive.',
      details: { path: location },
    });
  }
  if (st.isFile() || (source.kind === 'cresda' && PACKAGE_NAME.test(path.basename(location)))) {
    // One product package (folder or .tar.gz) as the whole source.
    const scene = await packageScene(location, `${source.id}:${path.basename(location)}`, source.id);
    return { scenes: [scene], problems: [] };
  }
  const r = await scanFolder({ sourceId: source.id, root: location });
  return { scenes: r.scenes, problems: r.problems.map((p) => ({ ...p, source: source.id })) };
}

export async function listSource(
  source: SourceConfig,
  ctx: SourceContext,
  query?: SceneQuery,
): Promise<SourceListing> {
  switch (source.kind) {
    case 'sample':
      return listStaticStac(path.join(ctx.sampleDataDir, 'catalog.json'), source, ctx);
    case 'stac':
      return listStaticStac(source.location, source, ctx);
    case 'stac-api':
      return listStacApi(source, ctx, query);
    case 'folder':
    case 'cresda':
      return listLocalFolder(source);
    case 'openeo':
      // A processing backend, not a catalog: its results arrive through the openEO panel.
      return { scenes: [], problems: [] };
  }
}
