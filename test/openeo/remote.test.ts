/**
 * Remote runs against the loopback openEO backend (test/openeo/server.ts), through
 * @openeo/js-client: sign-in (basic, OIDC client credentials, device flow), submit, follow,
 * download, district table; and the faults: a failing job with its log, an expired token, a
 * backend lacking a process (refused before submitting), a download dropped mid-file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSceneInput } from '../../electron/engine/scene-input';
import { Backend, type BackendOptions } from '../../electron/openeo/remote';
import { downloadJobResults, followJob, zoneTables } from '../../electron/openeo/run';
import { buildGraph } from '../../shared/openeo/request';
import { toLonLat } from '../../shared/proj';
import type { Scene } from '../../shared/scene';
import { BBOX, POST_ITEM, PRE_ITEM, readRaster } from './helpers';
import { CREDENTIALS, type OpenEOTestServer, SPECS_DIR, startOpenEOServer } from './server';

const hasSpecs = existsSync(SPECS_DIR);
let dir: string;
let scenes: Scene[];
let server: OpenEOTestServer;

const flood = buildGraph({
  analysis: 'flood',
  collection: 'SENTINEL2_L2A',
  bbox: BBOX,
  pre: ['2022-06-10', '2022-06-20'],
  post: ['2022-08-25', '2022-09-05'],
  threshold: 0.05,
  preThreshold: 0,
});
const fast = { pollMs: 20 };

function basic(): BackendOptions {
  return {
    url: server.url,
    auth: { kind: 'basic', username: CREDENTIALS.basic.name, password: CREDENTIALS.basic.password },
  };
}

/** Two zones, the west and east halves of the raster, as lon/lat polygons in a GeoJSON file. */
function zonesFile(r: ReturnType<typeof readRaster>): string {
  const [x0, px, , y0, , py] = r.gt;
  const half = Math.floor(r.width / 2);
  const ring = (c0: number, c1: number) =>
    toLonLat('EPSG:32642', [
      [x0 + c0 * px, y0],
      [x0 + c1 * px, y0],
      [x0 + c1 * px, y0 + r.height * py],
      [x0 + c0 * px, y0 + r.height * py],
      [x0 + c0 * px, y0],
    ]);
  const feature = (id: string, c0: number, c1: number) => ({
    type: 'Feature',
    properties: { id, name: id },
    geometry: { type: 'Polygon', coordinates: [ring(c0, c1)] },
  });
  const file = join(dir, 'halves.geojson');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('west', 0, half), feature('east', half, r.width)],
    }),
  );
  return file;
}

describe.skipIf(!hasSpecs)(
  'openEO remote runs (loopback backend; needs ../shared/data/openeo-processes)',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'nigah-openeo-remote-'));
      scenes = [await loadSceneInput(PRE_ITEM), await loadSceneInput(POST_ITEM)];
      server = await startOpenEOServer(scenes, dir);
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('submits a flood job, follows it, downloads the masks and tabulates districts', async () => {
      const b = await Backend.connect(basic());
      const id = await b.submit(flood, 'Flood near Manchar');
      const seen: string[] = [];
      const s = await followJob(b, id, { ...fast, onStatus: (x) => seen.push(x.status) });
      expect(s.status).toBe('finished');
      expect(seen).toContain('finished');
      const [scene] = await downloadJobResults(b, id, { dir: join(dir, 'store') });
      const local = fileURLToPath(scene.bands[0].href);
      // The downloaded file is the backend's result, byte for byte.
      expect(readFileSync(local).equals(readFileSync(server.jobs.get(id)!.file!))).toBe(true);
      expect(readRaster(local).bands.length).toBe(2);
      const tables = await zoneTables(scene, zonesFile(readRaster(local)));
      expect(tables.map((t) => t.band)).toEqual([1, 2]);
      // Independent count: the zones are the raster's west and east halves (pixel edges), so their
      // flooded pixels are the 1s of each half of the mask counted directly.
      const r = readRaster(local);
      const half = Math.floor(r.width / 2);
      const ones = (b: number, west: boolean) => {
        let n = 0;
        for (let y = 0; y < r.height; y++)
          for (let x = west ? 0 : half; x < (west ? half : r.width); x++)
            if (r.bands[b][y * r.width + x] === 1) n++;
        return n;
      };
      expect(tables[0].zones.map((z) => z.maskPixels)).toEqual([ones(0, true), ones(0, false)]);
      expect(tables[1].zones.map((z) => z.maskPixels)).toEqual([ones(1, true), ones(1, false)]);
      expect(ones(0, true) + ones(0, false)).toBeGreaterThan(100);
    });

    it('signs in with OIDC client credentials and with the device flow', async () => {
      const cc = await Backend.connect({
        url: server.url,
        auth: {
          kind: 'oidc-client-credentials',
          clientId: CREDENTIALS.oidc.clientId,
          clientSecret: CREDENTIALS.oidc.clientSecret,
        },
      });
      expect((await cc.call((c) => c.listJobs())).length).toBeGreaterThanOrEqual(0);
      let code = '';
      const dev = await Backend.connect({
        url: server.url,
        auth: { kind: 'oidc-device', clientId: 'nigah' },
        onDeviceCode: (_u, c) => (code = c),
      });
      expect(code).toBe('NIGAH-42');
      await expect(dev.call((c) => c.listJobs())).resolves.toBeDefined();
    });

    it('refuses wrong credentials with a hint', async () => {
      await expect(
        Backend.connect({ url: server.url, auth: { kind: 'basic', username: 'analyst', password: 'wrong' } }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        hint: expect.stringMatching(/Settings/),
      });
    });

    it('fault: a job that errors shows its log', async () => {
      const b = await Backend.connect(basic());
      const bad = buildGraph({
        analysis: 'index',
        index: 'ndvi',
        collection: 'SENTINEL2_L2A',
        bbox: BBOX,
        datetime: ['2019-01-01', '2019-02-01'],
      });
      const id = await b.submit(bad, 'No scenes');
      await expect(followJob(b, id, fast)).rejects.toThrow(/failed on .*No local scene for SENTINEL2_L2A/);
    });

    it('fault: an expired token is renewed by signing in again', async () => {
      const b = await Backend.connect(basic());
      const id = await b.submit(
        buildGraph({
          analysis: 'index',
          index: 'ndvi',
          collection: 'SENTINEL2_L2A',
          bbox: BBOX,
          datetime: ['2022-08-25', '2022-09-05'],
        }),
        'NDVI',
      );
      const before = server.logins;
      server.expireTokens();
      expect((await followJob(b, id, fast)).status).toBe('finished');
      expect(server.logins).toBe(before + 1);
    });

    it('fault: a backend lacking a process is refused before submitting, naming it', async () => {
      server.faults.withoutProcesses = ['merge_cubes'];
      try {
        const b = await Backend.connect(basic());
        const jobsBefore = server.jobs.size;
        await expect(b.submit(flood, 'Flood')).rejects.toThrow(/lacks the process merge_cubes/);
        expect(server.jobs.size).toBe(jobsBefore);
      } finally {
        server.faults.withoutProcesses = undefined;
      }
    });

    it('fault: a download dropped mid-file resumes with a Range request', async () => {
      const b = await Backend.connect(basic());
      const id = await b.submit(flood, 'Flood');
      await followJob(b, id, fast);
      server.faults.dropAfterBytes = 3000;
      server.ranges.length = 0;
      try {
        const [scene] = await downloadJobResults(b, id, { dir: join(dir, 'store-drop') });
        expect(server.ranges).toEqual(['bytes=3000-']);
        expect(
          readFileSync(fileURLToPath(scene.bands[0].href)).equals(readFileSync(server.jobs.get(id)!.file!)),
        ).toBe(true);
      } finally {
        server.faults.dropAfterBytes = undefined;
      }
    });
  },
);
