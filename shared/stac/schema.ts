/**
 * Just enough of the STAC 1.0/1.1 schemas to refuse what we cannot use, with messages that name the
 * failing fields (https://github.com/radiantearth/stac-spec). Unknown fields pass through.
 */
import { z } from 'zod';
import { NigahError } from '../errors';

export const LinkSchema = z.looseObject({
  href: z.string().min(1),
  rel: z.string().min(1),
  type: z.string().optional(),
  method: z.string().optional(),
  body: z.record(z.string(), z.unknown()).optional(),
  merge: z.boolean().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
});
export type StacLink = z.infer<typeof LinkSchema>;

export const AssetSchema = z.looseObject({
  href: z.string().min(1),
  type: z.string().optional(),
  title: z.string().optional(),
  roles: z.array(z.string()).optional(),
});
export type StacAsset = z.infer<typeof AssetSchema> & Record<string, unknown>;

const BBoxSchema = z.union([
  z.tuple([z.number(), z.number(), z.number(), z.number()]),
  z.array(z.number()).length(6),
]);

export const ItemSchema = z.looseObject({
  type: z.literal('Feature'),
  stac_version: z.string().optional(),
  stac_extensions: z.array(z.string()).optional(),
  id: z.string().min(1),
  collection: z.string().optional(),
  geometry: z.looseObject({ type: z.string(), coordinates: z.array(z.unknown()) }).nullable(),
  bbox: BBoxSchema.optional(),
  properties: z.looseObject({
    datetime: z.string().nullable(),
  }),
  links: z.array(LinkSchema),
  assets: z.record(z.string(), AssetSchema),
});
export type StacItem = z.infer<typeof ItemSchema>;

export const CatalogSchema = z.looseObject({
  type: z.enum(['Catalog', 'Collection']),
  id: z.string().min(1),
  description: z.string().optional(),
  links: z.array(LinkSchema),
});
export type StacCatalog = z.infer<typeof CatalogSchema>;

export const ItemCollectionSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
  links: z.array(LinkSchema).optional(),
  numberMatched: z.number().optional(),
  context: z.looseObject({ matched: z.number().optional() }).optional(),
});
export type StacItemCollection = z.infer<typeof ItemCollectionSchema>;

/** "properties.datetime: expected string, received undefined; assets: …" */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 6)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

function fail(what: string, where: string, error: z.ZodError): never {
  const fields = [...new Set(error.issues.map((i) => (i.path.length ? i.path.join('.') : '(root)')))];
  throw new NigahError(
    'INVALID_STAC',
    `The STAC ${what} at ${where} is not valid: ${describeIssues(error)}.`,
    {
      hint: 'Fix these fields in the JSON (see https://github.com/radiantearth/stac-spec), or ask the catalog provider to.',
      details: { href: where, fields },
    },
  );
}

export function parseItem(json: unknown, where: string): StacItem {
  const r = ItemSchema.safeParse(json);
  if (!r.success) fail('item', where, r.error);
  const item = r.data;
  if (!item.bbox && item.geometry) {
    // bbox is required whenever geometry is not null; derive it rather than refuse.
    const b = geometryBBox(item.geometry.coordinates);
    if (b) item.bbox = b;
  }
  return item;
}

export function parseCatalog(json: unknown, where: string): StacCatalog {
  const r = CatalogSchema.safeParse(json);
  if (!r.success) fail('catalog', where, r.error);
  return r.data;
}

export function parseItemCollection(json: unknown, where: string): StacItemCollection {
  const r = ItemCollectionSchema.safeParse(json);
  if (!r.success) fail('search response', where, r.error);
  return r.data;
}

/** What kind of STAC object a parsed JSON value claims to be. */
export function stacKind(json: unknown): 'Feature' | 'Catalog' | 'Collection' | 'FeatureCollection' | null {
  const t = (json as { type?: unknown } | null)?.type;
  return t === 'Feature' || t === 'Catalog' || t === 'Collection' || t === 'FeatureCollection' ? t : null;
}

export function geometryBBox(coords: unknown): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(coords);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
