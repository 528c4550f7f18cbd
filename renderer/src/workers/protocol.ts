/**
 * Messages between the UI thread and the tile workers. Everything here is structured-clone data;
 * pixel buffers travel as transferables, never as JSON.
 */
import type { IndexId } from '../../../shared/analysis/indices';
import type { ErrorData } from '../../../shared/errors';
import type { BandRole, GeoTransform } from '../../../shared/scene';

/** What a worker needs to read one band: an absolute URL (same origin) and the band's grid. */
export interface RenderBand {
  name: string;
  role: BandRole | null;
  url: string;
  sample: number;
  width: number;
  height: number;
  geotransform: GeoTransform;
  nodata: number | null;
  scale: number;
  offset: number;
}

/** Physical-value [low, high] per role for the true-colour stretch. */
export type Stretch = Partial<Record<BandRole, [number, number]>>;

export type RenderMode =
  /** Colour composite; without `stretch` each band gets its 2–98 % stretch (workers/raster.ts). */
  | {
      kind: 'rgb';
      roles: [BandRole, BandRole, BandRole];
      stretch?: Stretch;
      /** A user's stretch maps linearly; the default one adds a display gamma. */
      linear?: boolean;
    }
  | { kind: 'index'; index: IndexId; range: [number, number]; ramp: string }
  /** Band math in the safe expression language (shared/analysis/expression.ts). */
  | { kind: 'expression'; text: string; range: [number, number]; ramp: string }
  /** A uint8 result mask (1 yes, 0 no, 255 nodata) in the first band: value-1 pixels in `color`. */
  | { kind: 'mask'; color: [number, number, number] }
  /** A uint8 result class raster (shared/analysis/resultClasses.ts): each listed code in its colour. */
  | { kind: 'classes'; colors: ClassColor[] };

/** Colour of one result class; hatched classes are drawn as stripes (cloud). */
export interface ClassColor {
  code: number;
  rgb: [number, number, number];
  hatch?: boolean;
}

export type WorkerRequest =
  | {
      type: 'tile';
      id: number;
      bands: RenderBand[];
      mode: RenderMode;
      /** proj4 definitions: the tile's CRS (the map view's) and the scene's. */
      viewDef: string;
      sceneDef: string;
      /** [minX, minY, maxX, maxY] in the view CRS. */
      extent: [number, number, number, number];
      width: number;
      height: number;
    }
  | {
      type: 'pixel';
      id: number;
      bands: RenderBand[];
      x: number;
      y: number;
      index: IndexId | null;
      /** More indices to compute at the pixel (those whose bands the scene has). */
      indices?: IndexId[];
    }
  /** Histograms of bands (physical values) sampled on a grid over `extent` (view CRS). */
  | {
      type: 'histogram';
      id: number;
      bands: RenderBand[];
      viewDef: string;
      sceneDef: string;
      extent: [number, number, number, number];
      size: number;
      bins: number;
    }
  | { type: 'cancel'; id: number }
  /** Open these bands' files (headers, tile indexes) now, in idle time; no reply. */
  | { type: 'warm'; id: number; bands: RenderBand[] };

/** What render.ts produces inside the worker. */
export interface TileResult {
  rgba: Uint8ClampedArray;
  /** Pixels with data (alpha > 0); 0 means the tile is outside the scene or all nodata. */
  filled: number;
  ms: number;
}

/** What the worker posts back: the tile as an ImageBitmap (transferred, drawn by canvas 2D as is). */
export interface TileReply {
  bitmap: ImageBitmap;
  filled: number;
  ms: number;
}

export interface PixelResult {
  inside: boolean;
  bands: { name: string; role: BandRole | null; dn: number | null; value: number | null }[];
  index: number | null;
  indices?: { id: IndexId; value: number | null }[];
}

export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorData };
