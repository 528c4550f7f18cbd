/**
 * A real HTTP server on 127.0.0.1 for source tests: static files with Range support, a small STAC
 * API with paging, and injected faults (never answers, 404/500, HTML instead of JSON, connection
 * dropped mid-range).
 */
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface TestServer {
  url: string;
  port: number;
  /** Requests seen, in order: "GET /path bytes=0-99". */
  log: string[];
  /** POST bodies received by /api/search. */
  bodies: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface ApiOptions {
  items: Record<string, unknown>[];
  conformsTo?: string[];
  /** Page links use POST with a body (merge: true) instead of GET tokens. */
  postPaging?: boolean;
  searchMethod?: 'GET' | 'POST';
}

export async function startServer(opts: { root?: string; api?: ApiOptions } = {}): Promise<TestServer> {
  const log: string[] = [];
  const bodies: Record<string, unknown>[] = [];
  const hanging = new Set<http.ServerResponse>();
  const flaky = new Set<string>();

  function trickle(file: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const data = readFileSync(file);
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const body = data.subarray(start);
    res.writeHead(m ? 206 : 200, {
      'content-type': 'image/tiff',
      'content-length': body.length,
      ...(m ? { 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` } : {}),
    });
    let pos = 0;
    const tick = (): void => {
      if (res.destroyed) return;
      const part = body.subarray(pos, pos + 16384);
      pos += part.length;
      if (pos >= body.length) res.end(part);
      else {
        res.write(part);
        setTimeout(tick, 20);
      }
    };
    tick();
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push(`${req.method} ${url.pathname}${url.search}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => handle(url, raw, req, res));
  });
  const base = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function json(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function serveFile(
    file: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    dropAfter?: number,
  ): void {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const data = readFileSync(file);
    const type = file.endsWith('.json') ? 'application/json' : 'image/tiff';
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (m) {
      const start = Number(m[1]);
      const end = Math.min(m[2] ? Number(m[2]) : size - 1, size - 1);
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        res.end();
        return;
      }
      const body = data.subarray(start, end + 1);
      res.writeHead(206, {
        'content-type': type,
        'content-length': body.length,
        'content-range': `bytes ${start}-${end}/${size}`,
        'accept-ranges': 'bytes',
      });
      if (dropAfter !== undefined) {
        res.write(body.subarray(0, Math.min(dropAfter, body.length - 1)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end(body);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': size, 'accept-ranges': 'bytes' });
    if (dropAfter !== undefined) {
      res.write(data.subarray(0, dropAfter));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(data);
  }

  function apiFilter(
    items: Record<string, unknown>[],
    q: Record<string, unknown>,
  ): Record<string, unknown>[] {
    return items.filter((it) => {
      const p = it.properties as Record<string, unknown>;
      const bbox = it.bbox as number[];
      const qb = q.bbox as number[] | undefined;
      if (qb && !(bbox[0] <= qb[2] && bbox[2] >= qb[0] && bbox[1] <= qb[3] && bbox[3] >= qb[1])) return false;
      if (q.collections && !(q.collections as string[]).includes(it.collection as string)) return false;
      if (typeof q.datetime === 'string') {
        const [a, b] = q.datetime.split('/');
        const t = Date.parse(p.datetime as string);
        if (a && a !== '..' && t < Date.parse(a)) return false;
        if (b && b !== '..' && t > Date.parse(b)) return false;
      }
      const cc = p['eo:cloud_cover'] as number;
      const query = q.query as Record<string, Record<string, number>> | undefined;
      if (query?.['eo:cloud_cover']?.lte !== undefined && cc > query['eo:cloud_cover'].lte) return false;
      const filter = q.filter as { op: string; args: [unknown, number] } | string | undefined;
      if (typeof filter === 'object' && filter?.op === '<=' && cc > filter.args[1]) return false;
      if (typeof filter === 'string') {
        const fm = /eo:cloud_cover <= ([\d.]+)/.exec(filter);
        if (fm && cc > Number(fm[1])) return false;
      }
      return true;
    });
  }

  function handle(url: URL, raw: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const p = url.pathname;
    if (p === '/hang' || p.startsWith('/hang/')) {
      hanging.add(res);
      return; // never answers
    }
    if (p === '/status/404') return json(res, 404, { code: 'NotFound' });
    if (p === '/status/500') return json(res, 500, { code: 'ServerError' });
    if (p === '/html' || p === '/html/catalog.json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>Welcome to the portal</h1></body></html>');
      return;
    }
    if (p.startsWith('/flaky/') && opts.root) {
      // Drops the connection on the first request for each file, then behaves.
      const rel = p.slice('/flaky/'.length);
      const first = !flaky.has(rel);
      flaky.add(rel);
      return serveFile(path.join(opts.root, rel), req, res, first ? 70_000 : undefined);
    }
    if (p.startsWith('/slowfile/') && opts.root) {
      // Sends 16 KiB every 20 ms, so a download can be cancelled in the middle.
      return trickle(path.join(opts.root, p.slice('/slowfile/'.length)), req, res);
    }
    if (p.startsWith('/drop/') && opts.root) {
      return serveFile(path.join(opts.root, p.slice('/drop/'.length)), req, res, 100);
    }
    if (p.startsWith('/files/') && opts.root) {
      const rel = decodeURIComponent(p.slice('/files/'.length));
      if (rel.split('/').includes('..')) return json(res, 403, {});
      return serveFile(path.join(opts.root, rel), req, res);
    }
    const api = opts.api;
    if (api && (p === '/api' || p === '/api/')) {
      return json(res, 200, {
        type: 'Catalog',
        id: 'api',
        description: 'test API',
        stac_version: '1.0.0',
        conformsTo: api.conformsTo ?? [
          'https://api.stacspec.org/v1.0.0/core',
          'https://api.stacspec.org/v1.0.0/item-search',
        ],
        links: [
          { rel: 'self', href: `${base()}/api` },
          {
            rel: 'search',
            href: `${base()}/api/search`,
            type: 'application/geo+json',
            method: api.searchMethod ?? 'GET',
          },
          ...(api.searchMethod ? [] : [{ rel: 'search', href: `${base()}/api/search`, method: 'POST' }]),
        ],
      });
    }
    if (api && p === '/api/search') {
      let q: Record<string, unknown>;
      if (req.method === 'POST') {
        q = JSON.parse(raw || '{}') as Record<string, unknown>;
        bodies.push(q);
      } else {
        q = {};
        for (const [k, v] of url.searchParams) {
          if (k === 'bbox') q.bbox = v.split(',').map(Number);
          else if (k === 'collections') q.collections = v.split(',');
          else if (k === 'limit' || k === 'page') q[k] = Number(v);
          else if (k === 'query') q.query = JSON.parse(v);
          else q[k] = v;
        }
      }
      const all = apiFilter(api.items, q);
      const limit = Number(q.limit ?? 10);
      const page = Number(q.page ?? 0);
      const features = all.slice(page * limit, page * limit + limit);
      const links: Record<string, unknown>[] = [];
      if ((page + 1) * limit < all.length) {
        if (api.postPaging)
          links.push({
            rel: 'next',
            href: `${base()}/api/search`,
            method: 'POST',
            body: { page: page + 1 },
            merge: true,
          });
        else {
          const next = new URL(`${base()}/api/search${url.search}`);
          next.searchParams.set('page', String(page + 1));
          if (req.method === 'POST') {
            // A GET next link after a POST search must carry the whole query.
            next.searchParams.set('limit', String(limit));
            if (q.collections) next.searchParams.set('collections', (q.collections as string[]).join(','));
            if (q.query) next.searchParams.set('query', JSON.stringify(q.query));
          }
          links.push({ rel: 'next', href: next.href, type: 'application/geo+json' });
        }
      }
      return json(
        res,
        200,
        { type: 'FeatureCollection', features, links, numberMatched: all.length },
        'application/geo+json',
      );
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.socket?.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
