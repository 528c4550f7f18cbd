/**
 * `npm start` on a machine without the Electron binary: it must start browser mode itself, print the
 * URL, try to open a browser without failing when there is none, and serve the app at that URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { missingBuild } from '../e2e/helpers/launch';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const hasBinary = existsSync(path.join(electronDir, 'path.txt'));
const built = missingBuild();

let child: ChildProcess | null = null;
let userData: string | null = null;
afterEach(() => {
  child?.kill('SIGTERM');
  child = null;
  if (userData) rmSync(userData, { recursive: true, force: true });
});

/** Runs scripts/start.mjs and resolves with its output once the URL line is printed. */
function start(env: Record<string, string>): Promise<{ out: string; url: string }> {
  userData = mkdtempSync(path.join(os.tmpdir(), 'nigah-start-'));
  const proc = spawn(process.execPath, ['scripts/start.mjs', '--user-data', userData], {
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...env },
  });
  child = proc;
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${out}`)), 30_000);
    const take = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ out, url: m[1] });
      }
    };
    proc.stdout.on('data', take);
    proc.stderr.on('data', take);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited with ${code}:\n${out}`));
    });
  });
}

describe.skipIf(hasBinary || built !== null)(
  `npm start without the Electron binary${built ? ` (skipped: ${built})` : ''}`,
  () => {
    it('starts browser mode itself, prints the URL and serves the app there', async () => {
      const { out, url } = await start({ NIGAH_NO_BROWSER: '1' });
      expect(out).toMatch(/desktop window is not available: ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
      expect(out).toMatch(/Starting browser mode instead/);
      expect(out).not.toMatch(/\n\s+at /); // no stack trace
      const entry = await fetch(url, { redirect: 'manual' });
      expect(entry.status).toBe(302);
      const cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0];
      const page = await fetch(new URL('/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<meta name="nigah-csrf"/);
    });

    it('does not fail when no browser can be opened', async () => {
      // A PATH with node only: there is no xdg-open/open to call.
      const { url } = await start({ PATH: path.dirname(process.execPath) });
      await new Promise((r) => setTimeout(r, 300));
      expect(child?.exitCode).toBeNull();
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);
    });
  },
);
