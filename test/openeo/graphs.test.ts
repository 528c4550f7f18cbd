/**
 * Graphs for all 12 indices, band math, water and flood validate against the official openEO process
 * definitions (read in place from ../shared/data/openeo-processes); a missing process is named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICES } from '../../shared/analysis/indices';
import { indexGraph, waterGraph } from '../../shared/openeo/analyses';
import { getCollection } from '../../shared/openeo/collections';
import { floodGraph } from '../../shared/openeo/flood';
import { checkStructure, type ProcessSpec, processIds, validateGraph } from '../../shared/openeo/validate';

const SPECS_DIR = join(__dirname, '../../../shared/data/openeo-processes');
const hasSpecs = existsSync(SPECS_DIR);
const specs = (): ProcessSpec[] =>
  readdirSync(SPECS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(SPECS_DIR, f), 'utf8')) as ProcessSpec);

const s2 = getCollection('SENTINEL2_L2A');
const landsat = getCollection('LANDSAT8-9_L2');
const bbox: [number, number, number, number] = [67.66, 26.34, 67.88, 26.52];

describe.skipIf(!hasSpecs)(
  'graphs against the official process definitions (needs ../shared/data/openeo-processes)',
  () => {
    const all = hasSpecs ? specs() : [];
    for (const c of [s2, landsat])
      for (const def of INDICES)
        it(`${def.name} on ${c.id}`, async () => {
          const g = indexGraph({
            collection: c,
            bbox,
            datetime: ['2022-08-25', '2022-09-05'],
            index: def.id,
          });
          await expect(validateGraph(g, all)).resolves.toBeUndefined();
          const ids = processIds(g);
          expect(ids).toEqual(
            expect.arrayContaining(['load_collection', 'reduce_dimension', 'median', 'save_result']),
          );
          if (def.expression.match(/^\((\w+) - (\w+)\) \/ \(\1 \+ \2\)$/))
            expect(ids).toContain('normalized_difference');
        });

    it('band math with functions and comparisons', async () => {
      const g = indexGraph({
        collection: s2,
        bbox,
        datetime: ['2022-08-25', '2022-09-05'],
        index: 'where(nir > red, sqrt(abs(nir - red)), -log10(max(blue, 0.01)) ^ 2) + clamp(green, 0, 1)',
      });
      await expect(validateGraph(g, all)).resolves.toBeUndefined();
      expect(processIds(g)).toEqual(
        expect.arrayContaining(['if', 'gt', 'sqrt', 'absolute', 'log', 'power', 'max', 'min']),
      );
    });

    for (const c of [s2, landsat])
      it(`water mask and flood pipeline on ${c.id}`, async () => {
        const w = waterGraph({ collection: c, bbox, datetime: ['2022-08-25', '2022-09-05'] });
        await expect(validateGraph(w, all)).resolves.toBeUndefined();
        const f = floodGraph({
          collection: c,
          bbox,
          pre: ['2022-06-10', '2022-06-20'],
          post: ['2022-08-25', '2022-09-05'],
        });
        await expect(validateGraph(f, all)).resolves.toBeUndefined();
        expect(processIds(f)).toEqual(
          expect.arrayContaining(['mask', 'merge_cubes', 'add_dimension', 'and', 'lte']),
        );
      });

    it('a backend lacking a process is refused, naming it', async () => {
      const g = floodGraph({
        collection: s2,
        bbox,
        pre: ['2022-06-10', '2022-06-20'],
        post: ['2022-08-25', '2022-09-05'],
      });
      await expect(
        validateGraph(
          g,
          all.filter((p) => p.id !== 'merge_cubes'),
          { backend: 'Test backend' },
        ),
      ).rejects.toThrow(/Test backend lacks the process merge_cubes/);
    });

    it('an argument of the wrong type is an invalid graph', async () => {
      const g = indexGraph({ collection: s2, bbox, datetime: ['2022-08-25', '2022-09-05'], index: 'ndvi' });
      (g.process_graph.index.arguments as Record<string, unknown>).dimension = 42;
      await expect(validateGraph(g, all)).rejects.toThrow(/not valid/);
    });
  },
);

describe('graph structure', () => {
  it('checks references offline', async () => {
    const g = indexGraph({ collection: s2, bbox, datetime: ['2022-08-25', '2022-09-05'], index: 'ndvi' });
    await expect(checkStructure(g)).resolves.toContain('normalized_difference');
    g.process_graph.index.arguments.data = { from_node: 'nowhere' };
    await expect(checkStructure(g)).rejects.toThrow(/nowhere/);
  });

  it('NDVI reads B08 and B04 as reflectance', () => {
    const g = indexGraph({
      collection: landsat,
      bbox,
      datetime: ['2022-08-25', '2022-09-05'],
      index: 'ndvi',
    });
    const load = g.process_graph.load_scene.arguments;
    expect(load.bands).toEqual(['SR_B5', 'SR_B4']);
    const reducer = (
      g.process_graph.index.arguments.reducer as {
        process_graph: Record<string, { process_id: string; arguments: Record<string, unknown> }>;
      }
    ).process_graph;
    expect(reducer.nir.arguments.label).toBe('SR_B5');
    const scaled = Object.values(reducer)
      .filter((n) => n.process_id === 'multiply')
      .map((n) => n.arguments.y);
    expect(scaled).toEqual([0.0000275, 0.0000275]);
  });

  it('rejects a bad bbox and bad dates with a hint', () => {
    expect(() =>
      indexGraph({
        collection: s2,
        bbox: [68, 26, 67, 27],
        datetime: ['2022-08-25', '2022-09-05'],
        index: 'ndvi',
      }),
    ).toThrow(/bounding box/);
    expect(() =>
      indexGraph({ collection: s2, bbox, datetime: ['2022-09-05', '2022-08-25'], index: 'ndvi' }),
    ).toThrow(/interval/);
    expect(() =>
      indexGraph({ collection: s2, bbox, datetime: ['2022-08-25', '2022-09-05'], index: 'ndvvi' }),
    ).toThrow(/Unknown index/);
  });
});
