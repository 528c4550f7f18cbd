/**
 * Boundary files over HTTP: a timeout on every request, clear messages when the computer is
 * offline or a server answers with a web page, and downloads into a .part file that a later
 * attempt continues with a Range request (resume after cancel or a dropped connection).
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NigahError } from '../../shared/errors';
import { type BoundaryRead, readBoundaryBytes } from './read';

export interface FetchOptions {
  signal?: AbortSignal;
  /** Without a byte arriving for this long, the request fails (default 30 s). */
  timeoutMs?: number;
  onProgress?(done: number, total: number): void;
}

export const OFFLINE_HINT =
  'Nigah could not reach the server. When offline, add a boundary file instead (Sources → Boundaries → Add a file, or nigah boundaries add <file>): PDMA and NDMA offices hand district boundaries around as Shapefiles.';

function networkError(
  url: string,
  e: unknown,
  signal: AbortSignal | undefined,
  timedOut: boolean,
): NigahError {
  if (e instanceof NigahError) return e;
  if (signal?.aborted) return new NigahError('CANCELLED', 'The download was cancelled.');
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (timedOut)
    return new NigahError('TIMEOUT', `${host} did not answer in time.`, {
      hint: `Try again later. ${OFFLINE_HINT}`,
    });
  return new NigahError('NETWORK', `Could not download from ${host}: ${(e as Error).message}.`, {
    hint: OFFLINE_HINT,
  });
}

/** fetch with an inactivity timeout that also covers the body, and the caller's cancel. */
async function request(
  url: string,
  init: RequestInit,
  opts: FetchOptions,
): Promise<{ res: Response; touch(): void; done(): void; timedOut(): boolean }> {
  const ctl = new AbortController();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, timeoutMs);
  };
  const onAbort = () => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort);
  const done = () => {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  };
  touch();
  try {
    const res = await fetch(url, { ...init, signal: ctl.signal, redirect: 'follow' });
    return { res, touch, done, timedOut: () => timedOut };
  } catch (e) {
    done();
    throw networkError(url, e, opts.signal, timedOut);
  }
}

function checkStatus(url: string, res: Response): void {
  if (res.ok) return;
  throw new NigahError('HTTP', `${new URL(url).host} answered ${res.status} ${res.statusText} for ${url}.`, {
    hint:
      res.status >= 500
        ? 'The server has a problem: try again later, or add a boundary file instead.'
        : 'Check the address.',
  });
}

/** The whole body as bytes (API answers, small files). */
export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Uint8Array> {
  const r = await request(url, {}, opts);
  try {
    checkStatus(url, r.res);
    const chunks: Uint8Array[] = [];
    const total = Number(r.res.headers.get('content-length') ?? 0);
    let done = 0;
    for await (const chunk of Readable.fromWeb(r.res.body as never)) {
      r.touch();
      chunks.push(chunk as Uint8Array);
      done += (chunk as Uint8Array).length;
      opts.onProgress?.(done, total);
    }
    return Buffer.concat(chunks);
  } catch (e) {
    throw networkError(url, e, opts.signal, r.timedOut());
  } finally {
    r.done();
  }
}

/** JSON from an API; a web page (captive portal, error page) instead of JSON is named as such. */
export async function fetchJson<T>(url: string, opts: FetchOptions = {}): Promise<T> {
  const text = new TextDecoder().decode(await fetchBytes(url, opts));
  try {
    return JSON.parse(text) as T;
  } catch {
    const html = /^\s*</.test(text);
    throw new NigahError(
      'NOT_JSON',
      `${new URL(url).host} sent ${html ? 'a web page' : 'something that is not JSON'} instead of data.`,
      {
        hint: html
          ? 'A network login page or a server error page may be in the way: open a browser to check the connection, then try again.'
          : 'Try again later, or add a boundary file instead.',
      },
    );
  }
}

/**
 * Downloads into `<file>.part`, continuing a previous partial download with a Range request, then
 * renames it to `file`. Returns the file.
 */
export async function downloadToFile(url: string, file: string, opts: FetchOptions = {}): Promise<string> {
  const part = `${file}.part`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const have = await fs.stat(part).then(
    (s) => s.size,
    () => 0,
  );
  const r = await request(url, have ? { headers: { Range: `bytes=${have}-` } } : {}, opts);
  try {
    if (r.res.status === 416) {
      await fs.rename(part, file);
      return file;
    }
    checkStatus(url, r.res);
    const resumed = r.res.status === 206;
    const total = Number(r.res.headers.get('content-length') ?? 0) + (resumed ? have : 0);
    let done = resumed ? have : 0;
    const body = Readable.fromWeb(r.res.body as never);
    body.on('data', (chunk: Uint8Array) => {
      r.touch();
      done += chunk.length;
      opts.onProgress?.(done, total);
    });
    await pipeline(body, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    if (total && done < total)
      throw new NigahError(
        'NETWORK',
        `The download from ${new URL(url).host} stopped at ${done} of ${total} bytes.`,
        {
          hint: 'Start the download again: it continues where it stopped.',
        },
      );
    await fs.rename(part, file);
    return file;
  } catch (e) {
    throw networkError(url, e, opts.signal, r.timedOut());
  } finally {
    r.done();
  }
}

/** A boundary file at a URL, read like a local one. */
export async function fetchBoundarySource(
  url: string,
  opts: FetchOptions & { layer?: string } = {},
): Promise<BoundaryRead> {
  const bytes = await fetchBytes(url, opts);
  const name = new URL(url).pathname.split('/').pop() || 'boundaries.geojson';
  return readBoundaryBytes(bytes, name, { layer: opts.layer });
}
