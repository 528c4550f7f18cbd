/**
 * The one service contract. The Electron preload (IPC), the loopback HTTP host (browser mode,
 * tests) and the renderer's typed client are all derived from it; renderer code never sees a
 * channel name or a URL. Arguments crossing a boundary are parsed from `unknown` with zod.
 */
import { z } from 'zod';
import type { ErrorData } from './errors';
import { ExportLayerSchema } from './export/layers';
import { type AnalysisRequest, AnalysisRequestSchema } from './openeo/request';
import {
  type OpenEOGraphResult,
  type OpenEOJobInfo,
  type OpenEOLogEntry,
  OpenEOSourceAuthSchema,
  type SecretStorage,
} from './openeo/service';
import { BAND_ROLES, type Scene, type SceneSummary } from './scene';

export const SOURCE_KINDS = ['sample', 'folder', 'stac', 'stac-api', 'cresda', 'openeo'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SourceConfigSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(SOURCE_KINDS),
  name: z.string().min(1).max(200),
  /** Folder path, file path or http(s) URL. */
  location: z.string().min(1),
  enabled: z.boolean(),
  /** stac-api: default collections to search. */
  collections: z.array(z.string()).optional(),
  /** openeo: how to sign in (the secret itself is kept in the keychain, never in settings). */
  openeo: OpenEOSourceAuthSchema.optional(),
});
export type SourceConfig = z.infer<typeof SourceConfigSchema>;

export const SettingsSchema = z.object({
  sources: z.array(SourceConfigSchema),
  cacheSizeMB: z.number().int().min(16).max(1_000_000),
  language: z.enum(['en', 'ur']),
  /** Per-scene band-role overrides: scene id → band name → eo common name (null = no role). */
  roleOverrides: z.record(z.string(), z.record(z.string(), z.enum(BAND_ROLES).nullable())).optional(),
  /**
   * The analyst's workspace as the renderer last left it (scene, view, layers, compare, recent
   * analyses…), restored on the next launch. One JSON object per slice, owned by the renderer.
   */
  workspace: z.record(z.string(), z.unknown()).optional(),
  /** Name printed on exported maps and reports ("Produced by …"): a person, cell or office. */
  producer: z.string().max(200).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SceneQuerySchema = z
  .object({
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    datetime: z.string().optional(),
    maxCloud: z.number().min(0).max(100).optional(),
    collections: z.array(z.string()).optional(),
    sources: z.array(z.string()).optional(),
  })
  .strict();
export type SceneQuery = z.infer<typeof SceneQuerySchema>;

export interface SourceStatus {
  id: string;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  sceneCount: number;
  error?: ErrorData;
  /** Things to know that do not stop the source (e.g. its server ignores HTTP Range). */
  notices?: ErrorData[];
}

export interface SceneList {
  scenes: SceneSummary[];
  /** Per-source or per-item problems: the rest of the list is still usable. */
  problems: (ErrorData & { source?: string; item?: string })[];
}

export const BOUNDARY_LEVELS = ['country', 'province', 'division', 'district', 'tehsil'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

export interface BoundaryLayer {
  id: string;
  name: string;
  level: BoundaryLevel;
  featureCount: number;
  /** Printed on every map and export that uses the layer. */
  attribution: string;
  license: string;
  /** 'builtin': shipped from npm packages (Natural Earth); 'user': added from a file or downloaded. */
  origin?: 'builtin' | 'user';
  /** Where a user layer came from (file name or URL) and when it was added. */
  source?: string;
  addedAt?: string;
  /** The properties each feature's `name` and `name_ur` were taken from. */
  nameField?: string;
  nameUrField?: string;
  /** Rings repaired or dropped when the layer was added, one sentence each. */
  problems?: string[];
}

export interface BasemapLayer extends BoundaryLayer {
  kind: 'neighbours' | 'rivers' | 'lakes' | 'towns';
}

export const BoundaryAddRequestSchema = z
  .object({
    /** A file path (GeoJSON, TopoJSON, KML, .zip or .shp) or an http(s) URL. */
    location: z.string().min(1).max(4096),
    name: z.string().min(1).max(200).optional(),
    level: z.enum(BOUNDARY_LEVELS),
    /** TopoJSON object or Shapefile in a ZIP; default the one with the most polygons. */
    layer: z.string().max(200).optional(),
    nameField: z.string().max(200).optional(),
    nameUrField: z.string().max(200).optional(),
    license: z.string().max(500).optional(),
    attribution: z.string().max(2000).optional(),
  })
  .strict();
export type BoundaryAddRequest = z.infer<typeof BoundaryAddRequestSchema>;

/** What a boundary file holds, to choose the layer, name fields and level before adding it. */
export interface BoundaryInspection {
  layers: string[];
  layer: string;
  featureCount: number;
  crs: string;
  fields: { name: string; samples: string[] }[];
  suggested: { nameField?: string; nameUrField?: string; level?: BoundaryLevel };
  problems: string[];
}

export const BOUNDARY_PROVIDERS = ['geoboundaries', 'osm'] as const;
export const BoundaryDownloadRequestSchema = z
  .object({
    provider: z.enum(BOUNDARY_PROVIDERS),
    level: z.enum(['province', 'division', 'district', 'tehsil']),
  })
  .strict();
export type BoundaryDownloadRequest = z.infer<typeof BoundaryDownloadRequestSchema>;

export interface GeoJSONFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown> | null;
    geometry: { type: string; coordinates: unknown } | null;
  }[];
}

export const JOB_KINDS = ['flood', 'water', 'offline', 'boundaries', 'openeo', 'ortho', 'export'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** A long task run by the host (analysis in worker threads, downloads): poll it, cancel it. */
export interface JobInfo {
  id: string;
  kind: JobKind;
  title: string;
  state: JobState;
  progress: { phase: string; done: number; total: number } | null;
  startedAt: string;
  finishedAt?: string;
  error?: ErrorData;
  /** Kind-specific result once done (FloodJobResult, WaterJobResult, OfflineJobResult). */
  result?: unknown;
}

/** A file a job wrote: shown on the map (masks) through the raster endpoint, or saved by the user. */
export interface JobArtifact {
  name: string;
  /** file:// URL, readable through rasterUrl(). */
  href: string;
  mediaType: string;
  bytes: number;
}

/** Where a result mask sits, so the renderer can draw it like a scene band. */
export interface MaskLayer {
  href: string;
  crs: string;
  width: number;
  height: number;
  geotransform: [number, number, number, number, number, number];
}

export const ThresholdSchema = z.union([z.literal('auto'), z.number().min(-1000).max(1000)]);

/** Area of interest [west, south, east, north] in degrees: the analysis reads only the pixels under it. */
export const AoiSchema = z
  .tuple([
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
    z.number().min(-180).max(180),
    z.number().min(-90).max(90),
  ])
  .refine(([w, s, e, n]) => e > w && n > s, 'The area of interest must have east > west and north > south.');

/** A polygon area of interest (drawn, or a picked district): [lon, lat] rings; pixels outside are not counted. */
export const AoiRingsSchema = z
  .array(
    z
      .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
      .min(3)
      .max(100000),
  )
  .min(1)
  .max(1000);

export const FloodRequestSchema = z
  .object({
    preId: z.string().min(1).max(2048),
    postId: z.string().min(1).max(2048),
    /** Water index id (mndwi, ndwi, awei-sh, awei-nsh…); default: MNDWI where both scenes have SWIR1, else NDWI. */
    index: z.string().max(200).optional(),
    threshold: ThresholdSchema.optional(),
    ndviThreshold: z.number().min(-1).max(1).optional(),
    /** Boundary layer id (boundaries.list()) for per-zone figures. */
    zones: z.string().max(128).optional(),
    cloudMask: z.boolean().optional(),
    aoi: AoiSchema.optional(),
    aoiRings: AoiRingsSchema.optional(),
  })
  .strict();
export type FloodRequest = z.infer<typeof FloodRequestSchema>;

export const WaterRequestSchema = z
  .object({
    sceneId: z.string().min(1).max(2048),
    index: z.string().max(200).optional(),
    threshold: ThresholdSchema.optional(),
    zones: z.string().max(128).optional(),
    cloudMask: z.boolean().optional(),
    aoi: AoiSchema.optional(),
    aoiRings: AoiRingsSchema.optional(),
  })
  .strict();
export type WaterRequest = z.infer<typeof WaterRequestSchema>;

export interface AnalysisJobResult {
  /** The engine's summary (thresholds, pixel counts, areas in km² and ha, scene dates, method). */
  summary: Record<string, unknown>;
  /** Per-zone rows when zones were asked for. */
  zones?: {
    id: string;
    name: string;
    zoneKm2: number;
    km2: number;
    ha: number;
    sharePct: number | null;
    /** Flooded cropland, km² (flood runs with red and NIR before the event). */
    croplandKm2?: number;
    /** Valid, cloud-free area of the zone inside the scene(s), km². */
    observedKm2?: number;
    /** Area of the zone hidden by cloud, km². */
    cloudKm2?: number;
    /** Area of the zone inside the scene without data (in either scene of a pair), km². */
    nodataKm2?: number;
    /** Water before and after the event, km² (flood runs). */
    permanentWaterKm2?: number;
  }[];
  mask: MaskLayer;
  /** Result classes, one uint8 code per pixel (shared/analysis/resultClasses.ts). */
  classes?: MaskLayer;
  artifacts: JobArtifact[];
  /** Set when the table is not per district (e.g. per province): what to do to get districts. */
  zonesNote?: string;
}

export interface OfflineJobResult {
  sceneId: string;
  files: number;
  bytes: number;
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web';
  platform: string;
  /** What the user must be told at start: settings set aside, sources left out, files cleaned up. */
  notices?: ErrorData[];
}

/** Orthorectify a Level-1A scene by its RPC model: heights from a DEM file, a constant, or HEIGHT_OFF. */
export interface OrthoRequest {
  sceneId: string;
  /** Local path of a GeoTIFF DEM (any CRS). */
  dem?: string;
  /** Constant terrain height in metres (instead of a DEM). */
  height?: number;
  resampling?: 'near' | 'bilinear';
}

export const OrthoRequestSchema = z
  .object({
    sceneId: z.string().min(1).max(2048),
    dem: z.string().min(1).max(4096).optional(),
    height: z.number().finite().min(-500).max(9000).optional(),
    resampling: z.enum(['near', 'bilinear']).optional(),
  })
  .strict();

/** Result of an 'ortho' job: the scene is now drawn from this COG. */
export interface OrthoJobResult {
  sceneId: string;
  href: string;
  crs: string;
  width: number;
  height: number;
  notices: string[];
}

/** A CRS definition the map needs (codes beyond those bundled with the renderer). */
export interface ProjectionDefinition {
  /** 'EPSG:26914'. */
  code: string;
  /** 'NAD83 / UTM zone 14N'. */
  name: string;
  /** The proj4 definition proj4js and OpenLayers take. */
  proj4: string;
}

/** A native open dialog: one file or one folder, optionally filtered by extension ("shp", "tif"). */
export const PickPathRequestSchema = z
  .object({
    kind: z.enum(['file', 'folder']),
    title: z.string().max(200).optional(),
    filters: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            extensions: z
              .array(z.string().regex(/^(\*|[\w.-]{1,16})$/))
              .min(1)
              .max(30),
          })
          .strict(),
      )
      .max(10)
      .optional(),
  })
  .strict();
export type PickPathRequest = z.infer<typeof PickPathRequestSchema>;

/** The services as the renderer sees them. Every method returns a Promise; errors reject with NigahError. */
/** What the exports service writes: map pages, the flood report and data for other GIS tools. */
export const EXPORT_KINDS = ['map-pdf', 'map-png', 'report-pdf', 'geojson', 'kml', 'csv', 'cog'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const ExportRequestSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    /** The scene drawn (the post-event scene of a flood report); the index COG's scene. */
    sceneId: z.string().min(1).max(2048),
    /** Pre-event scene of the flood report. */
    preId: z.string().min(1).max(2048).optional(),
    /** Index or band-math expression drawn instead of true colour (maps) or written (cog). */
    index: z.string().max(200).optional(),
    /** A finished flood or water job: its mask is drawn, its polygons and table exported. */
    resultJobId: z.string().min(1).max(128).optional(),
    /** Boundary layer id drawn on maps and used for the report's table. */
    zones: z.string().max(128).optional(),
    title: z.string().max(300).optional(),
    lang: z.enum(['en', 'ur']).optional(),
    size: z.enum(['a4', 'a3']).optional(),
    landscape: z.boolean().optional(),
    dpi: z.number().int().min(72).max(600).optional(),
    /** Map extent in lon/lat [west, south, east, north] (default: the whole scene). */
    bbox: z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .optional(),
    /** The visible map layers, bottom first, as the app shows them (default: scene, mask, zones). */
    layers: z.array(ExportLayerSchema).max(40).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** A low-resolution picture of the page, readable through rasterUrl(). */
export interface ExportPreview {
  href: string;
  width: number;
  height: number;
}

export interface ExportJobResult {
  artifact: JobArtifact;
}

export interface NigahServices {
  app: {
    info(): Promise<AppInfo>;
    /**
     * Asks the user for a file or folder with the system's open dialog: its absolute path, or null
     * when cancelled. Desktop only: browser mode rejects with NOT_AVAILABLE (the page uploads instead).
     */
    pickPath(request: PickPathRequest): Promise<string | null>;
  };
  catalog: {
    sources(): Promise<SourceStatus[]>;
    list(query?: SceneQuery): Promise<SceneList>;
    get(id: string): Promise<Scene>;
  };
  settings: {
    get(): Promise<Settings>;
    update(patch: Partial<Settings>): Promise<Settings>;
  };
  boundaries: {
    list(): Promise<BoundaryLayer[]>;
    get(id: string): Promise<GeoJSONFeatureCollection>;
    /** Layers, CRS and text fields of a boundary file, before adding it. */
    inspect(location: string, layer?: string): Promise<BoundaryInspection>;
    /** Reads, reprojects, repairs and stores a boundary file in user data. */
    add(request: BoundaryAddRequest): Promise<BoundaryLayer>;
    remove(id: string): Promise<void>;
    /** Downloads boundaries (geoBoundaries or OpenStreetMap) as a job; the result is the added layer. */
    download(request: BoundaryDownloadRequest): Promise<JobInfo>;
    /** The embedded base map's other layers: neighbouring countries, rivers, lakes, towns. */
    basemap(): Promise<BasemapLayer[]>;
  };
  analysis: {
    flood(request: FloodRequest): Promise<JobInfo>;
    water(request: WaterRequest): Promise<JobInfo>;
  };
  jobs: {
    list(): Promise<JobInfo[]>;
    get(id: string): Promise<JobInfo>;
    cancel(id: string): Promise<JobInfo>;
  };
  scenes: {
    /** Orthorectifies a Level-1A scene (a job; result: OrthoJobResult); the catalog then draws it. */
    orthorectify(request: OrthoRequest): Promise<JobInfo>;
  };
  exports: {
    /** Writes the export as a job (progress, cancel); the result names the file (ExportJobResult). */
    start(request: ExportRequest): Promise<JobInfo>;
    /** The page of a map export drawn small, for the dialog's live preview. */
    preview(request: ExportRequest): Promise<ExportPreview>;
  };
  offline: {
    /** Download every remote asset of a scene (resumes a partial download). */
    make(sceneId: string): Promise<JobInfo>;
    remove(sceneId: string): Promise<void>;
    /** Ids of scenes with a complete offline copy. */
    list(): Promise<string[]>;
  };
  openeo: {
    /** The analysis as an openEO process graph; validated against the backend when one is named. */
    graph(request: AnalysisRequest, sourceId?: string): Promise<OpenEOGraphResult>;
    /** Signs in to an openEO source with its password or client secret and keeps the secret. */
    signIn(sourceId: string, secret: string): Promise<SecretStorage>;
    /** Starts the OpenID Connect device sign-in: where to go and the code to enter (it completes in the background). */
    deviceSignIn(sourceId: string): Promise<{ verificationUri: string; userCode: string }>;
    /** Submitted jobs (kept across restarts), their status read again from the backends. */
    jobs(): Promise<OpenEOJobInfo[]>;
    /** Validates the graph against the backend, then submits and starts a batch job. */
    submit(sourceId: string, request: AnalysisRequest): Promise<OpenEOJobInfo>;
    logs(jobId: string): Promise<OpenEOLogEntry[]>;
    cancel(jobId: string): Promise<OpenEOJobInfo>;
    /** Downloads a finished job's results and tabulates them (a host job; result: AnalysisJobResult). */
    fetch(jobId: string): Promise<JobInfo>;
  };
  projections: {
    /** The definition of an EPSG code ('EPSG:26914' or '26914') from the EPSG registry on disk. */
    get(code: string): Promise<ProjectionDefinition>;
  };
}

/** Argument schemas, one per method: the runtime half of the contract. */
export const CONTRACT = {
  app: {
    info: z.tuple([]),
    pickPath: z.tuple([PickPathRequestSchema]),
  },
  catalog: {
    sources: z.tuple([]),
    list: z.tuple([SceneQuerySchema.optional()]),
    get: z.tuple([z.string().min(1).max(2048)]),
  },
  settings: {
    get: z.tuple([]),
    update: z.tuple([SettingsSchema.partial().strict()]),
  },
  boundaries: {
    list: z.tuple([]),
    get: z.tuple([z.string().min(1).max(128)]),
    inspect: z.tuple([z.string().min(1).max(4096), z.string().max(200).optional()]),
    add: z.tuple([BoundaryAddRequestSchema]),
    remove: z.tuple([z.string().min(1).max(128)]),
    download: z.tuple([BoundaryDownloadRequestSchema]),
    basemap: z.tuple([]),
  },
  analysis: {
    flood: z.tuple([FloodRequestSchema]),
    water: z.tuple([WaterRequestSchema]),
  },
  jobs: {
    list: z.tuple([]),
    get: z.tuple([z.string().min(1).max(128)]),
    cancel: z.tuple([z.string().min(1).max(128)]),
  },
  scenes: {
    orthorectify: z.tuple([OrthoRequestSchema]),
  },
  exports: {
    start: z.tuple([ExportRequestSchema]),
    preview: z.tuple([ExportRequestSchema]),
  },
  offline: {
    make: z.tuple([z.string().min(1).max(2048)]),
    remove: z.tuple([z.string().min(1).max(2048)]),
    list: z.tuple([]),
  },
  openeo: {
    graph: z.tuple([AnalysisRequestSchema, z.string().min(1).max(64).optional()]),
    signIn: z.tuple([z.string().min(1).max(64), z.string().min(1).max(4096)]),
    deviceSignIn: z.tuple([z.string().min(1).max(64)]),
    jobs: z.tuple([]),
    submit: z.tuple([z.string().min(1).max(64), AnalysisRequestSchema]),
    logs: z.tuple([z.string().min(1).max(256)]),
    cancel: z.tuple([z.string().min(1).max(256)]),
    fetch: z.tuple([z.string().min(1).max(256)]),
  },
  projections: {
    get: z.tuple([z.string().min(1).max(32)]),
  },
} as const satisfies { [S in keyof NigahServices]: { [M in keyof NigahServices[S]]: z.ZodType } };

export type ServiceName = keyof NigahServices;

/** Every service.method pair, for binding transports. */
export function contractMethods(): { service: ServiceName; method: string }[] {
  const out: { service: ServiceName; method: string }[] = [];
  for (const service of Object.keys(CONTRACT) as ServiceName[]) {
    for (const method of Object.keys(CONTRACT[service])) out.push({ service, method });
  }
  return out;
}

/** Where a raster asset (file:// or http(s)://) is fetched from by the renderer and workers. */
export interface RasterAccess {
  rasterUrl(href: string): string;
}
