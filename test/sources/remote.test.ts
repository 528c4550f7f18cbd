import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAvailableOffline } from '../../electron/cache/offline';
import { RangeCache } from '../../electron/cache/range-cache';
import { createCatalogService } from '../../electron/services/catalog';
import { offlineDir } from '../../electron/sources/access';
import { fetchJson } from '../../electron/sources/http';
import { walkStaticCatalog } from '../../electron/sources/stac-static';
import { readPreview, readTiffHeader } from '../../electron/sources/tiff';
import { makeStaticCatalog, settingsWith, tempDir, writeCogFile } from './helpers';
import { closedPort, startServer, type TestServer } from './server';

let srv: TestServer;
const root = tempDir();
makeStaticCatalog(root);
// A bigger COG with overviews (512 px, 64-px tiles) for range/overview tests.
writeCogFile(path.join(root, 'big.tif'), {
  width: 512,
  height: 512,
  bands: 3,
  tileSize: 64,
  value: (x, y, b) => ((x * 7 + y * 3 + b * 11) % 4000) + 1,
});

beforeAll(async () => {
  srv = await startServer({ root });
});
afterAll(async () => {
  await srv.close();
});

const cache = (maxBytes = 64 * 1024 * 1024, blockSize?: number): RangeCache =>
  new RangeCache({ dir: tempDir('nigah-rc-'), maxBytes, blockSize, timeoutMs: 2000 });

describe('static STAC catalog over HTTP', () => {
  it('walks catalog → collection → items through relative links and reads headers by range', async () => {
    const svc = createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'web', kind: 'stac', location: `${srv.url}/files/catalog.json` }]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
    });
    const list = await svc.list();
    expect(list.scenes.map((s) => s.id).sort()).toEqual(['web:a', 'web:b']);
    expect(list.problems.map((p) => p.code)).toEqual(['INVALID_STAC']);
    const b = await svc.get('web:b');
    expect(b.bands[0].href).toBe(`${srv.url}/files/test/b/b.tif`);
    expect([b.bands[0].width, b.bands[0].height]).toEqual([64, 48]);
    expect(b.crs).toBe('EPSG:32642');
    expect(srv.log.some((l) => l.startsWith('GET /files/test/b/b.tif bytes=0-'))).toBe(true);
  });
});

describe('range cache', () => {
  it('returns exactly the requested bytes, then serves them from disk with no request', async () => {
    const rc = cache(64 * 1024 * 1024, 4096);
    const file = readFileSync(path.join(root, 'big.tif'));
    const href = `${srv.url}/files/big.tif`;
    const r = await rc.readRange(href, 5000, 20_000);
    expect(r.totalSize).toBe(file.length);
    expect(Buffer.from(r.bytes).equals(file.subarray(5000, 20_001))).toBe(true);
    const before = srv.log.length;
    const again = await rc.readRange(href, 6000, 7000);
    expect(Buffer.from(again.bytes).equals(file.subarray(6000, 7001))).toBe(true);
    expect(srv.log.length).toBe(before);
    // To the end of the file, clamped.
    const tail = await rc.readRange(href, file.length - 10);
    expect(Buffer.from(tail.bytes).equals(file.subarray(file.length - 10))).toBe(true);
  });

  it('concurrent readers of one block share one request', async () => {
    const rc = cache(64 * 1024 * 1024, 8192);
    const href = `${srv.url}/files/big.tif?c=1`;
    const before = srv.log.length;
    await Promise.all([
      rc.readRange(href, 0, 100),
      rc.readRange(href, 50, 900),
      rc.readRange(href, 4000, 8000),
    ]);
    expect(srv.log.length - before).toBe(1);
  });

  it('keeps under its size cap by evicting least recently used blocks', async () => {
    const rc = cache(3 * 4096, 4096);
    const href = `${srv.url}/files/big.tif?c=2`;
    for (let i = 0; i < 8; i++) await rc.readRange(href, i * 4096, i * 4096 + 10);
    expect(await rc.usedBytes()).toBeLessThanOrEqual(3 * 4096);
    expect(rc.stats.evictedBlocks).toBeGreaterThan(0);
    // The newest block is still there: no request.
    const before = srv.log.length;
    await rc.readRange(href, 7 * 4096, 7 * 4096 + 5);
    expect(srv.log.length).toBe(before);
  });

  it('a remote file that changed (new size) invalidates its cached blocks when next contacted', async () => {
    const rc = cache(64 * 1024 * 1024, 4096);
    const file = path.join(root, 'changing.bin');
    writeFileSync(file, Buffer.alloc(50_000, 1));
    const href = `${srv.url}/files/changing.bin`;
    expect((await rc.readRange(href, 0, 9)).bytes[0]).toBe(1);
    writeFileSync(file, Buffer.alloc(60_000, 2));
    // Reading an uncached block contacts the server, which reveals the change...
    expect((await rc.readRange(href, 40_000, 40_009)).bytes[0]).toBe(2);
    // ...and the stale first block is gone.
    const r = await rc.readRange(href, 0, 9);
    expect(r.bytes[0]).toBe(2);
    expect(r.totalSize).toBe(60_000);
  });

  it('a connection dropped mid-range is a NETWORK error, and nothing partial is cached', async () => {
    const rc = cache();
    const href = `${srv.url}/drop/big.tif`;
    await expect(rc.readRange(href, 0, 50_000)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await rc.usedBytes()).toBe(0);
  });

  it('cached ranges stay readable offline (server gone)', async () => {
    const s2 = await startServer({ root });
    const rc = cache(64 * 1024 * 1024, 4096);
    const href = `${s2.url}/files/big.tif`;
    const first = await rc.readRange(href, 0, 1000);
    await s2.close();
    const second = await rc.readRange(href, 0, 1000);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    await expect(rc.readRange(href, 40_000, 40_100)).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

describe('remote COG', () => {
  it('opens to the coarsest overview with the header request plus at most 2 range requests', async () => {
    const rc = cache();
    const href = `${srv.url}/files/big.tif`;
    const before = srv.log.length;
    const p = await readPreview(href, { cache: rc, minWidth: 64 });
    const requests = srv.log.slice(before).filter((l) => l.includes('/files/big.tif'));
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(p.level).toBeGreaterThan(0);
    expect(p.width).toBe(64);
    expect(p.data).toHaveLength(3);
    // Overview = average of 8x8 blocks; pixel values are < 4001 and > 0.
    expect(Math.max(...Array.from(p.data[0]))).toBeLessThan(4001);
  });

  it('header of a remote COG: size, overviews, tiling, CRS', async () => {
    const h = await readTiffHeader(`${srv.url}/files/big.tif`, { cache: cache() });
    expect([h.width, h.height, h.samples, h.tiled, h.blockWidth]).toEqual([512, 512, 3, true, 64]);
    expect(h.overviews.map((o) => o.width)).toEqual([256, 128, 64]);
    expect(h.crs).toBe('EPSG:32642');
    expect(h.fileSize).toBe(readFileSync(path.join(root, 'big.tif')).length);
  });
});

describe('network faults become errors a user can act on', () => {
  it('unreachable host (closed port) → NETWORK naming the host', async () => {
    const port = await closedPort();
    await expect(
      fetchJson(`http://127.0.0.1:${port}/catalog.json`, { timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('a server that never answers → TIMEOUT after the timeout option', async () => {
    const t0 = Date.now();
    await expect(fetchJson(`${srv.url}/hang`, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('HTTP 404 and 500 → HTTP with the status', async () => {
    await expect(fetchJson(`${srv.url}/status/404`)).rejects.toMatchObject({
      code: 'HTTP',
      details: { status: 404 },
    });
    await expect(fetchJson(`${srv.url}/status/500`)).rejects.toMatchObject({
      code: 'HTTP',
      details: { status: 500 },
      hint: expect.stringMatching(/server/),
    });
  });

  it('HTML where JSON was expected → NOT_JSON saying it is a web page', async () => {
    await expect(walkStaticCatalog(`${srv.url}/html/catalog.json`)).rejects.toMatchObject({
      code: 'NOT_JSON',
      message: expect.stringMatching(/web page \(HTML\)/),
    });
  });

  it('a source that times out is a problem of that source; the others still list', async () => {
    const svc = createCatalogService({
      getSettings: async () =>
        settingsWith([
          { id: 'slow', kind: 'stac', location: `${srv.url}/hang/catalog.json` },
          { id: 'ok', kind: 'stac', location: `${srv.url}/files/catalog.json` },
        ]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
      timeoutMs: 300,
    });
    const list = await svc.list();
    expect(list.scenes.map((s) => s.id).sort()).toEqual(['ok:a', 'ok:b']);
    expect(list.problems.find((p) => p.source === 'slow')?.code).toBe('TIMEOUT');
  });
});

describe('working offline', () => {
  it('a remote source that went away lists its last known scenes; a scene made available offline still opens', async () => {
    const s2 = await startServer({ root });
    const cacheDir = tempDir('nigah-cache-');
    const svc = createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'web', kind: 'stac', location: `${s2.url}/files/catalog.json` }]),
      sampleDataDir: tempDir(),
      cacheDir,
      offlineDir: offlineDir(cacheDir),
      timeoutMs: 2000,
    });
    expect((await svc.list()).scenes).toHaveLength(2);
    const online = await svc.get('web:a');
    await makeAvailableOffline(online, { dir: offlineDir(cacheDir) });
    await s2.close();
    const list = await svc.list();
    expect(list.scenes.map((s) => s.id).sort()).toEqual(['web:a', 'web:b']);
    expect(list.problems[0]).toMatchObject({ code: 'NETWORK', source: 'web' });
    expect(list.problems[0].message).toMatch(/Showing the 2 scene\(s\) listed on/);
    const a = await svc.get('web:a');
    expect(a.bands.every((b) => b.href.startsWith('file://'))).toBe(true);
    expect(a.bands[0].width).toBe(64);
    // A fresh service (app restart) still knows the list.
    const again = createCatalogService({
      getSettings: async () =>
        settingsWith([{ id: 'web', kind: 'stac', location: `${s2.url}/files/catalog.json` }]),
      sampleDataDir: tempDir(),
      cacheDir,
      offlineDir: offlineDir(cacheDir),
      timeoutMs: 2000,
    });
    expect((await again.list()).scenes).toHaveLength(2);
    expect((await again.get('web:a')).bands[0].href).toMatch(/^file:/);
  });
});
