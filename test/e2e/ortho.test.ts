/**
 * Orthorectifying a Level-1A package from the app (browser mode, Debian's Chromium, `npm run build`
 * beforehand): the package is listed as not map-projected with an "Orthorectify" action; with a
 * constant height it becomes a drawn scene, stored in the offline store of the user's data folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT, packageXml, writePackage } from '../ortho/fixtures';
import {
  type BrowserSession,
  hasChromium,
  launchChromium,
  missingBuild,
  startWeb,
  type WebProcess,
  waitForMark,
} from './helpers/launch';

const NO_CHROMIUM = !hasChromium();
if (NO_CHROMIUM)
  console.warn('e2e skipped: /usr/bin/chromium is missing (install the Debian package `chromium`).');

describe.skipIf(NO_CHROMIUM)('Orthorectify in the app', () => {
  let web: WebProcess;
  let browser: BrowserSession;
  const root = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-ortho-'));
  const user = path.join(root, 'user');

  beforeAll(async () => {
    const missing = missingBuild();
    if (missing) throw new Error(missing);
    writePackage(path.join(root, 'deliveries'), 240, 200, {
      xml: packageXml('<Gains>0.2 0.15 0.12 0.13</Gains>'),
    });
    mkdirSync(user);
    writeFileSync(
      path.join(user, 'settings.json'),
      JSON.stringify({
        sources: [
          {
            id: 'cn',
            kind: 'cresda',
            name: 'CRESDA deliveries',
            location: path.join(root, 'deliveries'),
            enabled: true,
          },
        ],
        cacheSizeMB: 256,
        language: 'en',
      }),
    );
    [web, browser] = await Promise.all([startWeb({ NIGAH_USER_DATA: user }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('turns the L1A package into a drawn scene kept in the offline store', async () => {
    const { page } = browser;
    const item = `[data-scene-id="cn:${PRODUCT}"]`;
    await page.goto(web.url);
    await page.waitForSelector(item);
    await waitForMark(page, 'mapFirstFrame');
    expect(await page.locator(item).innerText()).toMatch(/not map-projected/);
    await page.click(item);
    const controls = page.getByTestId('ortho-controls');
    await controls.waitFor({ state: 'visible' });
    await page.getByText('Constant height').click();
    await page.locator('.ortho-height').fill('350');
    const before = await page.evaluate(() => window.__nigahPerf?.sceneFirstPixels ?? 0);
    await page.getByTestId('orthorectify').click();
    await waitForMark(page, 'sceneFirstPixels', before, 60_000);
    await controls.waitFor({ state: 'detached' });
    expect(await page.locator(item).innerText()).not.toMatch(/not map-projected/);
    const store = path.join(user, 'offline', 'ortho');
    expect(existsSync(store)).toBe(true);
    const runs = readdirSync(store).filter((d) => !d.endsWith('.json'));
    expect(readdirSync(path.join(store, runs[0]))).toEqual([`${PRODUCT}.tif`]);
    expect(browser.errors).toEqual([]);
  });
});
