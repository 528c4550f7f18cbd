/**
 * STAC API item search (https://github.com/radiantearth/stac-api-spec, item-search): GET or POST
 * /search with bbox, datetime, collections and limit; the cloud filter as CQL2 `filter` when the
 * API conforms to Filter, as the `query` extension when it conforms to Query, else applied here.
 * Pages are followed through rel=next links, including POST links with a body (merged into the
 * previous body when `merge` is true).
 */
import type { SceneQuery } from '../../shared/contract';
import { type ErrorData, type NigahError, toErrorData } from '../../shared/errors';
import { reachesLocal, resolveHref } from '../../shared/stac/item';
import { parseItem, parseItemCollection, type StacItem, type StacLink } from '../../shared/stac/schema';
import { fetchJson, type HttpOptions } from './http';

export interface ApiSearchOptions extends HttpOptions {
  /** Stop after this many items (default 500). */
  maxItems?: number;
  /** Items per page (default 100). */
  limit?: number;
  /** Force GET or POST; default: what the landing page's search link advertises (POST preferred). */
  method?: 'GET' | 'POST';
}

export interface ApiSearchResult {
  items: { item: StacItem; href: string }[];
  problems: (ErrorData & { item?: string })[];
  pages: number;
  /** How the cloud filter was applied. */
  cloudFilter: 'cql2' | 'query' | 'client' | 'none';
  matched: number | null;
}

interface Landing {
  searchUrl: string;
  methods: Set<string>;
  conformsTo: string[];
}

async function landing(root: string, opts: HttpOptions): Promise<Landing> {
  const base = root.replace(/\/search\/?$/, '');
  let json: Record<string, unknown> | null = null;
  try {
    json = (await fetchJson(base, opts)) as Record<string, unknown>;
  } catch (e) {
    // Some deployments expose only /search: carry on with it, unless the host is unreachable.
    const code = (e as NigahError).code;
    if (code === 'NETWORK' || code === 'TIMEOUT' || code === 'CANCELLED' || code === 'NOT_JSON') throw e;
  }
  const links = Array.isArray(json?.links) ? (json?.links as StacLink[]) : [];
  const search = links.filter((l) => l.rel === 'search');
  const methods = new Set(search.map((l) => (l.method ?? 'GET').toUpperCase()));
  const searchUrl = search[0]
    ? resolveHref(search[0].href, base.endsWith('/') ? base : `${base}/`)
    : `${base.replace(/\/$/, '')}/search`;
  if (methods.size === 0) methods.add('GET').add('POST');
  const conformsTo = Array.isArray(json?.conformsTo) ? (json?.conformsTo as string[]) : [];
  return { searchUrl, methods, conformsTo };
}

function cloudMode(conformsTo: string[], maxCloud: number | undefined): ApiSearchResult['cloudFilter'] {
  if (maxCloud === undefined) return 'none';
  if (conformsTo.some((c) => /item-search#filter|\/filter$|cql2-json/.test(c))) return 'cql2';
  if (conformsTo.some((c) => /item-search#query/.test(c))) return 'query';
  return 'client';
}

export function searchBody(
  q: SceneQuery,
  limit: number,
  mode: ApiSearchResult['cloudFilter'],
): Record<string, unknown> {
  const body: Record<string, unknown> = { limit };
  if (q.bbox) body.bbox = q.bbox;
  if (q.datetime) body.datetime = q.datetime;
  if (q.collections?.length) body.collections = q.collections;
  if (q.maxCloud !== undefined && mode === 'cql2') {
    body['filter-lang'] = 'cql2-json';
    body.filter = { op: '<=', args: [{ property: 'eo:cloud_cover' }, q.maxCloud] };
  }
  if (q.maxCloud !== undefined && mode === 'query') body.query = { 'eo:cloud_cover': { lte: q.maxCloud } };
  return body;
}

export function searchParams(
  q: SceneQuery,
  limit: number,
  mode: ApiSearchResult['cloudFilter'],
): URLSearchParams {
  const p = new URLSearchParams();
  p.set('limit', String(limit));
  if (q.bbox) p.set('bbox', q.bbox.join(','));
  if (q.datetime) p.set('datetime', q.datetime);
  if (q.collections?.length) p.set('collections', q.collections.join(','));
  if (q.maxCloud !== undefined && mode === 'cql2') {
    p.set('filter-lang', 'cql2-text');
    p.set('filter', `eo:cloud_cover <= ${q.maxCloud}`);
  }
  if (q.maxCloud !== undefined && mode === 'query')
    p.set('query', JSON.stringify({ 'eo:cloud_cover': { lte: q.maxCloud } }));
  return p;
}

export async function searchStacApi(
  root: string,
  query: SceneQuery = {},
  opts: ApiSearchOptions = {},
): Promise<ApiSearchResult> {
  const maxItems = opts.maxItems ?? 500;
  const limit = Math.min(opts.limit ?? 100, maxItems);
  const land = await landing(root, opts);
  const mode = cloudMode(land.conformsTo, query.maxCloud);
  const method = opts.method ?? (land.methods.has('POST') ? 'POST' : 'GET');
  const items: ApiSearchResult['items'] = [];
  const problems: ApiSearchResult['problems'] = [];
  let matched: number | null = null;
  let pages = 0;
  let url = land.searchUrl;
  let body: Record<string, unknown> | null = method === 'POST' ? searchBody(query, limit, mode) : null;
  let pageMethod: 'GET' | 'POST' = method;
  if (method === 'GET') url = `${url}${url.includes('?') ? '&' : '?'}${searchParams(query, limit, mode)}`;
  const seen = new Set<string>();
  while (url && items.length < maxItems && pages < 100) {
    const key = `${pageMethod} ${url} ${body ? JSON.stringify(body) : ''}`;
    if (seen.has(key)) break; // a server that links a page to itself
    seen.add(key);
    const json = await fetchJson(url, {
      ...opts,
      method: pageMethod,
      ...(pageMethod === 'POST'
        ? {
            body: JSON.stringify(body ?? {}),
            headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
          }
        : {}),
    });
    pages++;
    const page = parseItemCollection(json, url);
    matched = page.numberMatched ?? page.context?.matched ?? matched;
    page.features.forEach((f, i) => {
      if (items.length >= maxItems) return;
      try {
        const item = parseItem(f, `${url} (feature ${i})`);
        if (mode === 'client' && query.maxCloud !== undefined) {
          const cc = (item.properties as Record<string, unknown>)['eo:cloud_cover'];
          if (typeof cc === 'number' && cc > query.maxCloud) return;
        }
        const self = item.links.find((l) => l.rel === 'self');
        const selfHref = self ? resolveHref(self.href, url) : url;
        items.push({ item, href: reachesLocal(selfHref, url) ? url : selfHref });
      } catch (e) {
        problems.push({ ...toErrorData(e), item: `${url} (feature ${i})` });
      }
    });
    const next = (page.links ?? []).find((l) => l.rel === 'next');
    if (!next || page.features.length === 0) break;
    const nextMethod = (next.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const nextUrl = resolveHref(next.href, url);
    if (nextMethod === 'POST') {
      const nb = (next.body ?? {}) as Record<string, unknown>;
      body = next.merge ? { ...(body ?? {}), ...nb } : next.body ? nb : (body ?? {});
    } else body = null;
    pageMethod = nextMethod;
    url = nextUrl;
  }
  return { items, problems, pages, cloudFilter: mode, matched };
}
