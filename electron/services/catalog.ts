/**
 * The catalog service: every scene from every enabled source in one list, each source listed
 * independently so a broken source or item becomes a problem beside the others, never an outage.
 */

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NigahServices, SceneQuery, Settings, SourceConfig, SourceStatus } from '../../shared/contract';
import { type ErrorData, NigahError, toErrorData } from '../../shared/errors';
import type { Scene, SceneSummary } from '../../shared/scene';
import { summarize } from '../../shared/scene';
import { applyRoleOverrides } from '../../shared/sensors';
import { offlineScene } from '../cache/offline';
import { cachedOrthoScene } from '../engine/ortho-scene';
import { writeFileAtomic } from '../host/atomic';
import { rangeCacheFor, rangeNotices } from '../sources/access';
import { completeScene } from '../sources/complete';
import { listSource, type Problem } from '../sources/index';

export interface CatalogServiceOptions {
  getSettings: () => Promise<Settings>;
  sampleDataDir: string;
  cacheDir: string;
  /**
   * Where makeAvailableOffline() stores scenes. When given, get() returns a scene made available
   * offline with its bands pointing at the local copies; when omitted, hrefs stay as listed.
   */
  offlineDir?: string;
  /** Per-request network timeout (ms); default 20 s. */
  timeoutMs?: number;
}

function intersects(a: number[], b: number[]): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** "a/b", "a/..", "../b" or a single instant; returns [start, end] in ms (open ends ±Infinity). */
export function parseDatetimeRange(dt: string): [number, number] {
  const [a, b] = dt.includes('/') ? dt.split('/') : [dt, dt];
  const t = (s: string | undefined, end: boolean): number => {
    if (!s || s === '..') return end ? Infinity : -Infinity;
    // A bare date covers the whole day.
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`) + (end ? 86_399_999 : 0);
    const v = Date.parse(s);
    if (Number.isNaN(v)) {
      throw new NigahError('BAD_ARGUMENT', `The date range "${dt}" is not understood.`, {
        hint: 'Use ISO dates such as 2022-08-01/2022-09-30, with .. for an open end.',
      });
    }
    return v;
  };
  return [t(a, false), t(b, true)];
}

export function matchesQuery(s: SceneSummary, q: SceneQuery | undefined): boolean {
  if (!q) return true;
  if (q.sources && !q.sources.includes(s.source)) return false;
  if (q.collections?.length && (!s.collection || !q.collections.includes(s.collection))) return false;
  if (q.maxCloud !== undefined && s.cloudCover !== null && s.cloudCover > q.maxCloud) return false;
  if (q.bbox && !intersects(s.bbox, q.bbox)) return false;
  if (q.datetime) {
    const [a, b] = parseDatetimeRange(q.datetime);
    if (s.datetime) {
      const t = Date.parse(s.datetime);
      if (t < a || t > b) return false;
    }
  }
  return true;
}

function isRemote(source: SourceConfig): boolean {
  return source.kind === 'stac-api' || /^https?:/i.test(source.location);
}

function listingFile(cacheDir: string, sourceId: string): string {
  return path.join(cacheDir, 'listings', `${sourceId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

async function saveListing(cacheDir: string, sourceId: string, scenes: Scene[]): Promise<void> {
  const file = listingFile(cacheDir, sourceId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ savedAt: new Date().toISOString(), scenes }));
}

async function loadListing(
  cacheDir: string,
  sourceId: string,
): Promise<{ savedAt: string; scenes: Scene[] } | null> {
  try {
    const j = JSON.parse(await readFile(listingFile(cacheDir, sourceId), 'utf8')) as {
      savedAt: string;
      scenes: Scene[];
    };
    return Array.isArray(j.scenes) && typeof j.savedAt === 'string' ? j : null;
  } catch {
    return null;
  }
}

const hostOf = (href: string): string | null => {
  try {
    return /^https?:/i.test(href) ? new URL(href).host : null;
  } catch {
    return null;
  }
};

export function createCatalogService(opts: CatalogServiceOptions): NigahServices['catalog'] {
  const scenes = new Map<string, Scene>();
  const status = new Map<string, SourceStatus>();

  const ctx = { sampleDataDir: opts.sampleDataDir, cacheDir: opts.cacheDir, timeoutMs: opts.timeoutMs };
  // A Level-1A package orthorectified before is listed and drawn from its result in the offline store.
  const withOrtho = (s: Scene): Scene => (opts.offlineDir ? (cachedOrthoScene(s, opts.offlineDir) ?? s) : s);

  async function listOne(
    source: SourceConfig,
    query?: SceneQuery,
  ): Promise<{ scenes: Scene[]; problems: Problem[] }> {
    try {
      const r = await listSource(source, ctx, query);
      if (isRemote(source) && r.scenes.length)
        await saveListing(opts.cacheDir, source.id, r.scenes).catch(() => undefined);
      status.set(source.id, {
        id: source.id,
        name: source.name,
        kind: source.kind,
        enabled: source.enabled,
        sceneCount: r.scenes.length,
        ...(r.problems.length && r.scenes.length === 0 ? { error: r.problems[0] } : {}),
      });
      return r;
    } catch (e) {
      const err = toErrorData(e);
      if (isRemote(source) && (err.code === 'NETWORK' || err.code === 'TIMEOUT')) {
        // Offline (or the server is down): show what this source listed last time.
        const last = await loadListing(opts.cacheDir, source.id);
        if (last) {
          const when = last.savedAt.slice(0, 16).replace('T', ' ');
          const problem: Problem = {
            ...err,
            message: `${err.message} Showing the ${last.scenes.length} scene(s) listed on ${when} UTC.`,
            source: source.id,
          };
          status.set(source.id, {
            id: source.id,
            name: source.name,
            kind: source.kind,
            enabled: true,
            sceneCount: last.scenes.length,
            error: problem,
          });
          return { scenes: last.scenes, problems: [problem] };
        }
      }
      status.set(source.id, {
        id: source.id,
        name: source.name,
        kind: source.kind,
        enabled: true,
        sceneCount: 0,
        error: err,
      });
      return { scenes: [], problems: [{ ...err, source: source.id }] };
    }
  }

  async function list(query?: SceneQuery) {
    const settings = await opts.getSettings();
    const enabled = settings.sources.filter(
      (s) => s.enabled && (!query?.sources || query.sources.includes(s.id)),
    );
    const results = await Promise.all(enabled.map((s) => listOne(s, query)));
    const out: SceneSummary[] = [];
    const problems: Problem[] = [];
    const overrides = settings.roleOverrides ?? {};
    for (const r of results) {
      problems.push(...r.problems);
      for (const raw of r.scenes) {
        const scene = withOrtho(applyRoleOverrides(raw, overrides[raw.id]));
        scenes.set(scene.id, scene);
        const sum = summarize(scene);
        if (matchesQuery(sum, query)) out.push(sum);
      }
    }
    out.sort((a, b) => (b.datetime ?? '').localeCompare(a.datetime ?? '') || a.id.localeCompare(b.id));
    return { scenes: out, problems };
  }

  /** Server notices (e.g. Range ignored) for the hosts a source's catalog and scenes live on. */
  function noticesFor(source: SourceConfig, ranged: ErrorData[]): { notices?: ErrorData[] } {
    if (!ranged.length) return {};
    const hosts = new Set([hostOf(source.location)]);
    for (const sc of scenes.values())
      if (sc.provenance.source === source.id) for (const b of sc.bands) hosts.add(hostOf(b.href));
    const mine = ranged.filter((n) => hosts.has(String(n.details?.host)));
    return mine.length ? { notices: mine } : {};
  }

  return {
    async sources() {
      const settings = await opts.getSettings();
      // A source added or enabled since the last listing is read now, so its count is not a stale 0.
      const unlisted = settings.sources.filter((s) => s.enabled && !status.has(s.id)).map((s) => s.id);
      if (unlisted.length) await list({ sources: unlisted }).catch(() => undefined);
      const ranged = rangeNotices(opts.cacheDir);
      return settings.sources.map((s) => ({
        sceneCount: 0,
        ...status.get(s.id),
        ...noticesFor(s, ranged),
        // The configuration as it is now (a rename or a toggle since the last listing).
        id: s.id,
        name: s.name,
        kind: s.kind,
        enabled: s.enabled,
      }));
    },
    list,
    async get(id: string) {
      let scene = scenes.get(id);
      if (!scene) {
        const sourceId = id.split(':')[0];
        await list({ sources: [sourceId] });
        scene = scenes.get(id);
      }
      if (!scene) {
        throw new NigahError('NOT_FOUND', `No scene with id ${id} in the enabled sources.`, {
          hint: 'Refresh the scene list; the source may have been disabled or the scene removed.',
          details: { id },
        });
      }
      const { cacheSizeMB } = await opts.getSettings();
      // With offlineDir set, a scene made available offline opens from its local copies.
      const local = opts.offlineDir ? await offlineScene(scene, opts.offlineDir) : null;
      const done = await completeScene(local ?? scene, {
        ...ctx,
        cache: rangeCacheFor(opts.cacheDir, cacheSizeMB),
      });
      scenes.set(id, done);
      return done;
    },
  };
}
