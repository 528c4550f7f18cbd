/**
 * The one service contract. The Electron preload (IPC), the loopback HTTP host (browser mode,
 * tests) and the renderer's typed client are all derived from it; renderer code never sees a
 * channel name or a URL. Arguments crossing a boundary are parsed from `unknown` with zod.
 */
import { z } from 'zod';
import type { Scene, SceneSummary } from './scene';
import type { ErrorData } from './errors';

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
