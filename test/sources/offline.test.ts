import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAvailableOffline,
  type OfflineProgress,
  offlineScene,
  sceneFolder,
} from '../../electron/cache/offline';
import type { Scene } from '../../shared/scene';
import { tempDir, writeCogFile } from './helpers';
import { startServer, type TestServer } from './server';

const root = tempDir();
// Noisy values, so DEFLATE cannot shrink them: ~400 KB files, many network chunks.
const noise = (x: number, y: number, k: number): number =>
  ((Math.imul(x + 1, 2654435761) ^ Math.imul(y + k, 40503)) >>> 0) % 60000;
writeCogFile(path.join(root, 'red.tif'), {
  width: 400,
  height: 400,
  tileSize: 64,
  value: (x, y) => noise(x, y, 1),
});
writeCogFile(path.join(root, 'nir.tif'), {
  width: 400,
  height: 400,
  tileSize: 64,
  value: (x, y) => noise(x, y, 7),
});
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ root });
});
afterAll(async () => {
  await srv.close();
});

function scene(id: string, route: string): Scene {
  const band = (name: string, file: string) => ({
    name,
    role: name === 'red' ? ('red' as const) : ('nir' as const),
    href: `${srv.url}/${route}/${file}`,
    sample: 0,
    width: 400,
    height: 400,
    geotransform: [600000, 10, 0, 2950000, 0, -10] as [number, number, number, number, number, number],
    dataType: 'uint16' as const,
    nodata: 0,
    scale: 1,
    offset: 0,
  });
  return {
    id,
    title: id,
    datetime: null,
    cloudCover: null,
    crs: 'EPSG:32642',
    bbox: [0, 0, 1, 1],
    footprint: { type: 'Polygon', coordinates: [] },
    bands: [band('red', 'red.tif'), band('nir', 'nir.tif')],
    synthetic: true,
    notices: [],
    drawable: true,
    provenance: { source: 'web', href: srv.url },
  };
}

describe('make available offline', () => {
  it('downloads every asset with progress; offlineScene points at identical local copies', async () => {
    const dir = tempDir('nigah-offline-');
    const s = scene('web:one', 'files');
    const events: OfflineProgress[] = [];
    const m = await makeAvailableOffline(s, { dir, onProgress: (p) => events.push(p) });
    expect(m.complete).toBe(true);
    const off = (await offlineScene(s, dir))!;
    for (const [i, b] of off.bands.entries()) {
      const local = fileURLToPath(b.href);
      expect(readFileSync(local).equals(readFileSync(path.join(root, i === 0 ? 'red.tif' : 'nir.tif')))).toBe(
        true,
      );
    }
    const last = events[events.length - 1];
    const total = statSync(path.join(root, 'red.tif')).size + statSync(path.join(root, 'nir.tif')).size;
    expect(last.doneBytes).toBe(total);
    expect(last.fileIndex).toBe(1);
    expect(events.every((e, i) => i === 0 || e.doneBytes >= events[i - 1].doneBytes)).toBe(true);
  });

  it('cancel keeps the partial file; a second call resumes with a Range request and completes', async () => {
    const dir = tempDir('nigah-offline-');
    const s = scene('web:two', 'slowfile');
    const ctl = new AbortController();
    let partial = 0;
    await expect(
      makeAvailableOffline(s, {
        dir,
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.fileBytes >= 32 * 1024 && !ctl.signal.aborted) {
            partial = p.fileBytes;
            ctl.abort();
          }
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    const folder = sceneFolder(dir, s.id);
    const part = path.join(folder, 'red.tif.part');
    expect(statSync(part).size).toBeGreaterThanOrEqual(partial);
    expect(await offlineScene(s, dir)).toBeNull();
    const have = statSync(part).size;
    await makeAvailableOffline(s, { dir });
    expect(srv.log).toContain(`GET /slowfile/red.tif bytes=${have}-`);
    expect(existsSync(part)).toBe(false);
    const off = (await offlineScene(s, dir))!;
    expect(
      readFileSync(fileURLToPath(off.bands[0].href)).equals(readFileSync(path.join(root, 'red.tif'))),
    ).toBe(true);
  });

  it('a connection dropped mid-file → NETWORK; the retry resumes from the bytes received', async () => {
    const dir = tempDir('nigah-offline-');
    const s = scene('web:three', 'flaky');
    // Each file drops on its first request: red fails, then red resumes and nir fails, then nir resumes.
    await expect(makeAvailableOffline(s, { dir })).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(makeAvailableOffline(s, { dir })).rejects.toMatchObject({ code: 'NETWORK' });
    await makeAvailableOffline(s, { dir });
    expect(srv.log.some((l) => /^GET \/flaky\/nir\.tif bytes=\d+-$/.test(l))).toBe(true);
    expect(srv.log.some((l) => /^GET \/flaky\/red\.tif bytes=\d+-$/.test(l))).toBe(true);
    const off = (await offlineScene(s, dir))!;
    expect(
      readFileSync(fileURLToPath(off.bands[0].href)).equals(readFileSync(path.join(root, 'red.tif'))),
    ).toBe(true);
    expect(
      readFileSync(fileURLToPath(off.bands[1].href)).equals(readFileSync(path.join(root, 'nir.tif'))),
    ).toBe(true);
  });

  it('HTTP 404 on an asset → HTTP error naming it', async () => {
    const dir = tempDir('nigah-offline-');
    const s = scene('web:four', 'files');
    s.bands[1].href = `${srv.url}/files/missing.tif`;
    await expect(makeAvailableOffline(s, { dir })).rejects.toMatchObject({
      code: 'HTTP',
      details: { status: 404 },
    });
  });
});
