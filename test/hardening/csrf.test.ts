/**
 * Cross-site request forgery in browser mode, with a real Chromium: a page served from another
 * loopback port (same "site" for the SameSite cookie) tries to change the settings with a no-cors
 * fetch and with a text/plain form. Both must be refused; the app's own page still works.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/host/http';
import { resolvePaths } from '../../electron/host/paths';
import { type AppServices, createAppServices } from '../../electron/host/services';
import { CHROMIUM, hasChromium } from '../e2e/helpers/launch';

let tmp: string;
let app: AppServices;
let host: WebHost;
let evil: http.Server;
let evilOrigin: string;

const EVIL_PAGE = (target: string) => `<!doctype html><title>evil</title>
<iframe name="sink"></iframe>
<form id="f" method="POST" enctype="text/plain" target="sink" action="${target}/api/settings/update">
<input name='{"args":[{"cacheSizeMB":17}],"x":"' value='"}'></form>`;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nigah-csrf-'));
  const rendererDir = path.join(tmp, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><head><title>Nigah</title></head>',
  );
  app = createAppServices({ ...resolvePaths({ userDataDir: path.join(tmp, 'user') }), rendererDir }, 'web');
  host = await startWebHost({ services: app.services, raster: app.raster, rendererDir, port: 0 });
  const target = `http://127.0.0.1:${host.port}`;
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(EVIL_PAGE(target));
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await host?.close();
  await new Promise((r) => evil?.close(r));
  await fs.rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasChromium())('CSRF in browser mode (needs the chromium Debian package)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a no-cors fetch and a text/plain form from another loopback port', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(host.url); // the session cookie is set for 127.0.0.1
    const before = (await app.settings.get()).cacheSizeMB;
    await page.goto(evilOrigin);
    const target = `http://127.0.0.1:${host.port}`;
    await page.evaluate(async (t) => {
      await fetch(`${t}/api/settings/update`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ args: [{ cacheSizeMB: 18 }] }),
      });
    }, target);
    const [reply] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/settings/update') && r.request().method() === 'POST',
      ),
      page.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit()),
    ]);
    expect(reply.status()).toBe(403);
    expect((await app.settings.get()).cacheSizeMB).toBe(before);

    // The app's own page, sending what its client sends, still changes settings.
    await page.goto(`${target}/`);
    const status = await page.evaluate(async () => {
      const csrf = document.querySelector('meta[name="nigah-csrf"]')?.getAttribute('content') ?? '';
      const res = await fetch('/api/settings/update', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-nigah-csrf': csrf },
        body: JSON.stringify({ args: [{ cacheSizeMB: 19 }] }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    expect((await app.settings.get()).cacheSizeMB).toBe(19);
    await ctx.close();
  });
});

describe('CSRF checks without a browser', () => {
  const cookie = async () => {
    const entry = await fetch(host.url, { redirect: 'manual' });
    return (entry.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const post = async (headers: Record<string, string>, body = '{"args":[]}') =>
    fetch(`http://127.0.0.1:${host.port}/api/app/info`, {
      method: 'POST',
      headers: { cookie: await cookie(), ...headers },
      body,
    });

  it('refuses cross-site, foreign-origin, non-JSON and header-less calls with coded errors', async () => {
    const json = { 'content-type': 'application/json', 'x-nigah-csrf': host.csrf };
    expect((await post(json)).status).toBe(200);
    const cases: [Record<string, string>, number][] = [
      [{ ...json, 'sec-fetch-site': 'same-site' }, 403],
      [{ ...json, 'sec-fetch-site': 'cross-site' }, 403],
      [{ ...json, origin: 'http://127.0.0.1:1' }, 403],
      [{ ...json, 'content-type': 'text/plain' }, 415],
      [{ 'content-type': 'application/json' }, 403],
      [{ ...json, 'x-nigah-csrf': 'guess' }, 403],
    ];
    for (const [headers, status] of cases) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toMatch(/FORBIDDEN|BAD_ARGUMENT/);
    }
  });

  it('answers 413 with a clear message for a body that is only too large', async () => {
    const big = JSON.stringify({ args: [{ pad: 'x'.repeat(2 << 20) }] });
    const res = await post({ 'content-type': 'application/json', 'x-nigah-csrf': host.csrf }, big);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TOO_LARGE');
    expect(body.error.message).toMatch(/larger than 1 MB/);
  });
});
