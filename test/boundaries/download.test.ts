/**
 * "Download district boundaries" against a loopback server playing geoBoundaries and Overpass with
 * responses generated here in their documented shapes, and the faults a field office meets: a
 * server that never answers, a web page instead of JSON, a truncated ZIP, a dropped connection
 * (resumed with a Range request) and no network at all.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoundariesService } from '../../electron/services/boundaries';
import { createJobRunner } from '../../electron/services/jobs';
import type { BoundaryLayer } from '../../shared/contract';
import { zipFiles } from '../support/zip';

/** Two ADM2 units in geoBoundaries' GeoJSON shape (shapeName, shapeID…). */
const ADM2 = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { shapeName: 'Dadu', shapeID: 'PAK-ADM2-1', shapeType: 'ADM2' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [67, 26],
            [68, 26],
            [68, 27],
            [67, 27],
            [67, 26],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { shapeName: 'Jamshoro', shapeID: 'PAK-ADM2-2', shapeType: 'ADM2' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [67, 25],
            [68, 25],
            [68, 26],
            [67, 26],
            [67, 25],
          ],
        ],
      },
    },
  ],
};
const ADM2_BYTES = Buffer.from(JSON.stringify(ADM2));

/** One district relation whose outer ring is split over two ways, with a hole, as Overpass `out geom` returns it. */
const g = (pts: number[][]) => pts.map(([lon, lat]) => ({ lat, lon }));
const OVERPASS = {
  elements: [
    {
      type: 'relation',
      id: 123,
      tags: {
        boundary: 'administrative',
        admin_level: '6',
        name: 'ضلع دادو',
        'name:en': 'Dadu District',
        'name:ur': 'ضلع دادو',
      },
      members: [
        {
          type: 'way',
          role: 'outer',
          geometry: g([
            [67, 26],
            [68, 26],
            [68, 27],
          ]),
        },
        {
          type: 'way',
          role: 'outer',
          geometry: g([
            [67, 26],
            [67, 27],
            [68, 27],
          ]),
        },
        {
          type: 'way',
          role: 'inner',
          geometry: g([
            [67.4, 26.4],
            [67.6, 26.4],
            [67.6, 26.6],
            [67.4, 26.6],
            [67.4, 26.4],
          ]),
        },
        { type: 'node', role: 'admin_centre' },
      ],
    },
  ],
};

let mode = 'ok';
let base = '';
let dropNext = true;
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (mode === 'hang') return; // never answers
  if (url.pathname === '/gb/ADM2/') {
    if (mode === 'html')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><h1>Sign in to the Wi-Fi</h1>');
    return res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        boundaryID: 'PAK-ADM2-x',
        boundaryLicense: 'Public Domain',
        boundarySource: 'test source',
        boundaryYearRepresented: '2019',
        gjDownloadURL: `${base}/files/adm2.geojson`,
      }),
    );
  }
  if (url.pathname === '/files/adm2.geojson') {
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      return res
        .writeHead(206, {
          'content-length': ADM2_BYTES.length - start,
          'content-range': `bytes ${start}-${ADM2_BYTES.length - 1}/${ADM2_BYTES.length}`,
        })
        .end(ADM2_BYTES.subarray(start));
    }
    if (mode === 'drop' && dropNext) {
      dropNext = false;
      res.writeHead(200, { 'content-length': ADM2_BYTES.length });
      res.write(ADM2_BYTES.subarray(0, 100));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    return res.writeHead(200, { 'content-length': ADM2_BYTES.length }).end(ADM2_BYTES);
  }
  if (url.pathname === '/overpass') {
    expect(url.searchParams.get('data')).toMatch(/admin_level"="6"/);
    if (mode === 'html') return res.writeHead(200).end('<html>rate limited</html>');
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(OVERPASS));
  }
  if (url.pathname === '/files/truncated.zip') return res.writeHead(200).end(truncatedZip);
  res.writeHead(404).end('not found');
});
let truncatedZip = Buffer.alloc(0);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nigah-dl-'));

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(path.join(tmp, 'a.geojson'), JSON.stringify(ADM2));
  zipFiles(path.join(tmp, 'a.zip'), [path.join(tmp, 'a.geojson')]);
  const whole = readFileSync(path.join(tmp, 'a.zip'));
  truncatedZip = whole.subarray(0, Math.floor(whole.length / 2));
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

function service(sub: string, timeoutMs = 2000) {
  const jobs = createJobRunner();
  const svc = createBoundariesService({
    userDir: path.join(tmp, sub),
    jobs,
    endpoints: { geoboundaries: `${base}/gb`, overpass: `${base}/overpass`, timeoutMs },
  });
  return { svc, jobs };
}

describe('download district boundaries', () => {
  it('geoBoundaries ADM2: the layer is stored with the licence geoBoundaries states and its citation', async () => {
    mode = 'ok';
    const { svc, jobs } = service('gb');
    const job = await svc.download({ provider: 'geoboundaries', level: 'district' });
    const done = await jobs.settled(job.id);
    expect(done.error).toBeUndefined();
    const layer = done.result as BoundaryLayer;
    expect(layer).toMatchObject({ level: 'district', featureCount: 2, nameField: 'shapeName' });
    expect(layer.license).toMatch(/^Public Domain/);
    expect(layer.attribution).toMatch(/geoBoundaries.*Runfola et al\. 2020/);
    const fc = await svc.get(layer.id);
    expect(fc.features.map((f) => f.properties?.name)).toEqual(['Dadu', 'Jamshoro']);
  });

  it('OpenStreetMap admin_level 6: relations assembled into polygons with holes, English and Urdu names, ODbL', async () => {
    mode = 'ok';
    const { svc, jobs } = service('osm');
    const done = await jobs.settled((await svc.download({ provider: 'osm', level: 'district' })).id);
    expect(done.error).toBeUndefined();
    const layer = done.result as BoundaryLayer;
    expect(layer).toMatchObject({
      license: 'ODbL-1.0',
      attribution: '© OpenStreetMap contributors',
      nameField: 'name:en',
      nameUrField: 'name:ur',
    });
    const f = (await svc.get(layer.id)).features[0];
    expect(f.properties).toMatchObject({ name: 'Dadu District', name_ur: 'ضلع دادو' });
    const polys = f.geometry?.coordinates as number[][][][];
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2); // outer + hole
    expect(polys[0][0]).toHaveLength(5); // two ways joined into one closed ring
  });

  it('resumes a dropped download where it stopped (Range request)', async () => {
    mode = 'drop';
    dropNext = true;
    const { svc, jobs } = service('resume');
    const first = await jobs.settled(
      (await svc.download({ provider: 'geoboundaries', level: 'district' })).id,
    );
    expect(first.state).toBe('failed');
    expect(first.error?.hint).toMatch(/continues where it stopped|add a boundary file/);
    const part = readFileSync(path.join(tmp, 'resume', 'downloads', 'geoboundaries-PAK-ADM2.geojson.part'));
    expect(part.length).toBe(100);
    const second = await jobs.settled(
      (await svc.download({ provider: 'geoboundaries', level: 'district' })).id,
    );
    expect(second.error).toBeUndefined();
    expect((second.result as BoundaryLayer).featureCount).toBe(2);
  });

  it('a web page instead of JSON (captive portal, rate limit) is named as such', async () => {
    mode = 'html';
    const { svc, jobs } = service('html');
    for (const provider of ['geoboundaries', 'osm'] as const) {
      const done = await jobs.settled((await svc.download({ provider, level: 'district' })).id);
      expect(done.error).toMatchObject({
        code: 'NOT_JSON',
        message: expect.stringMatching(/a web page instead of data/),
      });
    }
  });

  it('a truncated ZIP added by URL says the ZIP is incomplete', async () => {
    mode = 'ok';
    const { svc } = service('zip');
    await expect(
      svc.add({ location: `${base}/files/truncated.zip`, level: 'district' }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      hint: expect.stringMatching(/ZIP is complete/),
    });
  });

  it('offline (nothing listening): NETWORK with the offline advice', async () => {
    const jobs = createJobRunner();
    const svc = createBoundariesService({
      userDir: path.join(tmp, 'off'),
      jobs,
      endpoints: { geoboundaries: 'http://127.0.0.1:9/gb', timeoutMs: 2000 },
    });
    const done = await jobs.settled(
      (await svc.download({ provider: 'geoboundaries', level: 'district' })).id,
    );
    expect(done.error?.code).toBe('NETWORK');
    expect(done.error?.hint).toMatch(/When offline, add a boundary file/);
  });

  it('a server that never answers: TIMEOUT, and the hint says to add a file', async () => {
    mode = 'hang';
    const { svc, jobs } = service('hang', 300);
    const done = await jobs.settled(
      (await svc.download({ provider: 'geoboundaries', level: 'district' })).id,
    );
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('TIMEOUT');
    expect(done.error?.hint).toMatch(/add a boundary file/);
  });

  it('cancel stops the download', async () => {
    mode = 'hang';
    const { svc, jobs } = service('cancel', 10_000);
    const job = await svc.download({ provider: 'osm', level: 'district' });
    await jobs.service.cancel(job.id);
    expect((await jobs.settled(job.id)).state).toBe('cancelled');
  });
});
