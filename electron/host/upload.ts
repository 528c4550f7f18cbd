/**
 * Browser mode's file upload: a browser cannot hand the host a path on disk, so the file chosen in
 * an <input type="file"> is sent as raw bytes (POST /upload?name=…&batch=…, Content-Type
 * application/octet-stream) and stored under the user-data uploads folder. The reply is the stored
 * file's absolute path, which the services then read like any typed path.
 *
 * - Each upload goes into its own batch folder (uploads/<batch>/); the files of one pick (a loose
 *   shapefile's .shp, .shx, .dbf, .prj) name the same batch, so they end up side by side.
 * - The name is reduced to a plain file name (no folders, no "..", no control or reserved
 *   characters), so nothing is ever written outside the batch folder.
 * - The bytes are streamed to a temp file, fsynced, then linked to the final name, which fails
 *   when the name exists: an upload never replaces a file.
 * - Bodies larger than the cap are refused with 413 and nothing is kept.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { type ErrorData, NigahError } from '../../shared/errors';

/** 2 GiB: a 30 m DEM of all Pakistan fits; larger files are better read by path. */
export const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3;

export interface UploadReply {
  /** Absolute path of the stored file. */
  path: string;
  /** Pass it with the next files of the same pick to store them beside this one. */
  batch: string;
  name: string;
  size: number;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const BATCH = /^[0-9a-f]{16}$/;

/** A safe file name from whatever the browser sent: last path segment, harmless characters only. */
export function sanitizeUploadName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (Buffer.byteLength(name) > 180) {
    const ext = path.extname(name).slice(0, 16);
    let stem = name.slice(0, name.length - ext.length);
    while (Buffer.byteLength(stem + ext) > 180) stem = stem.slice(0, -1);
    name = stem + ext;
  }
  return name || 'upload';
}

function tooLarge(limit: number): NigahError {
  const mb = Math.round(limit / 1024 ** 2);
  return new NigahError('TOO_LARGE', `The file is larger than the upload limit of ${mb} MB.`, {
    hint: 'Copy the file to the computer running Nigah and type its path instead, or use the desktop app.',
  });
}

async function batchDir(uploadsDir: string, batch: string | null): Promise<{ id: string; dir: string }> {
  if (batch === null) {
    const id = randomBytes(8).toString('hex');
    const dir = path.join(uploadsDir, id);
    await fs.mkdir(dir, { recursive: true });
    return { id, dir };
  }
  if (!BATCH.test(batch)) throw new NigahError('BAD_ARGUMENT', `"${batch}" is not an upload batch.`);
  const dir = path.join(uploadsDir, batch);
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory())
    throw new NigahError('NOT_FOUND', 'That upload batch no longer exists.', {
      hint: 'Choose the files again.',
    });
  return { id: batch, dir };
}

/**
 * Streams the request body to `tmp`. Past `limit` bytes the rest is read and dropped (so the client
 * still gets a 413 reply rather than a reset connection) and TOO_LARGE is thrown.
 */
function spool(req: http.IncomingMessage, tmp: string, limit: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const out = createWriteStream(tmp, { flags: 'wx' });
    let size = 0;
    let failed: unknown = null;
    const fail = (e: unknown) => {
      if (failed === null) failed = e;
      out.destroy();
      req.resume();
    };
    out.on('error', fail);
    req.on('error', fail);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (failed !== null) return;
      if (size > limit) return fail(tooLarge(limit));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    let ended = false;
    req.on('close', () => {
      if (!ended) {
        fail(new NigahError('NETWORK', 'The upload was interrupted.', { hint: 'Choose the file again.' }));
        reject(failed);
      }
    });
    req.on('end', () => {
      ended = true;
      if (failed !== null) return reject(failed);
      out.end(() => {
        fs.open(tmp, 'r+')
          .then((h) => h.sync().finally(() => h.close()))
          .then(() => resolve(size), reject);
      });
    });
  });
}

/** Stores one uploaded file; throws NigahError (TOO_LARGE, BAD_ARGUMENT, DISK_FULL…). */
export async function storeUpload(
  req: http.IncomingMessage,
  url: URL,
  uploadsDir: string,
  limit: number = DEFAULT_UPLOAD_LIMIT,
): Promise<UploadReply> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const name = sanitizeUploadName(url.searchParams.get('name') ?? '');
  const { id, dir } = await batchDir(uploadsDir, url.searchParams.get('batch'));
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name.slice(0, 60)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const size = await spool(req, tmp, limit);
    // link() fails with EEXIST where rename() would silently replace: never overwrite a file.
    await fs.link(tmp, target);
    return { path: target, batch: id, name, size };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST')
      throw new NigahError('BAD_ARGUMENT', `${name} was already uploaded in this pick.`, {
        hint: 'Choose files with different names.',
      });
    if (code === 'ENOSPC')
      throw new NigahError('DISK_FULL', `The disk is full: ${name} was not stored.`, {
        hint: `Free some space on the drive holding ${uploadsDir}.`,
      });
    throw e;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
  }
}

/** The HTTP status for an upload failure. */
export function uploadStatus(error: ErrorData): number {
  if (error.code === 'TOO_LARGE') return 413;
  if (error.code === 'NOT_FOUND') return 404;
  if (error.code === 'BAD_ARGUMENT') return 400;
  if (error.code === 'DISK_FULL') return 507;
  return 500;
}

/** Batches untouched for this long are removed at start-up: what was added from them is stored elsewhere. */
export const UPLOAD_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * Removes upload batches whose newest file is older than `maxAgeMs` (boundaries are copied into the
 * boundary store when added, and an orthorectified scene no longer needs its DEM), so large DEMs do
 * not pile up. Returns the batch folders removed; never rejects.
 */
export async function pruneUploads(
  uploadsDir: string,
  maxAgeMs: number = UPLOAD_MAX_AGE_MS,
  now: number = Date.now(),
): Promise<string[]> {
  const removed: string[] = [];
  const batches = await fs.readdir(uploadsDir, { withFileTypes: true }).catch(() => []);
  for (const b of batches) {
    if (!b.isDirectory() || !BATCH.test(b.name)) continue;
    const dir = path.join(uploadsDir, b.name);
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    const times = await Promise.all(
      files.map((f) =>
        fs.stat(path.join(dir, f)).then(
          (st) => st.mtimeMs,
          () => now,
        ),
      ),
    );
    const newest = Math.max((await fs.stat(dir).catch(() => null))?.mtimeMs ?? now, ...times);
    if (now - newest <= maxAgeMs) continue;
    if (
      await fs.rm(dir, { recursive: true, force: true }).then(
        () => true,
        () => false,
      )
    )
      removed.push(dir);
  }
  return removed;
}
