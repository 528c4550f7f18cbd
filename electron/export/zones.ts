/**
 * Boundary layers for a page: district outlines near the map (from a GeoJSON file or a layer of
 * the boundaries service), Pakistan's outline for the inset, and each layer's attribution.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GeoJSONFeatureCollection } from '../../shared/contract';
import { NigahError } from '../../shared/errors';
import { zoneName } from '../engine/zones';
import type { BoundariesService } from '../services/boundaries';
import type { ZoneShape } from './draw-map';
import type { VectorKind } from './page-vectors';

/** A boundary or base-map layer's features and what the page says about it. */
export interface LayerFeatures {
  name: string;
  kind: VectorKind;
  attribution: string;
  fc: GeoJSONFeatureCollection;
}

type Geometry = { type: string; coordinates: unknown } | null;

export function polygonsOf(g: Geometry): number[][][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates as number[][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as number[][][][];
  return [];
}

function overlaps(polys: number[][][][], bbox: [number, number, number, number]): boolean {
  for (const poly of polys)
    for (const p of poly[0] ?? [])
      if (p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3]) return true;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const poly of polys)
    for (const p of poly[0] ?? []) {
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
  return x0 <= bbox[2] && x1 >= bbox[0] && y0 <= bbox[3] && y1 >= bbox[1];
}

/** Features of a GeoJSON file whose outlines reach the lon/lat box, with their names. */
export async function zonesNear(file: string, bbox: [number, number, number, number]): Promise<ZoneShape[]> {
  let fc: GeoJSONFeatureCollection;
  try {
    fc = JSON.parse(await fs.readFile(file, 'utf8')) as GeoJSONFeatureCollection;
  } catch (e) {
    throw new NigahError(
      'BAD_ARGUMENT',
      `${path.basename(file)} is not a readable GeoJSON file: ${(e as Error).message}`,
      {
        hint: 'Give a GeoJSON FeatureCollection of district polygons in EPSG:4326.',
      },
    );
  }
  const out: ZoneShape[] = [];
  fc.features.forEach((f, i) => {
    const polygons = polygonsOf(f.geometry);
    if (polygons.length && overlaps(polygons, bbox)) out.push({ name: zoneName(f.properties, i), polygons });
  });
  return out;
}

export interface BoundaryContext {
  /** Pakistan's outline for the inset. */
  country: number[][][][];
  /** Attribution of the layer whose file is `zonesFile`, when it is one of the service's layers. */
  attributionOf(zonesFile: string | undefined): Promise<string | null>;
  /** Name of the service's layer whose file is `zonesFile` (null for other files). */
  nameOf(zonesFile: string | undefined): Promise<string | null>;
  /** The file of a boundary layer id. */
  fileOf(id: string): Promise<string>;
  /** Neighbouring countries for the inset (lon/lat polygons; empty when the base map lacks them). */
  neighbours: number[][][][];
  /** A boundary or base-map layer by id, with its features. */
  layer(id: string): Promise<LayerFeatures>;
}

export type BoundarySource = Pick<BoundariesService, 'list' | 'get' | 'file'> &
  Partial<Pick<BoundariesService, 'basemap'>>;

/** Attribution of a zones file that is not one of the service's layers, from what it says it is. */
function fileAttribution(file: string): string {
  return /(^|[^a-z])osm|openstreetmap/i.test(path.basename(file))
    ? '© OpenStreetMap contributors, ODbL 1.0'
    : path.basename(file);
}

async function featuresOf(service: BoundarySource, id: string): Promise<number[][][][]> {
  const fc = await service.get(id).catch(() => null);
  return fc ? fc.features.flatMap((f) => polygonsOf(f.geometry)) : [];
}

export async function boundaryContext(service: BoundarySource): Promise<BoundaryContext> {
  const layers = await service.list();
  const basemap = (await service.basemap?.()) ?? [];
  const countryLayer = layers.find((l) => l.id === 'ne-admin0') ?? layers.find((l) => l.level === 'country');
  const country = countryLayer ? await featuresOf(service, countryLayer.id) : [];
  async function layerOf(zonesFile: string | undefined) {
    if (!zonesFile) return null;
    for (const l of layers) {
      const f = await service.file(l.id).catch(() => null);
      if (f && path.resolve(f) === path.resolve(zonesFile)) return l;
    }
    return null;
  }
  const neighbours = basemap.some((b) => b.kind === 'neighbours')
    ? await featuresOf(service, basemap.find((b) => b.kind === 'neighbours')!.id)
    : [];
  return {
    country,
    neighbours,
    fileOf: (id) => service.file(id),
    async layer(id) {
      const meta = layers.find((l) => l.id === id);
      const base = basemap.find((l) => l.id === id);
      if (!meta && !base)
        throw new NigahError('NOT_FOUND', `No boundary or base-map layer "${id}".`, {
          hint: 'Pick one of the layers listed under Sources → Boundaries.',
        });
      const m = (meta ?? base)!;
      return {
        name: m.name,
        kind: base ? base.kind : m.level,
        attribution: m.attribution,
        fc: await service.get(id),
      };
    },
    async attributionOf(zonesFile) {
      if (!zonesFile) return null;
      return (await layerOf(zonesFile))?.attribution ?? fileAttribution(zonesFile);
    },
    nameOf: async (zonesFile) => (await layerOf(zonesFile))?.name ?? null,
  };
}
