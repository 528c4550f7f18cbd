/**
 * The graphs Nigah emits, run by the local executor, equal the engine's direct results: NDVI against
 * `nigah index`, the flood pipeline against `nigah flood` (same thresholds), on the sample flood pair.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as floodCmd } from '../../electron/cli/commands/flood';
import { command as indexCmd } from '../../electron/cli/commands/index';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { executeGraph } from '../../electron/openeo/executor';
import { indexGraph } from '../../shared/openeo/analyses';
import { getCollection } from '../../shared/openeo/collections';
import { floodGraph } from '../../shared/openeo/flood';
import type { Scene } from '../../shared/scene';
import { BBOX, maxDiff, POST_ITEM, PRE_ITEM, readRaster } from './helpers';

const io = { out: () => {}, err: () => {} };
let dir: string;
let scenes: Scene[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nigah-openeo-'));
  scenes = [await loadSceneInput(PRE_ITEM), await loadSceneInput(POST_ITEM)];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const s2 = getCollection('SENTINEL2_L2A');

describe('local execution equals the direct engine', () => {
  it('NDVI graph = nigah index --index ndvi (within 1e-6)', async () => {
    const direct = join(dir, 'ndvi-cli.tif');
    expect(await indexCmd.run([POST_ITEM, '--index', 'ndvi', '--out', direct], io)).toBe(0);
    const graph = indexGraph({
      collection: s2,
      bbox: BBOX,
      datetime: ['2022-08-25', '2022-09-05'],
      index: 'ndvi',
    });
    const r = await executeGraph(graph, { scenes, out: join(dir, 'ndvi-graph.tif') });
    expect(r.dataType).toBe('float32');
    expect(r.width * r.height).toBeGreaterThan(10_000);
    const d = maxDiff(readRaster(r.out), readRaster(direct));
    expect(d.nanMismatch).toBe(0);
    expect(d.max).toBeLessThanOrEqual(1e-6);
  });

  it('flood graph = nigah flood (flood and flooded cropland, pixel for pixel)', async () => {
    const out = join(dir, 'flood-cli');
    const args = [
      '--pre',
      PRE_ITEM,
      '--post',
      POST_ITEM,
      '--index',
      'mndwi',
      '--threshold',
      '0.05',
      '--pre-threshold',
      '0',
    ];
    expect(await floodCmd.run([...args, '--ndvi-threshold', '0.3', '--out-dir', out], io)).toBe(0);
    const graph = floodGraph({
      collection: s2,
      bbox: BBOX,
      pre: ['2022-06-10', '2022-06-20'],
      post: ['2022-08-25', '2022-09-05'],
      index: 'mndwi',
      threshold: 0.05,
      preThreshold: 0,
      ndviThreshold: 0.3,
    });
    const r = await executeGraph(graph, { scenes, out: join(dir, 'flood-graph.tif') });
    expect(r.bands).toEqual(['flood', 'flooded_cropland']);
    expect(r.dataType).toBe('uint8');
    const mine = readRaster(r.out);
    const flood = maxDiff(mine, readRaster(join(out, 'flood.tif')), 0);
    const crop = maxDiff(mine, readRaster(join(out, 'flooded-cropland.tif')), 1);
    expect([flood.max, flood.nanMismatch, crop.max, crop.nanMismatch]).toEqual([0, 0, 0, 0]);
    // The box holds flooded pixels, dry pixels and clouds (255): the comparison is not vacuous.
    const values = new Set(Array.from(mine.bands[0]));
    expect([...values].sort()).toEqual([0, 1, 255]);
  });

  it('names the process it does not run', async () => {
    const graph = indexGraph({
      collection: s2,
      bbox: BBOX,
      datetime: ['2022-08-25', '2022-09-05'],
      index: 'ndvi',
    });
    graph.process_graph.index.process_id = 'apply_kernel';
    await expect(executeGraph(graph, { scenes, out: join(dir, 'x.tif') })).rejects.toThrow(
      /does not run the process "apply_kernel"/,
    );
  });

  it('says which scenes it has when none matches the dates', async () => {
    const graph = indexGraph({
      collection: s2,
      bbox: BBOX,
      datetime: ['2021-01-01', '2021-02-01'],
      index: 'ndvi',
    });
    await expect(executeGraph(graph, { scenes, out: join(dir, 'y.tif') })).rejects.toThrow(/No local scene/);
  });
});
