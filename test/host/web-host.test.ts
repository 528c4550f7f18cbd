import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/host/http';
import { resolvePaths } from '../../electron/host/paths';
import { createAppServices } from '../../electron/host/services';

let tmp: string;
let host: WebHost;
let base: string;
let cookie: string;
let tiff: string;

async function call(service: string, method: string, args: unknown[], withCookie = true) {
  const res = await fetch(`${base}/api/${service}/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-nigah-csrf': host.csrf,
      ...(withCookie ? { cookie } : {}),
    },
    body: JSON.stringify({ args }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } },
  };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-web-'));
  const rendererDir = path.join(tmp, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Nigah test</title>');
  const scenes = path.join(tmp, 'scenes');
  await fs.mkdir(scenes);
  tiff = path.join(scenes, 'tiny.tif');
  // The first bytes of a little-endian classic TIFF and some padding: enough for Range checks.
  await fs.writeFile(
    tiff,
    Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), Buffer.alloc(992, 7)]),
  );
  const paths = { ...resolvePaths({ userDataDir: path.join(tmp, 'user') }), rendererDir };
  const app = createAppServices(paths, 'web');
  const current = await app.settings.get();
  await app.settings.update({
    sources: [
      ...current.sources,
      { id: 'local', kind: 'folder', name: 'Local', location: scenes, enabled: true },
    ],
  });
  host = await startWebHost({ services: app.services, raster: app.raster, rendererDir, port: 0 });
  base = `http://127.0.0.1:${host.port}`;
  const entry = await fetch(host.url, { redirect: 'manual' });
  expect(entry.status).toBe(302);
  cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0];
});

afterAll(async () => {
  await host?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('browser-mode host', () => {
  it('binds loopback only and serves the renderer with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Nigah test');
  });

  it('swaps the session key for an HttpOnly SameSite cookie', () => {
    expect(cookie).toBe(`nigah_session=${host.token}`);
  });

  it('refuses API calls without the session and with a wrong key', async () => {
    const r = await call('app', 'info', [], false);
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('UNAUTHORIZED');
    const wrong = await fetch(`${base}/?token=not-the-key`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example:80' } },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res).toBe(403);
  });

  it('dispatches typed calls and returns errors as data', async () => {
    const info = await call('app', 'info', []);
    expect(info.body).toMatchObject({ ok: true, value: { name: 'Nigah', host: 'web' } });
    const bad = await call('catalog', 'get', [42]);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error?.code).toBe('BAD_ARGUMENT');
    expect(bad.body.error?.message).toMatch(/catalog\.get/);
    const unknown = await call('shell', 'exec', ['rm -rf /']);
    expect(unknown.body.error?.code).toBe('BAD_ARGUMENT');
    const missing = await call('catalog', 'get', ['no-such-scene']);
    expect(missing.body.ok).toBe(false);
  });

  it('serves raster bytes by range inside a source, and refuses files outside', async () => {
    const href = pathToFileURL(tiff).href;
    const res = await fetch(`${base}/raster?href=${encodeURIComponent(href)}`, {
      headers: { cookie, range: 'bytes=0-3' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-3/1000');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x49, 0x49, 0x2a, 0x00]);
    const tail = await fetch(`${base}/raster?href=${encodeURIComponent(href)}`, {
      headers: { cookie, range: 'bytes=998-' },
    });
    expect(tail.headers.get('content-range')).toBe('bytes 998-999/1000');
    const outside = await fetch(
      `${base}/raster?href=${encodeURIComponent(pathToFileURL('/etc/passwd').href)}`,
      {
        headers: { cookie, range: 'bytes=0-10' },
      },
    );
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('OUTSIDE_ROOT');
    const escapeHref = `${pathToFileURL(path.dirname(tiff)).href}/../../../etc/passwd`;
    const esc = await fetch(`${base}/raster?href=${encodeURIComponent(escapeHref)}`, { headers: { cookie } });
    expect(esc.status).toBe(403);
  });

  it('says clearly when the port is taken', async () => {
    const app = createAppServices(resolvePaths({ userDataDir: path.join(tmp, 'user2') }), 'web');
    await expect(
      startWebHost({ services: app.services, raster: app.raster, rendererDir: tmp, port: host.port }),
    ).rejects.toMatchObject({ code: 'PORT_IN_USE', message: expect.stringContaining(String(host.port)) });
  });
});

const webEntry = path.resolve('dist/electron/web.cjs');
describe.skipIf(!existsSync(webEntry))('npm run web (built host process)', () => {
  it('prints its URL and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [webEntry, '--port', '0', '--user-data', path.join(tmp, 'user3')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('reports a port in use and exits non-zero', async () => {
    const child = spawn(process.execPath, [webEntry, '--port', String(host.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`Port ${host.port} .*already in use`));
  });
});

describe('source status', () => {
  it('counts a newly added source without a listing first, and shows its current name', async () => {
    const app = createAppServices(resolvePaths({ userDataDir: path.join(tmp, 'user4') }), 'web');
    const s = await app.settings.get();
    await app.settings.update({
      sources: [
        ...s.sources,
        { id: 'local', kind: 'folder', name: 'Field copies', location: path.dirname(tiff), enabled: true },
      ],
    });
    const status = await app.services.catalog.sources();
    const local = status.find((x) => x.id === 'local');
    expect(local?.name).toBe('Field copies');
    // The folder holds one (invalid) file: either a scene or a problem is reported, never silence.
    expect((local?.sceneCount ?? 0) > 0 || local?.error !== undefined).toBe(true);
    const sample = status.find((x) => x.id === 'sample');
    expect(sample?.sceneCount).toBe(3);
  });
});
