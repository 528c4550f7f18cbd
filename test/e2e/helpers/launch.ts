/**
 * Starting the real browser-mode host (`node dist/electron/web.cjs --port 0`) and Debian's Chromium
 * through playwright-core; shared by the e2e test and scripts/bench/app.bench.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_HOST = path.join(ROOT, 'dist/electron/web.cjs');
export const RENDERER_INDEX = path.join(ROOT, 'dist/renderer/index.html');

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Null when the builds are there; otherwise what to run. */
export function missingBuild(): string | null {
  if (!existsSync(WEB_HOST) || !existsSync(RENDERER_INDEX))
    return 'dist/ is missing: run `npm run build` first (npm test does it).';
  return null;
}

export interface WebProcess {
  url: string;
  origin: string;
  /** Date.now() just before spawn. */
  spawnedAt: number;
  /** Date.now() when the URL line arrived. */
  readyAt: number;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns the web host with its own user-data folder; resolves with the printed URL. */
export function startWeb(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<WebProcess> {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-user-'));
  const spawnedAt = Date.now();
  const proc = spawn(process.execPath, [WEB_HOST, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, NIGAH_USER_DATA: userData, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
    rmSync(userData, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`web host printed no URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Nigah is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout?.off('data', onData);
        proc.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
        });
        const url = m[1];
        resolve({
          url,
          origin: new URL(url).origin,
          spawnedAt,
          readyAt: Date.now(),
          proc,
          output: () => out,
          stop,
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${code}) before printing its URL:\n${out}`));
    });
  });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchChromium(
  viewport = { width: 1400, height: 860 },
  /** More Chromium switches (the app bench adds --disable-gpu-compositing). */
  extraArgs: string[] = [],
): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until window.__nigahPerf[key] is set (and newer than `after`), returns it. */
export async function waitForMark(page: Page, key: string, after = 0, timeoutMs = 20_000): Promise<number> {
  const handle = await page.waitForFunction(
    ({ key, after }) => {
      const v = (window as unknown as { __nigahPerf?: Record<string, number> }).__nigahPerf?.[key];
      return typeof v === 'number' && v > after ? v : null;
    },
    { key, after },
    { timeout: timeoutMs, polling: 10 },
  );
  return (await handle.jsonValue()) as number;
}

/** RGB at viewport CSS pixels, read from a PNG screenshot decoded by the page itself. */
export async function pixelsAt(page: Page, png: Buffer, points: [number, number][]): Promise<number[][]> {
  return page.evaluate(
    async ({ b64, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const scale = img.naturalWidth / window.innerWidth;
      return points.map(([x, y]) => {
        const d = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
        return [d[0], d[1], d[2]];
      });
    },
    { b64: png.toString('base64'), points },
  );
}
