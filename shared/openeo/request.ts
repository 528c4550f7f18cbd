/**
 * One analysis request (what the openEO panel, the CLI and the service exchange) → its process graph.
 */
import { z } from 'zod';
import { NigahError } from '../errors';
import { indexGraph, waterGraph } from './analyses';
import { getCollection } from './collections';
import { floodGraph } from './flood';
import type { OpenEOProcess } from './graph';

const interval = z.tuple([z.string().min(4), z.string().min(4)]);

export const AnalysisRequestSchema = z
  .object({
    analysis: z.enum(['index', 'water', 'flood']),
    /** Index id or band-math expression (index); water index (water, flood). */
    index: z.string().min(1).max(500).optional(),
    collection: z.string().min(1).max(200),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    /** index and water: the dates composited. */
    datetime: interval.optional(),
    /** flood: before and after. */
    pre: interval.optional(),
    post: interval.optional(),
    threshold: z.number().optional(),
    preThreshold: z.number().optional(),
    ndviThreshold: z.number().optional(),
    cloudMask: z.boolean().optional(),
  })
  .strict();
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;

function need<T>(v: T | undefined, what: string, hint: string): T {
  if (v === undefined) throw new NigahError('BAD_ARGUMENT', `The ${what} is missing.`, { hint });
  return v;
}

/** "2022-08-25/2022-09-05" → interval; a single day d → [d, d + 1 day). */
export function parseInterval(text: string): [string, string] {
  const parts = text.split('/').map((s) => s.trim());
  if (parts.length === 2 && parts[0] && parts[1]) return [parts[0], parts[1]];
  const t = Date.parse(parts[0]);
  if (parts.length === 1 && !Number.isNaN(t))
    return [parts[0], new Date(t + 86_400_000).toISOString().slice(0, 10)];
  throw new NigahError('BAD_ARGUMENT', `"${text}" is not a date interval.`, {
    hint: 'Write start/end, e.g. 2022-08-25/2022-09-05, or one day, e.g. 2022-08-30.',
  });
}

export function parseBbox(text: string): [number, number, number, number] {
  const v = text.split(',').map((s) => Number(s.trim()));
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)))
    throw new NigahError('BAD_ARGUMENT', `"${text}" is not a bounding box.`, {
      hint: 'Write west,south,east,north in degrees, e.g. 67.6,26.3,67.9,26.6.',
    });
  return v as [number, number, number, number];
}

export function buildGraph(r: AnalysisRequest): OpenEOProcess {
  const collection = getCollection(r.collection);
  const area = { collection, bbox: r.bbox };
  if (r.analysis === 'flood')
    return floodGraph({
      ...area,
      pre: need(r.pre, 'pre-event date range', 'Pass --pre start/end.'),
      post: need(r.post, 'post-event date range', 'Pass --post start/end.'),
      index: r.index,
      threshold: r.threshold,
      preThreshold: r.preThreshold,
      ndviThreshold: r.ndviThreshold,
      cloudMask: r.cloudMask,
    });
  const datetime = need(r.datetime, 'date range', 'Pass --datetime start/end.');
  if (r.analysis === 'water')
    return waterGraph({ ...area, datetime, index: r.index, threshold: r.threshold, cloudMask: r.cloudMask });
  return indexGraph({
    ...area,
    datetime,
    index: need(r.index, 'index', 'Pass --index ndvi or a band-math expression.'),
    cloudMask: r.cloudMask,
  });
}
