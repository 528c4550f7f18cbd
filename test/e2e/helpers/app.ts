/**
 * The setup every e2e file shares: whether it can run at all (Debian's Chromium, the build) and
 * the web host plus Chromium started before its tests and closed after them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  type BrowserSession,
  hasChromium,
  launchChromium,
  missingBuild,
  startWeb,
  type WebProcess,
  waitForMark,
} from './launch';

/**
 * True when the file's tests must skip; then says why on the console, naming the Debian package.
 * Without `skipWithoutBuild` a missing dist/ is not a skip: the setup fails saying what to run.
 */
export function e2eSkip(label: string, opts: { skipWithoutBuild?: boolean } = {}): boolean {
  if (!hasChromium()) {
    console.warn(`${label} skipped: /usr/bin/chromium is missing (install the Debian package \`chromium\`).`);
    return true;
  }
  const missing = opts.skipWithoutBuild ? missingBuild() : null;
  if (missing) console.warn(`${label} skipped: ${missing}`);
  return missing !== null;
}

export interface AppOptions {
  viewport?: { width: number; height: number };
  /** Environment of the web host, read when it starts (after `prepare`). */
  env?: () => Record<string, string>;
  /** Work before the host starts: fixtures, settings, test servers. */
  prepare?: () => Promise<void> | void;
  /** Opens the app's URL once started; 'first-frame' also waits for the map's first frame. */
  open?: 'url' | 'first-frame';
  /** Work after the browser and host are closed. */
  cleanup?: () => Promise<void> | void;
}

export interface App {
  readonly web: WebProcess;
  readonly browser: BrowserSession;
  readonly page: Page;
  /** Stops the web host and starts a new one with the same environment (a relaunch). */
  restartWeb(): Promise<WebProcess>;
}

/** Registers beforeAll/afterAll in the calling suite; the returned handles are live once it ran. */
export function useApp(opts: AppOptions = {}): App {
  let web: WebProcess | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    const missing = missingBuild();
    if (missing) throw new Error(missing);
    await opts.prepare?.();
    [web, browser] = await Promise.all([startWeb(opts.env?.()), launchChromium(opts.viewport)]);
    if (opts.open) await browser.page.goto(web.url);
    if (opts.open === 'first-frame') await waitForMark(browser.page, 'mapFirstFrame');
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await opts.cleanup?.();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the app is not started: use it inside the tests of its suite');
    return v;
  };
  return {
    get web() {
      return started(web);
    },
    get browser() {
      return started(browser);
    },
    get page() {
      return started(browser).page;
    },
    async restartWeb() {
      await started(web).stop();
      web = await startWeb(opts.env?.());
      return web;
    },
  };
}
