/**
 * Nigah's analyses as openEO process graphs, built from the same definitions the engine runs:
 * an index (shared/analysis/indices.ts) or band-math expression (its parsed AST), the water mask
 * (index > threshold) and the flood pipeline (water after ∧ dry before; flooded cropland where the
 * NDVI before exceeds its threshold). Masks are numeric: 1 yes, 0 no, null where an input is null.
 */
import { parseExpression } from '../analysis/expression';
import { findIndex, getIndex } from '../analysis/indices';
import type { CollectionDef } from './collections';
import { buildComposite, type GraphArea, type Interval, indexCube } from './cube';
import { callback, GraphBuilder, type OpenEOProcess, param } from './graph';

export type { Bbox, GraphArea, Interval } from './cube';

type NodeRef = { from_node: string };

/** Band-math text of an index id, or the expression itself. */
export function expressionOf(indexOrExpression: string): { text: string; label: string } {
  const def = findIndex(indexOrExpression);
  if (def) return { text: def.expression, label: def.name };
  if (/^[a-z][a-z0-9_-]*$/i.test(indexOrExpression.trim())) {
    try {
      parseExpression(indexOrExpression);
    } catch {
      getIndex(indexOrExpression);
    }
  }
  return { text: indexOrExpression, label: indexOrExpression };
}

function save(g: GraphBuilder, data: NodeRef, summary: string, description: string): OpenEOProcess {
  const out = g.add('save_result', { data, format: 'GTiff', options: {} }, 'save');
  return { summary, description, ...g.finish(out) };
}

export interface IndexGraphOptions extends GraphArea {
  index: string;
  datetime: Interval;
  /** Mask clouds with the collection's flags before the composite (default false, as `index`). */
  cloudMask?: boolean;
}

/** Index or band-math raster: median composite over the dates, then the formula per pixel. */
export function indexGraph(o: IndexGraphOptions): OpenEOProcess {
  const { text, label } = expressionOf(o.index);
  const g = new GraphBuilder();
  const cube = buildComposite(g, o, o.datetime, [text], 'scene', o.cloudMask ?? false);
  const idx = indexCube(g, cube, text, o.collection, 'index');
  return save(g, idx, `${label} from ${o.collection.id}`, `Nigah index ${label}: ${text}`);
}

/** `if(is_valid(x), gt(x, t) ? 1 : 0)` inside an `apply` callback (null stays null). */
function thresholdCallback(t: number) {
  return callback((cb) => {
    const x = param('x');
    const yes = cb.add('if', { value: cb.add('gt', { x, y: t }), accept: 1, reject: 0 });
    return cb.add('if', { value: cb.add('is_valid', { x }), accept: yes });
  });
}

export function defaultWaterIndexFor(c: CollectionDef): string {
  return c.bands.swir16 ? 'mndwi' : 'ndwi';
}

export interface WaterGraphOptions extends GraphArea {
  index?: string;
  threshold?: number;
  datetime: Interval;
  cloudMask?: boolean;
}

export function waterThreshold(index: string, t: number | undefined): number {
  return t ?? getIndex(index).defaultThreshold;
}

/** Water mask: water index > threshold (1), else 0, null where unobserved. */
export function waterGraph(o: WaterGraphOptions): OpenEOProcess {
  const name = o.index ?? defaultWaterIndexFor(o.collection);
  const { text, label } = expressionOf(name);
  const t = waterThreshold(name, o.threshold);
  const g = new GraphBuilder();
  const cube = buildComposite(g, o, o.datetime, [text], 'scene', o.cloudMask ?? true);
  const idx = indexCube(g, cube, text, o.collection, 'water_index');
  const mask = g.add('apply', { data: idx, process: thresholdCallback(t) }, 'water');
  return save(g, mask, `Water (${label} > ${t}) from ${o.collection.id}`, `Nigah water mask: ${text} > ${t}`);
}
