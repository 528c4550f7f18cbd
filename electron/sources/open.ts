/**
 * Opens one scene named on a command line: a GeoTIFF path or URL, a folder of band files, a STAC
 * item (path or URL) or a product package (folder or .tar.gz) — the same code paths as the sources.
 */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NigahError } from '../../shared/errors';
import type { Scene } from '../../shared/scene';
import { itemToScene } from '../../shared/stac/item';
import { parseItem, stacKind } from '../../shared/stac/schema';
import type { RangeCache } from '../cache/range-cache';
import { completeScene } from './complete';
import { isPackageDir, isPackageFile, packageScene } from './cresda';
import { scanFolder, singleFileScene } from './folder';
import { readJson, toHref } from './location';

export interface OpenOptions {
  cacheDir?: string;
  cache?: RangeCache;
  timeoutMs?: number;
}

async function fromJson(href: string, opts: OpenOptions): Promise<Scene> {
  const json = await readJson(href, { timeoutMs: opts.timeoutMs });
  const kind = stacKind(json);
  if (kind !== 'Feature') {
    throw new NigahError('BAD_ARGUMENT', `${href} is a STAC ${kind ?? 'document'}, not an item.`, {
      hint: 'Pass one item, or list a catalog with `nigah search <catalog-or-api-url>`.',
    });
  }
  const item = parseItem(json, href);
  return itemToScene(item, { id: `cli:${item.id}`, source: 'cli', itemHref: href });
}

export async function openScene(arg: string, opts: OpenOptions = {}): Promise<Scene> {
  const cacheDir = opts.cacheDir ?? path.join(os.tmpdir(), 'nigah-cli-cache');
  const done = (s: Scene): Promise<Scene> => completeScene(s, { cacheDir, cache: opts.cache });
  if (/^https?:\/\//i.test(arg)) {
    if (/\.tiff?(\?|$)/i.test(arg)) {
      const { readTiffHeader } = await import('./tiff');
      const h = await readTiffHeader(arg, { cache: opts.cache });
      const { lonLatFootprint } = await import('../../shared/proj');
      if (!h.crs) throw h.crsError;
      const fp = lonLatFootprint(h.crs, h.geotransform, h.width, h.height);
      return {
        id: `cli:${arg}`,
        title: decodeURIComponent(new URL(arg).pathname.split('/').pop() ?? arg),
        datetime: null,
        cloudCover: null,
        crs: h.crs,
        bbox: fp.bbox,
        footprint: fp.footprint,
        bands: Array.from({ length: h.samples }, (_, s) => ({
          name: h.bands[s]?.description || `band${s + 1}`,
          role: null,
          href: arg,
          sample: s,
          width: h.width,
          height: h.height,
          geotransform: h.geotransform,
          dataType: h.dataType,
          nodata: h.nodata,
          scale: h.bands[s]?.scale ?? 1,
          offset: h.bands[s]?.offset ?? 0,
        })),
        synthetic: false,
        notices: h.notices,
        drawable: true,
        provenance: { source: 'cli', href: arg },
      };
    }
    return done(await fromJson(arg, opts));
  }
  const p = path.resolve(arg);
  const st = await stat(p).catch(() => null);
  if (!st) throw new NigahError('NOT_FOUND', `${p} does not exist.`, { hint: 'Check the path.' });
  if (st.isDirectory()) {
    const files = (await readdir(p)).map((f) => path.join(p, f));
    if (isPackageDir(p, files)) return done(await packageScene(p, `cli:${path.basename(p)}`, 'cli'));
    const { scenes, problems } = await scanFolder({ sourceId: 'cli', root: p });
    if (scenes.length === 1) return done(scenes[0]);
    if (scenes.length === 0) {
      throw new NigahError('NOT_FOUND', `No readable scene in ${p}.`, {
        hint: problems.length
          ? problems.map((x) => x.message).join(' ')
          : 'Expected GeoTIFFs, band files with their MTL, or a product package.',
      });
    }
    throw new NigahError(
      'BAD_ARGUMENT',
      `${p} holds ${scenes.length} scenes: ${scenes.map((s) => s.id.slice(4)).join(', ')}.`,
      {
        hint: 'Pass one of them (a file, a band-file prefix folder, or a package).',
      },
    );
  }
  if (isPackageFile(p)) return done(await packageScene(p, `cli:${path.basename(p)}`, 'cli'));
  if (/\.json$/i.test(p)) return done(await fromJson(toHref(p), opts));
  if (/\.tiff?$/i.test(p)) return done(await singleFileScene(p, `cli:${path.basename(p)}`, 'cli'));
  throw new NigahError(
    'BAD_ARGUMENT',
    `${p} is not a GeoTIFF, STAC item, band-file folder or product package.`,
  );
}
