/**
 * Every visible layer on the page: the request's layer list (scene view, result classes, boundary
 * and base-map layers) read back with poppler (each layer's legend entry and its own attribution
 * from the boundaries service) and checked in the pixels of a PNG (a river of the embedded base
 * map and India's land drawn where their lon/lat coordinates fall on the page).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { closeSharedPool } from '../../electron/engine/pool';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { composeMapPage, type MapPageRequest } from '../../electron/export/compose';
import { INSET_WINDOW } from '../../electron/export/draw-furniture';
import { exportMapFile } from '../../electron/export/map-export';
import { type BoundaryContext, boundaryContext } from '../../electron/export/zones';
import { createBoundariesService } from '../../electron/services/boundaries';
import { createJobRunner } from '../../electron/services/jobs';
import type { ExportLayer } from '../../shared/export/layers';
import { fromLonLat } from '../../shared/proj';
import { hasPoppler, POST, run, TRUTH_FLOOD, tmpDir, writeZones } from './fixtures';

if (!hasPoppler) console.warn('PDF checks skipped: install the Debian package poppler-utils.');

describe.skipIf(!hasPoppler)('map layers on the page', () => {
  let dir: string;
  let boundaries: BoundaryContext;
  let districtsId: string;
  let req: Omit<MapPageRequest, 'layers'>;
  const ATTRIBUTION = 'Test districts © OpenStreetMap contributors (ODbL)';

  beforeAll(async () => {
    dir = tmpDir();
    const service = createBoundariesService({ userDir: path.join(dir, 'b'), jobs: createJobRunner() });
    const layer = await service.add({
      location: writeZones(dir),
      level: 'district',
      name: 'Test districts',
      attribution: ATTRIBUTION,
    });
    districtsId = layer.id;
    boundaries = await boundaryContext(service);
    req = {
      scene: await loadSceneInput(POST),
      mask: TRUTH_FLOOD,
      lang: 'en',
      page: { size: 'a4', landscape: false },
      dpi: 300,
      version: '0.1.0',
      boundaries,
    };
  });
  afterAll(async () => {
    await closeSharedPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every visible layer a legend entry and its own attribution', async () => {
    const layers: ExportLayer[] = [
      { type: 'vector', id: 'ne-neighbours', opacity: 1 },
      { type: 'scene', view: 'ndwi', ramp: 'water', range: [-0.5, 0.5], opacity: 1 },
      { type: 'result', classes: ['flood'], opacity: 0.8 },
      { type: 'vector', id: 'ne-admin1', opacity: 1 },
      { type: 'vector', id: districtsId, labels: true, opacity: 1 },
      { type: 'vector', id: 'ne-rivers', opacity: 1 },
    ];
    const out = path.join(dir, 'layers.pdf');
    await exportMapFile({ ...req, layers }, out, false);
    const text = run('pdftotext', [out, '-']).replace(/\s+/g, ' ');
    for (const s of [
      'NDWI',
      '-0.50',
      '0.50',
      'Flooded (water after, not before)',
      'Map layers',
      'Neighbouring countries (Natural Earth 10m)',
      'Provinces (Natural Earth 10m)',
      'Rivers (Natural Earth 50m)',
      'Test districts',
      `Test districts: ${ATTRIBUTION}`,
      'Rivers (Natural Earth 50m): Made with Natural Earth',
      'Dadu Test',
      'Jamshoro Test',
    ])
      expect(text, s).toContain(s);
    // A hidden layer (not in the list) is neither drawn nor credited.
    expect(text).not.toContain('GeoNames');
  });

  it('draws a river and India’s land where their coordinates fall on the page', async () => {
    const dpi = 100;
    const layers: ExportLayer[] = [
      { type: 'vector', id: 'ne-neighbours', opacity: 1 },
      { type: 'scene', view: 'truecolor', opacity: 1 },
      { type: 'vector', id: 'ne-rivers', opacity: 1 },
    ];
    const r = {
      ...req,
      mask: undefined,
      layers,
      dpi,
      bbox: [66.5, 24, 72.8, 28.8] as [number, number, number, number],
    };
    const out = path.join(dir, 'layers.png');
    await exportMapFile(r, out, false);
    const content = await composeMapPage(r);
    const img = await loadImage(readFileSync(out));
    const c = createCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { frame, layout } = { frame: content.map.frame, layout: content.layout };
    const px = (lon: number, lat: number): [number, number] => {
      const [x, y] = fromLonLat(frame.crs, [[lon, lat]])[0];
      const [e0, , e2, e3] = frame.extent;
      const k = layout.map.w / (e2 - e0);
      return [((layout.map.x + (x - e0) * k) * dpi) / 72, ((layout.map.y + (e3 - y) * k) * dpi) / 72];
    };
    const near = (
      lon: number,
      lat: number,
      test: (r: number, g: number, b: number) => boolean,
      radius: number,
    ) => {
      const [x, y] = px(lon, lat).map(Math.round);
      const d = ctx.getImageData(x - radius, y - radius, 2 * radius + 1, 2 * radius + 1).data;
      let hits = 0;
      for (let i = 0; i < d.length; i += 4) if (test(d[i], d[i + 1], d[i + 2])) hits++;
      return hits;
    };
    // A vertex of the rivers layer inside the map (the Indus runs through Sindh).
    const rivers = (await boundaries.layer('ne-rivers')).fc;
    const vertex = rivers.features
      .flatMap((f) =>
        f.geometry?.type === 'MultiLineString'
          ? (f.geometry.coordinates as number[][][]).flat()
          : (f.geometry?.coordinates as number[][]),
      )
      .find(([lon, lat]) => lon > 68 && lon < 69 && lat > 25 && lat < 27.5) as number[];
    expect(vertex, 'a river vertex in the map').toBeDefined();
    const blue = (r: number, _g: number, b: number) => b > 150 && b - r > 60;
    expect(near(vertex[0], vertex[1], blue, 2)).toBeGreaterThan(0);
    // No river 0.5° west of it in the Kirthar range: the blue is the river, not the page.
    expect(near(67.2, 26.8, blue, 2)).toBe(0);
    // Rajasthan (India, 72.3°E 27.3°N) in the neighbours' land colour; Balochistan (66.9°E, 27.6°N)
    // outside the scene in the plain background.
    const land = (r: number, g: number, b: number) =>
      Math.abs(r - 228) < 6 && Math.abs(g - 224) < 6 && Math.abs(b - 214) < 6;
    expect(near(72.3, 27.3, land, 1)).toBeGreaterThan(5);
    expect(near(66.9, 27.6, land, 1)).toBe(0);
  });

  it('shows the neighbouring countries in the locator inset, around Pakistan', async () => {
    const dpi = 100;
    const r = {
      ...req,
      mask: undefined,
      dpi,
      layers: [{ type: 'scene' as const, view: 'truecolor', opacity: 1 }],
    };
    const out = path.join(dir, 'inset.png');
    await exportMapFile(r, out, false);
    const box = (await composeMapPage(r)).layout.inset;
    const img = await loadImage(readFileSync(out));
    const ctx = createCanvas(img.width, img.height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    // The inset's projection, computed here from its definition: equirectangular, x scaled by cos 30°.
    const [lo0, la0, lo1, la1] = INSET_WINDOW;
    const k = Math.cos(Math.PI / 6);
    const s = Math.min(box.w / ((lo1 - lo0) * k), box.h / (la1 - la0));
    const ox = box.x + (box.w - (lo1 - lo0) * k * s) / 2;
    const oy = box.y + (box.h - (la1 - la0) * s) / 2;
    const rgb = (lon: number, lat: number) => {
      const x = Math.round(((ox + (lon - lo0) * k * s) * dpi) / 72);
      const y = Math.round(((oy + (la1 - lat) * s) * dpi) / 72);
      return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
    };
    // Kabul (Afghanistan) and Jodhpur (India): neighbours' land; Quetta: Pakistan; the Arabian Sea: sea.
    expect(rgb(69.18, 34.53)).toEqual([241, 239, 233]);
    expect(rgb(73.02, 26.24)).toEqual([241, 239, 233]);
    expect(rgb(67.0, 30.18)).toEqual([217, 214, 204]);
    expect(rgb(63.5, 22.8)).toEqual([219, 231, 240]);
  });

  it('CLI export-map draws the embedded provinces, rivers and neighbours, and a --zones layer by id', async () => {
    const out = path.join(dir, 'cli.pdf');
    const prev = process.env.NIGAH_USER_DATA;
    process.env.NIGAH_USER_DATA = path.join(dir, 'user');
    try {
      const io = { out: () => {}, err: () => {} };
      expect(await main(['export-map', POST, '--zones', 'ne-admin0', '--out', out], io)).toBe(0);
    } finally {
      if (prev === undefined) delete process.env.NIGAH_USER_DATA;
      else process.env.NIGAH_USER_DATA = prev;
    }
    const text = run('pdftotext', [out, '-']).replace(/\s+/g, ' ');
    for (const s of [
      'Provinces (Natural Earth 10m)',
      'Rivers (Natural Earth 50m): Made with Natural Earth',
      'Neighbouring countries (Natural Earth 10m)',
      'Pakistan (Natural Earth 10m)',
      'Towns (GeoNames): Town names and places: GeoNames (CC BY 4.0)',
    ])
      expect(text, s).toContain(s);
  });
});
