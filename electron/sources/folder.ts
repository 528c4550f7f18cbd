/**
 * Local folder sources: scanned recursively, headers only. Multi-band GeoTIFFs become one scene
 * each; one-file-per-band deliveries (Landsat + MTL, Sentinel-2 band files) are grouped into one
 * scene with roles and dates from names and metadata; product packages go to cresda.ts.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ErrorData, NigahError, toErrorData } from '../../shared/errors';
import { lonLatFootprint } from '../../shared/proj';
import { normalizeRole, type Scene, type SceneBand } from '../../shared/scene';
import {
  findProfile,
  LANDSAT_C2_L2_SR,
  profileBand,
  SENSOR_PROFILES,
  type SensorProfile,
  sentinel2Scaling,
} from '../../shared/sensors';
import { isPackageDir, isPackageFile, packageScene } from './cresda';
import { type Mtl, parseMtl } from './mtl';
import { type BandFile, dateFromName, landsatNumber, parseBandFile, s2BaselineFromPath } from './naming';
import { readTiffHeader, type TiffHeader } from './tiff';
import { walkFolder } from './walk';

type Problem = ErrorData & { item?: string };

const headerCache = new Map<string, { key: string; header: Promise<TiffHeader> }>();

/** Header of a local file, re-read only when its size or mtime changed. */
export async function cachedHeader(file: string): Promise<TiffHeader> {
  const st = await stat(file);
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = headerCache.get(file);
  if (hit && hit.key === key) return hit.header;
  const header = readTiffHeader(pathToFileURL(file).href);
  headerCache.set(file, { key, header });
  header.catch(() => headerCache.delete(file));
  return header;
}

async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const isTiff = (f: string): boolean => /\.tiff?$/i.test(f);

export interface FolderScanOptions {
  sourceId: string;
  /** Root used for ids and for refusing paths outside it. */
  root: string;
}

interface Group {
  key: string;
  dir: string;
  prefix: string;
  files: { file: string; band: BandFile }[];
  mtl?: string;
}

function sceneFrom(
  id: string,
  title: string,
  headerOfFirst: TiffHeader,
  bands: SceneBand[],
  meta: Partial<Scene>,
  sourceId: string,
  metaHref: string,
  notices: string[],
): Scene {
  const crs = headerOfFirst.crs;
  if (!crs) throw headerOfFirst.crsError;
  // Footprint from the finest band.
  const finest = [...bands].sort((a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]))[0];
  const fp = lonLatFootprint(crs, finest.geotransform, finest.width, finest.height);
  return {
    id,
    title,
    datetime: null,
    cloudCover: null,
    crs,
    bbox: fp.bbox,
    footprint: fp.footprint,
    bands,
    synthetic: false,
    notices,
    drawable: true,
    provenance: { source: sourceId, href: metaHref },
    ...meta,
  };
}

function bandFromHeader(
  h: TiffHeader,
  name: string,
  sample: number,
  role: SceneBand['role'],
  scale = 1,
  offset = 0,
  center?: number,
): SceneBand {
  return {
    name,
    role,
    href: h.href,
    sample,
    width: h.width,
    height: h.height,
    geotransform: h.geotransform,
    dataType: h.dataType,
    nodata: h.nodata,
    scale,
    offset,
    ...(center !== undefined ? { centerWavelength: center } : {}),
  };
}

/** One multi-band GeoTIFF → a scene; roles from GDAL band descriptions when they name one. */
export async function singleFileScene(file: string, id: string, sourceId: string): Promise<Scene> {
  const h = await cachedHeader(file);
  const bands: SceneBand[] = [];
  const notices = [...h.notices];
  for (let s = 0; s < h.samples; s++) {
    const desc = h.bands[s]?.description;
    bands.push(
      bandFromHeader(
        h,
        desc || `band${s + 1}`,
        s,
        normalizeRole(desc),
        h.bands[s]?.scale ?? 1,
        h.bands[s]?.offset ?? 0,
      ),
    );
  }
  if (bands.every((b) => b.role === null)) {
    notices.push(
      'The file does not say which band is which: set the band roles for this scene before computing indices.',
    );
  }
  const base = path.basename(file);
  const dt = dateFromName(base);
  return sceneFrom(id, base, h, bands, { datetime: dt }, sourceId, pathToFileURL(file).href, notices);
}

function groupProfile(g: Group, mtl: Mtl | null): SensorProfile | null {
  const fam = g.files[0].band.family;
  if (mtl?.spacecraft) return findProfile(mtl.spacecraft.replace('_', '-'), mtl.sensor ?? '');
  if (fam === 'landsat') {
    const n = landsatNumber(g.prefix);
    if (n === 8 || n === 9) return SENSOR_PROFILES['landsat-8/9'];
    if (n === 7) return SENSOR_PROFILES['landsat-7'];
    if (n === 4 || n === 5) return SENSOR_PROFILES['landsat-5'];
  }
  if (fam === 'sentinel-2') return SENSOR_PROFILES['sentinel-2'];
  return null;
}

/** A one-file-per-band group → one scene. */
export async function bandGroupScene(g: Group, id: string, sourceId: string): Promise<Scene> {
  const mtl = g.mtl ? parseMtl(await readFile(g.mtl, 'latin1')) : null;
  const profile = groupProfile(g, mtl);
  const isS2 = profile?.id === 'sentinel-2';
  // Sentinel-2 L2A ships several resolutions of one band: keep the finest.
  const best = new Map<string, { file: string; band: BandFile }>();
  for (const f of g.files) {
    if (/\.jp2$/i.test(f.file)) continue;
    const prev = best.get(f.band.band);
    if (!prev || (f.band.res ?? 0) < (prev.band.res ?? 0)) best.set(f.band.band, f);
  }
  const jp2 = g.files.filter((f) => /\.jp2$/i.test(f.file));
  if (best.size === 0 && jp2.length) {
    throw new NigahError(
      'UNSUPPORTED_TIFF',
      `${g.prefix}: the band files are JPEG 2000 (.jp2), which Nigah cannot read yet.`,
      {
        hint: 'Convert them to GeoTIFF, e.g. gdal_translate -of COG in.jp2 out.tif, then rescan.',
        details: { files: jp2.map((f) => f.file) },
      },
    );
  }
  const files = [...best.values()].sort((a, b) => bandOrder(a.band.band) - bandOrder(b.band.band));
  const headers = await Promise.all(files.map((f) => cachedHeader(f.file)));
  const notices: string[] = [];
  for (const h of headers) for (const n of h.notices) if (!notices.includes(n)) notices.push(n);
  const datetime = mtl?.datetime ?? dateFromName(g.prefix) ?? dateFromName(path.basename(g.dir));
  const s2Scale = isS2 ? sentinel2Scaling(datetime, s2BaselineFromPath(g.dir + path.sep + g.prefix)) : null;
  const bands: SceneBand[] = files.map((f, i) => {
    const h = headers[i];
    const pb = profile ? profileBand(profile, f.band.band) : undefined;
    const fromMtl = mtl?.bands.find(
      (b) => path.basename(b.file).toLowerCase() === path.basename(f.file).toLowerCase(),
    );
    let scale = 1;
    let offset = 0;
    if (fromMtl) {
      scale = fromMtl.scale;
      offset = fromMtl.offset;
    } else if (f.band.kind === 'SR') {
      scale = LANDSAT_C2_L2_SR.scale;
      offset = LANDSAT_C2_L2_SR.offset;
    } else if (s2Scale) {
      scale = s2Scale.scale;
      offset = s2Scale.offset;
    }
    const name = f.band.kind ? `${f.band.kind}_${f.band.band}` : f.band.band;
    return bandFromHeader(h, name, 0, pb?.role ?? null, scale, offset, pb?.center);
  });
  if (!profile) notices.push('Unknown sensor: band roles could not be assigned; set them for this scene.');
  if (jp2.length && best.size)
    notices.push(`${jp2.length} JPEG 2000 band file(s) were skipped (not readable yet).`);
  const quantity = fromQuantity(
    mtl,
    files.map((f) => f.band.kind),
  );
  if (quantity === 'radiance')
    notices.push('Values are at-sensor radiance (the MTL gives no reflectance scaling).');
  const crsCheck = new Set(headers.map((h) => h.crs));
  if (crsCheck.size > 1)
    throw new NigahError('UNSUPPORTED_TIFF', `${g.prefix}: the band files are in different CRSs.`, {
      details: { crs: [...crsCheck] },
    });
  const level =
    mtl?.level ??
    (isS2 ? (files.some((f) => f.band.res) || /L2A/i.test(g.dir + g.prefix) ? 'L2A' : 'L1C') : null);
  const sensor = mtl?.sensor ?? profile?.sensor;
  return sceneFrom(
    id,
    mtl?.productId || g.prefix,
    headers[0],
    bands,
    {
      datetime,
      cloudCover: mtl?.cloudCover ?? null,
      ...(profile ? { platform: mtl?.spacecraft?.toLowerCase().replace('_', '-') ?? profile.platform } : {}),
      ...(sensor ? { sensor } : {}),
      properties: {
        ...(level ? { 'processing:level': level } : {}),
        ...(mtl?.collection ? { 'landsat:collection_number': mtl.collection } : {}),
        ...(quantity ? { 'nigah:quantity': quantity } : {}),
      },
    },
    sourceId,
    pathToFileURL(g.mtl ?? files[0].file).href,
    notices,
  );
}

function fromQuantity(mtl: Mtl | null, kinds: (string | null)[]): string | null {
  if (mtl) {
    const q = new Set(mtl.bands.filter((b) => b.quantity !== 'temperature').map((b) => b.quantity));
    return q.size === 1 ? [...q][0] : null;
  }
  return kinds.includes('SR') ? 'reflectance' : null;
}

function bandOrder(b: string): number {
  const m = /^B(\d+)(A?)$/.exec(b);
  return m ? Number(m[1]) + (m[2] ? 0.5 : 0) : 99;
}

/** Scans a folder source: scenes + per-item problems. */
export async function scanFolder(opts: FolderScanOptions): Promise<{ scenes: Scene[]; problems: Problem[] }> {
  const { dirs, problems } = await walkFolder(opts.root);
  const jobs: { id: string; run: () => Promise<Scene>; item: string }[] = [];
  const base = await realpath(opts.root);
  const rel = (p: string): string => path.relative(base, p).split(path.sep).join('/');
  // Band groups across folders: a Sentinel-2 product keeps R10m/R20m/R60m band files in sibling
  // folders, which make one scene.
  const groups = new Map<string, Group>();
  const used = new Set<string>();
  const loose: string[] = [];
  for (const { dir, files } of dirs) {
    if (isPackageDir(dir, files)) {
      jobs.push({
        id: rel(dir),
        item: dir,
        run: () => packageScene(dir, `${opts.sourceId}:${rel(dir)}`, opts.sourceId),
      });
      continue;
    }
    const gdir = /^R\d{2}m$/i.test(path.basename(dir)) ? path.dirname(dir) : dir;
    for (const f of files) {
      if (isPackageFile(f)) {
        used.add(f);
        jobs.push({
          id: rel(f),
          item: f,
          run: () => packageScene(f, `${opts.sourceId}:${rel(f)}`, opts.sourceId),
        });
        continue;
      }
      loose.push(f);
      const bf = parseBandFile(path.basename(f));
      if (!bf) continue;
      const key = `${gdir}/${bf.prefix}`;
      let g = groups.get(key);
      if (!g) {
        g = { key, dir: gdir, prefix: bf.prefix, files: [] };
        groups.set(key, g);
      }
      g.files.push({ file: f, band: bf });
    }
    for (const f of files) {
      const m = /^(.*)_MTL\.txt$/i.exec(path.basename(f));
      if (m) {
        const g = groups.get(`${gdir}/${m[1]}`);
        if (g) {
          g.mtl = f;
          used.add(f);
        }
      }
    }
  }
  for (const g of groups.values()) {
    // A lone "<x>_B2.tif" with no siblings and no metadata is just a file.
    if (g.files.length < 2 && !g.mtl && g.files[0].band.family === 'unknown') continue;
    for (const f of g.files) used.add(f.file);
    const id = rel(path.join(g.dir, g.prefix));
    jobs.push({
      id,
      item: g.mtl ?? g.files[0].file,
      run: () => bandGroupScene(g, `${opts.sourceId}:${id}`, opts.sourceId),
    });
  }
  for (const f of loose) {
    if (used.has(f) || !isTiff(f)) continue;
    const id = rel(f);
    jobs.push({ id, item: f, run: () => singleFileScene(f, `${opts.sourceId}:${id}`, opts.sourceId) });
  }
  const scenes: Scene[] = [];
  const results = await pool(jobs, 8, async (j) => {
    try {
      return { scene: await j.run() };
    } catch (e) {
      return { problem: { ...toErrorData(e), item: j.item } as Problem };
    }
  });
  for (const r of results) {
    if (r.scene) scenes.push(r.scene);
    else if (r.problem) problems.push(r.problem);
  }
  return { scenes, problems };
}
