/**
 * File access only inside configured sources: the raster endpoint asks here before it reads a
 * file:// href. Symlinks are resolved (realpath) on both sides, so neither a link nor a `..`
 * segment can lead outside a source's root.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../../shared/contract';

function real(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}

function hrefPath(href: string): string | null {
  if (/^https?:/i.test(href)) return null;
  try {
    return href.startsWith('file:') ? fileURLToPath(href) : path.resolve(href);
  } catch {
    return null;
  }
}

/** The local folders that enabled sources may read from (sample-data always). */
export function sourceRoots(settings: Settings, sampleDataDir: string, extraRoots: string[] = []): string[] {
  const roots = [sampleDataDir, ...extraRoots];
  for (const s of settings.sources) {
    if (!s.enabled || s.kind === 'sample' || s.kind === 'stac-api' || /^https?:/i.test(s.location)) continue;
    const p = hrefPath(s.location);
    if (!p) continue;
    let dir = p;
    try {
      if (!statSync(p).isDirectory()) dir = path.dirname(p);
    } catch {
      continue;
    }
    roots.push(dir);
  }
  return roots;
}

export function isInside(child: string, root: string): boolean {
  const norm = (s: string): string => (process.platform === 'win32' ? s.toLowerCase() : s);
  const rel = path.relative(norm(root), norm(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * True when a file:// href (or plain path) names an existing file inside an enabled source's root
 * or the sample-data folder, after resolving symlinks. http(s) and anything else → false: remote
 * hrefs are read through electron/cache/readRange, never from disk. `extraRoots` adds folders the
 * app itself fills (the offline store, unpacked product packages).
 */
export function isInsideSources(
  href: string,
  settings: Settings,
  sampleDataDir: string,
  extraRoots: string[] = [],
): boolean {
  let raw = href;
  try {
    raw = decodeURIComponent(href);
  } catch {
    return false;
  }
  // Refuse `..` outright (even one that would land back inside): no legitimate href needs it.
  if (/(^|[\\/])\.\.([\\/]|$)/.test(raw)) return false;
  const p = hrefPath(href);
  if (!p) return false;
  const file = real(p);
  if (!file) return false;
  for (const root of sourceRoots(settings, sampleDataDir, extraRoots)) {
    const r = real(root);
    if (r && isInside(file, r)) return true;
  }
  return false;
}
