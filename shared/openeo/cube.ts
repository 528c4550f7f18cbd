/**
 * Data-cube building blocks shared by the analysis graphs: the loaded, cloud-masked median
 * composite of a collection over an area and interval, and band math reduced over `bands`.
 */
import { parseExpression } from '../analysis/expression';
import { NigahError } from '../errors';
import { type CollectionDef, collectionBand } from './collections';
import { emitBandMath } from './expression';
import { type Arg, callback, type GraphBuilder, param } from './graph';

export type Bbox = [west: number, south: number, east: number, north: number];
/** Closed start, open end, as openEO temporal intervals ("2022-08-25", "2022-09-05"). */
export type Interval = [string, string];

export interface GraphArea {
  collection: CollectionDef;
  /** WGS84 longitude/latitude. */
  bbox: Bbox;
}

type NodeRef = { from_node: string };

function spatialExtent(b: Bbox): Record<string, Arg> {
  const [west, south, east, north] = b;
  if (!(west < east && south < north && west >= -180 && east <= 180 && south >= -90 && north <= 90))
    throw new NigahError(
      'BAD_ARGUMENT',
      `The bounding box ${b.join(',')} is not west,south,east,north in degrees.`,
      {
        hint: 'Pass --bbox west,south,east,north, e.g. 67.6,26.3,67.9,26.6.',
      },
    );
  return { west, south, east, north, crs: 4326 };
}

function checkInterval(t: Interval, what: string): Interval {
  const ok =
    t.length === 2 && t.every((s) => !Number.isNaN(Date.parse(s))) && Date.parse(t[0]) < Date.parse(t[1]);
  if (!ok)
    throw new NigahError('BAD_ARGUMENT', `The ${what} dates ${t.join('/')} are not a start/end interval.`, {
      hint: 'Pass dates as start/end, e.g. 2022-08-25/2022-09-05 (end exclusive).',
    });
  return t;
}

/** Median composite of the bands the band math reads plus, with cloud masking, the collection's cloud band. */
export function buildComposite(
  g: GraphBuilder,
  a: GraphArea,
  t: Interval,
  texts: string[],
  name: string,
  clouds: boolean,
): NodeRef {
  const bands = texts.flatMap((x) => bandsOf(x, a.collection));
  const c = a.collection;
  const all = clouds ? [...new Set([...bands, c.cloud.band])] : [...new Set(bands)];
  let cube = g.add(
    'load_collection',
    { id: c.id, spatial_extent: spatialExtent(a.bbox), temporal_extent: checkInterval(t, name), bands: all },
    `load_${name}`,
  );
  if (clouds) cube = maskClouds(g, c, cube, name);
  // Composite over time: the per-pixel median of the cloud-free observations.
  return g.add(
    'reduce_dimension',
    {
      data: cube,
      dimension: 't',
      reducer: callback((cb) => cb.add('median', { data: param('data'), ignore_nodata: true })),
    },
    `composite_${name}`,
  );
}

/** Cloud flags → boolean cube; `mask` turns flagged pixels (and missing flags) into null. */
function maskClouds(g: GraphBuilder, c: CollectionDef, cube: NodeRef, name: string): NodeRef {
  const flags = c.cloud;
  const reducer = callback((cb) => {
    const q = cb.add('array_element', { data: param('data'), label: flags.band });
    let any: NodeRef = cb.add('not', { x: cb.add('is_valid', { x: q }) });
    for (const test of flags.kind === 'classes' ? flags.values : flags.bits) {
      const hit =
        flags.kind === 'classes'
          ? cb.add('eq', { x: q, y: test })
          : cb.add('eq', {
              x: cb.add('mod', { x: cb.add('floor', { x: cb.add('divide', { x: q, y: 2 ** test }) }), y: 2 }),
              y: 1,
            });
      any = cb.add('or', { x: any, y: hit });
    }
    return any;
  });
  const cloudy = g.add('reduce_dimension', { data: cube, dimension: 'bands', reducer }, `clouds_${name}`);
  return g.add('mask', { data: cube, mask: cloudy }, `cloudfree_${name}`);
}

export function indexCube(
  g: GraphBuilder,
  cube: NodeRef,
  text: string,
  c: CollectionDef,
  name: string,
): NodeRef {
  const ast = parseExpression(text);
  return g.add(
    'reduce_dimension',
    { data: cube, dimension: 'bands', reducer: callback((cb) => emitBandMath(cb, ast, c)) },
    name,
  );
}

function bandsOf(text: string, c: CollectionDef): string[] {
  const roles = new Set<string>();
  const walk = (n: ReturnType<typeof parseExpression>) => {
    if (n.kind === 'band') roles.add(collectionBand(c, n.role));
    else if (n.kind === 'unary') walk(n.arg);
    else if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(parseExpression(text));
  return [...roles];
}
