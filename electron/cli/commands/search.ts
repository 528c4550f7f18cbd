/**
 * `nigah search <catalog-or-api-url> [--bbox w,s,e,n] [--datetime a/b] [--max-cloud N]
 * [--collections c1,c2] [--limit N] [--json]`: a STAC API is searched server-side (paging
 * followed); a static catalog (path or URL) is walked and filtered here.
 */

import type { SceneQuery } from '../../../shared/contract';
import { NigahError } from '../../../shared/errors';
import { summarize } from '../../../shared/scene';
import { itemToScene } from '../../../shared/stac/item';
import type { StacItem } from '../../../shared/stac/schema';
import { matchesQuery } from '../../services/catalog';
import { readJson, toHref } from '../../sources/location';
import { searchStacApi } from '../../sources/stac-api';
import { walkStaticCatalog } from '../../sources/stac-static';
import { parseOptions } from '../args';
import type { CliCommand } from '../types';

function bad(message: string): NigahError {
  return new NigahError('BAD_ARGUMENT', message, { hint: 'See nigah help search.' });
}

export function parseSearchArgs(args: string[]): {
  target: string;
  query: SceneQuery;
  json: boolean;
  limit: number;
} {
  const p = parseOptions(
    args,
    ['bbox', 'datetime', 'max-cloud', 'collections', 'limit'],
    ['json'],
    'nigah search <catalog-or-api-url> [--bbox w,s,e,n] [--datetime a/b] [--max-cloud N] [--collections c1,c2] [--limit N] [--json]',
  );
  const o = p.options;
  const query: SceneQuery = {};
  if (o.bbox !== undefined) {
    const b = o.bbox.split(',').map(Number);
    if (b.length !== 4 || b.some((x) => !Number.isFinite(x)) || b[0] > b[2] || b[1] > b[3]) {
      throw bad('--bbox wants west,south,east,north in degrees, e.g. --bbox 66.5,24.5,69.5,27.5.');
    }
    query.bbox = b as [number, number, number, number];
  }
  if (o.datetime !== undefined) query.datetime = o.datetime;
  if (o['max-cloud'] !== undefined) {
    const n = Number(o['max-cloud']);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw bad('--max-cloud wants a percentage from 0 to 100.');
    query.maxCloud = n;
  }
  if (o.collections !== undefined) query.collections = o.collections.split(',').filter(Boolean);
  const limit = o.limit === undefined ? 500 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) throw bad('--limit wants a positive whole number.');
  const json = p.flags.has('json');
  const pos = p.positional;
  if (pos.length !== 1) throw bad('Name exactly one catalog or STAC API URL.');
  return { target: pos[0], query, json, limit };
}

async function isApi(target: string): Promise<boolean> {
  if (!/^https?:/i.test(target)) return false;
  if (/\/search\/?$/.test(target)) return true;
  const root = (await readJson(target)) as { conformsTo?: unknown; links?: { rel?: string }[] } | null;
  const conforms = Array.isArray(root?.conformsTo) ? (root.conformsTo as string[]) : [];
  return conforms.some((c) => /item-search/.test(c)) || (root?.links ?? []).some((l) => l.rel === 'search');
}

export const command: CliCommand = {
  name: 'search',
  summary: 'Search a STAC catalog (path or URL) or a STAC API for scenes',
  usage: [
    'Usage: nigah search <catalog-or-api-url> [--bbox w,s,e,n] [--datetime a/b] [--max-cloud N]',
    '                    [--collections c1,c2] [--limit N] [--json]',
    '',
    '  --bbox         west,south,east,north in degrees (lon/lat)',
    '  --datetime     2022-08-01/2022-09-30; .. for an open end',
    '  --max-cloud    maximum cloud cover, percent',
    '  --collections  comma-separated collection ids',
    '  --limit        stop after N items (default 500)',
    '  --json         machine-readable output (one object per item)',
  ].join('\n'),
  async run(args, io) {
    const { target, query, json, limit } = parseSearchArgs(args);
    let items: { item: StacItem; href: string }[];
    const problems: { message: string; item?: string }[] = [];
    if (await isApi(target)) {
      const r = await searchStacApi(target, query, { maxItems: limit });
      items = r.items;
      problems.push(...r.problems);
    } else {
      const r = await walkStaticCatalog(toHref(target));
      items = r.items;
      problems.push(...r.problems);
    }
    const out = items
      .map((w) => ({
        w,
        s: summarize(itemToScene(w.item, { id: w.item.id, source: 'search', itemHref: w.href })),
      }))
      .filter(({ s }) => matchesQuery(s, query))
      .slice(0, limit)
      .map(({ w, s }) => ({
        id: s.id,
        collection: s.collection ?? null,
        datetime: s.datetime,
        cloudCover: s.cloudCover,
        platform: s.platform ?? null,
        bbox: s.bbox,
        roles: s.roles,
        href: w.href,
      }));
    if (json) io.out(`${JSON.stringify({ items: out, problems }, null, 2)}\n`);
    else {
      const rows = out.map(
        (i) =>
          `${(i.datetime ?? '').slice(0, 10).padEnd(10)}  ${String(i.cloudCover ?? '-').padStart(5)}%  ${(i.collection ?? '').padEnd(18)}  ${i.id}`,
      );
      io.out(
        `${['date        cloud  collection          id', ...rows, `${out.length} item(s)`].join('\n')}\n`,
      );
      for (const p of problems) io.err(`warning: ${p.message}${p.item ? ` (${p.item})` : ''}\n`);
    }
    return 0;
  },
};
