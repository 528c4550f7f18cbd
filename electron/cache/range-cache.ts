/**
 * HTTP range reads through an on-disk LRU block cache: a scene looked at once can be looked at
 * again offline. Files are cut into fixed blocks (64 KiB); a read fetches only the missing blocks,
 * one request per contiguous run, and concurrent readers of the same block share one request.
 * Layout: <dir>/<sha256(href)>/meta.json + b<index> (each written atomically, temp + rename).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ErrorData, NigahError } from '../../shared/errors';
import { httpFetch } from '../sources/http';

export const DEFAULT_BLOCK_SIZE = 64 * 1024;

export interface RangeResult {
  bytes: Uint8Array;
  totalSize: number;
}

export interface RangeCacheOptions {
  dir: string;
  /** Size cap in bytes (settings.cacheSizeMB · 2²⁰); read on each eviction pass. */
  maxBytes: number | (() => number);
  blockSize?: number;
  timeoutMs?: number;
}

interface Entry {
  size: number;
  atime: number;
}

/** Slack for a server that answers a range with a somewhat larger one (aligned to its own blocks). */
const RANGE_SLACK = 8 * 1024 * 1024;

/** Bytes a 206 announces in Content-Range, allowed up to the requested length plus RANGE_SLACK. */
function partLength(headers: Headers, requested: number): number {
  const m = /bytes (\d+)-(\d+)\//.exec(headers.get('content-range') ?? '');
  const announced = m ? Number(m[2]) - Number(m[1]) + 1 : requested;
  return Math.max(requested, Math.min(announced, requested + RANGE_SLACK));
}

export class RangeCache {
  readonly dir: string;
  readonly blockSize: number;
  /** Counters, for benchmarks and tests. */
  readonly stats = { requests: 0, hitBlocks: 0, fetchedBlocks: 0, evictedBlocks: 0 };
  private readonly maxBytes: () => number;
  private readonly timeoutMs?: number;
  private index: Map<string, Entry> | null = null;
  private indexing: Promise<Map<string, Entry>> | null = null;
  private total = 0;
  private readonly inflight = new Map<string, Promise<Uint8Array>>();
  private readonly sizes = new Map<string, number>();
  /** Hosts seen ignoring Range, with the notice the user gets for them. */
  private readonly ignoring = new Map<string, ErrorData>();

  constructor(opts: RangeCacheOptions) {
    this.dir = opts.dir;
    this.blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
    const m = opts.maxBytes;
    this.maxBytes = typeof m === 'function' ? m : () => m;
    this.timeoutMs = opts.timeoutMs;
  }

  /** Notices for servers that ignore Range (one per host). */
  notices(): ErrorData[] {
    return [...this.ignoring.values()];
  }

  private noteIgnoredRange(href: string, truncated: boolean): void {
    const host = new URL(href).host;
    if (this.ignoring.has(host) || !truncated) return;
    this.ignoring.set(host, {
      code: 'HTTP',
      message: `${host} ignores range requests: each read downloads from the start of the file and stops at the part needed.`,
      hint: 'Views of its scenes are slow and use more data. For regular use, make the scene available offline or ask the provider to enable HTTP Range.',
      details: { host, url: href },
    });
  }

  static keyOf(href: string): string {
    return createHash('sha256').update(href).digest('hex').slice(0, 40);
  }

  /** Bytes currently held on disk. */
  async usedBytes(): Promise<number> {
    await this.loadIndex();
    return this.total;
  }

  private async loadIndex(): Promise<Map<string, Entry>> {
    if (this.index) return this.index;
    if (!this.indexing) {
      this.indexing = (async () => {
        const idx = new Map<string, Entry>();
        await mkdir(this.dir, { recursive: true });
        for (const key of await readdir(this.dir).catch(() => [] as string[])) {
          const sub = path.join(this.dir, key);
          const names = await readdir(sub).catch(() => [] as string[]);
          for (const n of names) {
            if (!/^b\d+$/.test(n)) continue;
            const st = await stat(path.join(sub, n)).catch(() => null);
            if (st) {
              idx.set(`${key}/${n}`, { size: st.size, atime: st.mtimeMs });
              this.total += st.size;
            }
          }
        }
        this.index = idx;
        return idx;
      })();
    }
    return this.indexing;
  }

  private async totalSizeOf(href: string, key: string): Promise<number | null> {
    const known = this.sizes.get(href);
    if (known !== undefined) return known;
    try {
      const meta = JSON.parse(await readFile(path.join(this.dir, key, 'meta.json'), 'utf8')) as {
        totalSize?: number;
      };
      if (typeof meta.totalSize === 'number') {
        this.sizes.set(href, meta.totalSize);
        return meta.totalSize;
      }
    } catch {
      // not cached yet
    }
    return null;
  }

  private async atomicWrite(file: string, data: Uint8Array | string): Promise<void> {
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      if ((e as { code?: string }).code === 'ENOSPC') {
        throw new NigahError('DISK_FULL', 'The disk is full; the download cache could not be written.', {
          hint: 'Free some space or lower the cache size in Settings.',
        });
      }
      throw e;
    }
  }

  /** Fetches blocks [first..last] in one request and stores them. */
  private async fetchRun(
    href: string,
    key: string,
    first: number,
    last: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]> {
    const bs = this.blockSize;
    const start = first * bs;
    const end = (last + 1) * bs - 1;
    this.stats.requests++;
    // A 206 is at most the range; a 200 (Range ignored) is read only up to the end of the range and
    // then closed, keeping just the range: memory and cache stay bounded whatever the file's size.
    const res = await httpFetch(href, {
      headers: { Range: `bytes=${start}-${end}` },
      signal,
      timeoutMs: this.timeoutMs,
      window: (status, headers) =>
        status === 206
          ? { skip: 0, max: partLength(headers, end - start + 1) }
          : { skip: start, max: end - start + 1 },
    });
    let total: number;
    const body = res.body;
    let from = start;
    if (res.status === 206) {
      const m = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(res.headers.get('content-range') ?? '');
      if (!m)
        throw new NigahError('HTTP', `${href} answered a range request without a Content-Range header.`, {
          details: { url: href },
        });
      from = Number(m[1]);
      const to = Number(m[2]);
      total = m[3] === '*' ? to + 1 : Number(m[3]);
      if (body.length !== to - from + 1) {
        throw new NigahError(
          'NETWORK',
          `The connection to ${new URL(href).host} dropped in the middle of a download.`,
          {
            hint: 'Try again; the parts already received are kept.',
            details: { url: href, expected: to - from + 1, received: body.length },
          },
        );
      }
    } else {
      // The server ignores Range: only the part we asked for was read, from `start`.
      const length = Number(res.headers.get('content-length') ?? Number.NaN);
      total = Number.isFinite(length) ? length : res.truncated ? Number.NaN : start + body.length;
      from = start;
      this.noteIgnoredRange(href, res.truncated);
      if (!Number.isFinite(total))
        throw new NigahError(
          'HTTP',
          `${new URL(href).host} ignores range requests and does not say how large ${href} is.`,
          {
            hint: 'Nigah cannot read parts of this file from that server: download the file and add it as a local folder source.',
            details: { url: href },
          },
        );
    }
    const dir = path.join(this.dir, key);
    const etag = res.headers.get('etag') ?? res.headers.get('last-modified') ?? null;
    const meta = await readFile(path.join(dir, 'meta.json'), 'utf8')
      .then((t) => JSON.parse(t) as { totalSize?: number; etag?: string | null })
      .catch(() => null);
    if (meta && (meta.totalSize !== total || (etag && meta.etag && meta.etag !== etag))) {
      // The remote file changed: its cached blocks are stale.
      await this.dropKey(key);
    }
    this.sizes.set(href, total);
    await mkdir(dir, { recursive: true });
    if (!meta || meta.totalSize !== total || (etag && meta.etag !== etag)) {
      await this.atomicWrite(path.join(dir, 'meta.json'), JSON.stringify({ href, totalSize: total, etag }));
    }
    const out: Uint8Array[] = [];
    const idx = await this.loadIndex();
    for (let i = first; i <= last; i++) {
      const a = i * bs - from;
      if (a >= body.length || i * bs >= total) break;
      const blk = body.slice(a, Math.min(a + bs, body.length));
      out.push(blk);
      const name = `${key}/b${i}`;
      await this.atomicWrite(path.join(this.dir, name), blk);
      const prev = idx.get(name);
      if (prev) this.total -= prev.size;
      idx.set(name, { size: blk.length, atime: Date.now() });
      this.total += blk.length;
      this.stats.fetchedBlocks++;
    }
    await this.evict();
    return out;
  }

  private async readBlock(key: string, i: number): Promise<Uint8Array | null> {
    const idx = await this.loadIndex();
    const name = `${key}/b${i}`;
    const e = idx.get(name);
    if (!e) return null;
    try {
      const data = new Uint8Array(await readFile(path.join(this.dir, name)));
      e.atime = Date.now();
      const t = new Date();
      utimes(path.join(this.dir, name), t, t).catch(() => undefined);
      this.stats.hitBlocks++;
      return data;
    } catch {
      idx.delete(name);
      this.total -= e.size;
      return null;
    }
  }

  private async evict(): Promise<void> {
    const idx = await this.loadIndex();
    const cap = this.maxBytes();
    if (this.total <= cap) return;
    const target = cap * 0.9;
    const order = [...idx.entries()].sort((a, b) => a[1].atime - b[1].atime);
    for (const [name, e] of order) {
      if (this.total <= target) break;
      idx.delete(name);
      this.total -= e.size;
      this.stats.evictedBlocks++;
      await rm(path.join(this.dir, name), { force: true });
    }
  }

  /**
   * Bytes [start, endInclusive] of an http(s) resource (to its end when endInclusive is omitted),
   * clamped to the resource size, and the resource's total size.
   */
  async readRange(
    href: string,
    start: number,
    endInclusive?: number,
    signal?: AbortSignal,
  ): Promise<RangeResult> {
    if (!/^https?:\/\//i.test(href))
      throw new NigahError('BAD_ARGUMENT', `readRange reads http(s) URLs only, not ${href}.`);
    if (start < 0 || (endInclusive !== undefined && endInclusive < start)) {
      throw new NigahError('BAD_ARGUMENT', `Invalid byte range ${start}-${endInclusive ?? ''}.`);
    }
    const key = RangeCache.keyOf(href);
    const bs = this.blockSize;
    let total = await this.totalSizeOf(href, key);
    if (total === null) {
      // Learn the size with the first block we need anyway.
      const last = endInclusive === undefined ? Math.floor(start / bs) : Math.floor(endInclusive / bs);
      await this.blocks(href, key, Math.floor(start / bs), last, signal);
      total = this.sizes.get(href) ?? 0;
    }
    if (start >= total) return { bytes: new Uint8Array(0), totalSize: total };
    const end = Math.min(endInclusive ?? total - 1, total - 1);
    const first = Math.floor(start / bs);
    const last = Math.floor(end / bs);
    const blocks = await this.blocks(href, key, first, last, signal);
    const out = new Uint8Array(end - start + 1);
    let pos = 0;
    for (let i = first; i <= last; i++) {
      const blk = blocks[i - first];
      const a = i === first ? start - first * bs : 0;
      const b = i === last ? end - last * bs + 1 : blk.length;
      out.set(blk.subarray(a, b), pos);
      pos += b - a;
    }
    return { bytes: out, totalSize: total };
  }

  private async blocks(
    href: string,
    key: string,
    first: number,
    last: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array[]> {
    const got: (Uint8Array | Promise<Uint8Array> | null)[] = [];
    for (let i = first; i <= last; i++) {
      const fl = this.inflight.get(`${key}/${i}`);
      got.push(fl ?? (await this.readBlock(key, i)));
    }
    // Another reader may have started fetching while we looked on disk: join it.
    for (let k = 0; k < got.length; k++) {
      if (got[k] === null) got[k] = this.inflight.get(`${key}/${first + k}`) ?? null;
    }
    // Fetch each contiguous run of missing blocks in one request.
    let i = 0;
    while (i < got.length) {
      if (got[i] !== null) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < got.length && got[j + 1] === null) j++;
      const runStart = i;
      const run = this.fetchRun(href, key, first + i, first + j, signal);
      for (let k = i; k <= j; k++) {
        const p = run.then((arr) => {
          const blk = arr[k - runStart];
          // Past the end of the resource: nothing (readRange clamps to the size).
          return blk ?? new Uint8Array(0);
        });
        const name = `${key}/${first + k}`;
        this.inflight.set(name, p);
        p.catch(() => undefined).finally(() => this.inflight.delete(name));
        got[k] = p;
      }
      i = j + 1;
    }
    return Promise.all(got as (Uint8Array | Promise<Uint8Array>)[]);
  }

  private async dropKey(key: string): Promise<void> {
    const idx = await this.loadIndex();
    for (const [name, e] of [...idx.entries()]) {
      if (name.startsWith(`${key}/`)) {
        idx.delete(name);
        this.total -= e.size;
      }
    }
    await rm(path.join(this.dir, key), { recursive: true, force: true });
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    this.index = null;
    this.indexing = null;
    this.total = 0;
    this.sizes.clear();
  }
}

let shared: RangeCache | null = null;

/** Points the shared cache at the app's cache folder and size cap (call once at start-up). */
export function configureRangeCache(opts: RangeCacheOptions): RangeCache {
  shared = new RangeCache(opts);
  return shared;
}

export function sharedRangeCache(): RangeCache {
  if (!shared)
    shared = new RangeCache({ dir: path.join(tmpdir(), 'nigah-range-cache'), maxBytes: 512 * 1024 * 1024 });
  return shared;
}

/** The raster endpoint's reader for http(s) hrefs (through the shared on-disk LRU cache). */
export function readRange(
  href: string,
  start: number,
  endInclusive?: number,
  signal?: AbortSignal,
): Promise<RangeResult> {
  return sharedRangeCache().readRange(href, start, endInclusive, signal);
}
