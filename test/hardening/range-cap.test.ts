/**
 * A server that ignores Range (like `python3 -m http.server`) sends the whole file for a 100-byte
 * request. The proxy must read only up to the requested part, close the connection, keep the cache
 * to the requested blocks, and tell the user once for that host.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RangeCache } from '../../electron/cache/range-cache';
import { createCatalogService } from '../../electron/services/catalog';
import { settingsWith, stacItem, tempDir } from '../sources/helpers';

const SIZE = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;
// Byte i of the "file" is (i * 7 + (i >> 13)) & 255, so any slice can be checked without the file.
const byteAt = (i: number) => (i * 7 + (i >> 13)) & 255;
let server: http.Server;
/** A one-item static catalog whose asset is the big file (no proj fields: its header is read). */
const JSON_DOCS: Record<string, unknown> = {
  '/catalog.json': {
    type: 'Catalog',
    stac_version: '1.0.0',
    id: 'root',
    description: 'range ignored',
    links: [{ rel: 'item', href: './x.json' }],
  },
  '/x.json': stacItem('x', {
    red: {
      href: './big-item.tif',
      type: 'image/tiff; application=geotiff',
      roles: ['data'],
      'eo:bands': [{ name: 'B04', common_name: 'red' }],
    },
  }),
};
let base: string;
const sent: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const json = JSON_DOCS[req.url ?? ''];
    if (json)
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    // Range is ignored on purpose: always 200 with the whole (generated) file, with backpressure.
    res.writeHead(200, { 'content-type': 'image/tiff', 'content-length': SIZE });
    let pos = 0;
    const slot = sent.push(0) - 1;
    const pump = () => {
      while (pos < SIZE && !res.destroyed) {
        const chunk = Buffer.allocUnsafe(CHUNK);
        for (let k = 0; k < CHUNK; k++) chunk[k] = byteAt(pos + k);
        pos += CHUNK;
        sent[slot] = pos;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (pos >= SIZE) res.end();
    };
    req.socket.on('close', () => res.destroy());
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function dirBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) n += (await fs.stat(path.join(e.parentPath, e.name))).size;
  return n;
}

describe('remote range proxy against a server that ignores Range', () => {
  it('reads only the requested part, bounded in memory and cache, with a notice for the host', async () => {
    const dir = tempDir('nigah-rc-cap-');
    const rc = new RangeCache({ dir, maxBytes: 512 * 1024 * 1024, timeoutMs: 20_000 });
    const rss0 = process.memoryUsage().rss;
    const starts = [1000, 5_000_000, 20_000_000, 3_000_000, 9_000_000, 12_345_678];
    const results = await Promise.all(starts.map((s, i) => rc.readRange(`${base}/big-${i}.tif`, s, s + 99)));
    const grown = process.memoryUsage().rss - rss0;
    results.forEach((r, i) => {
      expect(r.totalSize).toBe(SIZE);
      expect(r.bytes.length).toBe(100);
      expect([...r.bytes]).toEqual(Array.from({ length: 100 }, (_, k) => byteAt(starts[i] + k)));
    });
    // Six whole-file reads would have buffered 1.5 GB; the connections were closed early instead.
    expect(grown).toBeLessThan(300 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 200));
    for (const n of sent) expect(n).toBeLessThan(64 * 1024 * 1024);
    // Only the requested blocks (64 KiB each, at most two per read) and metadata are cached.
    expect(await dirBytes(dir)).toBeLessThan(starts.length * 2 * 65536 + 64 * 1024);
    const notices = rc.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/127\.0\.0\.1:\d+ ignores range requests/);
    // Read again: served from the cache, no new request.
    const before = rc.stats.requests;
    const again = await rc.readRange(`${base}/big-0.tif`, 1000, 1099);
    expect([...again.bytes]).toEqual([...results[0].bytes]);
    expect(rc.stats.requests).toBe(before);
  });

  it('tells the user on the source that its server ignores Range', async () => {
    const svc = createCatalogService({
      getSettings: async () => settingsWith([{ id: 'web', kind: 'stac', location: `${base}/catalog.json` }]),
      sampleDataDir: tempDir(),
      cacheDir: tempDir('nigah-cache-'),
    });
    await svc.list();
    // The header read goes through the capped proxy (the bytes are not a TIFF: a coded error).
    await svc
      .get('web:x')
      .catch((e) => expect(e.code).toMatch(/CORRUPT_TIFF|UNSUPPORTED_TIFF|NOT_FOUND|HTTP/));
    const web = (await svc.sources()).find((x) => x.id === 'web');
    expect(web?.notices?.map((n) => n.message)).toEqual([expect.stringMatching(/ignores range requests/)]);
    for (const n of sent) expect(n).toBeLessThan(64 * 1024 * 1024);
  });
});
