/**
 * Orthorectifying a Level-1A package from the app (browser mode, Debian's Chromium, `npm run build`
 * beforehand): the package is listed as not map-projected with an "Orthorectify" action; with a
 * constant height it becomes a drawn scene, stored in the offline store of the user's data folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT, packageXml, writePackage } from '../ortho/fixtures';
import { e2eSkip, useApp } from './helpers/app';
import { waitForMark } from './helpers/launch';

const NO_CHROMIUM = e2eSkip('e2e');

describe.skipIf(NO_CHROMIUM)('Orthorectify in the app', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nigah-e2e-ortho-'));
  const user = path.join(root, 'user');

  const app = useApp({
    env: () => ({ NIGAH_USER_DATA: user }),
    prepare: writeFixtures,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  });

  function writeFixtures(): void {
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
  }

  it('turns the L1A package into a drawn scene kept in the offline store', async () => {
    const { page } = app.browser;
    const item = `[data-scene-id="cn:${PRODUCT}"]`;
    await page.goto(app.web.url);
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
    expect(app.browser.errors).toEqual([]);
  });
});
