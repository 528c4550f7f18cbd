/**
 * "Make available offline": downloads every remote asset of a scene into a folder, with progress,
 * cancel (AbortSignal) and resume (a .part file continued with an HTTP Range request). A manifest
 * records what is complete, so offlineScene() can point the scene at the local copies.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { writeFileAtomic } from '../host/atomic';
import { DEFAULT_TIMEOUT_MS, httpStatusError, networkError } from '../sources/http';

export interface OfflineProgress {
  sceneId: string;
  href: string;
  fileIndex: number;
  fileCount: number;
  /** Bytes on disk for this file / its size (null until known). */
  fileBytes: number;
  fileSize: number | null;
  /** Over the whole scene (sizes learned as files start). */
  doneBytes: number;
}

export interface OfflineOptions {
  /** Root of the offline store; each scene gets its own sub-folder. */
  dir: string;
  onProgress?: (p: OfflineProgress) => void;
  signal?: AbortSignal;
  /** No byte for this long → TIMEOUT (ms). */
  idleTimeoutMs?: number;
}

export interface OfflineManifest {
  sceneId: string;
  complete: boolean;
  /** href → file name inside the scene folder. */
  files: Record<string, string>;
}

export function sceneFolder(dir: string, sceneId: string): string {
  const safe = sceneId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  const h = createHash('sha256').update(sceneId).digest('hex').slice(0, 8);
  return path.join(dir, `${safe}-${h}`);
}

function fileNameFor(href: string, taken: Set<string>): string {
  let base = decodeURIComponent(new URL(href).pathname.split('/').pop() || 'asset') || 'asset';
  base = base.replace(/[^A-Za-z0-9._-]+/g, '_');
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${i}_${base}`;
  taken.add(name);
  return name;
}

async function readManifest(folder: string): Promise<OfflineManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(folder, 'offline.json'), 'utf8')) as OfflineManifest;
  } catch {
    return null;
  }
}

/** Downloads one URL to `dest`, resuming `dest.part` when present. */
async function downloadOne(
  href: string,
  dest: string,
  opts: OfflineOptions,
  report: (bytes: number, size: number | null) => void,
): Promise<number> {
  const done = await stat(dest).catch(() => null);
  if (done) {
    report(done.size, done.size);
    return done.size;
  }
  const part = `${dest}.part`;
  let have = (await stat(part).catch(() => null))?.size ?? 0;
  const ctl = new AbortController();
  let timedOut = false;
  const idle = opts.idleTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, idle);
  const kick = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, idle);
  };
  const onAbort = (): void => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let fh: Awaited<ReturnType<typeof open>> | null = null;
  try {
    if (opts.signal?.aborted) throw new NigahError('CANCELLED', 'The download was cancelled.');
    const res = await fetch(href, {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      signal: ctl.signal,
    });
    if (res.status === 416 && have > 0) {
      // The part is already whole.
      await res.arrayBuffer().catch(() => undefined);
      await rename(part, dest);
      report(have, have);
      return have;
    }
    if (res.status >= 400) {
      await res.arrayBuffer().catch(() => undefined);
      throw httpStatusError(res.status, res.statusText, href);
    }
    let size: number | null = null;
    if (res.status === 206) {
      const m = /bytes (\d+)-(\d+)\/(\d+)/.exec(res.headers.get('content-range') ?? '');
      if (!m || Number(m[1]) !== have) {
        // Not the continuation we asked for: start over.
        have = 0;
      }
      size = m ? Number(m[3]) : null;
    } else {
      have = 0; // server ignored Range: the body is the whole file
      const len = res.headers.get('content-length');
      size = len ? Number(len) : null;
    }
    fh = await open(part, have > 0 ? 'a' : 'w');
    report(have, size);
    const reader = res.body?.getReader();
    if (reader) {
      while (true) {
        const { done: end, value } = await reader.read();
        if (end) break;
        kick();
        await fh.write(value);
        have += value.length;
        report(have, size);
        if (opts.signal?.aborted)
          throw new NigahError('CANCELLED', 'The download was cancelled; it resumes where it stopped.');
      }
    }
    await fh.close();
    fh = null;
    if (size !== null && have !== size) {
      throw new NigahError('NETWORK', `The download of ${href} stopped at ${have} of ${size} bytes.`, {
        hint: 'Try again: it resumes where it stopped.',
        details: { url: href, have, size },
      });
    }
    await rename(part, dest);
    return have;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOSPC') {
      throw new NigahError('DISK_FULL', 'The disk is full: the scene could not be made available offline.', {
        hint: 'Free some space, then try again: the download resumes where it stopped.',
      });
    }
    if (e instanceof NigahError) throw e;
    if (opts.signal?.aborted)
      throw new NigahError('CANCELLED', 'The download was cancelled; it resumes where it stopped.');
    throw networkError(e, href, timedOut, opts.signal);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Downloads the scene's remote assets (local ones are already offline). Rejects with CANCELLED,
 * NETWORK, TIMEOUT, HTTP or DISK_FULL; calling it again resumes.
 */
export async function makeAvailableOffline(scene: Scene, opts: OfflineOptions): Promise<OfflineManifest> {
  const folder = sceneFolder(opts.dir, scene.id);
  await mkdir(folder, { recursive: true });
  const prev = await readManifest(folder);
  const hrefs = [...new Set(scene.bands.map((b) => b.href).filter((h) => /^https?:/i.test(h)))];
  const taken = new Set(Object.values(prev?.files ?? {}));
  const files: Record<string, string> = {};
  for (const h of hrefs) files[h] = prev?.files[h] ?? fileNameFor(h, taken);
  const manifest: OfflineManifest = { sceneId: scene.id, complete: false, files };
  await writeFileAtomic(path.join(folder, 'offline.json'), JSON.stringify(manifest, null, 1));
  const sizes = new Map<string, number>();
  const bytes = new Map<string, number>();
  for (const [i, href] of hrefs.entries()) {
    await downloadOne(href, path.join(folder, files[href]), opts, (b, size) => {
      bytes.set(href, b);
      if (size !== null) sizes.set(href, size);
      let doneBytes = 0;
      for (const v of bytes.values()) doneBytes += v;
      opts.onProgress?.({
        sceneId: scene.id,
        href,
        fileIndex: i,
        fileCount: hrefs.length,
        fileBytes: b,
        fileSize: size,
        doneBytes,
      });
    });
  }
  manifest.complete = true;
  await writeFileAtomic(path.join(folder, 'offline.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

/** The scene with its remote hrefs pointing at complete local copies, or null if not offline. */
export async function offlineScene(scene: Scene, dir: string): Promise<Scene | null> {
  const folder = sceneFolder(dir, scene.id);
  const m = await readManifest(folder);
  if (!m?.complete) return null;
  return {
    ...scene,
    bands: scene.bands.map((b) =>
      m.files[b.href] ? { ...b, href: pathToFileURL(path.join(folder, m.files[b.href])).href } : b,
    ),
  };
}

/** True when the scene has a complete offline copy. */
export async function isAvailableOffline(sceneId: string, dir: string): Promise<boolean> {
  return (await readManifest(sceneFolder(dir, sceneId)))?.complete === true;
}

/** Removes a scene's offline copy. */
export async function removeOffline(sceneId: string, dir: string): Promise<void> {
  await rm(sceneFolder(dir, sceneId), { recursive: true, force: true });
}
