/**
 * CRESDA-style product packages (GF-1/GF-6 WFV, CBERS-04A, ZY-3): a folder or a .tar.gz named
 * like GF1_WFV1_E114.9_N39.7_20180826_L1A0003413393, holding the GeoTIFF, an XML metadata file,
 * an .rpb RPC file and thumbnails. Satellite, sensor, date, cloud and corners come from the XML;
 * band roles from the sensor profile; DN → TOA reflectance (or radiance) from the XML's gains or
 * the published tables (shared/sensors/calibration). An L1A package (RPC only) is listed, and drawn
 * once orthorectified (electron/engine/ortho-scene.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NigahError } from '../../shared/errors';
import { lonLatFootprint } from '../../shared/proj';
import type { BBox, Scene, SceneBand } from '../../shared/scene';
import { findProfile, type SensorProfile } from '../../shared/sensors';
import { cresdaCalibration } from '../../shared/sensors/calibration';
import { dateFromName } from './naming';
import { extractMember, scanTar } from './tar';
import { readTiffHeader, type TiffHeader } from './tiff';

export const PACKAGE_NAME =
  /^([A-Z0-9-]+)_([A-Z]+\d?)_([EW]\d+(?:\.\d+)?)_([NS]\d+(?:\.\d+)?)_(\d{8})_(L\d[A-Z]?)(\d*)/i;

export function isPackageFile(file: string): boolean {
  const base = path.basename(file);
  return /\.(tar\.gz|tgz|tar)$/i.test(base) && PACKAGE_NAME.test(base);
}

export function isPackageDir(dir: string, files: string[]): boolean {
  return (
    PACKAGE_NAME.test(path.basename(dir)) &&
    files.some((f) => /\.xml$/i.test(f)) &&
    files.some((f) => /\.tiff?$/i.test(f))
  );
}

export interface CresdaMeta {
  satellite: string;
  sensor: string;
  datetime: string | null;
  cloudCover: number | null;
  level: string | null;
  corners: { tl: [number, number]; tr: [number, number]; br: [number, number]; bl: [number, number] } | null;
  width: number | null;
  height: number | null;
  gains: number[] | null;
  biases: number[] | null;
  /** Degrees (XML SolarZenith). */
  solarZenith: number | null;
  productId: string | null;
}

function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</${name}>`, 'i').exec(xml);
  return m ? m[1] : null;
}

function numTag(xml: string, name: string): number | null {
  const v = tag(xml, name);
  if (v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function numList(v: string | null): number[] | null {
  if (!v) return null;
  const out = v
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  return out.length && out.every(Number.isFinite) ? out : null;
}

/** CRESDA time strings: "2018-08-26 11:21:58" (UTC) or ISO. */
function cresdaTime(v: string | null): string | null {
  if (!v) return null;
  const iso = v.trim().replace(' ', 'T');
  const t = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace('.000Z', 'Z');
}

export function parseCresdaXml(xml: string, name = ''): CresdaMeta {
  const pm = PACKAGE_NAME.exec(name);
  const corner = (lat: string, lon: string): [number, number] | null => {
    const la = numTag(xml, lat);
    const lo = numTag(xml, lon);
    return la === null || lo === null ? null : [lo, la];
  };
  const tl = corner('TopLeftLatitude', 'TopLeftLongitude');
  const tr = corner('TopRightLatitude', 'TopRightLongitude');
  const br = corner('BottomRightLatitude', 'BottomRightLongitude');
  const bl = corner('BottomLeftLatitude', 'BottomLeftLongitude');
  const gains =
    numList(tag(xml, 'AbsoluteCalibrationGain')) ?? numList(tag(xml, 'Gains')) ?? numList(tag(xml, 'Gain'));
  const biases =
    numList(tag(xml, 'AbsoluteCalibrationBias')) ??
    numList(tag(xml, 'Biases')) ??
    numList(tag(xml, 'Bias')) ??
    numList(tag(xml, 'Offset'));
  return {
    satellite: tag(xml, 'SatelliteID') ?? pm?.[1] ?? '',
    sensor: tag(xml, 'SensorID') ?? pm?.[2] ?? '',
    datetime:
      cresdaTime(tag(xml, 'CenterTime')) ??
      cresdaTime(tag(xml, 'StartTime')) ??
      cresdaTime(tag(xml, 'ReceiveTime')) ??
      dateFromName(name),
    cloudCover: numTag(xml, 'CloudPercent'),
    level: tag(xml, 'ProductLevel') ?? pm?.[6] ?? null,
    corners: tl && tr && br && bl ? { tl, tr, br, bl } : null,
    width: numTag(xml, 'WidthInPixels'),
    height: numTag(xml, 'HeightInPixels'),
    gains,
    biases,
    solarZenith: numTag(xml, 'SolarZenith'),
    productId: tag(xml, 'ProductID') ?? pm?.[0] ?? null,
  };
}

/** L1A (and "LEVEL1A") products carry RPCs only: not map-projected. */
export function isL1A(level: string | null): boolean {
  return !!level && /^(LEVEL)?\s*1\s*A$|^L1A$/i.test(level.replace(/[_\s]/g, ''));
}

interface PackageListing {
  meta: CresdaMeta;
  xmlName: string;
  tiffMember: string;
  hasRpc: boolean;
}

const tarCache = new Map<string, { key: string; listing: Promise<PackageListing> }>();

async function listTarPackage(file: string): Promise<PackageListing> {
  const st = await stat(file);
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = tarCache.get(file);
  if (hit?.key === key) return hit.listing;
  const listing = (async () => {
    const { members, got } = await scanTar(file, {
      want: (n, size) => /\.xml$/i.test(n) && size < 4 * 1024 * 1024,
      // Stop as soon as both the XML and the image member have been seen.
      done: (ms, g) => g.size > 0 && ms.some((m) => /\.tiff?$/i.test(m.name)),
    });
    const xmlName = [...got.keys()].find((n) => !/(order|report)/i.test(n)) ?? [...got.keys()][0];
    const tiff = members.find((m) => /\.tiff?$/i.test(m.name));
    if (!xmlName || !tiff) {
      throw new NigahError(
        'NOT_FOUND',
        `${path.basename(file)} holds no ${!xmlName ? 'XML metadata' : 'GeoTIFF'}.`,
        {
          hint: 'It does not look like a complete CRESDA product package.',
          details: { file, members: members.map((m) => m.name).slice(0, 20) },
        },
      );
    }
    const xml = new TextDecoder().decode(got.get(xmlName));
    return {
      meta: parseCresdaXml(xml, path.basename(file)),
      xmlName,
      tiffMember: tiff.name,
      hasRpc: members.some((m) => /\.(rpb|rpc)$|_rpc\.txt$/i.test(m.name)),
    };
  })();
  tarCache.set(file, { key, listing });
  listing.catch(() => tarCache.delete(file));
  return listing;
}

function profileFor(meta: CresdaMeta): SensorProfile | null {
  return findProfile(meta.satellite, meta.sensor);
}

/** DN → TOA reflectance (or radiance, or DN) per band, with notices saying which (shared/sensors/calibration). */
function calibration(meta: CresdaMeta, n: number, notices: string[]): { scale: number; offset: number }[] {
  const c = cresdaCalibration(meta, n);
  notices.push(...c.notices);
  return c.bands;
}

function cornersFootprint(meta: CresdaMeta): { bbox: BBox; footprint: Scene['footprint'] } | null {
  const c = meta.corners;
  if (!c) return null;
  const ring = [c.tl, c.tr, c.br, c.bl, c.tl].map((p) => [p[0], p[1]]);
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return {
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    footprint: { type: 'Polygon', coordinates: [ring] },
  };
}

/** A package (folder or .tar[.gz]) → one scene. */
export async function packageScene(location: string, id: string, sourceId: string): Promise<Scene> {
  const isTar = (await stat(location)).isFile();
  let meta: CresdaMeta;
  let tiffHref: string;
  let hasRpc: boolean;
  let header: TiffHeader | null = null;
  let metaHref: string;
  if (isTar) {
    const l = await listTarPackage(location);
    meta = l.meta;
    hasRpc = l.hasRpc;
    tiffHref = `${pathToFileURL(location).href}#${encodeURIComponent(l.tiffMember)}`;
    metaHref = `${pathToFileURL(location).href}#${encodeURIComponent(l.xmlName)}`;
  } else {
    const files = (await readdir(location)).sort();
    const xmlName =
      files.find((f) => /\.xml$/i.test(f) && PACKAGE_NAME.test(f)) ?? files.find((f) => /\.xml$/i.test(f));
    const tiff = files.find((f) => /\.tiff?$/i.test(f) && !/thumb|browse/i.test(f));
    if (!xmlName || !tiff) {
      throw new NigahError(
        'NOT_FOUND',
        `${path.basename(location)} holds no ${!xmlName ? 'XML metadata' : 'GeoTIFF'}.`,
        {
          details: { dir: location },
        },
      );
    }
    meta = parseCresdaXml(await readFile(path.join(location, xmlName), 'utf8'), path.basename(location));
    hasRpc = files.some((f) => /\.(rpb|rpc)$|_rpc\.txt$/i.test(f));
    tiffHref = pathToFileURL(path.join(location, tiff)).href;
    metaHref = pathToFileURL(path.join(location, xmlName)).href;
  }
  const profile = profileFor(meta);
  const l1a = isL1A(meta.level);
  const notices: string[] = [];
  if (!isTar && !l1a) header = await readTiffHeader(tiffHref);
  const n = header?.samples ?? profile?.bands.length ?? 4;
  const cal = calibration(meta, n, notices);
  if (!profile)
    notices.push(`Unknown sensor ${meta.satellite} ${meta.sensor}: set the band roles for this scene.`);
  const bands: SceneBand[] = Array.from({ length: n }, (_, i) => {
    const pb = profile?.bands[i];
    return {
      name: pb?.name ?? `B${i + 1}`,
      role: pb?.role ?? null,
      href: tiffHref,
      sample: i,
      width: header?.width ?? 0,
      height: header?.height ?? 0,
      geotransform: header?.geotransform ?? [0, 1, 0, 0, 0, -1],
      dataType: header?.dataType ?? 'uint16',
      nodata: header?.nodata ?? 0,
      scale: cal[i].scale,
      offset: cal[i].offset,
      ...(pb?.center ? { centerWavelength: pb.center } : {}),
    };
  });
  if (header) for (const x of header.notices) notices.push(x);
  let crs = header?.crs ?? '';
  let where = cornersFootprint(meta);
  if (header) {
    if (!header.crs) throw header.crsError;
    crs = header.crs;
    where = lonLatFootprint(crs, header.geotransform, header.width, header.height);
  }
  if (l1a) {
    notices.unshift(
      `This is a Level-1A product (${hasRpc ? 'RPC model only' : 'not map-projected'}): it must be orthorectified before it can be shown on the map — use "Orthorectify" in the app, or nigah ortho <package> --dem <dem.tif> --out <file.tif> (like gdalwarp -rpc -to RPC_DEM=<dem.tif>).`,
    );
  }
  if (!where) {
    throw new NigahError('NOT_FOUND', `${path.basename(location)}: the XML gives no corner coordinates.`, {
      details: { location },
    });
  }
  if (profile && !profile.hasSwir) notices.push('No SWIR band: water indices fall back to NDWI (green/NIR).');
  return {
    id,
    title: meta.productId ?? path.basename(location),
    datetime: meta.datetime,
    cloudCover: meta.cloudCover,
    platform: profile?.platform ?? meta.satellite,
    sensor: meta.sensor,
    crs,
    bbox: where.bbox,
    footprint: where.footprint,
    bands,
    synthetic: false,
    notices,
    drawable: !l1a,
    provenance: { source: sourceId, href: metaHref },
    properties: { 'processing:level': meta.level, 'nigah:package': isTar ? 'tar' : 'folder' },
  };
}

/** Whether an href points inside a packed (tar) product: file:///…/x.tar.gz#member.tiff. */
export function isPackedHref(href: string): boolean {
  return /^file:.*\.(tar\.gz|tgz|tar)#/i.test(href);
}

/**
 * Extracts the image member of a packed product into `<cacheDir>/packages/<hash>/` once, and
 * returns its file:// href (the raster endpoint must allow that folder: pass it as an extra root).
 */
export async function unpackHref(href: string, cacheDir: string): Promise<string> {
  const [url, frag] = href.split('#');
  const tarFile = fileURLToPath(url);
  const member = decodeURIComponent(frag);
  const st = await stat(tarFile);
  const key = createHash('sha256').update(`${tarFile}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 24);
  const dir = path.join(cacheDir, 'packages', key);
  const dest = path.join(dir, path.basename(member));
  if (!(await stat(dest).catch(() => null))) {
    await mkdir(dir, { recursive: true });
    await extractMember(tarFile, member, dest);
  }
  return pathToFileURL(dest).href;
}
