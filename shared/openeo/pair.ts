/** The two composites of the flood pipeline: water index after and before, NDVI before. */
import { getIndex } from '../analysis/indices';
import { buildComposite, type GraphArea, type Interval, indexCube } from './cube';
import type { GraphBuilder } from './graph';

type NodeRef = { from_node: string };

export function buildPair(
  g: GraphBuilder,
  o: GraphArea & { pre: Interval; post: Interval; cloudMask?: boolean },
  waterText: string,
): { post: NodeRef; pre: NodeRef; ndviPre: NodeRef } {
  const ndvi = getIndex('ndvi').expression;
  const clouds = o.cloudMask ?? true;
  const postCube = buildComposite(g, o, o.post, [waterText], 'post', clouds);
  const preCube = buildComposite(g, o, o.pre, [waterText, ndvi], 'pre', clouds);
  return {
    post: indexCube(g, postCube, waterText, o.collection, 'water_index_post'),
    pre: indexCube(g, preCube, waterText, o.collection, 'water_index_pre'),
    ndviPre: indexCube(g, preCube, ndvi, o.collection, 'ndvi_pre'),
  };
}
