/**
 * Makes a listed scene ready to draw: size, geotransform, CRS, data type and nodata of each band
 * come from the TIFF headers (each asset read once; for remote assets one cached range request).
 * The file is the truth for the grid: when a catalog's proj fields disagree with it, the file
 * wins, the footprint is recomputed and the scene says so.
 */
import { lonLatFootprint } from '../../shared/proj';
import type { Scene, SceneBand } from '../../shared/scene';
import type { RangeCache } from '../cache/range-cache';
import { rangeCacheFor } from './access';
import { isPackedHref, unpackHref } from './cresda';
import { readTiffHeader, type TiffHeader } from './tiff';

export interface CompleteContext {
  cacheDir?: string;
  cache?: RangeCache;
  signal?: AbortSignal;
}

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

function sameGrid(band: SceneBand, h: TiffHeader): boolean {
  if (band.width !== h.width || band.height !== h.height) return false;
  const px = Math.abs(h.geotransform[1]) || 1;
  return band.geotransform.every((v, i) =>
    close(v, h.geotransform[i], i === 0 || i === 3 ? px * 1e-3 : px * 1e-6 + 1e-12),
  );
}

export async function completeScene(scene: Scene, ctx: CompleteContext = {}): Promise<Scene> {
  if (!scene.drawable || scene.bands.length === 0) return scene;
  const cache = ctx.cache ?? (ctx.cacheDir ? rangeCacheFor(ctx.cacheDir) : undefined);
  const hrefs = new Map<string, Promise<string>>();
  const headers = new Map<string, Promise<TiffHeader>>();
  const resolve = (href: string): Promise<string> => {
    let p = hrefs.get(href);
    if (!p) {
      if (isPackedHref(href)) {
        if (!ctx.cacheDir) throw new Error('completeScene: a cacheDir is needed to unpack product packages');
        p = unpackHref(href, ctx.cacheDir);
      } else p = Promise.resolve(href);
      hrefs.set(href, p);
    }
    return p;
  };
  const header = (href: string): Promise<TiffHeader> => {
    let h = headers.get(href);
    if (!h) {
      h = readTiffHeader(href, { cache, signal: ctx.signal });
      headers.set(href, h);
    }
    return h;
  };
  const notices = [...scene.notices];
  const done = await Promise.all(
    scene.bands.map(async (band) => {
      const href = await resolve(band.href);
      return { band, href, h: await header(href) };
    }),
  );
  let crs = scene.crs;
  let regridded = false;
  const bands: SceneBand[] = done.map(({ band, href, h }) => {
    if (!h.crs) throw h.crsError;
    if (!crs) crs = h.crs;
    for (const n of h.notices) if (!notices.includes(n)) notices.push(n);
    const listed = band.width > 0 && band.height > 0;
    if (listed && !sameGrid(band, h)) regridded = true;
    return {
      ...band,
      href,
      width: h.width,
      height: h.height,
      geotransform: h.geotransform,
      dataType: listed && band.dataType !== h.dataType ? h.dataType : h.dataType,
      nodata: band.nodata ?? h.nodata,
    };
  });
  const fileCrs = done[0].h.crs!;
  if (crs !== fileCrs) {
    regridded = true;
    crs = fileCrs;
  }
  const out: Scene = { ...scene, crs, bands, notices };
  if (regridded) {
    notices.push(
      "The catalog's grid (proj fields) disagrees with the file; the file's own georeferencing is used.",
    );
  }
  if (regridded || scene.bbox.every((v) => v === 0)) {
    const fp = lonLatFootprint(crs, bands[0].geotransform, bands[0].width, bands[0].height);
    out.bbox = fp.bbox;
    out.footprint = fp.footprint;
  }
  return out;
}
