/**
 * The flood pipeline as one openEO process graph, the same rule as the engine's `flood`:
 * flood = water index after > t_post ∧ water index before ≤ t_pre (null where either is null);
 * flooded cropland = flood ∧ NDVI before > t_ndvi (null where either is null). Clouds are masked
 * with the collection's flags in both scenes. Output: a two-band GTiff (flood, flooded_cropland).
 */
import { getIndex } from '../analysis/indices';
import { defaultWaterIndexFor, expressionOf } from './analyses';
import type { GraphArea, Interval } from './cube';
import { callback, GraphBuilder, type OpenEOProcess, param } from './graph';
import { buildPair } from './pair';

export interface FloodGraphOptions extends GraphArea {
  pre: Interval;
  post: Interval;
  index?: string;
  /** Thresholds (default: the index's default threshold, as the engine's manual mode). */
  threshold?: number;
  preThreshold?: number;
  ndviThreshold?: number;
  cloudMask?: boolean;
}

/** Overlap resolver of two single-value cubes: 1/0 by `test(x, y)`, null if x or y is null. */
export function pairRule(
  test: (cb: GraphBuilder, x: ReturnType<typeof param>, y: ReturnType<typeof param>) => { from_node: string },
) {
  return callback((cb) => {
    const x = param('x');
    const y = param('y');
    const both = cb.add('and', { x: cb.add('is_valid', { x }), y: cb.add('is_valid', { x: y }) });
    const yes = cb.add('if', { value: test(cb, x, y), accept: 1, reject: 0 });
    return cb.add('if', { value: both, accept: yes });
  });
}

export interface FloodThresholds {
  index: string;
  post: number;
  pre: number;
  ndvi: number;
}

export function floodThresholds(o: FloodGraphOptions): FloodThresholds {
  const index = o.index ?? defaultWaterIndexFor(o.collection);
  const post = o.threshold ?? getIndex(expressionOf(index).label).defaultThreshold;
  return {
    index,
    post,
    pre: o.preThreshold ?? post,
    ndvi: o.ndviThreshold ?? getIndex('ndvi').defaultThreshold,
  };
}

export function floodGraph(o: FloodGraphOptions): OpenEOProcess {
  const t = floodThresholds(o);
  const water = expressionOf(t.index);
  const g = new GraphBuilder();
  const { post, pre, ndviPre } = buildPair(g, o, water.text);
  const flood = g.add(
    'merge_cubes',
    {
      cube1: post,
      cube2: pre,
      overlap_resolver: pairRule((cb, x, y) =>
        cb.add('and', { x: cb.add('gt', { x, y: t.post }), y: cb.add('lte', { x: y, y: t.pre }) }),
      ),
    },
    'flood',
  );
  const crop = g.add(
    'merge_cubes',
    {
      cube1: flood,
      cube2: ndviPre,
      overlap_resolver: pairRule((cb, x, y) =>
        cb.add('and', { x: cb.add('eq', { x, y: 1 }), y: cb.add('gt', { x: y, y: t.ndvi }) }),
      ),
    },
    'flooded_cropland',
  );
  const label = (data: { from_node: string }, name: string) =>
    g.add('add_dimension', { data, name: 'bands', label: name, type: 'bands' }, `band_${name}`);
  const both = g.add(
    'merge_cubes',
    { cube1: label(flood, 'flood'), cube2: label(crop, 'flooded_cropland') },
    'masks',
  );
  const out = g.add('save_result', { data: both, format: 'GTiff', options: {} }, 'save');
  return {
    summary: `Flood (${water.label} after > ${t.post}, before > ${t.pre}) from ${o.collection.id}`,
    description:
      `Nigah flood: flood = ${water.text} after > ${t.post} and not before > ${t.pre}; ` +
      `flooded cropland = flood and NDVI before > ${t.ndvi}. Bands: flood, flooded_cropland (1 yes, 0 no).`,
    ...g.finish(out),
  };
}
