/**
 * The one service contract. The Electron preload (IPC), the loopback HTTP host (browser mode,
 * tests) and the renderer's typed client are all derived from it; renderer code never sees a
 * channel name or a URL. Arguments crossing a boundary are parsed from `unknown` with zod.
 */
import { z } from 'zod';
import type { ErrorData } from './errors';
import { BAND_ROLES, type Scene, type SceneSummary } from './scene';

export const SOURCE_KINDS = ['sample', 'folder', 'stac', 'stac-api', 'cresda'] as const;
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
});
export type SourceConfig = z.infer<typeof SourceConfigSchema>;

export const SettingsSchema = z.object({
  sources: z.array(SourceConfigSchema),
  cacheSizeMB: z.number().int().min(16).max(1_000_000),
  language: z.enum(['en', 'ur']),
  /** Per-scene band-role overrides: scene id → band name → eo common name (null = no role). */
  roleOverrides: z.record(z.string(), z.record(z.string(), z.enum(BAND_ROLES).nullable())).optional(),
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
}

export interface SceneList {
  scenes: SceneSummary[];
  /** Per-source or per-item problems: the rest of the list is still usable. */
  problems: (ErrorData & { source?: string; item?: string })[];
}

export interface BoundaryLayer {
  id: string;
  name: string;
  level: 'country' | 'province' | 'division' | 'district';
  featureCount: number;
  attribution: string;
  license: string;
}

export interface GeoJSONFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown> | null;
    geometry: { type: string; coordinates: unknown } | null;
  }[];
}

export const JOB_KINDS = ['flood', 'water', 'offline'] as const;
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
    croplandKm2?: number;
  }[];
  mask: MaskLayer;
  artifacts: JobArtifact[];
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
}

/** The services as the renderer sees them. Every method returns a Promise; errors reject with NigahError. */
export interface NigahServices {
  app: {
    info(): Promise<AppInfo>;
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
  offline: {
    /** Download every remote asset of a scene (resumes a partial download). */
    make(sceneId: string): Promise<JobInfo>;
    remove(sceneId: string): Promise<void>;
    /** Ids of scenes with a complete offline copy. */
    list(): Promise<string[]>;
  };
}

/** Argument schemas, one per method: the runtime half of the contract. */
export const CONTRACT = {
  app: {
    info: z.tuple([]),
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
  offline: {
    make: z.tuple([z.string().min(1).max(2048)]),
    remove: z.tuple([z.string().min(1).max(2048)]),
    list: z.tuple([]),
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
