/**
 * The engine's --zones reads boundaries through the same reader: a zone given in UTM 42N with a
 * GeoJSON `crs` member rasterizes to the same pixels as the same zone in lon/lat, and metres
 * without a CRS are refused, naming the problem, instead of giving an empty table.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../electron/engine/compute';
import { loadZones } from '../../electron/engine/zones';
import { toLonLat } from '../../shared/proj';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-zones-'));
/** The sample scenes' 10 m grid in UTM 42N. */
const grid: Grid = { gt: [366000, 10, 0, 2934000, 0, -10], crs: 'EPSG:32642', width: 2200, height: 2000 };
/** A 5 km × 4 km rectangle inside the grid, densified so its lon/lat copy bends as UTM lines do. */
const ring: [number, number][] = [];
for (let i = 0; i <= 50; i++) ring.push([370000 + i * 100, 2920000]);
for (let i = 1; i <= 40; i++) ring.push([375000, 2920000 + i * 100]);
for (let i = 1; i <= 50; i++) ring.push([375000 - i * 100, 2924000]);
for (let i = 1; i <= 40; i++) ring.push([370000, 2924000 - i * 100]);

function write(name: string, coords: number[][], crs?: string): string {
  const file = path.join(dir, name);
  const fc = {
    type: 'FeatureCollection',
    ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: [
      { type: 'Feature', properties: { name: 'Box' }, geometry: { type: 'Polygon', coordinates: [coords] } },
    ],
  };
  writeFileSync(file, JSON.stringify(fc));
  return file;
}

const pixels = (z: { spans: { rowStart: Int32Array; x0: Int32Array; x1: Int32Array } }) =>
  JSON.stringify([...z.spans.rowStart, ...z.spans.x0, ...z.spans.x1]);

describe('engine zones from a projected file', () => {
  it('UTM 42N with a crs member gives the same pixels as lon/lat: 500 × 400 of them', async () => {
    const [utm] = await loadZones(write('utm.geojson', ring, 'urn:ogc:def:crs:EPSG::32642'), grid);
    const [ll] = await loadZones(write('ll.geojson', toLonLat('EPSG:32642', ring)), grid);
    expect(pixels(utm)).toBe(pixels(ll));
    expect(utm.spans.pixels).toBe(500 * 400);
    expect(utm.areaM2 / 1e6).toBeCloseTo(20, 1); // 5 km × 4 km on the ellipsoid, UTM scale aside
  });

  it('refuses the same metres without a CRS', async () => {
    await expect(loadZones(write('bare.geojson', ring), grid)).rejects.toMatchObject({
      code: 'UNKNOWN_CRS',
      message: expect.stringMatching(/looks projected/),
    });
  });
});
