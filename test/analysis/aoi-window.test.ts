/**
 * An area of interest as the analysis window: the sub-grid arithmetic against hand-worked grids,
 * and a water run limited to a window counting exactly the generated water pixels inside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWater } from '../../electron/engine/analysis';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { type LonLatBox, windowGrid } from '../../shared/analysis/window';
import { projDef } from '../../shared/proj';
import { type Cover, ORIGIN_X, ORIGIN_Y, writeScene } from './fixtures';

describe('windowGrid', () => {
  // 0.01° pixels from 67° E, 27° N: 200 × 200 pixels cover 67–69° E, 25–27° N.
  const grid = {
    crs: 'EPSG:4326',
    width: 200,
    height: 200,
    gt: [67, 0.01, 0, 27, 0, -0.01] as [number, number, number, number, number, number],
  };

  it('takes every pixel the box touches', () => {
    // Columns (67.505 − 67) / 0.01 = 50.5 → 50 to 59.5 → 60; rows (27 − 26.495) / 0.01 = 50.5 → 50 to 99.5 → 100.
    const w = windowGrid(grid, [67.505, 26.005, 67.595, 26.495]);
    expect(w.width).toBe(10);
    expect(w.height).toBe(50);
    expect(w.gt[0]).toBeCloseTo(67.5, 12);
    expect(w.gt[3]).toBeCloseTo(26.5, 12);
    expect([w.gt[1], w.gt[5]]).toEqual([0.01, -0.01]);
  });

  it('clamps to the grid and refuses a box off it', () => {
    const w = windowGrid(grid, [66, 24, 67.055, 25.045]);
    // Columns 0 to ceil(5.5) = 6; rows floor(195.5) = 195 to 200.
    expect([w.width, w.height]).toEqual([6, 5]);
    expect(w.gt[0]).toBe(67);
    expect(w.gt[3]).toBeCloseTo(25.05, 12);
    expect(() => windowGrid(grid, [70, 20, 71, 21] as LonLatBox)).toThrow(/does not overlap/);
    expect(() => windowGrid(grid, [68, 26, 67, 27] as LonLatBox)).toThrow(/empty/);
  });
});

describe('a water run limited to an area of interest', () => {
  const W = 120;
  const H = 80;
  /** River in columns 40–59, crops elsewhere. */
  const cover = (x: number): Cover => (x >= 40 && x < 60 ? 'water' : 'crop');
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nigah-aoi-'));
    writeScene(join(dir, 'scene'), W, H, (x) => cover(x));
  });
  afterAll(async () => {
    await closeSharedPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts only the water pixels inside the window', async () => {
    // The UTM rectangle of columns 30–90 and rows 20–60 (inset 2 m), as a lon/lat box.
    const toLonLat = proj4(projDef('EPSG:32642'), projDef('EPSG:4326'));
    const corners = [
      [ORIGIN_X + 302, ORIGIN_Y - 202],
      [ORIGIN_X + 898, ORIGIN_Y - 202],
      [ORIGIN_X + 302, ORIGIN_Y - 598],
      [ORIGIN_X + 898, ORIGIN_Y - 598],
    ].map((p) => toLonLat.forward(p));
    const box: LonLatBox = [
      Math.min(...corners.map((c) => c[0])),
      Math.min(...corners.map((c) => c[1])),
      Math.max(...corners.map((c) => c[0])),
      Math.max(...corners.map((c) => c[1])),
    ];
    const scene = await loadSceneInput(join(dir, 'scene', 'item.json'));
    const r = await computeWater(scene, { window: box, threshold: 0 });
    const c0 = Math.round((r.grid.gt[0] - ORIGIN_X) / 10);
    const r0 = Math.round((ORIGIN_Y - r.grid.gt[3]) / 10);
    // The lon/lat box is slightly larger than the UTM rectangle (meridian convergence): ±1 pixel.
    expect(Math.abs(c0 - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(r0 - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(c0 + r.grid.width - 90)).toBeLessThanOrEqual(1);
    expect(Math.abs(r0 + r.grid.height - 60)).toBeLessThanOrEqual(1);
    let water = 0;
    for (let x = c0; x < c0 + r.grid.width; x++) if (cover(x) === 'water') water += r.grid.height;
    expect(r.counts.yes).toBe(water);
    expect(r.counts.yes + r.counts.no + r.counts.nodata).toBe(r.grid.width * r.grid.height);
    expect(r.area.m2).toBe(water * 100);
  });
});
