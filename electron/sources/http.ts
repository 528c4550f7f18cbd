/**
 * HTTP for sources: every failure becomes a NigahError a user can act on (unreachable host,
 * timeout, HTTP status, connection dropped, HTML where JSON was expected).
 */
import { NigahError } from '../../shared/errors';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface HttpOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Which part of the body to keep, decided from the status: bytes before `skip` are discarded and
   * reading stops (the connection is closed) once `max` bytes are kept. Bounds memory whatever the
   * server sends, e.g. a whole file from a server that ignores Range.
   */
  window?: (status: number, headers: Headers) => { skip: number; max: number };
}

/** Reads at most `max` bytes after `skip`; `truncated` when more was on the way (then closed). */
async function readWindowed(
  res: Response,
  skip: number,
  max: number,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const out = new Uint8Array(max);
  let kept = 0;
  let seen = 0;
  let truncated = false;
  const reader = res.body?.getReader();
  if (!reader) return { body: out.subarray(0, 0), truncated };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (kept >= max) {
      if (value.length) {
        truncated = true;
        break;
      }
      continue;
    }
    const a = Math.max(0, skip - seen);
    seen += value.length;
    if (a >= value.length) continue;
    const part = value.subarray(a, a + (max - kept));
    out.set(part, kept);
    kept += part.length;
    if (a + part.length < value.length) {
      truncated = true;
      break;
    }
  }
  if (truncated) await reader.cancel().catch(() => undefined);
  return { body: out.subarray(0, kept), truncated };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Maps a fetch/undici failure to NigahError. */
export function networkError(e: unknown, url: string, timedOut: boolean, signal?: AbortSignal): NigahError {
  if (e instanceof NigahError) return e;
  if (timedOut) {
    return new NigahError('TIMEOUT', `${hostOf(url)} did not answer in time (${url}).`, {
      hint: 'The server may be overloaded or the link slow; try again later, or raise the timeout.',
      details: { url },
    });
  }
  if (signal?.aborted) return new NigahError('CANCELLED', 'The request was cancelled.', { details: { url } });
  const err = e as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  const code = err?.cause?.code ?? err?.code ?? '';
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'EAI_AGAIN'
  ) {
    return new NigahError('NETWORK', `Cannot reach ${hostOf(url)} (${code}).`, {
      hint: 'Check the address in Settings → Sources and your network connection; scenes already made available offline still open.',
      details: { url, code },
    });
  }
  const msg = err?.cause?.message ?? err?.message ?? String(e);
  return new NigahError('NETWORK', `The connection to ${hostOf(url)} failed: ${msg}.`, {
    hint: 'The server closed the connection early; try again. Parts already downloaded are kept.',
    details: { url, code: code || null },
  });
}

export function httpStatusError(status: number, statusText: string, url: string): NigahError {
  const what = status === 404 ? 'was not found' : status >= 500 ? 'failed on the server' : 'was refused';
  return new NigahError('HTTP', `${url} ${what} (HTTP ${status}${statusText ? ` ${statusText}` : ''}).`, {
    hint:
      status === 404
        ? 'Check the URL in Settings → Sources; the catalog may have moved.'
        : status >= 500
          ? 'The server has a problem; try again later.'
          : status === 401 || status === 403
            ? 'This server needs credentials Nigah does not have.'
            : 'Check the URL and the request parameters.',
    details: { url, status },
  });
}

/** fetch with a timeout covering the headers AND the body, and error mapping. */
export async function httpFetch(
  url: string,
  opts: HttpOptions = {},
): Promise<{ status: number; headers: Headers; body: Uint8Array; truncated: boolean }> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  const onAbort = (): void => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted)
      throw new NigahError('CANCELLED', 'The request was cancelled.', { details: { url } });
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      body: opts.body,
      signal: ctl.signal,
      redirect: 'follow',
    });
    if (res.status >= 400) {
      await res.body?.cancel().catch(() => undefined);
      throw httpStatusError(res.status, res.statusText, url);
    }
    if (opts.window) {
      const w = opts.window(res.status, res.headers);
      const r = await readWindowed(res, w.skip, w.max);
      return { status: res.status, headers: res.headers, ...r };
    }
    const body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, truncated: false };
  } catch (e) {
    throw networkError(e, url, timedOut, opts.signal);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** Parses bytes as JSON, or NOT_JSON saying what arrived instead (an HTML page, say). */
export function parseJsonBytes(bytes: Uint8Array, where: string, contentType = ''): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    const head = text.trimStart().slice(0, 200).toLowerCase();
    const isHtml =
      contentType.includes('html') || head.startsWith('<!doctype html') || head.startsWith('<html');
    throw new NigahError(
      'NOT_JSON',
      isHtml
        ? `${where} returned a web page (HTML), not STAC JSON.`
        : `${where} is not valid JSON${contentType ? ` (content type ${contentType})` : ''}.`,
      {
        hint: isHtml
          ? 'The URL probably points at a portal or login page; use the catalog.json or STAC API root URL instead.'
          : 'Check that the file is a STAC catalog, collection or item.',
        details: { href: where, contentType: contentType || null },
      },
    );
  }
}

export async function fetchJson(url: string, opts: HttpOptions = {}): Promise<unknown> {
  const res = await httpFetch(url, {
    ...opts,
    headers: { accept: 'application/json, application/geo+json', ...(opts.headers ?? {}) },
  });
  return parseJsonBytes(res.body, url, res.headers.get('content-type') ?? '');
}
