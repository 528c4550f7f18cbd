/**
 * Browser mode's POST /upload: the same session and CSRF checks as /api, a size cap answered with
 * 413, bytes stored exactly as sent under the uploads folder, names reduced to a plain file name
 * (no traversal), the files of one pick side by side, and never a file replaced.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/host/http';
import { resolvePaths } from '../../electron/host/paths';
import { type AppServices, createAppServices } from '../../electron/host/services';
import { pruneUploads, sanitizeUploadName } from '../../electron/host/upload';

const LIMIT = 64 * 1024;
const hasOgr = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn(
      'ogr2ogr not found: install the Debian package gdal-bin for the loose Shapefile upload check.',
    );
    return false;
  }
})();
let app: AppServices;
let tmp: string;
let uploads: string;
let host: WebHost;
let cookie: string;

interface Reply {
  ok: boolean;
  value?: { path: string; batch: string; name: string; size: number };
  error?: { code: string; message: string };
}

async function upload(
  name: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
  batch?: string,
): Promise<{ status: number; body: Reply }> {
  const q = new URLSearchParams({ name, ...(batch ? { batch } : {}) });
  const res = await fetch(`http://127.0.0.1:${host.port}/upload?${q}`, {
    method: 'POST',
    headers: {
      cookie,
      'content-type': 'application/octet-stream',
      'x-nigah-csrf': host.csrf,
      ...headers,
    },
    body: body as Uint8Array<ArrayBuffer>,
  });
  return { status: res.status, body: (await res.json()) as Reply };
}

/** Every file under the uploads folder (temp files included), relative to it. */
async function stored(): Promise<string[]> {
  const entries = await fs.readdir(uploads, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(uploads, path.join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-upload-'));
  const rendererDir = path.join(tmp, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Nigah</title>');
  uploads = path.join(tmp, 'user', 'uploads');
  app = createAppServices({ ...resolvePaths({ userDataDir: path.join(tmp, 'user') }), rendererDir }, 'web');
  host = await startWebHost({
    services: app.services,
    raster: app.raster,
    rendererDir,
    port: 0,
    uploadsDir: uploads,
    uploadLimit: LIMIT,
  });
  const entry = await fetch(host.url, { redirect: 'manual' });
  cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0];
});

afterAll(async () => {
  await host?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('POST /upload', () => {
  it('refuses foreign origins, other sites, missing CSRF header, forms and no session; stores nothing', async () => {
    const bytes = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    const cases: [Record<string, string>, number][] = [
      [{ origin: 'http://127.0.0.1:1' }, 403],
      [{ 'sec-fetch-site': 'cross-site' }, 403],
      [{ 'sec-fetch-site': 'same-site' }, 403],
      [{ 'x-nigah-csrf': 'guess' }, 403],
      [{ 'content-type': 'multipart/form-data; boundary=x' }, 415],
      [{ 'content-type': 'text/plain' }, 415],
      [{ cookie: '' }, 401],
    ];
    for (const [headers, status] of cases) {
      const res = await upload('a.geojson', bytes, headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.body.ok).toBe(false);
      expect(res.body.error?.code).toMatch(/FORBIDDEN|BAD_ARGUMENT|UNAUTHORIZED/);
    }
    expect(await stored()).toEqual([]);
  });

  it('stores the bytes exactly as sent, inside the uploads folder', async () => {
    const bytes = randomBytes(LIMIT - 1);
    const res = await upload('dem tile.tif', bytes);
    expect(res.status).toBe(200);
    const value = res.body.value as NonNullable<Reply['value']>;
    expect(value.name).toBe('dem tile.tif');
    expect(value.size).toBe(bytes.length);
    expect(path.dirname(path.dirname(value.path))).toBe(uploads);
    expect(Buffer.compare(await fs.readFile(value.path), bytes)).toBe(0);
  });

  it('answers 413 over the cap, declared or streamed, and keeps nothing', async () => {
    const before = await stored();
    const declared = await upload('big.tif', randomBytes(LIMIT + 1));
    expect(declared.status).toBe(413);
    expect(declared.body.error?.code).toBe('TOO_LARGE');
    // Chunked, without Content-Length: the cap is enforced while streaming.
    const streamed = await new Promise<{ status: number; body: Reply }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/upload?name=big2.tif',
          headers: { cookie, 'content-type': 'application/octet-stream', 'x-nigah-csrf': host.csrf },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(randomBytes(LIMIT / 2));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error?.message).toMatch(/larger than the upload limit/);
    expect(await stored()).toEqual(before);
  });

  it('reduces names to a plain file name: no traversal out of the batch folder', async () => {
    const bytes = new TextEncoder().encode('x');
    for (const [given, want] of [
      ['../../x', 'x'],
      ['..\\..\\..\\evil.geojson', 'evil.geojson'],
      ['/etc/passwd', 'passwd'],
      ['..', 'upload'],
      ['.bashrc', 'bashrc'],
      ['a\u0000b\nc.kml', 'abc.kml'],
      ['CON.geojson', '_CON.geojson'],
    ]) {
      const res = await upload(given, bytes);
      expect(res.status, given).toBe(200);
      const value = res.body.value as NonNullable<Reply['value']>;
      expect(value.name, given).toBe(want);
      expect(value.path).toBe(path.join(uploads, value.batch, want));
    }
    expect(await fs.readdir(tmp)).toEqual(['renderer', 'user']);
    expect(await fs.readdir(path.join(tmp, 'user'))).not.toContain('x');
    expect(sanitizeUploadName(`${'a'.repeat(400)}.geojson`)).toMatch(/^a{172}\.geojson$/);
  });

  it('puts the files of one pick side by side and never replaces one', async () => {
    const shp = await upload('districts.shp', new Uint8Array([1, 2, 3]));
    const batch = shp.body.value?.batch as string;
    const dbf = await upload('districts.dbf', new Uint8Array([4, 5]), {}, batch);
    expect(dbf.status).toBe(200);
    expect(path.dirname(dbf.body.value?.path as string)).toBe(path.dirname(shp.body.value?.path as string));
    const again = await upload('districts.shp', new Uint8Array([9, 9, 9, 9]), {}, batch);
    expect(again.status).toBe(400);
    expect([...(await fs.readFile(shp.body.value?.path as string))]).toEqual([1, 2, 3]);
    const forged = await upload('x.shp', new Uint8Array([1]), {}, '../../etc');
    expect(forged.status).toBe(400);
    const gone = await upload('x.shp', new Uint8Array([1]), {}, '0123456789abcdef');
    expect(gone.status).toBe(404);
    expect((await stored()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!hasOgr)(
    'a loose Shapefile uploaded file by file is read from the stored .shp (needs gdal-bin)',
    async () => {
      const src = path.join(tmp, 'zones.geojson');
      const square = (x: number) => [
        [
          [x, 25],
          [x + 1, 25],
          [x + 1, 26],
          [x, 26],
          [x, 25],
        ],
      ];
      const features = ['Thatta', 'Sujawal', 'Badin'].map((name, i) => ({
        type: 'Feature',
        properties: { name },
        geometry: { type: 'Polygon', coordinates: square(67 + i) },
      }));
      await fs.writeFile(src, JSON.stringify({ type: 'FeatureCollection', features }));
      const shpDir = path.join(tmp, 'shp');
      await fs.mkdir(shpDir);
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', path.join(shpDir, 'zones.shp'), src]);
      let batch: string | undefined;
      let main = '';
      for (const ext of ['dbf', 'prj', 'shp', 'shx']) {
        const res = await upload(
          `zones.${ext}`,
          await fs.readFile(path.join(shpDir, `zones.${ext}`)),
          {},
          batch,
        );
        expect(res.status, ext).toBe(200);
        batch = res.body.value?.batch;
        if (ext === 'shp') main = res.body.value?.path as string;
      }
      const info = await app.services.boundaries.inspect(main);
      expect(info.featureCount).toBe(3);
      expect(info.fields.find((f) => f.name === 'name')?.samples).toEqual(
        expect.arrayContaining(['Thatta', 'Sujawal', 'Badin']),
      );
    },
  );

  it('app.pickPath answers NOT_AVAILABLE in browser mode', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/app/pickPath`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-nigah-csrf': host.csrf },
      body: JSON.stringify({ args: [{ kind: 'file' }] }),
    });
    expect(((await res.json()) as Reply).error?.code).toBe('NOT_AVAILABLE');
  });

  it('removes batches untouched for a week at start-up, and keeps recent ones', async () => {
    const old = await upload('old-dem.tif', new Uint8Array([1]));
    const fresh = await upload('new-dem.tif', new Uint8Array([2]));
    const oldDir = path.dirname(old.body.value?.path as string);
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await fs.utimes(old.body.value?.path as string, weekAgo, weekAgo);
    await fs.utimes(oldDir, weekAgo, weekAgo);
    const other = path.join(uploads, 'not-a-batch');
    await fs.mkdir(other);
    await fs.utimes(other, weekAgo, weekAgo);
    expect(await pruneUploads(uploads)).toEqual([oldDir]);
    expect(await fs.readFile(fresh.body.value?.path as string)).toEqual(Buffer.from([2]));
    expect((await fs.stat(other)).isDirectory()).toBe(true);
  });
});
