/**
 * What the raster endpoint (electron/host) calls: the file-access guard and the cached range
 * reader for remote assets.
 */
import path from 'node:path';
import type { ErrorData } from '../../shared/errors';
import { RangeCache, type RangeResult } from '../cache/range-cache';

export { isInsideSources } from './paths';

const caches = new Map<string, RangeCache>();
const caps = new Map<string, number>();

/** The range cache living in `<cacheDir>/ranges`, capped at cacheSizeMB. */
export function rangeCacheFor(cacheDir: string, cacheSizeMB?: number): RangeCache {
  const dir = path.join(cacheDir, 'ranges');
  // Only a caller that knows the setting changes the cap (catalog.get() does not).
  if (cacheSizeMB !== undefined) caps.set(dir, cacheSizeMB * 1024 * 1024);
  let c = caches.get(dir);
  if (!c) {
    c = new RangeCache({ dir, maxBytes: () => caps.get(dir) ?? 2048 * 1024 * 1024 });
    caches.set(dir, c);
  }
  return c;
}

/**
 * Bytes [start, end] (end inclusive; undefined = to the end) of an http(s) asset through the
 * on-disk LRU cache in opts.cacheDir, capped at opts.cacheSizeMB.
 */
export function readRange(
  href: string,
  start: number,
  end?: number,
  opts: { cacheDir: string; cacheSizeMB?: number; signal?: AbortSignal } = { cacheDir: '' },
): Promise<RangeResult> {
  const cache = rangeCacheFor(opts.cacheDir || path.join(process.cwd(), '.cache'), opts.cacheSizeMB);
  return cache.readRange(href, start, end, opts.signal);
}

/** Notices about remote servers met while reading ranges (e.g. a server that ignores Range). */
export function rangeNotices(cacheDir: string): ErrorData[] {
  return rangeCacheFor(cacheDir).notices();
}

/** Where "make available offline" stores scenes (catalog.get() opens them from there). */
export function offlineDir(cacheDir: string): string {
  return path.join(cacheDir, 'offline');
}

/** Folders the app itself fills with scene files: pass them to isInsideSources as extraRoots. */
export function appRasterRoots(cacheDir: string): string[] {
  return [path.join(cacheDir, 'packages'), offlineDir(cacheDir)];
}
