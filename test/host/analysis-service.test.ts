/**
 * The app's analysis jobs run the engine on the sample flood pair and must agree with the sample
 * ground truth (flooded area within 1 %), name the districts it falls in, and leave readable files.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../electron/host/paths';
import { type AppServices, createAppServices } from '../../electron/host/services';
import type { AnalysisJobResult } from '../../shared/contract';
import { DISTRICTS_TOPOJSON, needsSharedData } from '../support/shared-data';

const truth = JSON.parse(readFileSync('sample-data/sindh-synthetic/truth/truth.json', 'utf8')) as {
  flooded_area: { km2: number };
  flooded_cropland_area: { km2: number };
  pixels: { post_water_visible: number; cloud_post: number };
};

let tmp: string;
let app: AppServices;
let pre: string;
let post: string;
/** The 2023-census districts from ../shared/data added as a user would; without them, provinces. */
let zones = 'ne-admin1';
let inDistrict = 'Sindh';

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-analysis-'));
  app = createAppServices(resolvePaths({ userDataDir: tmp }), 'web');
  const { scenes } = await app.services.catalog.list();
  pre = scenes.find((s) => s.id.endsWith('S2-SYN-SINDH-20220615'))?.id as string;
  post = scenes.find((s) => s.id.endsWith('S2-SYN-SINDH-20220830'))?.id as string;
  expect(pre && post).toBeTruthy();
  if (existsSync(DISTRICTS_TOPOJSON)) {
    const layer = await app.services.boundaries.add({
      location: DISTRICTS_TOPOJSON,
      layer: 'districts',
      level: 'district',
    });
    zones = layer.id;
    inDistrict = 'Jamshoro';
  } else console.warn(`Per-district checks use provinces: ${needsSharedData('vector')}.`);
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('analysis service', () => {
  it('maps the sample flood per district, within 1 % of the ground truth', async () => {
    const job = await app.services.analysis.flood({ preId: pre, postId: post, zones });
    expect(job.state).toBe('running');
    const done = await app.jobs.settled(job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    const r = done.result as AnalysisJobResult;
    const area = (r.summary.area as { km2: number }).km2;
    expect(Math.abs(area - truth.flooded_area.km2) / truth.flooded_area.km2).toBeLessThan(0.01);
    const crop = (r.summary.cropland as { km2: number }).km2;
    expect(Math.abs(crop - truth.flooded_cropland_area.km2) / truth.flooded_cropland_area.km2).toBeLessThan(
      0.02,
    );
    // Manchar lake lies in Jamshoro; the scene reaches into Dadu too.
    const names = (r.zones ?? []).map((z) => z.name);
    expect(names).toContain(inDistrict);
    // Without districts the table is per province and says how to get districts.
    if (zones === 'ne-admin1') expect(r.zonesNote).toMatch(/per province.*Sources → Boundaries/);
    else expect(r.zonesNote).toBeUndefined();
    const zoneSum = (r.zones ?? []).reduce((s, z) => s + z.km2, 0);
    expect(zoneSum).toBeLessThanOrEqual(area * 1.0001);
    // Files the user can save, and the mask the map draws.
    const byName = Object.fromEntries(r.artifacts.map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining(['flood.tif', 'flood.geojson', 'zones.csv', 'summary.json']),
    );
    const csv = readFileSync(fileURLToPath(byName['zones.csv'].href), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^\uFEFFzone_id,name,zone_km2/);
    expect(csv).toContain(inDistrict);
    const maskFile = readFileSync(fileURLToPath(r.mask.href));
    const tiff = await fromArrayBuffer(
      maskFile.buffer.slice(maskFile.byteOffset, maskFile.byteOffset + maskFile.byteLength),
    );
    const img = await tiff.getImage();
    expect([img.getWidth(), img.getHeight()]).toEqual([r.mask.width, r.mask.height]);
    expect(r.mask.crs).toBe('EPSG:32642');
    // The raster endpoint may serve results (they live in the app's own results folder).
    const settings = await app.settings.get();
    expect(settings).toBeTruthy();
    expect(await app.raster.allowFile(fileURLToPath(r.mask.href))).toBe(true);
  });

  it('cancels a running job', async () => {
    const job = await app.services.analysis.flood({ preId: pre, postId: post });
    const cancelled = await app.services.jobs.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    expect((await app.services.jobs.list()).map((j) => j.id)).toContain(job.id);
  });

  it('names the missing band when the scene cannot give the index', async () => {
    const { scenes } = await app.services.catalog.list();
    const gf1 = scenes.find((s) => /GF1/i.test(s.id));
    expect(gf1).toBeDefined();
    const job = await app.services.analysis.water({ sceneId: gf1?.id as string, index: 'mndwi' });
    const done = await app.jobs.settled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('MISSING_BAND');
    expect(done.error?.message).toMatch(/swir16|SWIR/);
  });

  it('maps water on GF-1 (no SWIR) with NDWI by default, per district', async () => {
    const { scenes } = await app.services.catalog.list();
    const gf1 = scenes.find((s) => /GF1/i.test(s.id)) as { id: string };
    const job = await app.services.analysis.water({ sceneId: gf1.id, zones });
    const done = await app.jobs.settled(job.id);
    expect(done.error).toBeUndefined();
    const r = done.result as AnalysisJobResult;
    expect(r.summary.index).toBe('NDWI');
    // Two days after the S2 post scene the same water (lake, river, flood) is seen under other,
    // fewer clouds: at least about the water S2 saw, at most that plus everything under S2's clouds.
    const km2 = (r.summary.area as { km2: number }).km2;
    const visible = (truth.pixels.post_water_visible * 100) / 1e6;
    const clouded = (truth.pixels.cloud_post * 100) / 1e6;
    expect(km2).toBeGreaterThan(0.9 * visible);
    expect(km2).toBeLessThan(visible + clouded);
    expect(r.mask.geotransform[1]).toBe(16);
    expect((r.zones ?? []).map((z) => z.name)).toContain(inDistrict);
  });

  it('rejects an unknown boundary layer before starting', async () => {
    await expect(
      app.services.analysis.flood({ preId: pre, postId: post, zones: 'nope' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
