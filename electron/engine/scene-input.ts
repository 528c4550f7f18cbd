/**
 * Scene inputs for the engine and CLI: scenes are opened by electron/sources (the same code as the
 * app's catalog), then --bands mappings are applied; this module turns a scene's bands into the
 * engine's block sources. Local files only: the engine reads blocks with fs (tiff-file.ts, decode.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BandScaling } from '../../shared/analysis/indices';
import { NigahError } from '../../shared/errors';
import { crsFromGeoKeys } from '../../shared/proj';
import {
  type BandRole,
  type GeoTransform,
  normalizeRole,
  type Scene,
  type SceneBand,
} from '../../shared/scene';
import { resolveHref } from '../../shared/stac/item';
import { openScene } from '../sources/open';
import type { BandSource, MaskSource } from './compute';
import { orthorectifiedScene } from './ortho-scene';
import { readTiffFile, type TiffFile } from './tiff-file';

const _TIFF_EXT = new Set(['.tif', '.tiff']);

const fileCache = new Map<string, TiffFile>();
export function tiffOf(path: string): TiffFile {
  let f = fileCache.get(path);
  if (!f) {
    f = readTiffFile(path);
    fileCache.set(path, f);
  }
  return f;
}

function hrefPath(href: string): string {
  if (href.startsWith('file:')) return fileURLToPath(href);
  if (/^https?:/i.test(href))
    throw new NigahError('BAD_ARGUMENT', `The engine reads local files; ${href} is remote.`, {
      hint: 'Download the scene (or open it in the app, which caches it) and pass the local path.',
    });
  return resolve(href);
}

/** The file's CRS: its EPSG code, or a definition built from its GeoKeys (UNKNOWN_CRS otherwise). */
function crsOf(f: TiffFile): string {
  return f.epsg !== null ? `EPSG:${f.epsg}` : crsFromGeoKeys(f.geoKeys);
}

function bandFromFile(path: string, sample: number, role: BandRole | null, name: string): SceneBand {
  const f = tiffOf(path);
  const img = f.images[0];
  if (!f.geotransform)
    throw new NigahError('UNSUPPORTED_TIFF', `${path} has no georeferencing.`, {
      hint: 'Use a map-projected product (L2), or georeference it with gdalwarp.',
    });
  const meta = f.bandMeta[sample] ?? {};
  return {
    name,
    role,
    href: pathToFileURL(path).href,
    sample,
    width: img.width,
    height: img.height,
    geotransform: f.geotransform,
    dataType: img.dataType,
    nodata: f.nodata,
    scale: meta.scale ?? 1,
    offset: meta.offset ?? 0,
  };
}

/**
 * Apply --bands: "red=3,nir=4" (1-based band numbers of a multi-band file) or "red=/x/B04.tif"
 * (a file; its first band). A mapping replaces any band that had that role.
 */
export function applyBandMapping(scene: Scene, mapping: string | undefined, cwd = process.cwd()): Scene {
  if (!mapping) return scene;
  let bands = [...scene.bands];
  for (const part of mapping
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const roleName = eq > 0 ? part.slice(0, eq) : '';
    const value = eq > 0 ? part.slice(eq + 1) : '';
    const role = normalizeRole(roleName);
    if (!role || !value)
      throw new NigahError('BAD_ARGUMENT', `--bands: cannot read "${part}".`, {
        hint: 'Write role=N (1-based band number) or role=file.tif, e.g. --bands red=3,nir=4,swir16=B11.tif.',
      });
    let band: SceneBand;
    // Something number-like that is not a band number (-1, 0, 2.5, 1e3) is a mistake, not a file name.
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) && !/^[1-9]\d*$/.test(value))
      throw new NigahError(
        'BAD_ARGUMENT',
        `--bands ${part}: band numbers start at 1; "${value}" is not one.`,
        {
          hint: 'Write role=N with N from 1 to the number of bands (gdalinfo lists them), or role=file.tif.',
        },
      );
    if (/^\d+$/.test(value)) {
      const k = Number(value) - 1;
      const byNumber = scene.bands.filter((b) => b.href === scene.bands[0].href);
      const src = byNumber.find((b) => b.sample === k);
      if (!src)
        throw new NigahError('BAD_ARGUMENT', `--bands ${part}: the file has ${byNumber.length} band(s).`, {
          hint: `Use a number from 1 to ${byNumber.length}.`,
        });
      band = { ...src, role };
    } else {
      const p = resolve(cwd, value);
      band = bandFromFile(p, 0, role, basename(p, extname(p)));
    }
    bands = bands.map((b) => (b.role === role ? { ...b, role: null } : b));
    bands.push(band);
  }
  return { ...scene, bands };
}

/**
 * Load a scene named on the command line, through the same code as the app's sources (STAC item,
 * folder of band files with MTL/sensor profiles, single GeoTIFF, product package), then apply
 * --bands. The engine reads local files only.
 */
export async function loadSceneInput(arg: string, bandsMapping?: string): Promise<Scene> {
  if (/^https?:/i.test(arg))
    throw new NigahError('BAD_ARGUMENT', `The engine reads local files; ${arg} is remote.`, {
      hint: 'Download the scene first (in the app: "Make available offline"), then pass the local path.',
    });
  // A Level-1A package is orthorectified first (cached), then read like any scene.
  const scene = await orthorectifiedScene(await openScene(resolve(arg)), resolve(arg));
  return applyBandMapping(scene, bandsMapping);
}

/** Roles the scene can supply. */
export function sceneRoles(scene: Scene): BandRole[] {
  return [...new Set(scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null))];
}

/** Human name of the scene's sensor for messages ("GF-1 WFV", "Sentinel-2A MSI", or the title). */
export function sensorName(scene: Scene): string {
  // STAC writes platform/instrument codes in lower case ("gf-1", "wfv"): show them as people write them.
  const p = [scene.platform, scene.sensor]
    .filter(Boolean)
    .map((s) => ((s as string).length <= 12 ? (s as string).toUpperCase() : s))
    .join(' ');
  return p || scene.title;
}

/** Scene property holding the href of its cloud mask (set by this loader from the item's assets). */
export const CLOUD_MASK = 'nigah:cloudMask';

/** The scene's cloud mask as an engine mask source, or undefined. */
export function cloudMaskSource(scene: Scene): MaskSource | undefined {
  const href = scene.properties?.[CLOUD_MASK] ?? cloudAssetOfItem(scene.provenance?.href);
  if (typeof href !== 'string') return undefined;
  return maskFileSource(hrefPath(href), scene.crs);
}

/**
 * The first band of a mask GeoTIFF (class codes, 255 = no data unless it says otherwise) as an
 * engine mask source; `crs` where the file names no EPSG code. Undefined without georeferencing.
 */
export function maskFileSource(path: string, crs: string): MaskSource | undefined {
  const f = tiffOf(path);
  if (!f.geotransform) return undefined;
  return {
    path,
    image: f.images[0],
    sample: 0,
    gt: f.geotransform,
    crs: f.epsg !== null ? `EPSG:${f.epsg}` : crs,
    scaling: { scale: 1, offset: 0, nodata: f.nodata ?? 255 },
  };
}

/** Scenes listed by the app's catalog keep their item's href: find a cloud-mask asset there. */
function cloudAssetOfItem(itemHref: string | undefined): string | undefined {
  if (!itemHref?.startsWith('file:') || !itemHref.endsWith('.json')) return undefined;
  try {
    const item = JSON.parse(readFileSync(fileURLToPath(itemHref), 'utf8')) as {
      assets?: Record<string, { href: string; roles?: string[] }>;
    };
    for (const asset of Object.values(item.assets ?? {}))
      if (asset.roles?.includes('cloud') || asset.roles?.includes('cloud-mask'))
        return resolveHref(asset.href, itemHref);
  } catch {
    /* no readable item: no cloud mask */
  }
  return undefined;
}

/** Engine band sources for the given roles (finest band per role). */
export function bandSources(scene: Scene, roles: BandRole[]): BandSource[] {
  return roles.map((role) => {
    const matches = scene.bands.filter((b) => b.role === role);
    matches.sort((a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]));
    const b = matches[0];
    if (!b) throw new NigahError('MISSING_BAND', `The scene has no ${role} band.`);
    const path = hrefPath(b.href);
    const f = tiffOf(path);
    const scaling: BandScaling = { scale: b.scale, offset: b.offset, nodata: b.nodata ?? f.nodata };
    // The file's own georeferencing wins over a listing that may not have filled it in yet.
    const gt = f.geotransform ?? b.geotransform;
    const crs = f.epsg !== null ? `EPSG:${f.epsg}` : scene.crs || crsOf(f);
    return { role, path, image: f.images[0], sample: b.sample, gt, crs, scaling };
  });
}

/** The finest grid among the bands used (the target grid of per-pixel math). */
export function finestGrid(sources: BandSource[]): {
  gt: GeoTransform;
  crs: string;
  width: number;
  height: number;
} {
  const s = [...sources].sort((a, b) => Math.abs(a.gt[1] * a.gt[5]) - Math.abs(b.gt[1] * b.gt[5]))[0];
  return { gt: s.gt, crs: s.crs, width: s.image.width, height: s.image.height };
}
