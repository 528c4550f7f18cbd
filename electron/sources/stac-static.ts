/**
 * Walks a static STAC catalog (file path or http(s) URL): catalog → children/collections → items,
 * through relative and absolute links. A broken child or item becomes a problem; the rest is listed.
 */
import { type ErrorData, NigahError, toErrorData } from '../../shared/errors';
import { reachesLocal, resolveHref } from '../../shared/stac/item';
import { parseCatalog, parseItem, type StacItem, stacKind } from '../../shared/stac/schema';
import type { HttpOptions } from './http';
import { readJson, toHref } from './location';

export interface WalkedItem {
  item: StacItem;
  href: string;
  /** Root/collection license and attribution, when given. */
  license?: string;
  attribution?: string;
}

export interface WalkResult {
  items: WalkedItem[];
  problems: (ErrorData & { item?: string })[];
}

export interface WalkOptions extends HttpOptions {
  maxDepth?: number;
  concurrency?: number;
  /** Stop following links after this many items (default 5000); a problem says so. */
  maxItems?: number;
}

export async function walkStaticCatalog(location: string, opts: WalkOptions = {}): Promise<WalkResult> {
  const rootHref = toHref(location);
  const items: WalkedItem[] = [];
  const problems: (ErrorData & { item?: string })[] = [];
  const visited = new Set<string>();
  const maxDepth = opts.maxDepth ?? 8;
  const limit = opts.concurrency ?? 8;
  const maxItems = opts.maxItems ?? 5000;
  let truncated = false;
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };

  const visit = async (
    href: string,
    depth: number,
    inherited: { license?: string; attribution?: string },
    isRoot: boolean,
  ): Promise<void> => {
    const key = href.split('#')[0];
    if (visited.has(key) || depth > maxDepth) return;
    if (items.length >= maxItems) {
      truncated = true;
      return;
    }
    visited.add(key);
    let json: unknown;
    try {
      json = await slot(() => readJson(href, opts));
    } catch (e) {
      if (isRoot) throw e;
      problems.push({ ...toErrorData(e), item: href });
      return;
    }
    try {
      const kind = stacKind(json);
      if (kind === 'Feature') {
        if (items.length >= maxItems) {
          truncated = true;
          return;
        }
        items.push({ item: parseItem(json, href), href, ...inherited });
        return;
      }
      if (kind === 'FeatureCollection') {
        const feats = (json as { features?: unknown[] }).features ?? [];
        for (const f of feats) {
          try {
            items.push({ item: parseItem(f, href), href, ...inherited });
          } catch (e) {
            problems.push({ ...toErrorData(e), item: href });
          }
        }
        return;
      }
      if (kind === null) {
        const o = json as Record<string, unknown> | null;
        if (
          typeof o !== 'object' ||
          o === null ||
          (!Array.isArray(o.links) && o.stac_version === undefined)
        ) {
          throw new NigahError('NOT_STAC', `${href} is JSON but not a STAC catalog, collection or item.`, {
            hint: 'Point the source at a STAC catalog.json (static catalog) or choose the "STAC API" kind for an API root.',
            details: { href },
          });
        }
      }
      const cat = parseCatalog(json, href);
      const c = cat as Record<string, unknown>;
      const license =
        typeof c.license === 'string' && c.license !== 'proprietary' ? c.license : inherited.license;
      const providers = Array.isArray(c.providers) ? (c.providers as { name?: string }[]) : [];
      const attribution =
        (typeof c['nigah:attribution'] === 'string' ? (c['nigah:attribution'] as string) : undefined) ??
        (providers.length
          ? providers
              .map((p) => p.name)
              .filter(Boolean)
              .join(', ')
          : undefined) ??
        inherited.attribution;
      const next = { license, attribution };
      await Promise.all(
        cat.links
          .filter((l) => l.rel === 'child' || l.rel === 'item')
          .map((l) => resolveHref(l.href, href))
          .filter((to) => {
            if (!reachesLocal(to, href)) return true;
            problems.push({
              code: 'FORBIDDEN',
              message: `The remote catalog ${href} links to ${to}, which is not on a web server; it was skipped.`,
              hint: 'A remote catalog may only link to http(s) documents.',
              item: to,
            });
            return false;
          })
          .map((to) => visit(to, depth + 1, next, false)),
      );
    } catch (e) {
      if (isRoot) throw e;
      problems.push({ ...toErrorData(e), item: href });
    }
  };

  await visit(rootHref, 0, {}, true);
  if (truncated) {
    problems.push({
      code: 'BAD_ARGUMENT',
      message: `The catalog at ${rootHref} has more than ${maxItems} items; only the first ${maxItems} are listed.`,
      hint: 'Use a STAC API source to search a large archive by area and date.',
    });
  }
  items.sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : a.item.id < b.item.id ? -1 : 1));
  return { items, problems };
}
