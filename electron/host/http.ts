/**
 * Browser mode: the same services as the desktop app, bound on 127.0.0.1 only, behind a per-run
 * secret. The printed URL carries the secret once; the host swaps it for an HttpOnly, SameSite
 * cookie and redirects, so the page, its workers and geotiff.js reach /api and /raster without
 * ever seeing it. Host headers other than the loopback address are refused (DNS rebinding).
 *
 * SameSite ignores the port, so a page on another loopback port is "same-site" and its forms and
 * no-cors fetches carry the cookie. Every /api call is therefore also checked as cross-site request
 * forgery (csrf.ts): Sec-Fetch-Site and Origin must be this origin, the body must be JSON, and the
 * per-run X-Nigah-CSRF header (given to the page in index.html) must be present.
 *
 * POST /upload stores a file the user chose in the page (upload.ts) and answers its path on disk:
 * the same session and CSRF checks, with a raw-bytes body instead of JSON.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NigahServices } from '../../shared/contract';
import { createDispatcher } from '../../shared/dispatch';
import { NigahError, toErrorData } from '../../shared/errors';
import { csrfRefusal, withCsrfMeta } from './csrf';
import { type RasterBackend, serveRaster } from './raster';
import { readStatic } from './static';
import { storeUpload, uploadStatus } from './upload';

export interface WebHostOptions {
  services: NigahServices;
  raster: RasterBackend;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Where POST /upload stores files (the user-data uploads folder); without it uploads are refused. */
  uploadsDir?: string;
  /** Largest upload in bytes (default DEFAULT_UPLOAD_LIMIT). */
  uploadLimit?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** The per-run value of the X-Nigah-CSRF header that /api calls must carry. */
  csrf: string;
  close(): Promise<void>;
}

const COOKIE = 'nigah_session';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function readBody(req: http.IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new NigahError('TOO_LARGE', `The request body is larger than ${limit >> 20} MB.`, {
        hint: 'Send fewer or smaller arguments; files are read by path, never sent in a request.',
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const csrf = randomBytes(18).toString('base64url');
  const dispatch = createDispatcher(opts.services);
  let port = 0;

  const authorized = (req: http.IncomingMessage) => {
    const given =
      readCookie(req.headers.cookie, COOKIE) ?? (req.headers['x-nigah-token'] as string | undefined);
    return given !== undefined && sameSecret(given, token);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorData(e) });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden host.\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const given = url.searchParams.get('token');
    if (url.pathname === '/' && given !== null) {
      if (!sameSecret(given, token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Wrong session key. Open the URL printed by `npm run web`.\n');
        return;
      }
      res.writeHead(302, {
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: '/',
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req)) return sendJson(res, 401, { ok: false, error: unauthorized() });
      if (req.method !== 'POST')
        return sendJson(res, 405, { ok: false, error: { code: 'BAD_ARGUMENT', message: 'Use POST.' } });
      const refused = csrfRefusal(req, `http://${host}`, csrf);
      if (refused) return sendJson(res, refused.status, { ok: false, error: refused.error });
      const [, , service, method] = url.pathname.split('/');
      let args: unknown = [];
      try {
        const body = await readBody(req);
        args = body ? (JSON.parse(body) as { args?: unknown }).args : [];
      } catch (e) {
        if (e instanceof NigahError && e.code === 'TOO_LARGE')
          return sendJson(res, 413, { ok: false, error: e.toData() });
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'BAD_ARGUMENT', message: 'The request body is not JSON.' },
        });
      }
      const result = await dispatch(service ?? '', method ?? '', args);
      return sendJson(res, 200, result);
    }
    if (url.pathname === '/upload') return handleUpload(req, res, url, host);
    if (url.pathname === '/raster') {
      if (!authorized(req)) return sendJson(res, 401, { ok: false, error: unauthorized() });
      const href = url.searchParams.get('href');
      if (!href)
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_ARGUMENT', message: 'Missing href.' } });
      try {
        const reply = await serveRaster(href, req.headers.range, opts.raster);
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
        res.end(req.method === 'HEAD' ? undefined : reply.body);
      } catch (e) {
        const err = toErrorData(e);
        const status =
          err.code === 'NOT_FOUND'
            ? 404
            : err.code === 'OUTSIDE_ROOT'
              ? 403
              : err.code === 'BAD_ARGUMENT'
                ? 400
                : 502;
        sendJson(res, status, { ok: false, error: err });
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const reply = withCsrfMeta(await readStatic(opts.rendererDir, url.pathname), csrf);
    res.writeHead(reply.status, reply.headers);
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }

  async function handleUpload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    host: string,
  ): Promise<void> {
    const refuse = (status: number, error: unknown) => {
      req.resume();
      sendJson(res, status, { ok: false, error });
    };
    if (!authorized(req)) return refuse(401, unauthorized());
    if (req.method !== 'POST') return refuse(405, { code: 'BAD_ARGUMENT', message: 'Use POST.' });
    const refused = csrfRefusal(req, `http://${host}`, csrf, 'application/octet-stream');
    if (refused) return refuse(refused.status, refused.error);
    if (!opts.uploadsDir)
      return refuse(404, { code: 'NOT_FOUND', message: 'This host does not take uploads.' });
    try {
      sendJson(res, 200, { ok: true, value: await storeUpload(req, url, opts.uploadsDir, opts.uploadLimit) });
    } catch (e) {
      refuse(uploadStatus(toErrorData(e)), toErrorData(e));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new NigahError('PORT_IN_USE', `Port ${opts.port} on 127.0.0.1 is already in use.`, {
            hint: 'Stop the other program, pick another port with --port N, or omit --port to get a free one.',
          }),
        );
      else reject(e);
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.keepAliveTimeout = 5000;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    csrf,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function unauthorized() {
  return {
    code: 'UNAUTHORIZED',
    message: 'This browser has no Nigah session.',
    hint: 'Open the URL printed by `npm run web` (it carries the session key).',
  };
}
