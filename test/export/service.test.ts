/**
 * The exports service as the app calls it: a flood run on the sample pair, then its exports as
 * jobs. Files are read back independently: CSV parsed, GeoJSON and KML by OGR, the index COG by
 * gdalinfo, the PNG's header; a report job can be cancelled.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../electron/host/paths';
import { type AppServices, createAppServices } from '../../electron/host/services';
import type { AnalysisJobResult, ExportJobResult, ExportRequest } from '../../shared/contract';
import { hasGdal, run, writeZones } from './fixtures';

let tmp: string;
let app: AppServices;
let pre: string;
let post: string;
let zones: string;
let flood: AnalysisJobResult;
let floodJob: string;

async function exported(req: ExportRequest): Promise<string> {
  const job = await app.services.exports.start(req);
  const done = await app.jobs.settled(job.id);
  expect(done.error).toBeUndefined();
  expect(done.state).toBe('done');
  const { artifact } = done.result as ExportJobResult;
  return fileURLToPath(artifact.href);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-exports-'));
  app = createAppServices(resolvePaths({ userDataDir: tmp }), 'web');
  await app.services.settings.update({ producer: 'PDMA Sindh GIS cell' });
  const { scenes } = await app.services.catalog.list();
  pre = scenes.find((s) => s.id.endsWith('S2-SYN-SINDH-20220615'))?.id as string;
  post = scenes.find((s) => s.id.endsWith('S2-SYN-SINDH-20220830'))?.id as string;
  const layer = await app.services.boundaries.add({
    location: writeZones(tmp),
    level: 'district',
    nameField: 'name',
  });
  zones = layer.id;
  const job = await app.services.analysis.flood({ preId: pre, postId: post, zones });
  const done = await app.jobs.settled(job.id);
  expect(done.state).toBe('done');
  floodJob = job.id;
  flood = done.result as AnalysisJobResult;
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('exports service', () => {
  it('writes the district table as UTF-8 CSV with a BOM, sorted by flooded area, with totals', async () => {
    const file = await exported({ kind: 'csv', sceneId: post, resultJobId: floodJob });
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0].slice(0, 3)).toEqual(['district', 'flooded_km2', 'flooded_ha']);
    const body = rows.slice(1, -1);
    const expected = [...(flood.zones ?? [])].sort((a, b) => b.km2 - a.km2);
    expect(body.map((r) => r[0])).toEqual(expected.map((z) => z.name));
    body.forEach((r, i) => {
      expect(Number(r[1])).toBeCloseTo(expected[i].km2, 3);
    });
    const total = rows[rows.length - 1];
    expect(total[0]).toBe('Total');
    expect(Number(total[1])).toBeCloseTo(
      expected.reduce((a, z) => a + z.km2, 0),
      3,
    );
  });

  it.skipIf(!hasGdal)('writes polygons that OGR reads as GeoJSON and KML (gdal-bin)', async () => {
    const gj = await exported({ kind: 'geojson', sceneId: post, resultJobId: floodJob });
    const kml = await exported({ kind: 'kml', sceneId: post, resultJobId: floodJob });
    const n = (JSON.parse(readFileSync(gj, 'utf8')) as { features: unknown[] }).features.length;
    expect(n).toBeGreaterThan(0);
    expect(run('ogrinfo', ['-al', '-so', gj])).toContain(`Feature Count: ${n}`);
    expect(run('ogrinfo', ['-al', '-so', kml])).toContain(`Feature Count: ${n}`);
  });

  it.skipIf(!hasGdal)('writes an index as a COG with the engine’s writer (gdal-bin)', async () => {
    const tif = await exported({ kind: 'cog', sceneId: post, index: 'ndvi' });
    const info = run('gdalinfo', [tif]);
    expect(info).toContain('LAYOUT=COG');
    expect(info).toMatch(/Size is 2200, 2000/);
  });

  it('writes a map PNG at the chosen dpi and a small preview of the page', async () => {
    const png = await exported({
      kind: 'map-png',
      sceneId: post,
      resultJobId: floodJob,
      zones,
      dpi: 150,
      landscape: true,
    });
    const b = readFileSync(png);
    expect([b.readUInt32BE(16), b.readUInt32BE(20)]).toEqual([1754, 1240]);
    const preview = await app.services.exports.preview({
      kind: 'map-pdf',
      sceneId: post,
      resultJobId: floodJob,
      zones,
    });
    // A4 portrait at 40 dpi: 331 × 468 px.
    expect([preview.width, preview.height]).toEqual([331, 468]);
    expect(preview.href.startsWith('file:')).toBe(true);
  });

  it('cancels a report on request', async () => {
    const job = await app.services.exports.start({ kind: 'report-pdf', sceneId: post, preId: pre, zones });
    const cancelled = await app.services.jobs.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
  });
});
