/**
 * The scene model shared by every source, the renderer, the engine and the CLI.
 * Band roles are STAC eo common names (https://github.com/stac-extensions/eo#common-band-names).
 */
export const BAND_ROLES = [
  'coastal',
  'blue',
  'green',
  'yellow',
  'red',
  'rededge',
  'rededge071',
  'rededge075',
  'rededge078',
  'nir',
  'nir08',
  'nir09',
  'cirrus',
  'swir16',
  'swir22',
  'pan',
  'lwir',
  'lwir11',
  'lwir12',
] as const;
export type BandRole = (typeof BAND_ROLES)[number];

/** Aliases users and older catalogs use, mapped to the eo common name. */
export const ROLE_ALIASES: Record<string, BandRole> = {
  swir1: 'swir16',
  swir2: 'swir22',
  nir2: 'nir08',
  thermal: 'lwir',
  tir: 'lwir',
  panchromatic: 'pan',
};

export function normalizeRole(name: string | undefined | null): BandRole | null {
  if (!name) return null;
  const key = name.trim().toLowerCase();
  if ((BAND_ROLES as readonly string[]).includes(key)) return key as BandRole;
  // hasOwn: "constructor" and friends are not aliases.
  return Object.hasOwn(ROLE_ALIASES, key) ? ROLE_ALIASES[key] : null;
}

/** GDAL order: [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight]. */
export type GeoTransform = [number, number, number, number, number, number];
export type BBox = [number, number, number, number];

export type DataType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export interface SceneBand {
  /** Band name as the provider gives it (B04, B3, band1…). */
  name: string;
  role: BandRole | null;
  /** Asset URL: file:///… or http(s)://…; resolved, absolute. */
  href: string;
  /** 0-based sample (band) index inside the asset. */
  sample: number;
  width: number;
  height: number;
  geotransform: GeoTransform;
  dataType: DataType;
  nodata: number | null;
  /** Physical value (reflectance, radiance) = DN * scale + offset. */
  scale: number;
  offset: number;
  centerWavelength?: number;
}

export interface SceneProvenance {
  /** Id of the configured source it came from. */
  source: string;
  /** Where its metadata was read (item JSON, MTL, XML, the TIFF itself). */
  href: string;
  attribution?: string;
  license?: string;
}

export interface Scene {
  id: string;
  title: string;
  collection?: string;
  datetime: string | null;
  cloudCover: number | null;
  platform?: string;
  sensor?: string;
  /**
   * "EPSG:32642" etc., or, for a CRS with no EPSG code (defined only by the file's GeoKeys), its
   * proj4 definition ("+proj=tmerc …"): either way the map and the engine can project with it.
   */
  crs: string;
  /** lon/lat bounds. */
  bbox: BBox;
  /** lon/lat GeoJSON polygon. */
  footprint: { type: 'Polygon'; coordinates: number[][][] };
  bands: SceneBand[];
  /** True for generated scenes: never presented as observations. */
  synthetic: boolean;
  /** Things the user must know before trusting a view of this scene. */
  notices: string[];
  /** Scene cannot be drawn on the map (e.g. L1A with RPC only). */
  drawable: boolean;
  provenance: SceneProvenance;
  /** Extra properties for display (processing level, tile id…). */
  properties?: Record<string, unknown>;
}

export type SceneSummary = Pick<
  Scene,
  | 'id'
  | 'title'
  | 'collection'
  | 'datetime'
  | 'cloudCover'
  | 'platform'
  | 'sensor'
  | 'bbox'
  | 'synthetic'
  | 'drawable'
> & { source: string; roles: BandRole[]; notices: string[] };

export function summarize(scene: Scene): SceneSummary {
  const roles = [...new Set(scene.bands.map((b) => b.role).filter((r): r is BandRole => r !== null))];
  return {
    id: scene.id,
    title: scene.title,
    collection: scene.collection,
    datetime: scene.datetime,
    cloudCover: scene.cloudCover,
    platform: scene.platform,
    sensor: scene.sensor,
    bbox: scene.bbox,
    synthetic: scene.synthetic,
    drawable: scene.drawable,
    source: scene.provenance.source,
    roles,
    notices: scene.notices,
  };
}

/** The band a role maps to; with several (e.g. S-2 nir and nir08), the finest. */
export function bandForRole(scene: Scene, role: BandRole): SceneBand | undefined {
  const matches = scene.bands.filter((b) => b.role === role);
  matches.sort((a, b) => Math.abs(a.geotransform[1]) - Math.abs(b.geotransform[1]));
  return matches[0];
}

export function pixelSize(band: SceneBand): number {
  return Math.abs(band.geotransform[1]);
}
