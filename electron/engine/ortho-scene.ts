/**
 * Level-1A packages as ordinary scenes: orthorectify once (RPC model, heights from the model's
 * HEIGHT_OFF unless a DEM or height is given) into a cache folder keyed by the package and the
 * height choice, then describe the result as the package's scene — same bands, roles and
 * calibration, now map-projected and drawable. Running again reuses the cached COG.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lonLatFootprint } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { isL1A } from '../sources/cresda';
import { writeFileAtomic } from './cog-output';
import { orthorectify } from './ortho';
import { orthoInputOf } from './ortho-input';
import { tiffOf } from './scene-input';

export interface OrthoSceneOptions {
  /** Folder holding cached results (default: the CLI cache in the system temp folder). */
  cacheDir?: string;
  dem?: string;
  height?: number;
  resampling?: 'near' | 'bilinear';
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Where to say that the package was orthorectified (default: stderr). */
  say?: (line: string) => void;
}

const CLI_CACHE = path.join(os.tmpdir(), 'nigah-cli-cache');

export function needsOrtho(scene: Scene): boolean {
  return scene.drawable === false && isL1A(String(scene.properties?.['processing:level'] ?? ''));
}

/** The cached result's path for a package and a height choice. */
export function orthoCachePath(location: string, opts: OrthoSceneOptions): string {
  const st = statSync(location);
  const dem = opts.dem ? statSync(opts.dem) : null;
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        path.resolve(location),
        st.size,
        st.mtimeMs,
        opts.dem ? path.resolve(opts.dem) : null,
        dem?.mtimeMs ?? null,
        opts.height ?? null,
        opts.resampling ?? 'bilinear',
      ]),
    )
    .digest('hex')
    .slice(0, 20);
  const base = path.basename(location).replace(/\.(tar\.gz|tgz|tar)$/i, '');
  return path.join(opts.cacheDir ?? CLI_CACHE, 'ortho', key, `${base}.tif`);
}

/** The package's scene on its orthorectified COG. */
export function sceneOnOrtho(scene: Scene, file: string, notice: string): Scene {
  const f = tiffOf(file);
  const img = f.images[0];
  const gt = f.geotransform!;
  const crs = `EPSG:${f.epsg}`;
  const where = lonLatFootprint(crs, gt, img.width, img.height);
  const href = pathToFileURL(file).href;
  return {
    ...scene,
    crs,
    bbox: where.bbox,
    footprint: where.footprint,
    drawable: true,
    bands: scene.bands.map((b, i) => ({
      ...b,
      href,
      sample: i,
      width: img.width,
      height: img.height,
      geotransform: gt,
      dataType: img.dataType,
      nodata: f.nodata ?? 0,
    })),
    notices: [
      notice,
      ...scene.notices.filter((n) => !/Level-1A product|^Orthorectified from Level-1A/.test(n)),
    ],
    properties: { ...scene.properties, 'nigah:orthorectified': href },
  };
}

/** The package (folder or .tar.gz) a CRESDA scene was listed from, from its metadata href. */
export function packageLocation(scene: Scene): string | null {
  const href = scene.provenance?.href;
  if (!href?.startsWith('file:')) return null;
  const [url, member] = href.split('#');
  const file = fileURLToPath(url);
  return member ? file : path.dirname(file);
}

/** The record of the latest orthorectification of a package (what the catalog shows). */
function latestRecord(location: string, cacheDir: string): string {
  const key = createHash('sha256').update(path.resolve(location)).digest('hex').slice(0, 20);
  return path.join(cacheDir, 'ortho', `latest-${key}.json`);
}

/** The package's latest orthorectified scene, if one was made (and its file still exists). */
export function cachedOrthoScene(scene: Scene, cacheDir: string): Scene | null {
  if (!needsOrtho(scene)) return null;
  const location = packageLocation(scene);
  if (!location) return null;
  try {
    const { file } = JSON.parse(readFileSync(latestRecord(location, cacheDir), 'utf8')) as { file: string };
    if (!existsSync(file)) return null;
    return sceneOnOrtho(scene, file, orthoNotice(file));
  } catch {
    return null;
  }
}

function orthoNotice(file: string): string {
  const heights = tiffOf(file).metadata.NIGAH_ORTHO_HEIGHTS;
  return `Orthorectified from Level-1A by its RPC model${heights ? ` (heights: ${heights})` : ''} into ${file}.`;
}

/** An L1A package scene → its orthorectified scene (computed once, then cached); others unchanged. */
export async function orthorectifiedScene(
  scene: Scene,
  location: string,
  opts: OrthoSceneOptions = {},
): Promise<Scene> {
  if (!needsOrtho(scene)) return scene;
  const out = orthoCachePath(location, opts);
  const cacheDir = opts.cacheDir ?? CLI_CACHE;
  const say = opts.say ?? ((l: string) => process.stderr.write(`${l}\n`));
  const name = path.basename(location);
  if (existsSync(out)) {
    say(`${name} is a Level-1A product: using its orthorectified copy ${out}.`);
  } else {
    say(`${name} is a Level-1A product: orthorectifying it by its RPC model first (cached for next time)…`);
    mkdirSync(path.dirname(out), { recursive: true });
    const { input } = await orthoInputOf(
      location,
      opts.cacheDir ?? path.dirname(path.dirname(path.dirname(out))),
    );
    const r = await orthorectify(input, { ...opts, out });
    for (const n of r.notices) say(`notice: ${n}`);
  }
  writeFileAtomic(latestRecord(location, cacheDir), [JSON.stringify({ file: out })]);
  return sceneOnOrtho(scene, out, orthoNotice(out));
}
