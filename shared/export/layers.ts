/**
 * The map layers an export draws, as the app shows them: listed bottom first, each with its
 * opacity. The scene view (a composite or an index with its ramp and range), the result mask with
 * the classes shown, and vector layers (boundary layers of the boundaries service and the embedded
 * base map: neighbouring countries, rivers, lakes, towns).
 */
import { z } from 'zod';

const opacity = z.number().min(0).max(1);

export const SceneLayerSpecSchema = z
  .object({
    type: z.literal('scene'),
    /** 'truecolor', 'falsecolor', 'agriculture', an index id or a band-math expression. */
    view: z.string().min(1).max(200),
    ramp: z.string().max(40).optional(),
    range: z.tuple([z.number(), z.number()]).optional(),
    opacity,
  })
  .strict();

export const RESULT_CLASSES = ['flood', 'water', 'cloud'] as const;
export type ResultClass = (typeof RESULT_CLASSES)[number];

export const ResultLayerSpecSchema = z
  .object({
    type: z.literal('result'),
    /** Classes drawn (default: the mask's own class). Cloud is the scene's cloud mask. */
    classes: z.array(z.enum(RESULT_CLASSES)).max(3).optional(),
    opacity,
  })
  .strict();

export const VectorLayerSpecSchema = z
  .object({
    type: z.literal('vector'),
    /** A boundary layer id (boundaries.list()) or an embedded base-map layer id (boundaries.basemap()). */
    id: z.string().min(1).max(128),
    /** Write feature names on the map. */
    labels: z.boolean().optional(),
    opacity,
  })
  .strict();

export const ExportLayerSchema = z.discriminatedUnion('type', [
  SceneLayerSpecSchema,
  ResultLayerSpecSchema,
  VectorLayerSpecSchema,
]);
export type ExportLayer = z.infer<typeof ExportLayerSchema>;
export type SceneLayerSpec = z.infer<typeof SceneLayerSpecSchema>;
export type ResultLayerSpec = z.infer<typeof ResultLayerSpecSchema>;
export type VectorLayerSpec = z.infer<typeof VectorLayerSpecSchema>;

/** Composites the app offers, by the roles of their red, green and blue channels. */
export const COMPOSITE_ROLES: Record<string, [string, string, string]> = {
  truecolor: ['red', 'green', 'blue'],
  falsecolor: ['nir', 'red', 'green'],
  agriculture: ['swir16', 'nir', 'blue'],
};

/** Default layers of a page when the request lists none: the scene, the mask, the zones. */
export function defaultLayers(o: {
  view?: string;
  mask: boolean;
  zones?: string;
  basemap?: string[];
}): ExportLayer[] {
  const out: ExportLayer[] = [{ type: 'scene', view: o.view ?? 'truecolor', opacity: 1 }];
  if (o.mask) out.push({ type: 'result', opacity: 0.85 });
  for (const id of o.basemap ?? []) out.push({ type: 'vector', id, opacity: 1 });
  if (o.zones) out.push({ type: 'vector', id: o.zones, labels: true, opacity: 1 });
  return out;
}
