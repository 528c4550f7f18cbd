/**
 * "Make available offline" end to end through the services: a STAC catalog served over HTTP on
 * 127.0.0.1, a scene downloaded as a job with progress, then opened from disk with the server gone.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../electron/host/paths';
import { type AppServices, createAppServices } from '../../electron/host/services';
import { startServer, type TestServer } from '../sources/server';

const ITEM = 'GF1-SYN-SINDH-20220901';
let tmp: string;
let server: TestServer;
let app: AppServices;
let sceneId: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-offline-'));
  const root = path.join(tmp, 'www');
  await fs.mkdir(path.join(root, ITEM), { recursive: true });
  await fs.cp(path.resolve('sample-data/sindh-synthetic', ITEM), path.join(root, ITEM), { recursive: true });
  await fs.writeFile(
    path.join(root, 'catalog.json'),
    JSON.stringify({
      type: 'Catalog',
      stac_version: '1.0.0',
      id: 'remote-test',
      description: 'Served over HTTP for the offline test',
      links: [
        { rel: 'root', href: './catalog.json' },
        { rel: 'item', href: `./${ITEM}/${ITEM}.json` },
      ],
    }),
  );
  // The item's root/parent links point outside this folder: make them point at our catalog.
  const itemFile = path.join(root, ITEM, `${ITEM}.json`);
  const item = JSON.parse(await fs.readFile(itemFile, 'utf8'));
  item.links = [
    { rel: 'root', href: '../catalog.json' },
    { rel: 'parent', href: '../catalog.json' },
  ];
  delete item.collection;
  await fs.writeFile(itemFile, JSON.stringify(item));
  server = await startServer({ root });
  app = createAppServices(resolvePaths({ userDataDir: path.join(tmp, 'user') }), 'web');
  const s = await app.settings.get();
  await app.settings.update({
    sources: [
      ...s.sources.map((x) => ({ ...x, enabled: false })),
      {
        id: 'remote',
        kind: 'stac',
        name: 'Remote test',
        location: `${server.url}/files/catalog.json`,
        enabled: true,
      },
    ],
  });
  const { scenes, problems } = await app.services.catalog.list();
  expect(problems).toEqual([]);
  sceneId = scenes.find((x) => x.id.endsWith(ITEM))?.id as string;
  expect(sceneId).toBeDefined();
});

afterAll(async () => {
  await server?.close().catch(() => {});
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('offline service', () => {
  it('downloads a remote scene as a job, then opens it from disk without the server', async () => {
    const remote = await app.services.catalog.get(sceneId);
    expect(remote.bands[0].href).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(await app.services.offline.list()).toEqual([]);
    const job = await app.services.offline.make(sceneId);
    expect(job.kind).toBe('offline');
    const done = await app.jobs.settled(job.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    const original = await fs.readFile(
      path.resolve('sample-data/sindh-synthetic', ITEM, 'GF1_WFV1_E67.8_N26.4_20220901_L2SYN.tif'),
    );
    expect((done.result as { bytes: number }).bytes).toBe(original.length);
    expect(await app.services.offline.list()).toEqual([sceneId]);
    await server.close();
    const local = await app.services.catalog.get(sceneId);
    expect(local.bands[0].href).toMatch(/^file:/);
    const copy = await fs.readFile(fileURLToPath(local.bands[0].href));
    expect(Buffer.compare(copy, original)).toBe(0);
    expect(await app.raster.allowFile(fileURLToPath(local.bands[0].href))).toBe(true);
    // Already offline: a second request says so instead of downloading again.
    await expect(app.services.offline.make(sceneId)).rejects.toMatchObject({
      message: /already available offline/,
    });
    await app.services.offline.remove(sceneId);
    expect(await app.services.offline.list()).toEqual([]);
  });
});
