/**
 * A STAC item → the Scene model. Band info comes from STAC 1.0 `eo:bands` + `raster:bands` or
 * STAC 1.1 `bands` (with `eo:common_name`, `raster:scale`…); grid info from the projection
 * extension (`proj:code`/`proj:epsg`, `proj:shape`, `proj:transform`). What the item does not say
 * (e.g. no proj:shape) is left with width 0 for the host to fill from the TIFF header.
 */
import type { BBox, DataType, GeoTransform, Scene, SceneBand } from '../scene';
import { normalizeRole } from '../scene';
import { findProfile, profileBand, sentinel2Scaling } from '../sensors';
import type { StacAsset, StacItem } from './schema';
import { geometryBBox } from './schema';

const DATA_TYPES: readonly string[] = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'float64',
];
const NON_DATA_ROLES = [
  'thumbnail',
  'overview',
  'metadata',
  'visual',
  'truth',
  'ground-truth',
  'label',
  'mask',
];

type Obj = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Resolves a link/asset href against the document it came from (file:///… or http(s)://…). */
export function resolveHref(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

const isHttp = (href: string) => /^https?:\/\//i.test(href);

/**
 * A document read over http(s) may point only at http(s) resources: a remote catalog must never make
 * Nigah read local files (file://, or any other scheme) on its behalf.
 */
export function reachesLocal(href: string, base: string): boolean {
  return isHttp(base) && !isHttp(href);
}

/** STAC proj:transform [a,b,c,d,e,f(,0,0,1)] → GDAL geotransform [c,a,b,f,d,e]. */
export function stacTransformToGdal(t: unknown): GeoTransform | undefined {
  if (!Array.isArray(t) || t.length < 6 || !t.slice(0, 6).every((v) => typeof v === 'number'))
    return undefined;
  const [a, b, c, d, e, f] = t as number[];
  return [c, a, b, f, d, e];
}

export function stacCrs(o: Obj): string | undefined {
  const code = str(o['proj:code']);
  if (code) return code.toUpperCase().startsWith('EPSG:') ? `EPSG:${code.slice(5)}` : code;
  const epsg = num(o['proj:epsg']);
  return epsg !== undefined ? `EPSG:${epsg}` : undefined;
}

/** Whether an asset holds pixels to use as bands. */
export function isDataAsset(asset: StacAsset): boolean {
  const roles = asset.roles ?? [];
  if (roles.some((r) => NON_DATA_ROLES.includes(r))) return false;
  const type = asset.type ?? '';
  const looksTiff = /tiff|jp2/i.test(type) || /\.(tiff?|jp2)(\?|$)/i.test(asset.href);
  return looksTiff;
}

interface BandInfo {
  name?: string;
  commonName?: string;
  center?: number;
  nodata?: number | null;
  dataType?: string;
  scale?: number;
  offset?: number;
}

function bandInfos(asset: Obj): BandInfo[] {
  const eo = Array.isArray(asset['eo:bands']) ? (asset['eo:bands'] as Obj[]) : [];
  const raster = Array.isArray(asset['raster:bands']) ? (asset['raster:bands'] as Obj[]) : [];
  const v11 = Array.isArray(asset.bands) ? (asset.bands as Obj[]) : [];
  const n = Math.max(eo.length, raster.length, v11.length, 1);
  const out: BandInfo[] = [];
  for (let i = 0; i < n; i++) {
    const e = eo[i] ?? {};
    const r = raster[i] ?? {};
    const b = v11[i] ?? {};
    const nd = r.nodata ?? b.nodata ?? asset.nodata;
    out.push({
      name: str(b.name) ?? str(e.name),
      commonName: str(b['eo:common_name']) ?? str(e.common_name) ?? str(asset['eo:common_name']),
      center: num(b['eo:center_wavelength']) ?? num(e.center_wavelength),
      nodata: nd === null ? null : num(nd === 'nan' ? Number.NaN : nd),
      dataType: str(r.data_type) ?? str(b.data_type) ?? str(asset.data_type),
      scale: num(r.scale) ?? num(b['raster:scale']) ?? num(b.scale) ?? num(asset['raster:scale']),
      offset: num(r.offset) ?? num(b['raster:offset']) ?? num(b.offset) ?? num(asset['raster:offset']),
    });
  }
  return out;
}

export interface ItemToSceneOptions {
  /** Scene id (unique across sources), e.g. `<sourceId>:<itemId>`. */
  id: string;
  source: string;
  /** Where the item JSON was read from: relative asset hrefs resolve against it. */
  itemHref: string;
  attribution?: string;
  license?: string;
}

export function itemToScene(item: StacItem, opts: ItemToSceneOptions): Scene {
  const props = item.properties as Obj;
  const itemCrs = stacCrs(props);
  const itemShape = props['proj:shape'];
  const itemGt = stacTransformToGdal(props['proj:transform']);
  const bands: SceneBand[] = [];
  const notices: string[] = [];
  const platformId = str(props.platform) ?? str(props.constellation) ?? '';
  const profile = platformId ? findProfile(platformId, '') : null;
  const isS2 = profile?.id === 'sentinel-2';
  const baseline = str(props['s2:processing_baseline']) ?? str(props['processing:version']);
  const s2Scale = isS2 ? sentinel2Scaling(str(props.datetime) ?? null, baseline) : null;
  for (const [key, asset] of Object.entries(item.assets)) {
    if (!isDataAsset(asset as StacAsset)) continue;
    const a = asset as Obj;
    const shape = (Array.isArray(a['proj:shape']) ? a['proj:shape'] : itemShape) as number[] | undefined;
    const gt = stacTransformToGdal(a['proj:transform']) ?? itemGt;
    const href = resolveHref(asset.href, opts.itemHref);
    if (reachesLocal(href, opts.itemHref)) {
      notices.push(`Asset "${key}" of this remote item points at ${href.split(':')[0]}: and was refused.`);
      continue;
    }
    const infos = bandInfos(a);
    infos.forEach((given, sample) => {
      let info = given;
      const dt = info.dataType && DATA_TYPES.includes(info.dataType) ? (info.dataType as DataType) : 'uint16';
      const name = given.name ?? (infos.length > 1 ? `${key}_${sample + 1}` : key);
      // A Sentinel-2 item that gives no scale: the profile's baseline-dependent one (integer DN only).
      const s2 =
        isS2 && info.scale === undefined && info.offset === undefined && /int/.test(dt) ? s2Scale : null;
      const fromProfile = profile ? (profileBand(profile, name) ?? profileBand(profile, key)) : undefined;
      if (s2) info = { ...info, scale: s2.scale, offset: s2.offset };
      bands.push({
        name,
        role:
          normalizeRole(info.commonName) ??
          normalizeRole(infos.length === 1 ? key : undefined) ??
          (infos.length === 1 ? (fromProfile?.role ?? null) : null),
        href,
        sample,
        width: Array.isArray(shape) ? (shape[1] ?? 0) : 0,
        height: Array.isArray(shape) ? (shape[0] ?? 0) : 0,
        geotransform: gt ?? [0, 1, 0, 0, 0, -1],
        dataType: dt,
        nodata: info.nodata === undefined ? null : info.nodata,
        scale: info.scale ?? 1,
        offset: info.offset ?? 0,
        ...(info.center !== undefined ? { centerWavelength: info.center } : {}),
      });
    });
  }
  const bbox = ((item.bbox && item.bbox.length === 6
    ? [item.bbox[0], item.bbox[1], item.bbox[3], item.bbox[4]]
    : item.bbox) ??
    (item.geometry ? geometryBBox(item.geometry.coordinates) : null) ?? [0, 0, 0, 0]) as BBox;
  const footprint =
    item.geometry?.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: item.geometry.coordinates as number[][][] }
      : bboxPolygon(bbox);
  const synthetic = props['nigah:synthetic'] === true || props.synthetic === true;
  if (Array.isArray(props['nigah:notices']))
    for (const n of props['nigah:notices']) if (typeof n === 'string') notices.push(n);
  if (bands.length === 0) notices.push('This item has no GeoTIFF assets that Nigah can read.');
  const platform = str(props.platform);
  const instruments = Array.isArray(props.instruments)
    ? (props.instruments as unknown[]).filter((x) => typeof x === 'string')
    : [];
  // An item with only an interval has no acquisition instant: keep null, show the interval.
  const datetime = str(props.datetime) ?? null;
  const attribution = str(props['nigah:attribution']) ?? opts.attribution;
  const license = str(props.license) ?? opts.license;
  const extra: Obj = { ...cloudMaskOf(item, opts.itemHref, itemShape, itemGt) };
  for (const k of [
    'processing:level',
    's2:processing_baseline',
    'gsd',
    'mgrs:utm_zone',
    'landsat:scene_id',
    'nigah:level',
  ]) {
    if (props[k] !== undefined) extra[k] = props[k];
  }
  return {
    id: opts.id,
    title: str(props.title) ?? item.id,
    ...(item.collection ? { collection: item.collection } : {}),
    datetime,
    cloudCover: num(props['eo:cloud_cover']) ?? null,
    ...(platform ? { platform } : {}),
    ...(instruments.length ? { sensor: (instruments as string[]).join('/') } : {}),
    crs: itemCrs ?? stacCrs((Object.values(item.assets)[0] ?? {}) as Obj) ?? '',
    bbox,
    footprint,
    bands,
    synthetic,
    notices,
    drawable: bands.length > 0,
    provenance: {
      source: opts.source,
      href: opts.itemHref,
      ...(attribution ? { attribution } : {}),
      ...(license ? { license } : {}),
    },
    ...(Object.keys(extra).length ? { properties: extra } : {}),
  };
}

/**
 * The item's cloud-mask asset (roles "cloud", uint8: 1 cloud, 0 clear, 255 no data) as scene
 * properties: `nigah:cloudMask` (its resolved href, which the engine reads too) and
 * `nigah:cloudMaskGrid` (width, height, geotransform), so index views can grey out clouds.
 */
function cloudMaskOf(
  item: StacItem,
  itemHref: string,
  itemShape: unknown,
  itemGt: GeoTransform | undefined,
): Obj {
  for (const asset of Object.values(item.assets)) {
    const roles = (asset as StacAsset).roles ?? [];
    if (!roles.includes('cloud') && !roles.includes('cloud-mask')) continue;
    const a = asset as Obj;
    const href = resolveHref((asset as StacAsset).href, itemHref);
    if (reachesLocal(href, itemHref)) return {};
    const shape = (Array.isArray(a['proj:shape']) ? a['proj:shape'] : itemShape) as number[] | undefined;
    const gt = stacTransformToGdal(a['proj:transform']) ?? itemGt;
    if (!Array.isArray(shape) || !(shape[0] > 0) || !(shape[1] > 0) || !gt)
      return { 'nigah:cloudMask': href };
    return {
      'nigah:cloudMask': href,
      'nigah:cloudMaskGrid': { width: shape[1], height: shape[0], geotransform: gt },
    };
  }
  return {};
}

export function bboxPolygon(b: BBox): { type: 'Polygon'; coordinates: number[][][] } {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [b[0], b[1]],
        [b[2], b[1]],
        [b[2], b[3]],
        [b[0], b[3]],
        [b[0], b[1]],
      ],
    ],
  };
}

/** True when the scene still needs grid info read from a TIFF header. */
export function needsHeaders(scene: Scene): boolean {
  return scene.bands.some((b) => b.width === 0 || b.height === 0) || scene.crs === '';
}
